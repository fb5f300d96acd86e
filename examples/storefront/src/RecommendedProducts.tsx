import { ImpressionTracker } from 'react-personalize';
import { type RecommendationList, useRecommendations } from 'react-personalize/query';
import { findProduct } from './catalog';
import { ProductCard } from './ProductCard';

/** Props of a recommended list. */
export interface RecommendedProductsProps {
  title: string;
  /** The product the list is related to (a product page), or none (the home page). */
  itemId?: string;
  navigate: (path: string) => void;
}

/**
 * A list from the demo's recommendations route through `useRecommendations` (cached per user, refetched once a
 * purchase has been delivered), inside an `ImpressionTracker`: clicks carry its recommendationId and impression.
 */
export function RecommendedProducts({ title, itemId, navigate }: RecommendedProductsProps) {
  const recommendations = useRecommendations({
    queryKey: ['recommendations', itemId ?? 'home'],
    queryFn: async ({ userId, sessionId, signal }) => {
      const query = new URLSearchParams({ user: userId ?? sessionId ?? 'anonymous' });
      if (itemId) query.set('item', itemId);
      const response = await fetch(`/api/recommendations?${query}`, { signal });
      if (!response.ok) throw new Error(`recommendations: HTTP ${response.status}`);
      return (await response.json()) as RecommendationList;
    },
    refetchOnEventTypes: ['purchase'],
  });
  return (
    <section className="shelf" aria-labelledby={`shelf-${itemId ?? 'home'}`}>
      <h2 id={`shelf-${itemId ?? 'home'}`}>{title}</h2>
      {recommendations.isPending && <p className="muted">Loading recommendations…</p>}
      {recommendations.isError && <p className="muted">Could not load recommendations.</p>}
      {recommendations.itemIds.length > 0 && (
        <ImpressionTracker
          as="ul"
          className="shelf__list"
          aria-label={title}
          data-recommendation-id={recommendations.recommendationId}
          recommendationId={recommendations.recommendationId}
          itemIds={recommendations.itemIds}
        >
          {recommendations.itemList.map((item) => {
            const product = findProduct(item.itemId);
            return product ? <ProductCard key={item.itemId} product={product} navigate={navigate} /> : null;
          })}
        </ImpressionTracker>
      )}
    </section>
  );
}
