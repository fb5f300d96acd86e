import { useContext, useEffect } from 'react';
import { ImpressionTracker } from 'react-personalize';
import { type RecommendationList, useRecommendations } from 'react-personalize/query';
import { findProduct } from './catalog';
import { ProductCard } from './ProductCard';
import { ShelvesContext } from './shelves';
import { SEEN_EVENT_TYPE } from './useSeen';

/** Props of a recommended list. */
export interface RecommendedProductsProps {
  title: string;
  /** The shelf's name: each has its own order. */
  list: string;
  /** A grid of rows, or a carousel that scrolls sideways. */
  layout: 'grid' | 'carousel';
  /** How many items to ask for. */
  count: number;
  /** The product the list is related to (a product page), or none. */
  itemId?: string;
  navigate: (path: string) => void;
}

/**
 * A list from the demo's recommendations route through `useRecommendations` (cached per user, refetched once a
 * purchase has been delivered), inside an `ImpressionTracker`: clicks carry its recommendationId and the impression
 * of the cards seen, and each card shows when it counts as seen.
 */
export function RecommendedProducts({ title, list, layout, count, itemId, navigate }: RecommendedProductsProps) {
  const recommendations = useRecommendations({
    queryKey: ['recommendations', list, itemId ?? null, count],
    queryFn: async ({ userId, sessionId, signal }) => {
      const query = new URLSearchParams({ list, count: String(count) });
      if (userId) query.set('user', userId);
      if (sessionId) query.set('session', sessionId);
      if (itemId) query.set('item', itemId);
      const response = await fetch(`/api/recommendations?${query}`, { signal });
      if (!response.ok) throw new Error(`recommendations: HTTP ${response.status}`);
      return (await response.json()) as RecommendationList;
    },
    refetchOnEventTypes: ['purchase'],
  });
  const { recommendationId, itemIds } = recommendations;
  const shelves = useContext(ShelvesContext);
  useEffect(() => {
    if (recommendationId) shelves.set(recommendationId, { title, itemIds });
  }, [shelves, recommendationId, title, itemIds]);

  const headingId = `shelf-${list}`;
  return (
    <section className="shelf" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {recommendations.isPending && <p className="muted">Loading recommendations…</p>}
      {recommendations.isError && <p className="muted">Could not load recommendations.</p>}
      {itemIds.length > 0 && (
        <ImpressionTracker
          as="ul"
          className={layout === 'carousel' ? 'shelf__list shelf__list--carousel' : 'shelf__list'}
          aria-label={title}
          data-recommendation-id={recommendationId}
          recommendationId={recommendationId}
          itemIds={itemIds}
          viewEventType={SEEN_EVENT_TYPE}
        >
          {recommendations.itemList.map((item) => {
            const product = findProduct(item.itemId);
            return product ? (
              <ProductCard
                key={item.itemId}
                product={product}
                recommendationId={recommendationId}
                navigate={navigate}
              />
            ) : null;
          })}
        </ImpressionTracker>
      )}
    </section>
  );
}
