import type { Meta, StoryObj } from '@storybook/react-vite';
import { ImpressionTracker } from 'react-personalize';
import { PersonalizeDevtoolsPanel } from 'react-personalize/devtools';
import type { PersonalizeParameters } from 'react-personalize/storybook';
import { createMemoryTransport } from 'react-personalize/test-utils';
import { expect, waitFor } from 'storybook/test';
import { products } from '../support/catalog';
import { ProductCard } from '../support/ProductCard';

/** Args of the devtools story. */
interface DevtoolsStoryProps {
  /** Share of a card (0–1) that must be on screen. */
  threshold: number;
  /** How long (ms) it must stay there. */
  minDwellMs: number;
  /** Failed sends before the transport accepts (each one is retried with backoff). */
  failures: number;
}

const items = products(8);

/** A recommendation carousel with the devtools panel under it: outlines over the cards, events in the panel. */
function DevtoolsStory({ threshold, minDwellMs }: DevtoolsStoryProps) {
  return (
    <section>
      <p className="rp-note">
        The panel lists every event with its delivery state and every mounted list with each item's state; the overlay
        outlines the cards: dashed while tracked, amber with a bar while dwelling, green once counted. Click a card,
        then <em>Flush now</em>; turn <em>Offline</em> on to watch events wait.
      </p>
      <ImpressionTracker
        as="ul"
        className="rp-carousel"
        recommendationId="rec-devtools-1"
        itemIds={items.map((item) => item.itemId)}
        threshold={threshold}
        minDwellMs={minDwellMs}
      >
        {items.map((product) => (
          <ProductCard key={product.itemId} product={product} />
        ))}
      </ImpressionTracker>
      <PersonalizeDevtoolsPanel />
    </section>
  );
}

const personalize: PersonalizeParameters = ({ args }) => {
  const transport = createMemoryTransport();
  if (args.failures) transport.fail('server', args.failures as number);
  return { transport, recorder: { retry: { baseDelay: 400, maxDelay: 400 } } };
};

const meta = {
  title: 'Devtools/PersonalizeDevtools',
  component: DevtoolsStory,
  args: { threshold: 0.5, minDwellMs: 1000, failures: 1 },
  argTypes: {
    threshold: { control: { type: 'range', min: 0.1, max: 1, step: 0.05 } },
    minDwellMs: { control: { type: 'number', min: 0, step: 100 } },
    failures: { control: { type: 'number', min: 0, max: 5 } },
  },
  parameters: { personalize },
} satisfies Meta<typeof DevtoolsStory>;

export default meta;
type Story = StoryObj<typeof meta>;

const shadow = (root: HTMLElement) => {
  const devtools = root.querySelector('personalize-devtools')?.shadowRoot;
  if (!devtools) throw new Error('no devtools');
  return devtools;
};

/** A click is listed, retried once, then sent; the cards on screen are counted in the overlay. */
export const Panel: Story = {
  play: async ({ canvasElement, userEvent, step }) => {
    await step('the cards on screen are counted after the dwell', async () => {
      await waitFor(
        () =>
          expect(shadow(canvasElement).querySelector('.outline[data-item-id="item-1"]')).toHaveAttribute(
            'data-state',
            'counted',
          ),
        { timeout: 10_000 },
      );
    });
    await step('a click is retried once, then sent', async () => {
      await userEvent.click(canvasElement.querySelector<HTMLElement>('[aria-label^="Open"]')!);
      const row = () => shadow(canvasElement).querySelector('[data-event-key]');
      await waitFor(() => expect(row()).toHaveAttribute('data-delivery', 'retrying'), { timeout: 10_000 });
      await waitFor(() => expect(row()).toHaveAttribute('data-delivery', 'sent'), { timeout: 10_000 });
      await expect(row()?.textContent).toContain('sent after 2 attempts');
    });
  },
};
