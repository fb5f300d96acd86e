import type { Meta, StoryObj } from '@storybook/react-vite';
import { ImpressionTracker } from 'react-personalize';
import { expect, waitFor } from 'storybook/test';
import { products } from '../support/catalog';
import { ProductCard } from '../support/ProductCard';
import { useViewedItems } from '../support/useViewedItems';

/** Args of the useImpression stories. */
interface BelowTheFoldProps {
  /** Space above the card, in px: the card starts off screen when it is taller than the frame. */
  offset: number;
  /** How long (ms) the card must be on screen. */
  minDwellMs: number;
}

/** One card marked with `useImpression(itemId)` (inside ProductCard), below some space. */
function BelowTheFold({ offset, minDwellMs }: BelowTheFoldProps) {
  const viewed = useViewedItems('view');
  const [product] = products(1);
  return (
    <section>
      <p className="rp-note">
        Scroll down to the card: it turns green {minDwellMs} ms after half of it came on screen.
      </p>
      <div style={{ height: offset }} aria-hidden />
      <ImpressionTracker
        as="ul"
        className="rp-grid"
        recommendationId="rec-below-1"
        itemIds={[product.itemId]}
        minDwellMs={minDwellMs}
        viewEventType="view"
      >
        <ProductCard product={product} viewed={viewed.has(product.itemId)} />
      </ImpressionTracker>
    </section>
  );
}

const meta = {
  title: 'React/useImpression',
  component: BelowTheFold,
  args: { offset: 1200, minDwellMs: 1000 },
  argTypes: {
    offset: { control: { type: 'number', min: 0, step: 100 }, table: { category: 'story' } },
    minDwellMs: {
      control: { type: 'number', min: 0, step: 100 },
      description: 'The tracker’s `minDwellMs`.',
      table: { type: { summary: 'number' }, defaultValue: { summary: '1000' } },
    },
  },
  parameters: {
    docs: {
      description: {
        component: `\`useImpression(itemId): (element: Element | null) => void\` is a ref callback that marks the
element showing \`itemId\` inside an \`ImpressionTracker\`. It never re-renders; outside a tracker it does nothing. An
item whose element is never marked counts as seen when the tracker's own element is. Reference: docs/react.md.`,
      },
    },
  },
} satisfies Meta<typeof BelowTheFold>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Off screen: not seen until it is scrolled to and stays there for the dwell. */
export const BelowTheFoldCard: Story = {
  play: async ({ canvasElement }) => {
    const card = canvasElement.querySelector<HTMLElement>('.rp-card')!;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(card).toHaveAttribute('data-viewed', 'false');
    card.scrollIntoView({ block: 'center' });
    await waitFor(() => expect(card).toHaveAttribute('data-viewed', 'true'), { timeout: 10_000 });
  },
};

/** On screen at once. */
export const AboveTheFold: Story = { args: { offset: 0 } };
