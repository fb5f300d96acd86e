import type { Meta, StoryObj } from '@storybook/react-vite';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { ImpressionTracker, useTrackEvent } from 'react-personalize';
import { type RecommendationList, useRecommendations } from 'react-personalize/query';
import { expect, waitFor } from 'storybook/test';
import { products } from '../support/catalog';
import { ProductCard } from '../support/ProductCard';
import { useViewedItems } from '../support/useViewedItems';

/** Args of the useRecommendations stories. */
interface ShelfProps {
  /** Items the fake recommender returns. */
  itemCount: number;
  /** Milliseconds the fake recommender takes to answer. */
  latency: number;
}

const catalog = products(12);

/** A stand-in for GetRecommendations: the catalog minus what was bought, with a new recommendationId each time. */
function fakeRecommender(bought: Set<string>, itemCount: number, latency: number) {
  let response = 0;
  return async (): Promise<RecommendationList> => {
    await new Promise((resolve) => setTimeout(resolve, latency));
    response += 1;
    return {
      recommendationId: `rec-shelf-${response}`,
      itemList: catalog
        .filter((product) => !bought.has(product.itemId))
        .slice(0, itemCount)
        .map((product) => ({ itemId: product.itemId })),
    };
  };
}

function Shelf({ itemCount, latency }: ShelfProps) {
  const [bought] = useState(() => new Set<string>());
  const [queryFn] = useState(() => fakeRecommender(bought, itemCount, latency));
  const recs = useRecommendations({ queryKey: ['story-shelf'], queryFn, refetchOnEventTypes: ['purchase'] });
  const track = useTrackEvent();
  const viewed = useViewedItems('view');
  const first = recs.itemIds[0];
  return (
    <section>
      <div className="rp-toolbar">
        <button
          type="button"
          className="rp-button rp-button--primary"
          disabled={!first}
          onClick={() => {
            bought.add(first);
            track({ eventType: 'purchase', itemId: first, eventValue: 20 });
          }}
        >
          Buy the first item
        </button>
      </div>
      <p className="rp-note" role="status">
        {recs.isPending ? 'Loading…' : `${recs.recommendationId}: ${recs.itemIds.length} items`}
      </p>
      {recs.itemIds.length > 0 && (
        <ImpressionTracker
          as="ul"
          className="rp-grid"
          aria-label="Recommended"
          recommendationId={recs.recommendationId}
          itemIds={recs.itemIds}
          viewEventType="view"
        >
          {recs.itemIds.map((itemId) => (
            <ProductCard
              key={itemId}
              product={catalog.find((product) => product.itemId === itemId)!}
              viewed={viewed.has(itemId)}
            />
          ))}
        </ImpressionTracker>
      )}
    </section>
  );
}

/** The shelf inside its own QueryClientProvider (the recorder comes from the global withPersonalize decorator). */
function RecommendedShelf(props: ShelfProps) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false } } }));
  return (
    <QueryClientProvider client={client}>
      <Shelf {...props} />
    </QueryClientProvider>
  );
}

const meta = {
  title: 'Query/useRecommendations',
  component: RecommendedShelf,
  args: { itemCount: 6, latency: 300 },
  argTypes: {
    itemCount: { control: { type: 'number', min: 1, max: 12 }, table: { category: 'story' } },
    latency: { control: { type: 'number', min: 0, step: 100 }, table: { category: 'story' } },
  },
  parameters: {
    docs: {
      description: {
        component: `\`useRecommendations({ queryKey, queryFn, refetchOnEventTypes?, …useQuery options })\` from
\`react-personalize/query\` fetches a list with TanStack Query, cached per user (the recorder's user, or its session,
is appended to the key), and returns \`useQuery\`'s result plus \`recommendationId\`, \`itemList\` and \`itemIds\` for
\`ImpressionTracker\`. With \`refetchOnEventTypes: ['purchase']\` the list is refetched once a purchase has been
*sent*. Reference: docs/query.md.`,
      },
    },
  },
} satisfies Meta<typeof RecommendedShelf>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Buy the first item: once the purchase is sent, the list is fetched again without it, under a new recommendationId. */
export const RefetchAfterPurchase: Story = {
  play: async ({ canvas, userEvent }) => {
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('rec-shelf-1: 6 items'));
    await userEvent.click(canvas.getByRole('button', { name: 'Buy the first item' }));
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('rec-shelf-2: 6 items'), {
      timeout: 10_000,
    });
    const items = [...canvas.getByRole('list', { name: 'Recommended' }).querySelectorAll<HTMLElement>('.rp-card')];
    expect(items.map((item) => item.dataset.itemId)).not.toContain('item-1');
  },
};
