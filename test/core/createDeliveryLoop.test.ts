import { createDeliveryLoop, type PumpOptions } from '../../src/core/createDeliveryLoop';

function setup() {
  const passes: PumpOptions[] = [];
  const loop = createDeliveryLoop({ timers: globalThis, flushInterval: 1000, pump: (options) => passes.push(options) });
  return { loop, passes };
}

describe('createDeliveryLoop', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends full batches at once and partial ones when the flush timer fires', async () => {
    const { loop, passes } = setup();
    loop.eventQueued();
    loop.eventQueued();
    await Promise.resolve();
    expect(passes).toEqual([{ partial: false, keepalive: false }]);
    expect(loop.state).toBe('idle');
    vi.advanceTimersByTime(1000);
    expect(loop.state).toBe('flush-due');
    expect(passes.at(-1)).toEqual({ partial: true, keepalive: false });
    loop.drained();
    expect(loop.state).toBe('idle');
  });

  it('sends nothing while backing off, then a flush is due', () => {
    const { loop, passes } = setup();
    loop.backOff(500);
    expect(loop.state).toBe('backing-off');
    // The flush timer firing meanwhile does not cut the backoff short.
    loop.eventQueued();
    vi.advanceTimersByTime(499);
    expect(passes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(loop.state).toBe('flush-due');
    expect(passes).toEqual([{ partial: true, keepalive: false }]);
  });

  it('stays parked through the flush timer and other backoffs, until an event or a flush', async () => {
    const { loop, passes } = setup();
    loop.park();
    expect(loop.stalled).toBe(true);
    loop.backOff(10);
    loop.eventsRestored();
    vi.advanceTimersByTime(5000);
    expect(passes).toEqual([]);
    expect(loop.state).toBe('parked');
    loop.eventQueued();
    expect(loop.state).toBe('flush-due');
    await Promise.resolve();
    expect(passes).toEqual([{ partial: true, keepalive: false }]);
  });

  it('sends everything with keepalive when the page is hidden, even while backing off', () => {
    const { loop, passes } = setup();
    loop.backOff(10_000);
    loop.pageHidden();
    expect(passes).toEqual([{ partial: true, keepalive: true }]);
    expect(loop.state).toBe('backing-off');
  });

  it('flushNow() ends a backoff and wakes a parked loop', () => {
    const { loop, passes } = setup();
    loop.backOff(10_000);
    loop.flushNow();
    expect(loop.state).toBe('flush-due');
    loop.park();
    loop.flushNow();
    expect(loop.state).toBe('flush-due');
    expect(passes).toHaveLength(2);
    vi.advanceTimersByTime(20_000);
    expect(passes).toHaveLength(2);
  });

  it('runs one pass per microtask however often it is asked', async () => {
    const { loop, passes } = setup();
    loop.schedule();
    loop.schedule();
    loop.eventQueued();
    await Promise.resolve();
    expect(passes).toHaveLength(1);
  });

  it('sends nothing once closed, and stops its timers', async () => {
    const { loop, passes } = setup();
    loop.eventQueued();
    loop.backOff(100);
    loop.close();
    loop.flushNow();
    loop.pageHidden();
    loop.backOff(100);
    loop.park();
    await Promise.resolve();
    vi.advanceTimersByTime(10_000);
    expect(passes).toEqual([]);
    expect(loop.state).toBe('closed');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('disable() goes back to idle without timers', () => {
    const { loop } = setup();
    loop.eventQueued();
    loop.backOff(100);
    loop.disable();
    expect(loop.state).toBe('idle');
    expect(vi.getTimerCount()).toBe(0);
  });
});
