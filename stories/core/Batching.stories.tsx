import type { Meta, StoryObj } from '@storybook/react-vite';
import { usePersonalize } from 'react-personalize';
import type { PersonalizeParameters } from 'react-personalize/storybook';
import { createMemoryTransport, type MemoryFailure } from 'react-personalize/test-utils';
import { expect, waitFor } from 'storybook/test';

/** Args of the batching stories: the recorder's options and how the (memory) transport misbehaves. */
interface BatchingProps {
  /** Events recorded by one click. */
  eventsPerClick: number;
  /** Events per request (1–10). */
  batchSize: number;
  /** How long an event waits for companions, in ms. */
  flushInterval: number;
  /** How many sends fail before the transport recovers. */
  failures: number;
  /** How they fail: network, throttle and server are retried; invalid makes the recorder split the batch. */
  failure: MemoryFailure;
  /** The service refuses any batch holding this item (as InvalidInputException); the others still go. */
  rejectItemId?: string;
}

/** Records a burst of clicks and lets the recorder batch, retry and split them. */
function Burst({ eventsPerClick, batchSize, flushInterval, failures, failure, rejectItemId }: BatchingProps) {
  const recorder = usePersonalize();
  const record = () => {
    for (let index = 1; index <= eventsPerClick; index++)
      recorder.record({ eventType: 'click', itemId: `item-${index}` });
  };
  return (
    <section>
      <p className="rp-note">
        Batches of at most {batchSize}, sent {flushInterval} ms after the first event waits.{' '}
        {failures > 0 ? `The next ${failures} send(s) fail (${failure}). ` : ''}
        {rejectItemId ? `The service refuses ${rejectItemId}. ` : ''}
      </p>
      <div className="rp-toolbar">
        <button type="button" className="rp-button rp-button--primary" onClick={record}>
          Record {eventsPerClick} events
        </button>
        <button type="button" className="rp-button" onClick={() => void recorder.flush()}>
          Flush now
        </button>
      </div>
    </section>
  );
}

const personalize: PersonalizeParameters = ({ args }) => {
  const { batchSize, flushInterval, failures, failure, rejectItemId } = args as unknown as BatchingProps;
  const transport = createMemoryTransport();
  if (failures > 0) transport.fail(failure, failures);
  if (rejectItemId) transport.rejectWhen((event) => event.itemId === rejectItemId);
  return { transport, recorder: { batchSize, flushInterval, retry: { baseDelay: 250, maxDelay: 2000 } } };
};

const meta = {
  title: 'Core/Batching and retries',
  component: Burst,
  args: { eventsPerClick: 25, batchSize: 10, flushInterval: 1000, failures: 0, failure: 'server' },
  argTypes: {
    eventsPerClick: { description: 'Events recorded by one click.', table: { category: 'story' } },
    batchSize: {
      control: { type: 'range', min: 1, max: 10 },
      description: 'Recorder option: events per request, 1–10.',
      table: { type: { summary: 'number' }, defaultValue: { summary: '10' } },
    },
    flushInterval: {
      description: 'Recorder option: how long an event may wait for companions, in ms.',
      table: { type: { summary: 'number' }, defaultValue: { summary: '1000' } },
    },
    failures: {
      description: 'How many sends of the memory transport fail before it recovers.',
      table: { category: 'transport', defaultValue: { summary: '0' } },
    },
    failure: {
      control: 'inline-radio',
      options: ['network', 'throttle', 'server', 'invalid', 'forbidden'],
      description: 'How they fail: `createMemoryTransport().fail(kind)`.',
      table: { category: 'transport', type: { summary: 'MemoryFailure' }, defaultValue: { summary: 'network' } },
    },
    rejectItemId: {
      control: 'text',
      description: 'The service refuses any batch holding this item: `rejectWhen(…)`.',
      table: { category: 'transport', defaultValue: { summary: 'none' } },
    },
  },
  parameters: {
    personalize,
    docs: {
      description: {
        component: `\`createRecorder({ transport, batchSize?, flushInterval?, retry? })\` batches events per session and
user (at most 10 per request), retries retryable failures with capped exponential backoff and jitter and the same
\`eventId\`s, and splits a batch the service refuses as invalid so the other events are still delivered.
Reference: docs/recorder.md.`,
      },
    },
  },
} satisfies Meta<typeof Burst>;

export default meta;
type Story = StoryObj<typeof meta>;

const eventIds = (root: HTMLElement, type: string) =>
  [...root.querySelectorAll<HTMLElement>(`[data-type="${type}"]`)].flatMap((entry) =>
    (entry.dataset.eventIds ?? '').split(' ').filter(Boolean),
  );

/** 25 events go out as 10 + 10 + 5: PutEvents takes at most 10. */
export const Batching: Story = {
  play: async ({ canvas, canvasElement, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Record 25 events' }));
    await waitFor(() => expect(canvasElement.querySelectorAll('[data-type="sent"]')).toHaveLength(3), {
      timeout: 10_000,
    });
    const sizes = [...canvasElement.querySelectorAll<HTMLElement>('[data-type="sent"]')].map(
      (entry) => entry.dataset.eventIds?.split(' ').length,
    );
    expect(sizes.sort()).toEqual([10, 10, 5].sort());
  },
};

/** The transport fails three times (HTTP 500): the batch is retried with backoff, same eventIds, nothing lost. */
export const FailingTransport: Story = {
  args: { eventsPerClick: 5, failures: 3, failure: 'server' },
  play: async ({ canvas, canvasElement, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Record 5 events' }));
    await waitFor(() => expect(canvasElement.querySelector('[data-testid="sent-count"]')).toHaveTextContent('5'), {
      timeout: 15_000,
    });
    expect(canvasElement.querySelector('[data-testid="retried-count"]')).toHaveTextContent('3');
    expect(canvasElement.querySelector('[data-testid="failed-count"]')).toHaveTextContent('0');
    const recorded = eventIds(canvasElement, 'recorded');
    expect(recorded).toHaveLength(5);
    expect(new Set(eventIds(canvasElement, 'sent'))).toEqual(new Set(recorded));
    // Every retry carried the same events.
    for (const retried of canvasElement.querySelectorAll<HTMLElement>('[data-type="retried"]')) {
      expect(new Set(retried.dataset.eventIds?.split(' '))).toEqual(new Set(recorded));
    }
  },
};

/** Throttling (ThrottlingException) is retried like a 5xx. */
export const Throttled: Story = { args: { eventsPerClick: 5, failures: 2, failure: 'throttle' } };

/** The service refuses one event: the recorder splits the batch, delivers the others and reports the bad one. */
export const RejectedByTheService: Story = {
  args: { eventsPerClick: 6, rejectItemId: 'item-3' },
  play: async ({ canvas, canvasElement, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Record 6 events' }));
    await waitFor(() => expect(canvasElement.querySelector('[data-testid="sent-count"]')).toHaveTextContent('5'), {
      timeout: 10_000,
    });
    await waitFor(() => expect(canvasElement.querySelector('[data-testid="failed-count"]')).toHaveTextContent('1'));
    expect(canvasElement.querySelector('[data-type="rejected"]')).not.toBeNull();
  },
};
