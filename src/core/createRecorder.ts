import { browserLocks } from './browserLocks';
import { browserStorage } from './browserStorage';
import { createActivity } from './createActivity';
import { createDeliveryLoop, type PumpOptions } from './createDeliveryLoop';
import { createDispatcher, type SendResult } from './createDispatcher';
import { createEventQueue } from './createEventQueue';
import { createGatheredReport } from './createGatheredReport';
import { createIdentity } from './createIdentity';
import { createPersistenceSync } from './createPersistenceSync';
import { createQueueStore } from './createQueueStore';
import { createRecorderError } from './createRecorderError';
import { createRetryPolicy } from './createRetryPolicy';
import { createTabLock } from './createTabLock';
import { resolveRecorderConfig } from './resolveRecorderConfig';
import { toWireEvent } from './toWireEvent';
import type {
  EventBatch,
  EventInput,
  QueuedEvent,
  QueueStore,
  Recorder,
  RecorderErrorCode,
  RecorderOptions,
  RecorderSnapshot,
  RecordResult,
  StorageLike,
} from './types';
import { validateEvent } from './validateEvent';

const STORAGE_KEY = 'react-personalize';
/** A stored queue not rewritten for this long (ms) belongs to a crashed or closed tab and is taken over. */
const ORPHANED_AFTER = 5 * 60_000;
/** The most characters one recorder keeps in storage (localStorage holds about 5 million per origin). */
const MAX_STORED_CHARS = 1_000_000;
/** Events dropped for a full queue within this long (ms) of the first are reported together, as one error. */
const QUEUE_FULL_WINDOW = 1_000;
/** Requests in flight at once in normal operation (page exit sends everything at once). */
const CONCURRENCY = 4;

/** A QueueStore of the app's own, rather than a StorageLike for the default store. */
const isQueueStore = (value: RecorderOptions['persistence']): value is QueueStore =>
  typeof (value as QueueStore | undefined)?.save === 'function' && typeof (value as QueueStore).restore === 'function';

const describe = (value: unknown) => (value instanceof Error ? value.message : String(value));
const idsOf = (items: readonly QueuedEvent[]) => items.map((item) => item.event.eventId);

/** How dropped events are reported. */
interface DropOptions {
  /** Counted as failed and reported to onError (not so for events discarded as consent is withdrawn). @default true */
  counted?: boolean;
  /** Reported with the others of the burst, as one error (a full queue), not at once. @default false */
  gathered?: boolean;
  /** The cause, kept on the error. */
  cause?: unknown;
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
  const config = resolveRecorderConfig(options);
  const { now, timers, generateId, lifecycle, tabStorage } = config;
  const activity = createActivity(options.onError);
  const { emit, report } = activity;

  // ── Storage and identity ──────────────────────────────────────────────────────────────────────────────────────
  const given = options.persistence;
  /** A store of the app's own (React Native, a custom synchronous store) replaces the default one altogether. */
  const ownStore = isQueueStore(given) ? given : undefined;
  const storage =
    ownStore || given === false
      ? undefined
      : ((given as StorageLike | undefined) ??
        // localStorage exists but throws on access (a sandboxed iframe, blocked cookies): reported at once.
        browserStorage('localStorage', (cause) =>
          report(createRecorderError('storage', 'persistence: localStorage throws; events kept in memory', { cause })),
        ));
  const locks = options.locks === false ? undefined : (options.locks ?? browserLocks());
  const writerId = generateId();
  const tabLock = storage && locks ? createTabLock(locks, `${STORAGE_KEY}:writer:`, writerId) : undefined;
  let failed = 0;
  /** A storage failure, reported as `storage`: recording goes on in memory. */
  const reportStorage = (message: string, cause: unknown) => report(createRecorderError('storage', message, { cause }));
  const store =
    ownStore ??
    (storage &&
      createQueueStore({
        storage,
        key: STORAGE_KEY,
        writerId,
        isLocked: () => tabLock?.wasGranted() === true,
        tabStorage,
        now,
        staleAfter: ORPHANED_AFTER,
        maxChars: MAX_STORED_CHARS,
        onError: (message, details) => {
          failed += details.discarded ?? 0;
          report(createRecorderError('storage', message, details));
        },
      }));
  const attribution = options.attribution?.connect({
    storage,
    now,
    onError: reportStorage,
  });
  let enabled = options.enabled !== false;
  const identity = createIdentity({
    userId: options.userId,
    sessionId: options.sessionId,
    tabStorage,
    // Without consent nothing is stored, not even the tab's session when the user changes.
    storing: enabled,
    sessionTimeout: config.sessionTimeout,
    now,
    generateId,
    report,
    onSignIn: (userId) => attribution?.claim?.(userId),
  });

  // ── State ─────────────────────────────────────────────────────────────────────────────────────────────────────
  /** The close() under way, set when it is called: nothing more is recorded. */
  let closing: Promise<void> | undefined;
  let sent = 0;
  const queue = createEventQueue(config);
  const retry = createRetryPolicy(config);
  const dispatcher = createDispatcher({
    transport: config.transport,
    timers,
    requestTimeout: config.requestTimeout,
    // In a page (one with a lifecycle), every request that fits the keepalive budget goes with keepalive.
    keepaliveAlways: lifecycle !== undefined,
  });
  const online = () => lifecycle?.isOnline() ?? true;
  /** From pagehide until the page is shown again from the back/forward cache. */
  let left = false;
  /**
   * Events of requests that failed without an answer, held for a task: the browser fails a page's fetches as it
   * unloads, keepalive ones included, while those go on. Never resent by this page (that would be a copy of a request
   * on its way): stored for the next page, or queued again if this one lives on.
   */
  let unknown: QueuedEvent[] = [];
  /** Every event not acknowledged yet: in flight, held, then queued. */
  const unacknowledged = () => [...dispatcher.inFlight(), ...unknown, ...queue.items()];
  const persistence =
    store &&
    createPersistenceSync({
      store,
      tabLock,
      timers,
      // Without consent even events in a request not answered yet leave storage: the next page must not resend them.
      unsent: () => (enabled ? unacknowledged() : []),
      active: () => enabled && loop.state !== 'closed',
      enqueue: enqueueRestored,
      onError: reportStorage,
    });

  // ── Reporting ─────────────────────────────────────────────────────────────────────────────────────────────────
  /** Each pending flush(): its promise's resolve, and the events it waits for. */
  const waiters = new Map<() => void, string[]>();
  let snapshot = {} as RecorderSnapshot;
  /** Publishes a new snapshot if the state changed, and resolves the flush() calls that are done. */
  const commit = () => {
    const next: RecorderSnapshot = {
      sessionId: identity.refresh(),
      userId: identity.userId,
      queued: queue.size + unknown.length,
      inFlight: dispatcher.inFlight().length,
      sent,
      failed,
      enabled,
    };
    if ((Object.keys(next) as (keyof RecorderSnapshot)[]).some((key) => next[key] !== snapshot[key])) {
      snapshot = next;
      activity.changed(snapshot);
    }
    if (!waiters.size) return;
    // A flush() is done once none of its events is in flight, or queued with sending still possible.
    const stalled = loop.stalled || left || !enabled || !online();
    const pending = new Set(idsOf(stalled ? dispatcher.inFlight() : unacknowledged()));
    for (const [resolve, ids] of waiters) {
      if (!ids.some((id) => pending.has(id))) {
        waiters.delete(resolve);
        resolve();
      }
    }
  };

  const queueFullRule = `over maxQueueSize (${config.maxQueueSize})`;
  /** Drops for a full queue are reported together: one error per burst (every record() while the queue stays full). */
  const queueFull = createGatheredReport(timers, QUEUE_FULL_WINDOW, (eventIds) =>
    report(createRecorderError('queue-full', `${eventIds.length} dropped: ${queueFullRule}`, { eventIds })),
  );
  /** Drops unsent events: listeners hear of them at once; onError too, or with the burst (`gathered`). */
  const drop = (
    items: QueuedEvent[],
    code: RecorderErrorCode,
    why: string,
    { counted = true, gathered = false, cause }: DropOptions = {},
  ) => {
    if (!items.length) return;
    const eventIds = idsOf(items);
    retry.forget(eventIds);
    const error = createRecorderError(code, `${items.length} dropped: ${why}`, { eventIds, cause });
    emit({ type: 'dropped', error, events: items.map((item) => item.event) });
    if (!counted) return;
    failed += items.length;
    if (gathered) queueFull.add(eventIds);
    else report(error);
  };
  const dropExpired = () => drop(queue.takeExpired(), 'expired', `older than maxEventAge (${config.maxEventAge} ms)`);
  const dropOverflow = ({ gathered }: { gathered: boolean }) =>
    drop(queue.takeOverflow(), 'queue-full', queueFullRule, { gathered });

  // ── Delivery ──────────────────────────────────────────────────────────────────────────────────────────────────
  /** Sends what may go now: full batches always, partial ones once a flush is due; everything on page exit. */
  const pump = ({ partial, keepalive }: PumpOptions) => {
    if (!enabled) return;
    dropExpired();
    if (keepalive || online()) {
      while (keepalive || dispatcher.requests() < CONCURRENCY) {
        const items = queue.takeBatch({ partial });
        if (!items) break;
        if (keepalive) {
          // Send what fits the keepalive budget, smaller batches if need be; the rest stays queued and persisted
          // for this page if it lives on, or for the next one.
          const rest: QueuedEvent[] = [];
          while (items.length > 1 && !dispatcher.fitsKeepalive(items)) rest.unshift(items.pop() as QueuedEvent);
          queue.putBack(rest);
          if (!dispatcher.fitsKeepalive(items)) {
            queue.putBack(items);
            break;
          }
        }
        send(items, { keepalive });
      }
      if (!queue.size) loop.drained();
    }
    commit();
  };
  const loop = createDeliveryLoop({ timers, flushInterval: config.flushInterval, pump });

  const send = (items: QueuedEvent[], { keepalive }: { keepalive: boolean }) =>
    dispatcher.send(items, { keepalive }, (result, batch) => {
      if (result.ok) {
        retry.forget(idsOf(items));
        sent += items.length;
        emit({ type: 'sent', batch });
      } else settleFailure(items, batch, result, { keepalive, decided: false });
      persistence?.persist();
      commit();
      loop.schedule();
    });

  /** A failed send: split, reject, drop or retry (see createRetryPolicy). */
  const settleFailure = (
    items: QueuedEvent[],
    batch: EventBatch,
    { error: cause }: Extract<SendResult, { ok: false }>,
    { keepalive, decided }: { keepalive: boolean; decided: boolean },
  ) => {
    const eventIds = idsOf(items);
    const reason = describe(cause);
    const { invalid, retryable, status } = (cause ?? {}) as {
      invalid?: unknown;
      retryable?: unknown;
      status?: unknown;
    };
    const unanswered = retryable !== false && invalid !== true && status === undefined;
    if (enabled && lifecycle && unanswered && !decided) {
      // A browser fails the page's requests as it starts to unload, just before pagehide, keepalive ones too while
      // those go on to the server: what to do is decided in the next task, which a page that is going never runs.
      unknown.push(...items);
      if (left) return;
      const schedule = timers.setTimeout;
      schedule(() => {
        if (left || !unknown.includes(items[0])) return;
        unknown = unknown.filter((item) => !items.includes(item));
        settleFailure(items, batch, { ok: false, error: cause }, { keepalive, decided: true });
        persistence?.persist();
        commit();
        loop.schedule();
      }, 0);
      return;
    }
    // Consent was withdrawn while the request was in flight: what it carried is discarded, neither split nor retried.
    if (!enabled) return retry.forget(eventIds);
    switch (retry.classify(cause, items.length)) {
      case 'split': {
        // Find the bad event(s) by halving: the good halves are delivered, only the bad ones are reported.
        const middle = Math.ceil(items.length / 2);
        send(items.slice(0, middle), { keepalive });
        send(items.slice(middle), { keepalive });
        return;
      }
      case 'reject': {
        failed++;
        retry.forget(eventIds);
        const error = createRecorderError('rejected', `event ${eventIds[0]} refused as invalid: ${reason}`, {
          eventIds,
          cause,
        });
        emit({ type: 'rejected', error, event: items[0].event });
        return report(error);
      }
      case 'drop':
        return drop(items, 'send-failed', `not retryable: ${reason}`, { cause });
      case 'retry': {
        // Back to the front of the queue, same eventIds, after a backoff.
        queue.putBack(items);
        // Offline: no attempt counted and no backoff timer (no retry storm); `online` resumes.
        if (!online()) return;
        const { attempt, last, delay } = retry.fail(eventIds);
        const error = createRecorderError(
          'send-failed',
          last
            ? `retry.maxAttempts (${attempt}) reached; ${queue.size} kept: ${reason}`
            : `${items.length} not sent: ${reason}`,
          { eventIds, cause, retryable: true },
        );
        if (last) {
          loop.park();
          return report(error);
        }
        emit({ type: 'retried', batch, error, attempt, delay });
        loop.backOff(delay);
      }
    }
  };

  /** Wakes a parked queue: its attempts start from zero. */
  const unpark = () => {
    if (loop.state === 'parked') retry.reset();
  };

  // ── Storage ───────────────────────────────────────────────────────────────────────────────────────────────────
  /** Queues events taken over from storage (not already here), oldest first; they go with the next flush. */
  function enqueueRestored(events: QueuedEvent[]) {
    const known = new Set(idsOf(unacknowledged()));
    const fresh = events.filter((item) => !known.has(item.event.eventId));
    if (fresh.length) {
      queue.merge(fresh);
      dropExpired();
      dropOverflow({ gathered: false });
      if (queue.size) loop.eventsRestored();
      persistence?.persist();
    }
    commit();
  }

  // ── Page lifecycle ────────────────────────────────────────────────────────────────────────────────────────────
  /**
   * From page exit (pagehide, or the tab hidden) to the next task: an event recorded meanwhile, by the app's own exit
   * listeners, goes out with keepalive and into storage at once, as no timer may run before the page is gone.
   */
  let exiting = false;
  const onHide = () => {
    queueFull.flush();
    if (online()) loop.pageHidden();
    persistence?.pageHidden();
    if (!exiting) {
      exiting = true;
      const schedule = timers.setTimeout;
      schedule(() => {
        exiting = false;
      }, 0);
    }
  };
  /** Queues again the events of failed requests held for a task (the page is alive: it heard an event). */
  const requeueUnknown = () => {
    queue.putBack(unknown);
    unknown = [];
  };
  const onOnline = () => {
    if (!left) requeueUnknown();
    retry.reset();
    loop.flushNow();
  };
  // The page came back from the back/forward cache: the page it went to may have taken over its queue.
  const onShow = () => {
    left = false;
    requeueUnknown();
    persistence?.pageShown();
    loop.flushNow();
  };
  const onLeave = () => {
    left = true;
    persistence?.pageLeft();
  };
  let mounts = 0;
  let disposeLifecycle: (() => void) | undefined;
  /** Whether transport.prepare() was called (on the first mount). */
  let prepared = false;
  const detach = () => {
    disposeLifecycle?.();
    disposeLifecycle = undefined;
    persistence?.unwatch();
  };

  persistence?.restore();
  commit();

  const recorder: Recorder = {
    record(input: EventInput): RecordResult {
      try {
        if (closing || !enabled) {
          const error = closing
            ? createRecorderError('closed', 'record(): recorder closed')
            : createRecorderError('disabled', 'record(): not recording (enabled: false)');
          return { ok: false, error };
        }
        const userId = identity.userId;
        const event = attribution ? attribution.apply(input, userId) : input;
        const issues = validateEvent(event);
        if (issues.length) {
          const error = createRecorderError(
            'invalid-event',
            `record(): ${issues.map((issue) => issue.message).join('; ')}`,
            { issues },
          );
          emit({ type: 'rejected', error, event });
          report(error);
          return { ok: false, error };
        }
        const at = now();
        const eventId = event.eventId ?? generateId();
        const wire = toWireEvent(event, eventId, at);
        const sessionId = identity.touch();
        // An absent userId is left out of the stored JSON by JSON.stringify.
        queue.push({ event: wire, sessionId, recordedAt: at, userId });
        unpark();
        emit({ type: 'recorded', event: wire, sessionId, userId });
        attribution?.remember(input, userId);
        dropOverflow({ gathered: true });
        loop.eventQueued();
        persistence?.persist();
        if (exiting) onHide();
        commit();
        return { ok: true, eventId };
      } catch (cause) {
        const error = createRecorderError('invalid-event', `record(): failed: ${describe(cause)}`, {
          cause,
        });
        report(error);
        return { ok: false, error };
      }
    },

    flush() {
      if (!enabled || loop.state === 'closed') return Promise.resolve();
      unpark();
      const ids = idsOf(unacknowledged());
      const done = new Promise<void>((resolve) => waiters.set(resolve, ids));
      loop.flushNow();
      return done;
    },

    identify(userId) {
      if (identity.identify(userId)) commit();
    },

    setEnabled(next) {
      if ((next !== false) === enabled) return;
      enabled = !enabled;
      identity.setStoring(enabled);
      if (enabled) persistence?.restore();
      else {
        // Consent withdrawn: what was waiting is discarded, here and in storage.
        attribution?.clear();
        const discarded = [...unknown, ...queue.clear()];
        unknown = [];
        loop.disable();
        persistence?.persistNow();
        drop(discarded, 'disabled', 'enabled: false', { counted: false });
      }
      commit();
    },

    subscribe: activity.subscribe,

    clock: { now, timers },

    subscribeState: activity.subscribeState,

    getSnapshot() {
      return snapshot;
    },

    mount() {
      if (++mounts === 1 && loop.state !== 'closed') {
        disposeLifecycle = lifecycle?.listen({ onHide, onOnline, onShow, onLeave });
        persistence?.watch();
        if (!prepared) {
          prepared = true;
          try {
            config.transport.prepare?.();
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
        loop.close();
        detach();
        activity.clear();
        persistence?.close();
        queueFull.flush();
        commit();
        finish();
      });
      return closing;
    },
  };
  return recorder;
}
