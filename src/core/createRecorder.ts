import { browserLocks } from './browserLocks';
import { browserStorage } from './browserStorage';
import { byteLength } from './byteLength';
import { createBrowserLifecycle } from './createBrowserLifecycle';
import { createQueueStore, type QueuedEvent } from './createQueueStore';
import { createRecorderError } from './createRecorderError';
import { createSession } from './createSession';
import { createTabLock } from './createTabLock';
import { generateId as defaultGenerateId } from './generateId';
import { isPlaceholderId } from './isPlaceholderId';
import { isValidString } from './isValidString';
import { MAX_EVENTS_PER_BATCH, MAX_ID } from './limits';
import { TransportError } from './TransportError';
import { toWireEvent } from './toWireEvent';
import type {
  EventBatch,
  EventInput,
  Recorder,
  RecorderActivity,
  RecorderError,
  RecorderErrorCode,
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
/**
 * With Web Locks, other tabs' locks are looked at this often (ms) while mounted: a queue whose writer's lock is free
 * at two checks in a row is taken over, so a closed or crashed tab's events go within about 2 × 4 s.
 */
const ORPHAN_CHECK = 4_000;
/** Events dropped for a full queue within this long (ms) of the first are reported together, as one error. */
const QUEUE_FULL_WINDOW = 1_000;
/** The most characters one recorder keeps in storage (localStorage holds about 5 million per origin). */
const MAX_STORED_CHARS = 1_000_000;
/** The longest delay (ms) setTimeout honours; a longer one fires at once. */
const MAX_DELAY = 2 ** 31 - 1;
const ID_RULE = `must be 1–${MAX_ID} characters and not "null" or "undefined"`;

const describe = (value: unknown) => (value instanceof Error ? value.message : String(value));

const idOf = (item: QueuedEvent) => item.event.eventId;

const isValidId = (id: unknown): id is string => isValidString(id, MAX_ID) && !isPlaceholderId(id);

/** Calls the app's code (a listener, onError) so that its bug cannot break the recorder. */
function safely<T>(callback: ((value: T) => void) | undefined, value: T): void {
  try {
    callback?.(value);
  } catch {
    // The app's bug is the app's: recording goes on for everyone else.
  }
}

/** An integer option within min–max: `Infinity` means as much as allowed (no limit), anything else not finite the default. */
function toInteger(value: number | undefined, fallback: number, min: number, max = Infinity): number {
  if (value === Infinity) return max;
  return Number.isFinite(value) ? Math.min(max, Math.max(min, Math.floor(value as number))) : fallback;
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
  const {
    transport,
    now = Date.now,
    random = Math.random,
    generateId = defaultGenerateId,
    retry = {},
    timers = globalThis,
  } = options;
  // Looked up at each use, so fake timers installed after the recorder was made still apply; called as plain
  // functions, as browsers refuse their own setTimeout with a `this` other than the window ("Illegal invocation").
  const setTimer = (callback: () => void, ms: number) => {
    const schedule = timers.setTimeout;
    return schedule(callback, ms);
  };
  const clearTimer = (handle: unknown) => {
    const cancel = timers.clearTimeout;
    cancel(handle);
  };
  const batchSize = toInteger(options.batchSize, MAX_EVENTS_PER_BATCH, 1, MAX_EVENTS_PER_BATCH);
  const flushInterval = toInteger(options.flushInterval, 1000, 0, MAX_DELAY);
  const maxQueueSize = toInteger(options.maxQueueSize, 1000, 1);
  const maxAttempts = toInteger(retry.maxAttempts, 8, 1);
  const baseDelay = toInteger(retry.baseDelay, 500, 0, MAX_DELAY);
  const maxDelay = toInteger(retry.maxDelay, 30_000, 0, MAX_DELAY);
  const maxEventAge = toInteger(options.maxEventAge, 24 * 60 * 60 * 1000, 1);
  const requestTimeout =
    options.requestTimeout === Infinity ? Infinity : toInteger(options.requestTimeout, 10_000, 1, MAX_DELAY);
  const lifecycle = options.lifecycle === false ? undefined : (options.lifecycle ?? createBrowserLifecycle());
  const tabStorage =
    options.sessionStorage === false ? undefined : (options.sessionStorage ?? browserStorage('sessionStorage'));
  /** localStorage exists but throws on access (a sandboxed iframe, blocked cookies): reported once made. */
  let storageRefusal: { cause: unknown } | undefined;
  const storage =
    options.persistence === false
      ? undefined
      : (options.persistence ??
        browserStorage('localStorage', (cause) => {
          storageRefusal = { cause };
        }));
  const locks = options.locks === false ? undefined : (options.locks ?? browserLocks());
  /** In a page (one with a lifecycle), every request that fits the keepalive budget goes with keepalive. */
  const keepaliveAlways = lifecycle !== undefined;

  const listeners = new Set<(activity: RecorderActivity) => void>();
  const emit = (activity: RecorderActivity) => {
    for (const listener of [...listeners]) safely(listener, activity);
  };
  const report = (error: RecorderError) => safely(options.onError, error);
  if (storageRefusal) {
    report(
      createRecorderError(
        'storage',
        'persistence: localStorage throws on access here (a sandboxed iframe, blocked cookies); unsent events are kept in memory only',
        storageRefusal,
      ),
    );
  }

  const normalizeUser = (id: string | undefined): string | undefined => {
    if (id == null || isValidId(id)) return id ?? undefined;
    report(
      createRecorderError(
        'invalid-user',
        `identify(): userId ${ID_RULE}; got ${JSON.stringify(id)}. The user is treated as signed out.`,
      ),
    );
    return undefined;
  };

  const givenSessionId = options.sessionId;
  if (givenSessionId !== undefined && !isValidId(givenSessionId)) {
    report(
      createRecorderError(
        'invalid-session',
        `createRecorder(): sessionId ${ID_RULE}; a session ID is generated instead.`,
      ),
    );
  }
  let userId = normalizeUser(options.userId);
  const session = createSession({
    sessionId: isValidId(givenSessionId) ? givenSessionId : undefined,
    storage: tabStorage,
    key: `${STORAGE_KEY}:session`,
    timeout: toInteger(options.sessionTimeout, 30 * 60 * 1000, 0),
    now,
    generateId,
  });

  const writerId = generateId();
  const tabLock = storage && locks ? createTabLock(locks, `${STORAGE_KEY}:writer:`, writerId) : undefined;
  const store =
    storage &&
    createQueueStore({
      storage,
      key: STORAGE_KEY,
      writerId,
      isLocked: () => tabLock?.isHeld() === true,
      tabStorage,
      now,
      staleAfter: ORPHANED_AFTER,
      maxChars: MAX_STORED_CHARS,
      onError: (message, details) => {
        failed += details.discarded ?? 0;
        report(createRecorderError('storage', message, details));
      },
    });
  const attribution = options.attribution?.connect({
    storage,
    now,
    onError: (message, cause) => report(createRecorderError('storage', message, { cause })),
  });
  // A page that starts signed in claims the anonymous pairs, as identify() does (the previous page's anonymous
  // session joins the user too).
  if (userId !== undefined) attribution?.claim?.(userId);

  let enabled = options.enabled !== false;
  /** The close() under way, set when it is called: nothing more is recorded. */
  let closing: Promise<void> | undefined;
  /** Set once close() has flushed: nothing more is sent. */
  let closed = false;
  /** Waiting to be sent, oldest first. */
  let queue: QueuedEvent[] = [];
  /** In a request not answered yet. */
  const inFlight = new Map<string, QueuedEvent>();
  let inFlightRequests = 0;
  let sent = 0;
  let failed = 0;
  /** The flush timer fired or flush() was called: partial batches may go. Cleared when the queue empties. */
  let flushDue = false;
  let flushTimer: unknown;
  let backoffTimer: unknown;
  /** Retries ran out: nothing is sent until the next record(), flush(), `online` or reload. */
  let parked = false;
  let pumpScheduled = false;
  /** A storage write is due (in a microtask, or when the cooldown ends). */
  let persistScheduled = false;
  /** Runs for PERSIST_INTERVAL after each write; writes asked for meanwhile wait for its end. */
  let persistCooldown: unknown;
  let heartbeatTimer: unknown;
  let orphanTimer: unknown;
  /** Events dropped for a full queue and not reported yet (they are reported together, QUEUE_FULL_WINDOW later). */
  let overflow: string[] = [];
  let overflowTimer: unknown;
  /** Whether transport.prepare() was called (on the first mount). */
  let prepared = false;
  /**
   * From page exit (pagehide, or the tab hidden) to the next task: an event recorded meanwhile, by the app's own exit
   * listeners, goes out with keepalive and into storage at once, as no timer may run before the page is gone.
   */
  let exiting = false;
  /** Body bytes of keepalive requests not answered yet: they count against the browser's keepalive budget. */
  let keepaliveBytes = 0;
  let mounts = 0;
  let disposeLifecycle: (() => void) | undefined;
  /** Each pending flush(): its promise's resolve, and the events it waits for. */
  const waiters = new Map<() => void, string[]>();
  /** Consecutive failed attempts per eventId, for the backoff and retry.maxAttempts. */
  const attempts = new Map<string, number>();

  const online = () => lifecycle?.isOnline() ?? true;
  /** Forgets the retry counts of events that are settled (sent, dropped, rejected). */
  const forget = (items: QueuedEvent[]) => {
    for (const item of items) attempts.delete(idOf(item));
  };
  /** Every event not acknowledged yet: in flight, then queued. */
  const unacknowledged = () => [...inFlight.values(), ...queue];

  /** What getSnapshot() returns; made by the commit() at the end of construction. */
  let snapshot = {} as RecorderSnapshot;

  /** Publishes a new snapshot if the state changed, and resolves the flush() calls that are done. */
  const commit = () => {
    const next: RecorderSnapshot = {
      sessionId: session.refresh(userId),
      userId,
      queued: queue.length,
      inFlight: inFlight.size,
      sent,
      failed,
      enabled,
    };
    if ((Object.keys(next) as (keyof RecorderSnapshot)[]).some((key) => next[key] !== snapshot[key])) {
      snapshot = next;
      emit({ type: 'changed', snapshot });
    }
    if (!waiters.size) return;
    // A flush() is done once none of its events is in flight, or queued with sending still possible.
    const stalled = parked || !enabled || closed || !online();
    const pending = new Set(stalled ? inFlight.keys() : unacknowledged().map(idOf));
    for (const [resolve, ids] of waiters) {
      if (!ids.some((id) => pending.has(id))) {
        waiters.delete(resolve);
        resolve();
      }
    }
  };

  /** Writes every unacknowledged event (in flight and queued) now; nothing while consent is withdrawn. */
  const persistNow = () => {
    persistScheduled = false;
    if (!store) return;
    // Without consent even events in a request not answered yet leave storage: the next page must not resend them.
    const items = enabled ? unacknowledged() : [];
    store.save(items);
    if (items.length && !persistCooldown && !closed) {
      persistCooldown = setTimer(() => {
        persistCooldown = undefined;
        persistIfDue();
      }, PERSIST_INTERVAL);
    }
  };
  const persistIfDue = () => {
    if (persistScheduled) persistNow();
  };
  /** Writes soon: in a microtask (so one task's records make one write), or when the cooldown ends. */
  const persist = () => {
    if (!store || persistScheduled) return;
    persistScheduled = true;
    if (!persistCooldown) queueMicrotask(persistIfDue);
  };

  /**
   * Drops `items` and reports them; with `gathered`, the report joins the others of the burst (every record() while
   * the queue stays full), made QUEUE_FULL_WINDOW after its first drop, at page exit or close: one error, not one
   * per event.
   */
  const drop = (
    items: QueuedEvent[],
    code: RecorderErrorCode,
    why: string,
    cause?: unknown,
    counted = true,
    gathered = false,
  ) => {
    if (!items.length) return;
    forget(items);
    const error = createRecorderError(code, `${items.length} unsent event(s) dropped: ${why}`, {
      eventIds: items.map(idOf),
      cause,
    });
    emit({ type: 'dropped', error, events: items.map((item) => item.event) });
    if (!counted) return;
    failed += items.length;
    if (!gathered) return report(error);
    overflow.push(...error.eventIds);
    overflowTimer ??= setTimer(reportOverflow, QUEUE_FULL_WINDOW);
  };
  const reportOverflow = () => {
    clearTimer(overflowTimer);
    overflowTimer = undefined;
    if (!overflow.length) return;
    const eventIds = overflow;
    overflow = [];
    report(
      createRecorderError(
        'queue-full',
        `${eventIds.length} unsent event(s) dropped: the queue passed maxQueueSize (${maxQueueSize}); the oldest go first`,
        { eventIds },
      ),
    );
  };

  /** When dropExpired last looked through the queue. */
  let expiryCheckedAt = Number.NEGATIVE_INFINITY;
  const dropExpired = () => {
    const at = now();
    // The whole queue, not only its head (a retried batch goes back to the front, before older events), so at most
    // once a second: with a long queue, a scan per batch sent would cost more than sending.
    if (at - expiryCheckedAt < 1000) return;
    expiryCheckedAt = at;
    const oldest = at - maxEventAge;
    const isExpired = (item: QueuedEvent) => item.recordedAt < oldest;
    if (!queue.some(isExpired)) return;
    const expired = queue.filter(isExpired);
    queue = queue.filter((item) => !isExpired(item));
    drop(expired, 'expired', `recorded more than maxEventAge (${maxEventAge} ms) ago`);
  };

  // Events in flight cannot be dropped, so only queued ones count: otherwise requests in flight holding
  // maxQueueSize events would make the event just recorded (and accepted) the one dropped, not the oldest.
  const enforceQueueLimit = (gathered: boolean) => {
    const excess = queue.length - maxQueueSize;
    if (excess > 0)
      drop(
        queue.splice(0, excess),
        'queue-full',
        `the queue passed maxQueueSize (${maxQueueSize}); the oldest go first`,
        undefined,
        true,
        gathered,
      );
  };

  /** Takes the first (sessionId, userId) group to fill a batch out of the queue; with `partial`, else the oldest. */
  const takeBatch = (partial: boolean): QueuedEvent[] | undefined => {
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
  };

  const toBatch = (items: QueuedEvent[]): EventBatch => {
    const batch: EventBatch = { sessionId: items[0].sessionId, eventList: items.map((item) => item.event) };
    if (items[0].userId !== undefined) batch.userId = items[0].userId;
    return batch;
  };

  const bytesOf = (batch: EventBatch) => byteLength(JSON.stringify(batch));
  /** Whether a keepalive request of `batch` stays within the browser's budget (past it, it is refused outright). */
  const fits = (batch: EventBatch) => bytesOf(batch) <= KEEPALIVE_BUDGET - keepaliveBytes;

  /**
   * Calls the transport (a synchronous throw counts as a failure) and `settle`s once, with its answer or, at
   * `requestTimeout`, as a retryable failure (the signal is aborted; a later answer is ignored). A keepalive body
   * counts against the browser's budget until either.
   */
  const transmit = (batch: EventBatch, keepalive: boolean, settle: (ok: boolean, error?: unknown) => void) => {
    let bytes = keepalive ? bytesOf(batch) : 0;
    keepaliveBytes += bytes;
    const controller = new AbortController();
    let deadline: unknown;
    let settled = false;
    const answered = (ok: boolean, error?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimer(deadline);
      keepaliveBytes -= bytes;
      bytes = 0;
      settle(ok, error);
    };
    if (requestTimeout !== Infinity) {
      deadline = setTimer(() => {
        const error = new TransportError(
          `no answer within requestTimeout (${requestTimeout} ms): the request was aborted and will be retried`,
          { retryable: true },
        );
        controller.abort(error);
        answered(false, error);
      }, requestTimeout);
    }
    new Promise<void>((resolve) => resolve(transport.send(batch, { keepalive, signal: controller.signal }))).then(
      () => answered(true),
      (error: unknown) => answered(false, error),
    );
  };

  const send = (items: QueuedEvent[], keepalive: boolean) => {
    for (const item of items) inFlight.set(idOf(item), item);
    inFlightRequests++;
    const batch = toBatch(items);
    transmit(batch, keepalive, (ok, error) => {
      inFlightRequests--;
      for (const item of items) inFlight.delete(idOf(item));
      if (ok) {
        forget(items);
        sent += items.length;
        emit({ type: 'sent', batch });
      } else fail(items, batch, error, keepalive);
      persist();
      commit();
      schedulePump();
    });
  };

  const fail = (items: QueuedEvent[], batch: EventBatch, cause: unknown, keepalive: boolean) => {
    const { invalid, retryable } = (cause ?? {}) as { retryable?: unknown; invalid?: unknown };
    const eventIds = items.map(idOf);
    const reason = describe(cause);
    if (!enabled) {
      // Consent was withdrawn while the request was in flight: what it carried is discarded, neither split nor retried.
      forget(items);
    } else if (invalid === true) {
      if (items.length > 1) {
        // Find the bad event(s) by halving: the good halves are delivered, only the bad ones are reported.
        const middle = Math.ceil(items.length / 2);
        send(items.slice(0, middle), keepalive);
        send(items.slice(middle), keepalive);
        return;
      }
      failed++;
      forget(items);
      const error = createRecorderError('rejected', `the service refused event ${eventIds[0]} as invalid: ${reason}`, {
        eventIds,
        cause,
      });
      emit({ type: 'rejected', error, event: items[0].event });
      report(error);
    } else if (retryable === false) {
      drop(items, 'send-failed', `sending failed and cannot be retried: ${reason}`, cause);
    } else {
      // Retryable: back to the front of the queue, same eventIds, after a backoff.
      queue = [...items, ...queue];
      // Offline: no attempt counted and no backoff timer (no retry storm); `online` resumes.
      if (!online()) return;
      const attempt = Math.max(...eventIds.map((id) => (attempts.get(id) ?? 0) + 1));
      for (const id of eventIds) attempts.set(id, attempt);
      const last = attempt >= maxAttempts;
      const error = createRecorderError(
        'send-failed',
        last
          ? `sending failed ${attempt} times (retry.maxAttempts); ${queue.length} event(s) are kept and retried on the next record(), flush(), reconnect or reload: ${reason}`
          : `sending ${items.length} event(s) failed: ${reason}`,
        { eventIds, cause, retryable: true },
      );
      if (last) {
        parked = true;
        return report(error);
      }
      // The exponent is capped: 2 ** 1024 is Infinity, and 0 × Infinity NaN (retry.maxAttempts may be Infinity).
      const ceiling = Math.min(maxDelay, baseDelay * 2 ** Math.min(attempt - 1, 31));
      const delay = Math.round(ceiling / 2 + (random() * ceiling) / 2);
      emit({ type: 'retried', batch, error, attempt, delay });
      stopBackoff();
      backoffTimer = setTimer(() => {
        backoffTimer = undefined;
        flushNow();
      }, delay);
    }
  };

  /** Sends what may go now: full batches always, partial ones once a flush is due; everything on page exit. */
  const pump = (keepalive: boolean) => {
    pumpScheduled = false;
    if (!enabled || closed) return;
    // No copy of a request already on its way: it went with keepalive if it fitted the budget, and otherwise its
    // events are stored for the next page (a copy would be a third delivery after that page's).
    dropExpired();
    if (keepalive || !(backoffTimer || parked || !online())) {
      while (keepalive || inFlightRequests < CONCURRENCY) {
        const items = takeBatch(keepalive || flushDue);
        if (!items) break;
        if (keepalive) {
          // Send what fits the keepalive budget, smaller batches if need be; the rest stays queued and persisted
          // for this page if it lives on, or for the next one.
          while (items.length > 1 && !fits(toBatch(items))) queue.unshift(items.pop() as QueuedEvent);
          if (!fits(toBatch(items))) {
            queue.unshift(...items);
            break;
          }
        }
        send(items, keepalive || (keepaliveAlways && fits(toBatch(items))));
      }
      if (!queue.length) {
        flushDue = false;
        clearFlushTimer();
      }
    }
    commit();
  };
  const schedulePump = () => {
    if (pumpScheduled) return;
    pumpScheduled = true;
    queueMicrotask(() => pump(false));
  };
  const flushNow = () => {
    flushDue = true;
    pump(false);
  };

  const clearFlushTimer = () => {
    clearTimer(flushTimer);
    flushTimer = undefined;
  };
  const startFlushTimer = () => {
    flushTimer ??= setTimer(() => {
      flushTimer = undefined;
      flushNow();
    }, flushInterval);
  };
  const stopBackoff = () => {
    clearTimer(backoffTimer);
    backoffTimer = undefined;
  };

  const unpark = () => {
    if (!parked) return;
    parked = false;
    attempts.clear();
  };

  const onHide = () => {
    reportOverflow();
    flushDue = true;
    if (online()) pump(true);
    persistNow();
    store?.handOff();
    if (!exiting) {
      exiting = true;
      setTimer(() => {
        exiting = false;
      }, 0);
    }
  };
  const onOnline = () => {
    stopBackoff();
    parked = false;
    attempts.clear();
    flushNow();
  };

  /** Queues events taken over from storage (not already here), oldest first; they go with the next flush. */
  const takeOver = (events: QueuedEvent[]) => {
    const known = new Set(unacknowledged().map(idOf));
    const fresh = events.filter((item) => !known.has(idOf(item)));
    if (fresh.length) {
      queue = [...queue, ...fresh].sort((a, b) => a.recordedAt - b.recordedAt);
      dropExpired();
      enforceQueueLimit(false);
      if (queue.length) startFlushTimer();
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
    tabLock?.acquire();
    restore();
    persistNow();
    flushNow();
  };
  /** Runs every HEARTBEAT ms while mounted (rescheduling itself, as `timers` has no interval). */
  const heartbeat = () => {
    heartbeatTimer = setTimer(heartbeat, HEARTBEAT);
    if (!store || !enabled || closed) return;
    persistNow();
    takeOver(store.adoptOrphans());
  };
  /**
   * Runs every ORPHAN_CHECK ms while mounted, with Web Locks: takes over the queues of writers whose lock is free (a
   * closed or crashed tab). Nothing is asked while no other queue is stored.
   */
  const watchOrphans = () => {
    orphanTimer = setTimer(watchOrphans, ORPHAN_CHECK);
    if (!store || !tabLock || !enabled || closed || !store.otherWriters().length) return;
    void tabLock.check().then((isGone) => {
      if (enabled && !closed) takeOver(store.adoptOrphans(isGone));
    });
  };
  // A page holding a Web Lock is kept out of the back/forward cache: let it go as the page leaves.
  const onLeave = () => tabLock?.release();
  const detach = () => {
    disposeLifecycle?.();
    disposeLifecycle = undefined;
    clearTimer(heartbeatTimer);
    clearTimer(orphanTimer);
  };

  restore();
  commit();

  const recorder: Recorder = {
    record(input: EventInput): RecordResult {
      try {
        if (closing || !enabled) {
          const error = closing
            ? createRecorderError('closed', 'record(): the recorder is closed; create a new one with createRecorder()')
            : createRecorderError('disabled', 'record(): recording is disabled (enabled: false); nothing was recorded');
          return { ok: false, error };
        }
        const event = attribution ? attribution.apply(input, userId) : input;
        const issues = validateEvent(event);
        if (issues.length) {
          const error = createRecorderError(
            'invalid-event',
            `record(): invalid event, not recorded: ${issues.map((issue) => issue.message).join('; ')}`,
            { issues },
          );
          emit({ type: 'rejected', error, event });
          report(error);
          return { ok: false, error };
        }
        const at = now();
        const eventId = event.eventId ?? generateId();
        const wire: WireEvent = toWireEvent(event, eventId, at);
        const sessionId = session.touch(userId);
        // An absent userId is left out of the stored JSON by JSON.stringify.
        queue.push({ event: wire, sessionId, recordedAt: at, userId });
        unpark();
        emit({ type: 'recorded', event: wire, sessionId, userId });
        attribution?.remember(input, userId);
        enforceQueueLimit(true);
        startFlushTimer();
        schedulePump();
        persist();
        if (exiting) onHide();
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
      if (!enabled || closed) return Promise.resolve();
      unpark();
      const ids = unacknowledged().map(idOf);
      const done = new Promise<void>((resolve) => waiters.set(resolve, ids));
      stopBackoff();
      flushNow();
      return done;
    },

    identify(next) {
      const nextUser = normalizeUser(next);
      if (nextUser === userId) return;
      // Anonymous → known keeps the session so the anonymous history joins the user; any other change starts anew.
      if (userId !== undefined) session.renew(nextUser);
      else if (nextUser !== undefined) attribution?.claim?.(nextUser);
      userId = nextUser;
      commit();
    },

    setEnabled(next) {
      if ((next !== false) === enabled) return;
      enabled = !enabled;
      if (enabled) restore();
      else {
        // Consent withdrawn: what was waiting is discarded, here and in storage.
        attribution?.clear();
        const discarded = queue;
        queue = [];
        clearFlushTimer();
        stopBackoff();
        persistNow();
        drop(discarded, 'disabled', 'recording was disabled', undefined, false);
      }
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
      if (++mounts === 1 && !closed) {
        disposeLifecycle = lifecycle?.listen({ onHide, onOnline, onShow, onLeave });
        if (store) heartbeatTimer = setTimer(heartbeat, HEARTBEAT);
        if (tabLock) orphanTimer = setTimer(watchOrphans, ORPHAN_CHECK);
        if (!prepared) {
          prepared = true;
          try {
            transport.prepare?.();
          } catch {
            // Getting ready is a head start only: the first send loads what it needs anyway.
          }
        }
      }
      let done = false;
      return () => {
        if (done) return;
        done = true;
        if (--mounts === 0) detach();
      };
    },

    close() {
      if (closing) return closing;
      // Refuse new events before anything else: flush() waits only for what is unsent now, and its own activity
      // reaches listeners that may record (or close again).
      let finish: () => void = () => {};
      closing = new Promise<void>((resolve) => {
        finish = resolve;
      });
      void recorder.flush().then(() => {
        closed = true;
        clearFlushTimer();
        stopBackoff();
        detach();
        listeners.clear();
        persistNow();
        clearTimer(persistCooldown);
        persistCooldown = undefined;
        reportOverflow();
        store?.dispose();
        tabLock?.release();
        commit();
        finish();
      });
      return closing;
    },
  };
  return recorder;
}
