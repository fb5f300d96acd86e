import { byteLength } from './byteLength';
import type { QueuedEvent } from './createQueueStore';
import { TransportError } from './TransportError';
import { toEventBatch } from './toEventBatch';
import type { EventBatch, Timers, Transport } from './types';

/** Browsers refuse keepalive requests once their bodies in flight pass 64 KiB; stay under it. */
const KEEPALIVE_BUDGET = 60_000;

/** Options of `createDispatcher`. */
export interface DispatcherOptions {
  transport: Transport;
  timers: Timers;
  /** A send not settled after this long (ms) is aborted and fails retryably; `Infinity` waits forever. */
  requestTimeout: number;
  /** Whether every request that fits the keepalive budget goes with keepalive (in a page, so it outlives it). */
  keepaliveAlways: boolean;
}

/** How a batch is sent. */
export interface SendOptions {
  /** The page is being left: the request must outlive it. */
  keepalive: boolean;
}

/** The answer to one request: acknowledged, or failed with the transport's error (or the deadline's). */
export type SendResult = { ok: true } | { ok: false; error: unknown };

/** Requests in flight: which events they carry, how many there are, their deadlines and the keepalive budget. */
export interface Dispatcher {
  /** Sends `items` as one batch; `settled` is called once, with the answer or at the deadline. */
  send(items: QueuedEvent[], options: SendOptions, settled: (result: SendResult, batch: EventBatch) => void): void;
  /** Requests not answered yet. */
  requests(): number;
  /** Events in a request not answered yet. */
  inFlight(): QueuedEvent[];
  /** Whether a keepalive request of `items` fits in what is left of the budget (past it, it is refused outright). */
  fitsKeepalive(items: readonly QueuedEvent[]): boolean;
}

const bytesOf = (batch: EventBatch) => byteLength(JSON.stringify(batch));

/** Makes the dispatcher of one recorder over its transport. */
export function createDispatcher({
  transport,
  timers,
  requestTimeout,
  keepaliveAlways,
}: DispatcherOptions): Dispatcher {
  const inFlight = new Map<string, QueuedEvent>();
  let requests = 0;
  /** Body bytes of keepalive requests not answered yet: they count against the browser's keepalive budget. */
  let keepaliveBytes = 0;
  const fits = (batch: EventBatch) => bytesOf(batch) <= KEEPALIVE_BUDGET - keepaliveBytes;

  /**
   * Calls the transport (a synchronous throw counts as a failure) and settles once, with its answer or, at
   * `requestTimeout`, as a retryable failure (the signal is aborted; a later answer is ignored). A keepalive body
   * counts against the browser's budget until either.
   */
  const transmit = (batch: EventBatch, keepalive: boolean, settle: (result: SendResult) => void) => {
    let bytes = keepalive ? bytesOf(batch) : 0;
    keepaliveBytes += bytes;
    const controller = new AbortController();
    let deadline: unknown;
    let settled = false;
    const answered = (result: SendResult) => {
      if (settled) return;
      settled = true;
      const cancel = timers.clearTimeout;
      cancel(deadline);
      keepaliveBytes -= bytes;
      bytes = 0;
      settle(result);
    };
    if (requestTimeout !== Infinity) {
      const schedule = timers.setTimeout;
      deadline = schedule(() => {
        const error = new TransportError(`requestTimeout (${requestTimeout} ms) passed; aborted`, { retryable: true });
        controller.abort(error);
        answered({ ok: false, error });
      }, requestTimeout);
    }
    new Promise<void>((resolve) => resolve(transport.send(batch, { keepalive, signal: controller.signal }))).then(
      () => answered({ ok: true }),
      (error: unknown) => answered({ ok: false, error }),
    );
  };

  return {
    send(items, options, settled) {
      for (const item of items) inFlight.set(item.event.eventId, item);
      requests++;
      const batch = toEventBatch(items);
      const keepalive = options.keepalive || (keepaliveAlways && fits(batch));
      transmit(batch, keepalive, (result) => {
        requests--;
        for (const item of items) inFlight.delete(item.event.eventId);
        settled(result, batch);
      });
    },
    requests: () => requests,
    inFlight: () => [...inFlight.values()],
    fitsKeepalive: (items) => fits(toEventBatch(items)),
  };
}
