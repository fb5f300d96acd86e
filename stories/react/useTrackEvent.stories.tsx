import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { type EventInput, type RecordResult, useTrackEvent } from 'react-personalize';
import { expect, waitFor } from 'storybook/test';

/** Args of the useTrackEvent stories. */
interface TrackButtonProps {
  /** The button's text. */
  label: string;
  /** The event the button records. */
  event: EventInput;
  /** Defaults given to `useTrackEvent(defaults)`, merged under each event. */
  defaults?: Partial<EventInput>;
}

/** A button that records `event` through `useTrackEvent(defaults)` and shows what `record()` answered. */
function TrackButton({ label, event, defaults }: TrackButtonProps) {
  const track = useTrackEvent(defaults);
  const [result, setResult] = useState<RecordResult>();
  return (
    <section>
      <div className="rp-toolbar">
        <button type="button" className="rp-button rp-button--primary" onClick={() => setResult(track(event))}>
          {label}
        </button>
      </div>
      {result?.ok && (
        <p className="rp-note" role="status">
          Recorded as <code>{result.eventId}</code>.
        </p>
      )}
      {result && !result.ok && (
        <div role="alert" className="rp-note">
          <p>
            Not recorded ({result.error.code}): {result.error.message}
          </p>
          <ul>
            {result.error.issues.map((issue) => (
              <li key={issue.field + issue.rule}>{issue.message}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

const meta = {
  title: 'React/useTrackEvent',
  component: TrackButton,
  args: { label: 'Add to cart', event: { eventType: 'add-to-cart', itemId: 'item-3' } },
  argTypes: {
    label: { description: 'The button’s text.', table: { category: 'story' } },
    event: {
      description: 'The event `track(event)` records: `eventType` required, Amazon Personalize’s own field names.',
      table: { type: { summary: 'EventInput' } },
    },
    defaults: {
      description: 'Defaults given to `useTrackEvent(defaults)`, merged under every event.',
      table: { type: { summary: 'Partial<EventInput>' }, defaultValue: { summary: 'none' } },
    },
  },
  parameters: {
    docs: {
      description: {
        component: `\`useTrackEvent(defaults?)\` returns \`track(event) → RecordResult\`: a function whose identity never
changes, that re-renders nothing, validates the event before it is queued and never throws. An invalid event comes
back as \`{ ok: false, error }\` naming each broken rule. Inside an \`ImpressionTracker\` it adds the list's
\`recommendationId\` and \`impression\`. Reference: docs/react.md.`,
      },
    },
  },
} satisfies Meta<typeof TrackButton>;

export default meta;
type Story = StoryObj<typeof meta>;

/** One click, one event: validated, queued, then sent with the next batch. */
export const AddToCart: Story = {
  play: async ({ canvas, canvasElement, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Add to cart' }));
    await expect(await canvas.findByRole('status')).toHaveTextContent('Recorded as');
    await waitFor(() => expect(canvasElement.querySelector('[data-type="sent"]')).not.toBeNull(), { timeout: 10_000 });
  },
};

/** A purchase with its value and schema properties. */
export const Purchase: Story = {
  args: {
    label: 'Buy now',
    event: { eventType: 'purchase', itemId: 'item-3', eventValue: 42.5, properties: { discount: 'spring' } },
  },
};

/** `useTrackEvent(defaults)`: the defaults go under every event of the component. */
export const WithDefaults: Story = {
  args: {
    label: 'Like',
    defaults: { properties: { surface: 'story' } },
    event: { eventType: 'like', itemId: 'item-7' },
  },
};

/** Invalid input never reaches the queue: `record()` answers with the broken rules, and nothing is sent. */
export const Invalid: Story = {
  args: {
    label: 'Record an invalid event',
    event: { eventType: 'click', itemId: 'x'.repeat(300), properties: { userId: 'not-allowed' } },
  },
  play: async ({ canvas, canvasElement, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Record an invalid event' }));
    const alert = await canvas.findByRole('alert');
    await expect(alert).toHaveTextContent('invalid-event');
    await expect(alert).toHaveTextContent('itemId');
    await expect(alert).toHaveTextContent('properties.userId');
    await expect(canvasElement.querySelector('[data-testid="recorded-count"]')).toHaveTextContent('0');
  },
};
