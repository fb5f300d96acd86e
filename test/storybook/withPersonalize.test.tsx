import { act, fireEvent, render, screen } from '@testing-library/react';
import { type Recorder, usePersonalize, useTrackEvent } from 'react-personalize';
import { withPersonalize } from 'react-personalize/storybook';
import { createMemoryTransport } from 'react-personalize/test-utils';

const calls = vi.hoisted(() => [] as { name: string; args: unknown[] }[]);
vi.mock('storybook/actions', () => ({
  action:
    (name: string) =>
    (...args: unknown[]) => {
      calls.push({ name, args });
    },
}));

const seen: Recorder[] = [];

function Story() {
  const recorder = usePersonalize();
  if (!seen.includes(recorder)) seen.push(recorder);
  const track = useTrackEvent();
  return (
    <button type="button" onClick={() => track({ eventType: 'click', itemId: 'item-1' })}>
      click
    </button>
  );
}

/** Records four clicks in a list and one invalid click. */
function ListStory() {
  const recorder = usePersonalize();
  if (!seen.includes(recorder)) seen.push(recorder);
  const track = useTrackEvent();
  return (
    <button
      type="button"
      onClick={() => {
        for (let index = 1; index <= 4; index++) {
          track({ eventType: 'click', itemId: `item-${index}`, recommendationId: 'rec-1' });
        }
        track({ eventType: 'click', itemId: 'x'.repeat(300) });
      }}
    >
      click
    </button>
  );
}

const context = (overrides: { id?: string; args?: Record<string, unknown>; parameters?: Record<string, unknown> }) => ({
  id: 'story--one',
  args: {},
  parameters: {},
  ...overrides,
});

const current = () => seen[seen.length - 1];

beforeEach(() => {
  calls.length = 0;
  seen.length = 0;
  localStorage.clear();
});

describe('withPersonalize', () => {
  it('gives the story a recorder that sends to the given transport', async () => {
    const transport = createMemoryTransport();
    render(withPersonalize({ transport })(Story, context({})));
    fireEvent.click(screen.getByRole('button'));
    await act(() => current().flush());
    expect(transport.events()).toEqual([expect.objectContaining({ eventType: 'click', itemId: 'item-1' })]);
  });

  it('sends to a memory transport by default', async () => {
    render(withPersonalize()(Story, context({})));
    fireEvent.click(screen.getByRole('button'));
    await act(() => current().flush());
    expect(current().getSnapshot()).toMatchObject({ sent: 1, failed: 0 });
  });

  it('shows each recorded and sent event once in the Actions panel under StrictMode', async () => {
    render(withPersonalize()(Story, context({})));
    fireEvent.click(screen.getByRole('button'));
    await act(() => current().flush());
    expect(calls.map((call) => call.name)).toEqual([
      'personalize: recorded click item-1',
      'personalize: sent 1 event: click item-1',
    ]);
    expect(calls[0].args).toEqual([expect.objectContaining({ eventType: 'click', itemId: 'item-1' })]);
    expect(calls[1].args).toEqual([
      expect.objectContaining({ eventList: [expect.objectContaining({ itemId: 'item-1' })] }),
    ]);
  });

  it('names each Actions entry in one line, with the event type, item and recommendationId, and one argument', async () => {
    render(withPersonalize()(ListStory, context({})));
    fireEvent.click(screen.getByRole('button'));
    await act(() => current().flush());
    expect(calls.map((call) => call.name)).toEqual([
      'personalize: recorded click item-1 · recommendationId rec-1',
      'personalize: recorded click item-2 · recommendationId rec-1',
      'personalize: recorded click item-3 · recommendationId rec-1',
      'personalize: recorded click item-4 · recommendationId rec-1',
      `personalize: rejected click ${'x'.repeat(47)}… (invalid-event)`,
      'personalize: sent 4 events: click item-1 · recommendationId rec-1, click item-2 · recommendationId rec-1, click item-3 · recommendationId rec-1, …',
    ]);
    expect(calls.every((call) => call.args.length === 1)).toBe(true);
  });

  it('shows retries and rejections in the Actions panel', async () => {
    const transport = createMemoryTransport();
    transport.fail('server', 1);
    render(withPersonalize({ transport, recorder: { retry: { baseDelay: 0, maxDelay: 0 } } })(Story, context({})));
    fireEvent.click(screen.getByRole('button'));
    await act(() => current().flush());
    transport.rejectWhen(() => true);
    fireEvent.click(screen.getByRole('button'));
    await act(() => current().flush());
    expect(calls.map((call) => call.name)).toEqual([
      'personalize: recorded click item-1',
      'personalize: retried 1 event: click item-1 (attempt 1, next in 0 ms)',
      'personalize: sent 1 event: click item-1',
      'personalize: recorded click item-1',
      'personalize: rejected click item-1 (rejected)',
    ]);
    expect(calls[1].args).toEqual([expect.objectContaining({ error: expect.objectContaining({ retryable: true }) })]);
    expect(calls[4].args).toEqual([expect.objectContaining({ error: expect.objectContaining({ code: 'rejected' }) })]);
  });

  it('shows nothing in the Actions panel with actions: false', async () => {
    render(withPersonalize({ actions: false })(Story, context({})));
    fireEvent.click(screen.getByRole('button'));
    await act(() => current().flush());
    expect(calls).toEqual([]);
  });

  it('keeps nothing in localStorage (persistence off)', async () => {
    const transport = createMemoryTransport();
    transport.hold();
    render(withPersonalize({ transport })(Story, context({})));
    fireEvent.click(screen.getByRole('button'));
    await act(async () => {
      await Promise.resolve();
    });
    expect(localStorage.length).toBe(0);
    transport.release();
  });

  it("lets parameters.personalize, a function of the story's args, override the options", async () => {
    const fallback = createMemoryTransport();
    const own = createMemoryTransport();
    const decorator = withPersonalize({ transport: fallback, recorder: { batchSize: 10 } });
    render(
      decorator(
        Story,
        context({
          args: { user: 'alice' },
          parameters: {
            personalize: ({ args }: { args: { user: string } }) => ({
              transport: own,
              recorder: { userId: args.user },
            }),
          },
        }),
      ),
    );
    fireEvent.click(screen.getByRole('button'));
    await act(() => current().flush());
    expect(own.batches).toEqual([expect.objectContaining({ userId: 'alice' })]);
    expect(fallback.batches).toEqual([]);
  });

  it('makes a new recorder for another story and when the args change', () => {
    const decorator = withPersonalize();
    const { rerender } = render(decorator(Story, context({ id: 'story--one', args: { n: 1 } })));
    const first = current();
    rerender(decorator(Story, context({ id: 'story--one', args: { n: 1 } })));
    expect(current()).toBe(first);
    rerender(decorator(Story, context({ id: 'story--one', args: { n: 2 } })));
    const second = current();
    expect(second).not.toBe(first);
    rerender(decorator(Story, context({ id: 'story--two', args: { n: 2 } })));
    expect(current()).not.toBe(second);
  });

  it("shows nothing of a story in the next story's Actions panel while its recorder still retries", async () => {
    vi.useFakeTimers();
    try {
      const flaky = createMemoryTransport();
      flaky.fail('server', 3);
      const decorator = withPersonalize({ recorder: { flushInterval: 500 } });
      const { unmount } = render(decorator(Story, context({ parameters: { personalize: { transport: flaky } } })));
      fireEvent.click(screen.getByRole('button'));
      await act(async () => {
        await vi.advanceTimersByTimeAsync(600);
      });
      expect(calls.some((call) => call.name.startsWith('personalize: retried 1 event: click item-1'))).toBe(true);
      // Another story opens: Storybook unmounts this one and clears the panel.
      unmount();
      calls.length = 0;
      render(decorator(Story, context({ id: 'story--two' })));
      await act(async () => {
        await vi.advanceTimersByTimeAsync(60_000);
      });
      expect(calls).toEqual([]);
      // The first story's events were still delivered.
      expect(flaky.events()).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('closes the recorder when the story unmounts, not on StrictMode remounts', async () => {
    vi.useFakeTimers();
    try {
      const { unmount } = render(withPersonalize()(Story, context({})));
      await act(async () => {
        await vi.runAllTimersAsync();
      });
      const recorder = current();
      expect(recorder.record({ eventType: 'click', itemId: 'a' }).ok).toBe(true);
      unmount();
      await act(async () => {
        await vi.runAllTimersAsync();
      });
      const result = recorder.record({ eventType: 'click', itemId: 'b' });
      expect(result.ok ? undefined : result.error.code).toBe('closed');
    } finally {
      vi.useRealTimers();
    }
  });
});
