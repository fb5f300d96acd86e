import { TransportError } from '../core/TransportError';
import type { EventBatch, SendContext, Transport, WireEvent } from '../core/types';

/** How a memory transport answers the next sends. */
export type MemoryFailure =
  | 'network' // retryable, like a dropped connection
  | 'throttle' // retryable, ThrottlingException
  | 'server' // retryable, HTTP 500
  | 'invalid' // not retryable, InvalidInputException: the recorder splits the batch
  | 'forbidden'; // not retryable, HTTP 403

/** A transport that keeps every batch in memory, for tests and stories. */
export interface MemoryTransport extends Transport {
  /** Batches acknowledged, in order. */
  readonly batches: EventBatch[];
  /** Every send attempt, including failed ones, with its context. */
  readonly attempts: {
    /** A copy of the batch as it was sent. */
    batch: EventBatch;
    /** The context the recorder sent it with (`keepalive`). */
    context: SendContext;
    /** How the attempt was made to fail, if it was. */
    failure?: MemoryFailure | undefined;
  }[];
  /** All acknowledged events, flattened, in order. */
  events(): WireEvent[];
  /** Fails the next `times` sends as `kind` (default `'network'`); without `times`, every send until `succeed()`. */
  fail(kind?: MemoryFailure, times?: number): void;
  /** Refuses as invalid any batch holding an event for which `predicate` is true (like the service would). */
  rejectWhen(predicate: ((event: WireEvent) => boolean) | undefined): void;
  /** Stops failing. */
  succeed(): void;
  /** Holds every send until `release()` is called: for testing what is in flight. */
  hold(): void;
  /** Lets held sends go. */
  release(): void;
  /** Forgets every batch and attempt. */
  clear(): void;
}

const FAILURES: Record<MemoryFailure, () => TransportError> = {
  network: () => new TransportError('memory transport: network error', { retryable: true }),
  throttle: () =>
    new TransportError('memory transport: ThrottlingException', {
      retryable: true,
      status: 400,
      code: 'ThrottlingException',
    }),
  server: () =>
    new TransportError('memory transport: HTTP 500', { retryable: true, status: 500, code: 'InternalFailure' }),
  invalid: () =>
    new TransportError('memory transport: InvalidInputException', {
      retryable: false,
      invalid: true,
      status: 400,
      code: 'InvalidInputException',
    }),
  forbidden: () => new TransportError('memory transport: HTTP 403', { retryable: false, status: 403 }),
};

/**
 * A transport that records every batch in memory and can be told to fail.
 * @example
 * const transport = createMemoryTransport();
 * const recorder = createRecorder({ transport, persistence: false });
 * recorder.record({ eventType: 'click', itemId: 'a' });
 * await recorder.flush();
 * expect(transport.events()).toHaveLength(1);
 */
export function createMemoryTransport(): MemoryTransport {
  const batches: EventBatch[] = [];
  const attempts: MemoryTransport['attempts'] = [];
  let failure: MemoryFailure | undefined;
  let failuresLeft = Number.POSITIVE_INFINITY;
  let rejectPredicate: ((event: WireEvent) => boolean) | undefined;
  let held: (() => void)[] | undefined;

  return {
    batches,
    attempts,
    async send(batch, context) {
      if (held) await new Promise<void>((resolve) => held?.push(resolve));
      // A batch in wire form is plain JSON; structuredClone is missing in Jest's jsdom environment.
      const copy: EventBatch = JSON.parse(JSON.stringify(batch));
      let kind: MemoryFailure | undefined;
      if (failure && failuresLeft > 0) {
        kind = failure;
        failuresLeft--;
        if (failuresLeft === 0) failure = undefined;
      } else if (rejectPredicate && copy.eventList.some(rejectPredicate)) kind = 'invalid';
      attempts.push({ batch: copy, context: { ...context }, failure: kind });
      if (kind) throw FAILURES[kind]();
      batches.push(copy);
    },
    events() {
      return batches.flatMap((batch) => batch.eventList);
    },
    fail(kind = 'network', times = Number.POSITIVE_INFINITY) {
      failure = kind;
      failuresLeft = times;
    },
    rejectWhen(predicate) {
      rejectPredicate = predicate;
    },
    succeed() {
      failure = undefined;
    },
    hold() {
      held ??= [];
    },
    release() {
      const waiting = held ?? [];
      held = undefined;
      for (const resolve of waiting) resolve();
    },
    clear() {
      batches.length = 0;
      attempts.length = 0;
    },
  };
}
