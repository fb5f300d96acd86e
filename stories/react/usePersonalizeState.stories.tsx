import type { Meta, StoryObj } from '@storybook/react-vite';
import { usePersonalize, usePersonalizeState } from 'react-personalize';
import type { PersonalizeParameters } from 'react-personalize/storybook';
import { createMemoryTransport } from 'react-personalize/test-utils';
import { expect, waitFor } from 'storybook/test';

/** Args of the usePersonalizeState stories. */
interface OutboxProps {
  /** How many sends fail (HTTP 500) before the transport recovers. */
  failures: number;
}

/** An outbox badge: the recorder's snapshot through `usePersonalizeState()`, re-rendered only when it changes. */
function Outbox(_props: OutboxProps) {
  const recorder = usePersonalize();
  const { queued, inFlight, sent, failed, enabled, userId } = usePersonalizeState();
  return (
    <section>
      <div className="rp-toolbar">
        <button
          type="button"
          className="rp-button rp-button--primary"
          onClick={() => recorder.record({ eventType: 'click', itemId: 'item-1' })}
        >
          Record a click
        </button>
      </div>
      <p className="rp-note" role="status">
        {queued + inFlight > 0 ? `${queued + inFlight} waiting` : 'nothing waiting'} · <span>{sent} sent</span> ·{' '}
        {failed} failed · consent {enabled ? 'on' : 'off'} · {userId ?? 'anonymous'}
      </p>
    </section>
  );
}

const personalize: PersonalizeParameters = ({ args }) => {
  const transport = createMemoryTransport();
  const failures = (args as unknown as OutboxProps).failures;
  if (failures > 0) transport.fail('server', failures);
  return { transport, recorder: { retry: { baseDelay: 500, maxDelay: 2000 } } };
};

const meta = {
  title: 'React/usePersonalizeState',
  component: Outbox,
  args: { failures: 0 },
  argTypes: {
    failures: {
      control: { type: 'number', min: 0, max: 5 },
      description: 'Sends of the memory transport that fail before it recovers: watch `waiting` stay up meanwhile.',
      table: { category: 'transport', defaultValue: { summary: '0' } },
    },
  },
  parameters: {
    personalize,
    docs: {
      description: {
        component: `\`usePersonalizeState(): RecorderSnapshot\` returns \`{ sessionId, userId, queued, inFlight, sent,
failed, enabled }\` through \`useSyncExternalStore\`; the component re-renders only when the snapshot changes. On the
server and during hydration the counts are zero. Reference: docs/react.md.`,
      },
    },
  },
} satisfies Meta<typeof Outbox>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A click waits for the flush, then counts as sent. */
export const Sending: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Record a click' }));
    await expect(canvas.getByRole('status')).toHaveTextContent('1 waiting');
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('nothing waiting · 1 sent'), {
      timeout: 10_000,
    });
  },
};

/** The transport fails twice: the event stays waiting through the retries, then is sent, none failed. */
export const Retrying: Story = { args: { failures: 2 } };
