import { ImpressionTracker, LIMITS, validateEvent } from 'react-personalize';
import { RecommendedItem } from './RecommendedItem';

const recommendations = {
  recommendationId: 'RID-home-1',
  items: [
    { itemId: 'tent-2p', name: 'Two-person tent' },
    { itemId: 'stove-1', name: 'Camping stove' },
    { itemId: 'lamp-9', name: 'Head lamp' },
  ],
};

/**
 * A Server Component: it calls core functions of the root entry while rendering on the server, and renders
 * ImpressionTracker (a Client Component) around the recommended items.
 */
export default function HomePage() {
  const issues = validateEvent({ eventType: 'click', itemId: '' });
  return (
    <main>
      <h1>Recommended for you</h1>
      <p data-testid="server-validation">
        Checked on the server: {issues.map((issue) => issue.message).join('; ')} (item IDs: at most {LIMITS.id}{' '}
        characters)
      </p>
      <ImpressionTracker
        as="ul"
        itemIds={recommendations.items.map((item) => item.itemId)}
        recommendationId={recommendations.recommendationId}
      >
        {recommendations.items.map((item) => (
          <RecommendedItem key={item.itemId} itemId={item.itemId} name={item.name} />
        ))}
      </ImpressionTracker>
    </main>
  );
}
