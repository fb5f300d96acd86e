import { browserStorage } from './browserStorage';
import { byteLength } from './byteLength';
import { createAttribution } from './createAttribution';
import { createBrowserLifecycle } from './createBrowserLifecycle';
import { createQueueStore, type QueuedEvent } from './createQueueStore';
import { createRecorderError } from './createRecorderError';
import { createSession } from './createSession';
import { generateId as defaultGenerateId } from './generateId';
import { isPlaceholderId } from './isPlaceholderId';
import { LIMITS } from './limits';
import { toWireEvent } from './toWireEvent';
import type {
  EventBatch,
  EventInput,
  Recorder,
  RecorderActivity,
  RecorderError,
  RecorderOptions,
  RecorderSnapshot,
  RecordResult,
  WireEvent,
} from './types';
import { validateEvent } from './validateEvent';

const STORAGE_KEY = 'react-personalize';
/** Browsers refuse keepalive requests once their bodies in flight pass 64 KiB; stay under it. */
const KEEPALIVE_BUDGET = 60_000;
/** Requests in flight at once in normal operation (page exit sends everything at once). */
const CONCURRENCY = 4;
/** Storage writes are at most this often (ms); page exit writes at once. Keeps a long queue cheap to record into. */
const PERSIST_INTERVAL = 200;
/** While mounted, a recorder rewrites its stored queue this often (ms) so other tabs see it alive. */
const HEARTBEAT = 60_000;
/** A stored queue not rewritten for this long (ms) belongs to a crashed or closed tab and is taken over. */
const ORPHANED_AFTER = 5 * 60_000;
/** The most characters one recorder keeps in storage (localStorage holds about 5 million per origin). */
const MAX_STORED_CHARS = 1_000_000;

interface FlushWaiter {
  ids: Set<string>;
  resolve: () => void;
}

function describe(value: unknown): string {
  if (value instanceof Error) return value.message;
  return String(value);
}

function toInteger(value: number | undefined, fallback: number, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

/**
 * Creates the event recorder: validates events at `record()`, batches them per session and user (at most 10 per
 * request), retries retryable failures with capped exponential backoff and jitter, splits batches refused as
 * invalid, keeps unsent events in storage, and sends what is pending with `keepalive` when the page is hidden.
 * @example
 * const recorder = createRecorder({ transport: createHttpTransport({ url: '/api/events' }) });
 * recorder.record({ eventType: 'click', itemId: 'sku-1' });
 */
export function createRecorder(options: RecorderOptions): Recorder {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const generateId = options.generateId ?? defaultGenerateId;
  const transport = options.transport;
  const batchSize = toInteger(options.batchSize, LIMITS.eventsPerBatch, 1, LIMITS.eventsPerBatch);
  const flushInterval = toInteger(options.flushInterval, 1000, 0, 2 ** 31 - 1);
  const maxQueueSize = toInteger(options.maxQueueSize, 1000, 1, Number.MAX_SAFE_INTEGER);
  const maxAttempts = toInteger(options.retry?.maxAttempts, 8, 1, Number.MAX_SAFE_INTEGER);
  const baseDelay = toInteger(options.retry?.baseDelay, 500, 0, 2 ** 31 - 1);
  const maxDelay = toInteger(options.retry?.maxDelay, 30_000, 0, 2 ** 31 - 1);
  const maxEventAge = toInteger(options.maxEventAge, 24 * 60 * 60 * 1000, 1, Number.MAX_SAFE_INTEGER);
  const lifecycle = options.lifecycle === false ? undefined : (options.lifecycle ?? createBrowserLifecycle());

  const listeners = new Set<(activity: RecorderActivity) => void>();
  const emit = (activity: RecorderActivity) => {
    for (const listener of [...listeners]) {
      try {
        listener(activity);
      } catch {
        // A listener's bug must not break recording for everyone else.
      }
    }
  };
  const report = (error: RecorderError) => {
    try {
      options.onError?.(error);
    } catch {
      // Same as listeners: the app's handler cannot be allowed to break the recorder.
    }
  };

  const sessionStorage =
    options.sessionStorage === false ? undefined : (options.sessionStorage ?? browserStorage('sessionStorage'));
  const storage = options.persistence === false ? undefined : (options.persistence ?? browserStorage('localStorage'));

  const normalizeUser = (userId: string | undefined): string | undefined => {
    if (userId === undefined || userId === null) return undefined;
    if (typeof userId !== 'string' || isPlaceholderId(userId) || userId.length > LIMITS.id) {
      report(
        createRecorderError(
          'invalid-user',
          `identify(): userId must be 1–${LIMITS.id} characters and not "null" or "undefined"; got ${JSON.stringify(userId)}. The user is treated as signed out.`,
        ),
      );
      return undefined;
    }
    return userId;
  };

  const givenSessionId =
    typeof options.sessionId === 'string' &&
    !isPlaceholderId(options.sessionId) &&
    options.sessionId.length <= LIMITS.id
      ? options.sessionId
      : undefined;
  if (options.sessionId !== undefined && givenSessionId === undefined) {
    report(
      createRecorderError(
        'invalid-user',
        `createRecorder(): sessionId must be 1–${LIMITS.id} characters and not "null"; a session ID is generated instead.`,
      ),
    );
  }
  const session = createSession({
    sessionId: givenSessionId,
    storage: sessionStorage,
    key: `${STORAGE_KEY}:session`,
    timeout: toInteger(options.sessionTimeout, 30 * 60 * 1000, 0, Number.MAX_SAFE_INTEGER),
    now,
    generateId,
  });

  const store = storage
    ? createQueueStore({
        storage,
        key: STORAGE_KEY,
        writerId: generateId(),
        tabStorage: sessionStorage,
        now,
        staleAfter: ORPHANED_AFTER,
        maxChars: MAX_STORED_CHARS,
        onError: (message, details) => {
          failed += details.discarded ?? 0;
          report(createRecorderError('storage', message, details));
        },
      })
    : undefined;
  const attribution = options.attribution
    ? createAttribution({
        ...options.attribution,
        storage,
        key: `${STORAGE_KEY}:attribution`,
        now,
        onError: (message, cause) => report(createRecorderError('storage', message, { cause })),
      })
    : undefined;

  let userId = normalizeUser(options.userId);
  let enabled = options.enabled !== false;
  let closed = false;
  /** Set once close() has flushed: nothing more goes out. */
  let closedForSending = false;
  /** Waiting to be sent, oldest first. */
  let queue: QueuedEvent[] = [];
  /** In a request not answered yet. */
  const inFlight = new Map<string, QueuedEvent>();
  let inFlightRequests = 0;
  let sent = 0;
  let failed = 0;
  /** The flush timer fired or flush() was called: partial batches may go. Cleared when the queue empties. */
  let flushDue = false;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let backoffTimer: ReturnType<typeof setTimeout> | undefined;
  /** Retries ran out: nothing is sent until the next record(), flush(), `online` or reload. */
  let parked = false;
  let pumpScheduled = false;
  /** A storage write is due (in a microtask, or when the cooldown ends). */
  let persistScheduled = false;
  /** Runs for PERSIST_INTERVAL after each write; writes asked for meanwhile wait for its end. */
  let persistCooldown: ReturnType<typeof setTimeout> | undefined;
  let heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  /** Body bytes of keepalive requests not answered yet: they count against the browser's keepalive budget. */
  let keepaliveBytes = 0;
  /** Batches of requests in flight without keepalive: the browser cancels them if the page goes away. */
  const plainRequests = new Set<EventBatch>();
  let mounts = 0;
  let disposeLifecycle: (() => void) | undefined;
  const abort = typeof AbortController === 'function' ? new AbortController() : undefined;
  const waiters = new Set<FlushWaiter>();
  /** Consecutive failed attempts per eventId, for the backoff and retry.maxAttempts. */
  const attempts = new Map<string, number>();

  let snapshot: RecorderSnapshot = {
    sessionId: session.peek(),
    userId,
    queued: 0,
    inFlight: 0,
    sent: 0,
    failed: 0,
    enabled,
  };

  const online = () => lifecycle?.isOnline() ?? true;

  const commit = () => {
    const next: RecorderSnapshot = {
      sessionId: session.peek(),
      userId,
      queued: queue.length,
      inFlight: inFlight.size,
      sent,
      failed,
      enabled,
    };
    const changed = (Object.keys(next) as (keyof RecorderSnapshot)[]).some((key) => next[key] !== snapshot[key]);
    if (changed) {
      snapshot = next;
      emit({ type: 'changed', snapshot });
    }
    settleWaiters();
  };

  const settleWaiters = () => {
    if (waiters.size === 0) return;
    const stalled = parked || !enabled || closed || !online();
    for (const waiter of waiters) {
      for (const id of waiter.ids) {
        if (!inFlight.has(id) && !queue.some((item) => item.event.eventId === id)) waiter.ids.delete(id);
      }
      const waitingOnRequests = [...waiter.ids].some((id) => inFlight.has(id));
      if (waiter.ids.size === 0 || (stalled && !waitingOnRequests)) {
        waiters.delete(waiter);
        waiter.resolve();
      }
    }
  };

  /** Writes every unacknowledged event (in flight and queued) now. */
  const persistNow = () => {
    persistScheduled = false;
    if (!store) return;
    const unacknowledged = [...inFlight.values(), ...queue];
    store.save(unacknowledged);
    if (unacknowledged.length > 0 && persistCooldown === undefined && !closed) {
      persistCooldown = setTimeout(() => {
        persistCooldown = undefined;
        if (persistScheduled) persistNow();
      }, PERSIST_INTERVAL);
    }
  };
  /** Writes soon: in a microtask (so one task's records make one write), or when the cooldown ends. */
  const persist = () => {
    if (!store || persistScheduled) return;
    persistScheduled = true;
    if (persistCooldown === undefined) {
      queueMicrotask(() => {
        if (persistScheduled) persistNow();
      });
    }
  };

  const drop = (items: QueuedEvent[], error: RecorderError, countAsFailed = true) => {
    if (items.length === 0) return;
    if (countAsFailed) failed += items.length;
    emit({ type: 'dropped', error, events: items.map((item) => item.event) });
    if (countAsFailed) report(error);
  };

  const dropExpired = () => {
    const oldest = now() - maxEventAge;
    if (queue.length === 0 || queue[0].recordedAt >= oldest) return;
    const expired = queue.filter((item) => item.recordedAt < oldest);
    queue = queue.filter((item) => item.recordedAt >= oldest);
    drop(
      expired,
      createRecorderError(
        'expired',
        `${expired.length} event(s) stayed unsent for more than maxEventAge (${maxEventAge} ms) and were dropped`,
        { eventIds: expired.map((item) => item.event.eventId) },
      ),
    );
  };

  const enforceQueueLimit = () => {
    const excess = queue.length + inFlight.size - maxQueueSize;
    if (excess <= 0) return;
    const dropped = queue.splice(0, Math.min(excess, queue.length));
    drop(
      dropped,
      createRecorderError(
        'queue-full',
        `the queue passed maxQueueSize (${maxQueueSize}); the ${dropped.length} oldest event(s) were dropped`,
        { eventIds: dropped.map((item) => item.event.eventId) },
      ),
    );
  };

  /** Takes the oldest event's (sessionId, userId) group, up to batchSize events, out of the queue. */
  const takeBatch = (partial: boolean): QueuedEvent[] | undefined => {
    if (queue.length === 0) return undefined;
    const first = queue[0];
    const picked: QueuedEvent[] = [];
    const rest: QueuedEvent[] = [];
    for (const item of queue) {
      if (picked.length < batchSize && item.sessionId === first.sessionId && item.userId === first.userId) {
        picked.push(item);
      } else rest.push(item);
    }
    if (!partial && picked.length < batchSize) {
      // The oldest group is not full yet; a later group may be.
      const full = findFullGroup();
      if (!full) return undefined;
      const ids = new Set(full.map((item) => item.event.eventId));
      queue = queue.filter((item) => !ids.has(item.event.eventId));
      return full;
    }
    queue = rest;
    return picked;
  };

  const findFullGroup = (): QueuedEvent[] | undefined => {
    const groups = new Map<string, QueuedEvent[]>();
    for (const item of queue) {
      const key = `${item.sessionId}\u0000${item.userId ?? ''}`;
      const group = groups.get(key) ?? [];
      group.push(item);
      if (group.length === batchSize) return group;
      groups.set(key, group);
    }
    return undefined;
  };

  const toBatch = (items: QueuedEvent[]): EventBatch => {
    const batch: EventBatch = { sessionId: items[0].sessionId, eventList: items.map((item) => item.event) };
    if (items[0].userId !== undefined) batch.userId = items[0].userId;
    return batch;
  };

  const backoff = (attempt: number): number => {
    const ceiling = Math.min(maxDelay, baseDelay * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
  };

  const send = (items: QueuedEvent[], keepalive: boolean): Promise<void> => {
    for (const item of items) inFlight.set(item.event.eventId, item);
    inFlightRequests++;
    const batch = toBatch(items);
    const bytes = keepalive ? byteLength(JSON.stringify(batch)) : 0;
    keepaliveBytes += bytes;
    if (!keepalive) plainRequests.add(batch);
    let outcome: Promise<void>;
    try {
      outcome = Promise.resolve(transport.send(batch, { keepalive, signal: abort?.signal }));
    } catch (error) {
      outcome = Promise.reject(error);
    }
    return outcome.then(
      () => {
        keepaliveBytes -= bytes;
        plainRequests.delete(batch);
        settle(items);
        for (const item of items) attempts.delete(item.event.eventId);
        sent += items.length;
        emit({ type: 'sent', batch });
        after();
      },
      (error: unknown) => {
        keepaliveBytes -= bytes;
        plainRequests.delete(batch);
        settle(items);
        fail(items, batch, error, keepalive);
        after();
      },
    );
  };

  const settle = (items: QueuedEvent[]) => {
    inFlightRequests--;
    for (const item of items) inFlight.delete(item.event.eventId);
  };

  const after = () => {
    persist();
    commit();
    schedulePump();
  };

  const fail = (items: QueuedEvent[], batch: EventBatch, cause: unknown, keepalive: boolean) => {
    const info = (cause ?? {}) as { retryable?: unknown; invalid?: unknown };
    const invalid = info.invalid === true;
    const retryable = !invalid && info.retryable !== false;
    const eventIds = items.map((item) => item.event.eventId);
    if (invalid) {
      if (items.length > 1) {
        // Find the bad event(s) by halving: the good halves are delivered, only the bad ones are reported.
        const middle = Math.ceil(items.length / 2);
        queueSplit(items.slice(0, middle), items.slice(middle), keepalive);
        return;
      }
      failed += 1;
      const error = createRecorderError(
        'rejected',
        `the service refused event ${eventIds[0]} as invalid: ${describe(cause)}`,
        { eventIds, cause },
      );
      emit({ type: 'rejected', error, event: items[0].event });
      report(error);
      return;
    }
    if (!retryable) {
      drop(
        items,
        createRecorderError(
          'send-failed',
          `sending ${items.length} event(s) failed and cannot be retried: ${describe(cause)}`,
          {
            eventIds,
            cause,
          },
        ),
      );
      return;
    }
    // Retryable: back to the front of the queue, same eventIds, after a backoff.
    queue = [...items, ...queue];
    // Offline: no attempt counted and no backoff timer (no retry storm); `online` resumes.
    if (!online()) return;
    const attempt = Math.max(...eventIds.map((id) => (attempts.get(id) ?? 0) + 1));
    for (const id of eventIds) attempts.set(id, attempt);
    const error = createRecorderError('send-failed', `sending ${items.length} event(s) failed: ${describe(cause)}`, {
      eventIds,
      cause,
      retryable: true,
    });
    if (attempt >= maxAttempts) {
      parked = true;
      report(
        createRecorderError(
          'send-failed',
          `sending failed ${attempt} times (retry.maxAttempts); ${queue.length} event(s) are kept and retried on the next record(), flush(), reconnect or reload: ${describe(cause)}`,
          { eventIds, cause, retryable: true },
        ),
      );
      return;
    }
    const delay = backoff(attempt);
    emit({ type: 'retried', batch, error, attempt, delay });
    if (backoffTimer !== undefined) clearTimeout(backoffTimer);
    backoffTimer = setTimeout(() => {
      backoffTimer = undefined;
      flushDue = true;
      pump(false);
    }, delay);
  };

  const queueSplit = (left: QueuedEvent[], right: QueuedEvent[], keepalive: boolean) => {
    void send(left, keepalive);
    void send(right, keepalive);
  };

  /** Sends what may go now: full batches always, partial ones once a flush is due; everything on page exit. */
  const pump = (keepalive: boolean) => {
    pumpScheduled = false;
    if (!enabled || closedForSending) return;
    dropExpired();
    if (!keepalive && (backoffTimer !== undefined || parked || !online())) {
      commit();
      return;
    }
    let budget = KEEPALIVE_BUDGET - keepaliveBytes;
    while (queue.length > 0 && (keepalive || inFlightRequests < CONCURRENCY)) {
      const items = takeBatch(keepalive || flushDue);
      if (!items) break;
      if (keepalive) {
        // Past the browser's keepalive budget a request is refused outright: send what fits, smaller batches
        // if need be; the rest stays queued and persisted for this page if it lives on, or for the next one.
        let size = byteLength(JSON.stringify(toBatch(items)));
        while (size > budget && items.length > 1) {
          queue.unshift(items.pop() as QueuedEvent);
          size = byteLength(JSON.stringify(toBatch(items)));
        }
        if (size > budget) {
          queue.unshift(...items);
          break;
        }
        budget -= size;
      }
      void send(items, keepalive);
    }
    if (queue.length === 0) {
      flushDue = false;
      clearFlushTimer();
    }
    commit();
  };
  const schedulePump = () => {
    if (pumpScheduled) return;
    pumpScheduled = true;
    queueMicrotask(() => pump(false));
  };

  const clearFlushTimer = () => {
    if (flushTimer !== undefined) clearTimeout(flushTimer);
    flushTimer = undefined;
  };

  const startFlushTimer = () => {
    if (flushTimer !== undefined) return;
    flushTimer = setTimeout(() => {
      flushTimer = undefined;
      flushDue = true;
      pump(false);
    }, flushInterval);
  };

  const unpark = () => {
    if (!parked) return;
    parked = false;
    attempts.clear();
  };

  /**
   * Page exit: a request in flight without keepalive dies with the page, so a keepalive copy of it goes too (a
   * duplicate at worst, with the same eventIds). The original's answer, if the page lives on, settles the events.
   */
  const copyInFlight = () => {
    for (const batch of plainRequests) {
      const size = byteLength(JSON.stringify(batch));
      if (size > KEEPALIVE_BUDGET - keepaliveBytes) break;
      plainRequests.delete(batch);
      keepaliveBytes += size;
      const done = () => {
        keepaliveBytes -= size;
      };
      try {
        Promise.resolve(transport.send(batch, { keepalive: true, signal: abort?.signal })).then(done, done);
      } catch {
        done();
      }
    }
  };

  const onHide = () => {
    flushDue = true;
    if (online() && enabled && !closedForSending) {
      copyInFlight();
      pump(true);
    }
    persistNow();
    store?.handOff();
  };
  const onOnline = () => {
    if (backoffTimer !== undefined) clearTimeout(backoffTimer);
    backoffTimer = undefined;
    unpark();
    attempts.clear();
    flushDue = true;
    pump(false);
  };

  /** Queues events taken over from storage (not already here), oldest first; they go with the next flush. */
  const takeOver = (events: QueuedEvent[]) => {
    const known = new Set([...inFlight.keys(), ...queue.map((item) => item.event.eventId)]);
    const fresh = events.filter((item) => !known.has(item.event.eventId));
    if (fresh.length > 0) {
      queue = [...queue, ...fresh].sort((a, b) => a.recordedAt - b.recordedAt);
      dropExpired();
      enforceQueueLimit();
      if (queue.length > 0) startFlushTimer();
      persist();
    }
    commit();
  };
  /** What this tab's previous page, or a crashed or closed tab, left unsent. */
  const restore = () => {
    if (store && enabled && !closed) takeOver(store.restore());
  };
  // The page came back from the back/forward cache: the page it went to may have taken over its queue.
  const onShow = () => {
    restore();
    persistNow();
    flushDue = true;
    pump(false);
  };
  const heartbeat = () => {
    if (!store || !enabled || closed) return;
    persistNow();
    takeOver(store.adoptOrphans());
  };

  restore();

  const recorder: Recorder = {
    record(input: EventInput): RecordResult {
      try {
        if (closed) {
          return {
            ok: false,
            error: createRecorderError(
              'closed',
              'record(): the recorder is closed; create a new one with createRecorder()',
            ),
          };
        }
        if (!enabled) {
          return {
            ok: false,
            error: createRecorderError(
              'disabled',
              'record(): recording is disabled (enabled: false); nothing was recorded',
            ),
          };
        }
        const own = input;
        if (attribution) input = attribution.apply(input, userId);
        const issues = validateEvent(input);
        if (issues.length > 0) {
          const error = createRecorderError(
            'invalid-event',
            `record(): invalid event, not recorded: ${issues.map((issue) => issue.message).join('; ')}`,
            { issues },
          );
          emit({ type: 'rejected', error, event: input });
          report(error);
          return { ok: false, error };
        }
        const at = now();
        const eventId = input.eventId ?? generateId();
        const event: WireEvent = toWireEvent(input, eventId, at);
        const sessionId = session.touch();
        const item: QueuedEvent = { event, sessionId, recordedAt: at };
        if (userId !== undefined) item.userId = userId;
        queue.push(item);
        unpark();
        emit({ type: 'recorded', event, sessionId, userId });
        attribution?.remember(own, userId);
        enforceQueueLimit();
        startFlushTimer();
        schedulePump();
        persist();
        commit();
        return { ok: true, eventId };
      } catch (cause) {
        const error = createRecorderError('invalid-event', `record(): could not record the event: ${describe(cause)}`, {
          cause,
        });
        report(error);
        return { ok: false, error };
      }
    },

    flush() {
      if (!enabled || closedForSending) return Promise.resolve();
      unpark();
      const ids = new Set<string>([...queue.map((item) => item.event.eventId), ...inFlight.keys()]);
      if (ids.size === 0) return Promise.resolve();
      const done = new Promise<void>((resolve) => waiters.add({ ids, resolve }));
      if (backoffTimer !== undefined) {
        clearTimeout(backoffTimer);
        backoffTimer = undefined;
      }
      flushDue = true;
      pump(false);
      return done;
    },

    identify(next) {
      const nextUser = normalizeUser(next);
      if (nextUser === userId) return;
      // Anonymous → known keeps the session so the anonymous history joins the user; any other change starts anew.
      if (userId !== undefined) session.renew();
      userId = nextUser;
      commit();
    },

    setEnabled(next) {
      const value = next !== false;
      if (value === enabled) return;
      enabled = value;
      if (!enabled) {
        // Consent withdrawn: what was waiting is discarded, here and in storage.
        attribution?.clear();
        const discarded = queue;
        queue = [];
        clearFlushTimer();
        if (backoffTimer !== undefined) clearTimeout(backoffTimer);
        backoffTimer = undefined;
        persistNow();
        drop(
          discarded,
          createRecorderError(
            'disabled',
            `recording was disabled; ${discarded.length} unsent event(s) were discarded`,
            {
              eventIds: discarded.map((item) => item.event.eventId),
            },
          ),
          false,
        );
      } else restore();
      commit();
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    getSnapshot() {
      return snapshot;
    },

    mount() {
      mounts++;
      if (mounts === 1 && !closed) {
        if (lifecycle) disposeLifecycle = lifecycle.listen({ onHide, onOnline, onShow });
        if (store) heartbeatTimer = setInterval(heartbeat, HEARTBEAT);
      }
      let done = false;
      return () => {
        if (done) return;
        done = true;
        mounts--;
        if (mounts === 0) {
          disposeLifecycle?.();
          disposeLifecycle = undefined;
          clearInterval(heartbeatTimer);
          heartbeatTimer = undefined;
        }
      };
    },

    async close() {
      if (closed) return;
      await recorder.flush();
      closed = true;
      closedForSending = true;
      clearFlushTimer();
      if (backoffTimer !== undefined) clearTimeout(backoffTimer);
      backoffTimer = undefined;
      disposeLifecycle?.();
      disposeLifecycle = undefined;
      clearInterval(heartbeatTimer);
      heartbeatTimer = undefined;
      listeners.clear();
      persistNow();
      clearTimeout(persistCooldown);
      persistCooldown = undefined;
      store?.dispose();
      commit();
    },
  };
  return recorder;
}
