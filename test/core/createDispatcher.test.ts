import { createDispatcher, type SendResult } from '../../src/core/createDispatcher';
import type { QueuedEvent } from '../../src/core/createQueueStore';
import type { EventBatch, SendContext, Transport } from '../../src/core/types';

const item = (eventId: string, size = 10): QueuedEvent => ({
  event: { eventId, eventType: 'click', sentAt: 1, properties: JSON.stringify({ pad: 'x'.repeat(size) }) },
  sessionId: 's1',
  recordedAt: 0,
});

/** A transport whose sends stay open until the test answers them. */
function openTransport() {
  const calls: { batch: EventBatch; context: SendContext; answer: (error?: unknown) => void }[] = [];
  const transport: Transport = {
    send: (batch, context) =>
      new Promise<void>((resolve, reject) => {
        calls.push({ batch, context, answer: (error) => (error === undefined ? resolve() : reject(error)) });
      }),
  };
  return { transport, calls };
}

describe('createDispatcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('tracks the requests and events in flight until each is answered', async () => {
    const { transport, calls } = openTransport();
    const dispatcher = createDispatcher({
      transport,
      timers: globalThis,
      requestTimeout: Infinity,
      keepaliveAlways: false,
    });
    const results: SendResult[] = [];
    dispatcher.send([item('a'), item('b')], { keepalive: false }, (result) => results.push(result));
    dispatcher.send([item('c')], { keepalive: false }, (result) => results.push(result));
    await Promise.resolve();
    expect(dispatcher.requests()).toBe(2);
    expect(dispatcher.inFlight().map((queued) => queued.event.eventId)).toEqual(['a', 'b', 'c']);
    calls[0].answer();
    calls[1].answer(new Error('down'));
    await vi.waitFor(() => expect(results).toHaveLength(2));
    expect(results[0]).toEqual({ ok: true });
    expect(results[1]).toMatchObject({ ok: false, error: new Error('down') });
    expect(dispatcher.requests()).toBe(0);
    expect(dispatcher.inFlight()).toEqual([]);
  });

  it('counts a synchronous throw of the transport as a failure', async () => {
    const transport: Transport = {
      send: () => {
        throw new Error('sync');
      },
    };
    const dispatcher = createDispatcher({
      transport,
      timers: globalThis,
      requestTimeout: Infinity,
      keepaliveAlways: false,
    });
    const settled = vi.fn();
    dispatcher.send([item('a')], { keepalive: false }, settled);
    await vi.waitFor(() =>
      expect(settled).toHaveBeenCalledWith({ ok: false, error: new Error('sync') }, expect.anything()),
    );
  });

  it('aborts a send not answered by requestTimeout and settles it once, as retryable', async () => {
    const { transport, calls } = openTransport();
    const dispatcher = createDispatcher({
      transport,
      timers: globalThis,
      requestTimeout: 1000,
      keepaliveAlways: false,
    });
    const settled = vi.fn();
    dispatcher.send([item('a')], { keepalive: false }, settled);
    await Promise.resolve();
    vi.advanceTimersByTime(1000);
    expect(calls[0].context.signal.aborted).toBe(true);
    expect(settled).toHaveBeenCalledTimes(1);
    expect(settled.mock.calls[0][0]).toMatchObject({ ok: false, error: { retryable: true } });
    expect(dispatcher.requests()).toBe(0);
    calls[0].answer();
    await Promise.resolve();
    await Promise.resolve();
    expect(settled).toHaveBeenCalledTimes(1);
  });

  it('keeps keepalive bodies in flight within the 60 KB budget', async () => {
    const { transport, calls } = openTransport();
    const dispatcher = createDispatcher({
      transport,
      timers: globalThis,
      requestTimeout: Infinity,
      keepaliveAlways: true,
    });
    const big = [item('a', 40_000)];
    expect(dispatcher.fitsKeepalive(big)).toBe(true);
    dispatcher.send(big, { keepalive: false }, () => {});
    await Promise.resolve();
    expect(calls[0].context.keepalive).toBe(true);
    // 40 KB in flight: another 40 KB would pass the budget, so it goes without keepalive.
    expect(dispatcher.fitsKeepalive([item('b', 40_000)])).toBe(false);
    dispatcher.send([item('b', 40_000)], { keepalive: false }, () => {});
    await Promise.resolve();
    expect(calls[1].context.keepalive).toBe(false);
    calls[0].answer();
    await vi.waitFor(() => expect(dispatcher.fitsKeepalive([item('c', 40_000)])).toBe(true));
  });
});
