import { createTimer } from './createTimer';
import type { Timers } from './types';

/**
 * Who may send right now, as one value:
 * - `idle`: full batches go; a partial one waits for the flush timer.
 * - `flush-due`: partial batches go too (the flush timer fired, flush() was called, or the page is being left).
 * - `backing-off`: a send failed retryably; nothing goes until the backoff ends (then a flush is due).
 * - `parked`: retries ran out; nothing goes until the next record(), flush(), `online` or reload.
 * - `closed`: close() finished; nothing goes any more.
 */
export type DeliveryState = 'idle' | 'flush-due' | 'backing-off' | 'parked' | 'closed';

/** What one pass of the loop may send. */
export interface PumpOptions {
  /** Whether batches of fewer than `batchSize` events may go. */
  partial: boolean;
  /** Whether the page is being left: everything goes, with keepalive, whatever the state. */
  keepalive: boolean;
}

/** Options of `createDeliveryLoop`. */
export interface DeliveryLoopOptions {
  timers: Timers;
  /** How long (ms) an event may wait for companions before a partial batch goes. */
  flushInterval: number;
  /** Sends what may go now (see `PumpOptions`); called only when the state lets anything go. */
  pump(options: PumpOptions): void;
}

/** The delivery loop's state and its two timers (flush and backoff). Every change of state has a name. */
export interface DeliveryLoop {
  /** The current state. */
  readonly state: DeliveryState;
  /** Whether sending waits for an outside trigger (parked or closed): a flush() waiting on it settles. */
  readonly stalled: boolean;
  /** An event was queued: a parked queue goes again, the flush timer runs, and a pass follows in a microtask. */
  eventQueued(): void;
  /** Events came back from storage: they go with the next flush. */
  eventsRestored(): void;
  /** flush(), the backoff's end, or the network's return: partial batches go, now. */
  flushNow(): void;
  /** Runs a pass in a microtask (once, however often asked before it runs). */
  schedule(): void;
  /** The page is being left: everything goes with keepalive now, whatever the state. */
  pageHidden(): void;
  /** A retryable failure: nothing goes for `delay` ms, then a flush is due (a parked loop stays parked). */
  backOff(delay: number): void;
  /** Retries ran out: nothing goes until the next record(), flush(), `online` or reload. */
  park(): void;
  /** The queue is empty: back to idle, no flush timer. */
  drained(): void;
  /** Consent was withdrawn (the queue is discarded): idle, no timers. */
  disable(): void;
  /** Nothing is sent any more. */
  close(): void;
}

/** Makes the delivery loop of one recorder. */
export function createDeliveryLoop({ timers, flushInterval, pump }: DeliveryLoopOptions): DeliveryLoop {
  let state: DeliveryState = 'idle';
  let pumpScheduled = false;
  const canSend = () => state === 'idle' || state === 'flush-due';
  const run = (keepalive: boolean) => {
    pumpScheduled = false;
    if (state !== 'closed' && (keepalive || canSend()))
      pump({ partial: keepalive || state === 'flush-due', keepalive });
  };
  const flushNow = () => {
    backoffTimer.stop();
    if (state !== 'closed') state = 'flush-due';
    run(false);
  };
  // The flush timer makes a flush due, but never cuts a backoff short nor wakes a parked queue.
  const flushTimer = createTimer(timers, () => {
    if (state === 'idle') state = 'flush-due';
    run(false);
  });
  const backoffTimer = createTimer(timers, flushNow);
  const schedule = () => {
    if (pumpScheduled) return;
    pumpScheduled = true;
    queueMicrotask(() => run(false));
  };

  return {
    get state() {
      return state;
    },
    get stalled() {
      return state === 'parked' || state === 'closed';
    },
    eventQueued() {
      if (state === 'parked') state = 'flush-due';
      flushTimer.start(flushInterval);
      schedule();
    },
    eventsRestored() {
      flushTimer.start(flushInterval);
    },
    flushNow,
    schedule,
    pageHidden() {
      if (state === 'idle') state = 'flush-due';
      run(true);
    },
    backOff(delay) {
      // A parked queue stays parked: another request's backoff ending must not wake it.
      if (state === 'closed' || state === 'parked') return;
      state = 'backing-off';
      backoffTimer.restart(delay);
    },
    park() {
      if (state === 'closed') return;
      state = 'parked';
      backoffTimer.stop();
    },
    drained() {
      if (state === 'flush-due') state = 'idle';
      flushTimer.stop();
    },
    disable() {
      if (state !== 'closed') state = 'idle';
      flushTimer.stop();
      backoffTimer.stop();
    },
    close() {
      state = 'closed';
      flushTimer.stop();
      backoffTimer.stop();
    },
  };
}
