import { createTimer } from '../../src/core/createTimer';

describe('createTimer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('fires once after the delay, and start() leaves a running timer as it is', () => {
    const fired = vi.fn();
    const timer = createTimer(globalThis, fired);
    timer.start(100);
    vi.advanceTimersByTime(60);
    timer.start(100);
    expect(timer.running).toBe(true);
    vi.advanceTimersByTime(40);
    expect(fired).toHaveBeenCalledTimes(1);
    expect(timer.running).toBe(false);
    vi.advanceTimersByTime(1000);
    expect(fired).toHaveBeenCalledTimes(1);
  });

  it('restart() starts afresh and stop() cancels, twice without harm', () => {
    const fired = vi.fn();
    const timer = createTimer(globalThis, fired);
    timer.start(100);
    vi.advanceTimersByTime(60);
    timer.restart(100);
    vi.advanceTimersByTime(60);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(40);
    expect(fired).toHaveBeenCalledTimes(1);
    timer.start(100);
    timer.stop();
    timer.stop();
    vi.advanceTimersByTime(1000);
    expect(fired).toHaveBeenCalledTimes(1);
  });

  it('looks the timers up at each use and calls them without `this`', () => {
    const calls: unknown[] = [];
    const timers = {
      setTimeout(this: unknown, callback: () => void) {
        calls.push(this);
        callback();
        return 1;
      },
      clearTimeout: () => {},
    };
    const fired = vi.fn();
    const timer = createTimer(timers, fired);
    timers.setTimeout = function (this: unknown, callback: () => void) {
      calls.push(['replaced', this]);
      callback();
      return 2;
    };
    timer.start(5);
    expect(calls).toEqual([['replaced', undefined]]);
    expect(fired).toHaveBeenCalledTimes(1);
  });
});
