/** What to do with the events of a failed send. */
export type FailureAction =
  /** The service refused the batch as invalid and it holds several events: send each half on its own. */
  | 'split'
  /** The service refused this single event as invalid: report it, never send it again. */
  | 'reject'
  /** The failure cannot pass by itself (`retryable: false`): drop the events and report them. */
  | 'drop'
  /** The failure may pass (network, throttling, 5xx, a deadline, anything unknown): send again after a backoff. */
  | 'retry';

/** The next try of a retried batch. */
export interface RetryPlan {
  /** The attempt that failed, from 1: the highest of the batch's events. */
  attempt: number;
  /** Whether retry.maxAttempts is reached: the events are kept but wait for the next trigger. */
  last: boolean;
  /** Milliseconds until the next attempt (capped exponential backoff with jitter); 0 for the last. */
  delay: number;
}

/** Options of `createRetryPolicy`: the resolved `retry` options and the jitter's source. */
export interface RetryPolicyOptions {
  maxAttempts: number;
  baseDelay: number;
  maxDelay: number;
  /** Random number in [0, 1). */
  random: () => number;
}

/** Classifies failures and counts each event's failed attempts, for the backoff and retry.maxAttempts. */
export interface RetryPolicy {
  /** What to do with `size` events whose send failed with `cause`. */
  classify(cause: unknown, size: number): FailureAction;
  /** Counts a failed attempt of these events and plans the next. */
  fail(eventIds: readonly string[]): RetryPlan;
  /** Forgets the counts of settled events (sent, dropped, rejected). */
  forget(eventIds: readonly string[]): void;
  /** Forgets every count: a new start (the network returned, or a parked queue is sent again). */
  reset(): void;
}

/** Makes the retry policy of one recorder. */
export function createRetryPolicy({ maxAttempts, baseDelay, maxDelay, random }: RetryPolicyOptions): RetryPolicy {
  const attempts = new Map<string, number>();
  return {
    classify(cause, size) {
      const { invalid, retryable } = (cause ?? {}) as { retryable?: unknown; invalid?: unknown };
      if (invalid === true) return size > 1 ? 'split' : 'reject';
      return retryable === false ? 'drop' : 'retry';
    },
    fail(eventIds) {
      const attempt = Math.max(...eventIds.map((id) => (attempts.get(id) ?? 0) + 1));
      for (const id of eventIds) attempts.set(id, attempt);
      if (attempt >= maxAttempts) return { attempt, last: true, delay: 0 };
      // The exponent is capped: 2 ** 1024 is Infinity, and 0 × Infinity NaN (retry.maxAttempts may be Infinity).
      const ceiling = Math.min(maxDelay, baseDelay * 2 ** Math.min(attempt - 1, 31));
      return { attempt, last: false, delay: Math.round(ceiling / 2 + (random() * ceiling) / 2) };
    },
    forget(eventIds) {
      for (const id of eventIds) attempts.delete(id);
    },
    reset: () => attempts.clear(),
  };
}
