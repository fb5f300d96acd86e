import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { type RecordResult, usePersonalize, usePersonalizeState, useTrackEvent } from 'react-personalize';
import type { PersonalizeParameters } from 'react-personalize/storybook';
import { expect, waitFor } from 'storybook/test';

/** Args of the consent stories. */
interface ConsentProps {
  /** Consent when the page opens (the recorder's `enabled` option). */
  enabled: boolean;
}

/** A consent switch (`recorder.setEnabled`) and a button that records. */
function ConsentBanner(_: ConsentProps) {
  const recorder = usePersonalize();
  const { enabled } = usePersonalizeState();
  const track = useTrackEvent();
  const [result, setResult] = useState<RecordResult>();
  return (
    <section>
      <p className="rp-note">
        While consent is off, <code>record()</code> records nothing, sends nothing and keeps nothing; turning it off
        discards what was still waiting.
      </p>
      <div className="rp-toolbar">
        <button type="button" className="rp-button" onClick={() => recorder.setEnabled(!enabled)}>
          {enabled ? 'Withdraw consent' : 'Give consent'}
        </button>
        <button
          type="button"
          className="rp-button rp-button--primary"
          onClick={() => setResult(track({ eventType: 'add-to-cart', itemId: 'item-2' }))}
        >
          Add to cart
        </button>
      </div>
      {result && (
        <p className="rp-note" role="status">
          {result.ok ? `Recorded as ${result.eventId}.` : `Not recorded (${result.error.code}).`}
        </p>
      )}
    </section>
  );
}

const personalize: PersonalizeParameters = ({ args }) => ({ recorder: { enabled: args.enabled as boolean } });

const meta = {
  title: 'Core/Consent',
  component: ConsentBanner,
  args: { enabled: true },
  argTypes: {
    enabled: {
      description: 'Recorder option `enabled` (consent) at start; the buttons call `recorder.setEnabled()`.',
      table: { type: { summary: 'boolean' }, defaultValue: { summary: 'true' } },
    },
  },
  parameters: {
    personalize,
    docs: {
      description: {
        component: `\`recorder.setEnabled(enabled)\`: while consent is off, \`record()\` answers \`{ ok: false, error:
{ code: 'disabled' } }\`, nothing is sent, and withdrawing consent discards what was waiting, in memory and in
storage. Reference: docs/recorder.md.`,
      },
    },
  },
} satisfies Meta<typeof ConsentBanner>;

export default meta;
type Story = StoryObj<typeof meta>;

const count = (root: HTMLElement, id: string) => root.querySelector(`[data-testid="${id}"]`);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Consent given: events are recorded and sent. */
export const ConsentGiven: Story = {};

/** No consent yet: nothing is recorded until it is given, and nothing after it is withdrawn. */
export const ConsentRefused: Story = {
  args: { enabled: false },
  play: async ({ canvas, canvasElement, userEvent, step }) => {
    const addToCart = canvas.getByRole('button', { name: 'Add to cart' });
    await step('off: clicks record nothing and send nothing', async () => {
      await userEvent.click(addToCart);
      await userEvent.click(addToCart);
      await expect(canvas.getByRole('status')).toHaveTextContent('Not recorded (disabled)');
      await pause(800); // longer than the flush interval (500 ms)
      await expect(count(canvasElement, 'recorded-count')).toHaveTextContent('0');
      await expect(count(canvasElement, 'sent-count')).toHaveTextContent('0');
      await expect(count(canvasElement, 'queued-count')).toHaveTextContent('0');
    });
    await step('on: the next click is recorded and sent', async () => {
      await userEvent.click(canvas.getByRole('button', { name: 'Give consent' }));
      await userEvent.click(addToCart);
      await expect(count(canvasElement, 'recorded-count')).toHaveTextContent('1');
      await waitFor(() => expect(count(canvasElement, 'sent-count')).toHaveTextContent('1'), { timeout: 10_000 });
    });
    await step('off again: nothing more', async () => {
      await userEvent.click(canvas.getByRole('button', { name: 'Withdraw consent' }));
      await userEvent.click(addToCart);
      await pause(800);
      await expect(count(canvasElement, 'recorded-count')).toHaveTextContent('1');
      await expect(count(canvasElement, 'sent-count')).toHaveTextContent('1');
    });
  },
};
