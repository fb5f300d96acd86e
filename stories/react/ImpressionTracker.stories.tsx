import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useRef, useState } from 'react';
import { ImpressionTracker } from 'react-personalize';
import { expect, waitFor } from 'storybook/test';
import { type Product, products } from '../support/catalog';
import { ProductCard } from '../support/ProductCard';
import { useViewedItems } from '../support/useViewedItems';

/** Args of the recommendation list stories. */
interface RecommendationsProps {
  /** How the list is laid out. */
  layout: 'carousel' | 'grid' | 'feed';
  /** Share of a card (0–1) that must be on screen. */
  threshold: number;
  /** How long (ms) it must stay there. */
  minDwellMs: number;
  /** The event type recorded per viewed item (cards turn green when it is recorded). */
  viewEventType?: string;
  /** Items per list (per page in the feed). */
  itemCount: number;
}

interface ListProps extends Omit<RecommendationsProps, 'layout' | 'itemCount'> {
  recommendationId: string;
  items: Product[];
  className: string;
}

function RecommendationList({ recommendationId, items, className, threshold, minDwellMs, viewEventType }: ListProps) {
  const viewed = useViewedItems(viewEventType);
  return (
    <ImpressionTracker
      as="ul"
      className={className}
      aria-label={`Recommendations ${recommendationId}`}
      recommendationId={recommendationId}
      itemIds={items.map((item) => item.itemId)}
      threshold={threshold}
      minDwellMs={minDwellMs}
      viewEventType={viewEventType}
    >
      {items.map((product) => (
        <ProductCard key={product.itemId} product={product} viewed={viewed.has(product.itemId)} />
      ))}
    </ImpressionTracker>
  );
}

const MAX_PAGES = 6;

function Feed(props: Omit<RecommendationsProps, 'layout'>) {
  const { itemCount, ...list } = props;
  const [pages, setPages] = useState(1);
  const sentinel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = sentinel.current;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      ([entry]) => {
        if (entry?.isIntersecting) setPages((count) => Math.min(MAX_PAGES, count + 1));
      },
      { root: element.closest('.rp-feed') },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return (
    <div className="rp-feed" data-testid="feed">
      {Array.from({ length: pages }, (_, page) => (
        <RecommendationList
          // biome-ignore lint/suspicious/noArrayIndexKey: pages only ever grow; the index is the page's identity.
          key={page}
          {...list}
          className="rp-feed__list"
          recommendationId={`rec-feed-${page + 1}`}
          items={products(itemCount, page * itemCount)}
        />
      ))}
      <div ref={sentinel} className="rp-note">
        {pages < MAX_PAGES ? 'Loading more…' : 'The end.'}
      </div>
    </div>
  );
}

/** A recommendation list in one of three layouts; each page of the feed is its own response. */
function Recommendations({ layout, itemCount, ...list }: RecommendationsProps) {
  return (
    <section>
      <p className="rp-note">
        A card is viewed once {Math.round(list.threshold * 100)}% of it has been on screen for {list.minDwellMs} ms
        {list.viewEventType ? ` (it turns green: a "${list.viewEventType}" event was recorded)` : ''}. Click one: the
        logged <code>click</code> carries the list's <code>recommendationId</code> and the <code>impression</code> of
        the cards really seen.
      </p>
      {layout === 'feed' ? (
        <Feed {...list} itemCount={itemCount} />
      ) : (
        <RecommendationList
          {...list}
          className={layout === 'carousel' ? 'rp-carousel' : 'rp-grid'}
          recommendationId={`rec-${layout}-1`}
          items={products(itemCount)}
        />
      )}
    </section>
  );
}

const meta = {
  title: 'React/ImpressionTracker',
  component: Recommendations,
  args: { layout: 'carousel', threshold: 0.5, minDwellMs: 1000, viewEventType: 'view', itemCount: 12 },
  argTypes: {
    layout: {
      control: 'inline-radio',
      options: ['carousel', 'grid', 'feed'],
      description: 'How the story lays the list out (not a prop of the tracker).',
      table: { category: 'story' },
    },
    threshold: {
      control: { type: 'range', min: 0.1, max: 1, step: 0.05 },
      description: 'Share of an item’s element (0–1) that must be on screen for it to count as seen.',
      table: { type: { summary: 'number' }, defaultValue: { summary: '0.5' } },
    },
    minDwellMs: {
      control: { type: 'number', min: 0, step: 100 },
      description: 'How long, in ms, that share must stay on screen without a break in a visible tab.',
      table: { type: { summary: 'number' }, defaultValue: { summary: '1000' } },
    },
    viewEventType: {
      control: 'text',
      description: 'When set, records one event of this type per item the first time it is seen.',
      table: { type: { summary: 'string' }, defaultValue: { summary: 'none: no view events' } },
    },
    itemCount: {
      control: { type: 'number', min: 1, max: 48 },
      description: 'Items per list, per page in the feed (not a prop of the tracker).',
      table: { category: 'story' },
    },
  },
  parameters: {
    docs: {
      description: {
        component: `\`<ImpressionTracker recommendationId itemIds as? threshold? minDwellMs? viewEventType?>\` wraps a
recommendation list; each item marks its element with \`useImpression(itemId)\`. An item counts as seen once
\`threshold\` of it has been on screen for \`minDwellMs\` without a break in a visible tab. A click recorded with
\`useTrackEvent\` on an item of the list gets the list's \`recommendationId\` and the \`impression\` of the items seen
(at most 25, always with the clicked one). It renders exactly one element (\`as\`, default \`div\`) and adds no DOM
of its own. Cards here turn green when seen. Reference: docs/react.md.`,
      },
    },
  },
} satisfies Meta<typeof Recommendations>;

export default meta;
type Story = StoryObj<typeof meta>;

const card = (root: HTMLElement, itemId: string) => {
  const element = root.querySelector<HTMLElement>(`.rp-card[data-item-id="${itemId}"]`);
  if (!element) throw new Error(`no card for ${itemId}`);
  return element;
};

/** Scroll sideways: only what stays on screen for the dwell counts; the click carries what was seen. */
export const Carousel: Story = {
  play: async ({ canvasElement, args, userEvent, step }) => {
    const dwell = { timeout: args.minDwellMs + 8000 };
    await step('the first cards are on screen: viewed after the dwell', async () => {
      await waitFor(() => expect(card(canvasElement, 'item-1')).toHaveAttribute('data-viewed', 'true'), dwell);
    });
    await step('scroll to item-8: the cards passed on the way are not viewed', async () => {
      const carousel = canvasElement.querySelector<HTMLElement>('.rp-carousel')!;
      const target = card(canvasElement, 'item-8').offsetLeft - carousel.offsetLeft;
      // Step by step, as a finger would: each card passed is on screen for a moment, less than the dwell.
      for (let step = 0; step < 40 && carousel.scrollLeft < target; step++) {
        carousel.scrollLeft = Math.min(target, carousel.scrollLeft + 120);
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
      await waitFor(() => expect(card(canvasElement, 'item-8')).toHaveAttribute('data-viewed', 'true'), dwell);
      expect(card(canvasElement, 'item-5')).toHaveAttribute('data-viewed', 'false');
      expect(card(canvasElement, 'item-12')).toHaveAttribute('data-viewed', 'false');
    });
    await step('click item-8: the logged click carries recommendationId and impression', async () => {
      await userEvent.click(card(canvasElement, 'item-8').querySelector('button')!);
      const entry = await waitFor(() => {
        const found = canvasElement.querySelector<HTMLElement>('[data-type="recorded"][data-event-type="click"]');
        expect(found).not.toBeNull();
        return found!;
      });
      const event = JSON.parse(entry.dataset.event ?? '{}');
      expect(event).toMatchObject({ eventType: 'click', itemId: 'item-8', recommendationId: 'rec-carousel-1' });
      expect(event.impression).toEqual(expect.arrayContaining(['item-1', 'item-8']));
      expect(event.impression).not.toContain('item-5');
      expect(event.impression).not.toContain('item-12');
      expect(event.impression.indexOf('item-1')).toBeLessThan(event.impression.indexOf('item-8'));
    });
  },
};

/** A scrolling grid: several cards become viewed at once. */
export const Grid: Story = { args: { layout: 'grid', itemCount: 24 } };

/** An infinite feed: each page is a new response with its own recommendationId. */
export const InfiniteFeed: Story = { args: { layout: 'feed', itemCount: 6 } };

/** A strict rule: the whole card, for two seconds. */
export const StrictViewability: Story = { args: { threshold: 1, minDwellMs: 2000 } };

/** Without viewEventType nothing is recorded until a click; the click still carries the impression. */
export const ImpressionsOnClickOnly: Story = { args: { viewEventType: undefined } };
