import type { QueuedEvent } from './createQueueStore';

/** Options of `createEventQueue`. */
export interface EventQueueOptions {
  /** Events per batch, 1–10. */
  batchSize: number;
  /** Queued events kept at most; beyond it the oldest overflow. */
  maxQueueSize: number;
  /** Events recorded longer ago than this (ms) expire. */
  maxEventAge: number;
  /** Clock in epoch ms. */
  now: () => number;
}

/** How `takeBatch` picks. */
export interface TakeBatchOptions {
  /**
   * Whether a batch of fewer than `batchSize` events may go (a flush is due, or the page is being left): then the
   * oldest event's group, else only a full group.
   */
  partial: boolean;
}

/**
 * Events waiting to be sent, oldest first, taken in batches of one session and user. It never reports: what it
 * removes (expired, overflow, cleared) it returns, for the recorder to report.
 */
export interface EventQueue {
  /** How many events wait. */
  readonly size: number;
  /** Every waiting event, oldest first (a copy). */
  items(): QueuedEvent[];
  /** Adds a newly recorded event at the end. */
  push(item: QueuedEvent): void;
  /** Takes the first group of one session and user to fill a batch (see `partial`), or undefined. */
  takeBatch(options: TakeBatchOptions): QueuedEvent[] | undefined;
  /** Puts events back at the front (a retried batch, or what did not fit a keepalive request), in their order. */
  putBack(items: readonly QueuedEvent[]): void;
  /** Adds events taken over from storage and sorts the queue by the time each was recorded. */
  merge(items: readonly QueuedEvent[]): void;
  /** Removes and returns the events past maxEventAge; looks at most once a second (a long queue is costly to scan). */
  takeExpired(): QueuedEvent[];
  /** Removes and returns the oldest events beyond maxQueueSize. */
  takeOverflow(): QueuedEvent[];
  /** Removes and returns every event. */
  clear(): QueuedEvent[];
}

/** Makes the queue of unsent events of one recorder. */
export function createEventQueue({ batchSize, maxQueueSize, maxEventAge, now }: EventQueueOptions): EventQueue {
  let queue: QueuedEvent[] = [];
  /** When takeExpired last looked through the queue. */
  let expiryCheckedAt = Number.NEGATIVE_INFINITY;
  return {
    get size() {
      return queue.length;
    },
    items: () => [...queue],
    push(item) {
      queue.push(item);
    },
    takeBatch({ partial }) {
      const groups = new Map<string, QueuedEvent[]>();
      let picked: QueuedEvent[] | undefined;
      for (const item of queue) {
        const key = `${item.sessionId}\u0000${item.userId}`;
        const group = groups.get(key) ?? [];
        groups.set(key, group);
        // Without a full batch, a partial one takes the oldest event's group.
        if (partial) picked ??= group;
        if (group.push(item) === batchSize) {
          picked = group;
          break;
        }
      }
      if (picked) {
        // Most often the batch is the head of the queue (one session and user): cut it off rather than filter.
        if (picked.every((item, at) => queue[at] === item)) queue = queue.slice(picked.length);
        else {
          const taken = new Set(picked);
          queue = queue.filter((item) => !taken.has(item));
        }
      }
      return picked;
    },
    putBack(items) {
      queue = [...items, ...queue];
    },
    merge(items) {
      queue = [...queue, ...items].sort((a, b) => a.recordedAt - b.recordedAt);
      // Restored events may be old: the next look for expired ones must not wait.
      expiryCheckedAt = Number.NEGATIVE_INFINITY;
    },
    takeExpired() {
      const at = now();
      // The whole queue, not only its head (a retried batch goes back to the front, before older events), so at most
      // once a second: with a long queue, a scan per batch sent would cost more than sending.
      if (at - expiryCheckedAt < 1000) return [];
      expiryCheckedAt = at;
      const oldest = at - maxEventAge;
      const isExpired = (item: QueuedEvent) => item.recordedAt < oldest;
      if (!queue.some(isExpired)) return [];
      const expired = queue.filter(isExpired);
      queue = queue.filter((item) => !isExpired(item));
      return expired;
    },
    takeOverflow() {
      // Events in flight cannot be dropped, so only queued ones count: otherwise requests in flight holding
      // maxQueueSize events would make the event just recorded (and accepted) the one dropped, not the oldest.
      const excess = queue.length - maxQueueSize;
      return excess > 0 ? queue.splice(0, excess) : [];
    },
    clear() {
      const all = queue;
      queue = [];
      return all;
    },
  };
}
