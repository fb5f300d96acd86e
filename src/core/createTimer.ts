import type { Timers } from './types';

/** One named one-shot timer of the recorder (flush, backoff, storage cooldown, heartbeat). */
export interface Timer {
  /** Starts the timer unless it is already running. */
  start(ms: number): void;
  /** Starts the timer afresh, cancelling a running one. */
  restart(ms: number): void;
  /** Cancels the timer; safe when it is not running. */
  stop(): void;
  /** Whether it is running (started and neither fired nor stopped). */
  readonly running: boolean;
}

/**
 * A one-shot timer that calls `callback` once `ms` after it is started. `timers` is looked up at each use, so fake
 * timers installed after the recorder was made still apply, and its functions are called without `this`, as
 * browsers refuse their own setTimeout with a `this` other than the window ("Illegal invocation").
 */
export function createTimer(timers: Timers, callback: () => void): Timer {
  let handle: unknown;
  let running = false;
  const stop = () => {
    if (!running) return;
    running = false;
    const cancel = timers.clearTimeout;
    cancel(handle);
  };
  const start = (ms: number) => {
    if (running) return;
    running = true;
    const schedule = timers.setTimeout;
    handle = schedule(() => {
      running = false;
      callback();
    }, ms);
  };
  return {
    start,
    restart(ms) {
      stop();
      start(ms);
    },
    stop,
    get running() {
      return running;
    },
  };
}
