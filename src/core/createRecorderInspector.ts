import type {
  EventInput,
  Recorder,
  RecorderActivity,
  RecorderErrorCode,
  RecorderSnapshot,
  ValidationIssue,
  WireEvent,
} from './types';

/**
 * Where an event stands on its way to Personalize: `queued` (accepted, waiting or in a request not yet answered),
 * `retrying` (its batch failed retryably and is tried again), `sent` (acknowledged), `dropped` (given up on:
 * queue full, expired, consent withdrawn, or a failure that cannot be retried), `rejected` (refused by the service,
 * or invalid at `record()` and never queued).
 */
export type InspectedDelivery = 'queued' | 'retrying' | 'sent' | 'dropped' | 'rejected';

/** One event as the inspector saw it, with its delivery state. */
export interface InspectedEvent {
  /** A key unique within the inspector: the eventId, or `invalid:<n>` for input refused at `record()`. */
  key: string;
  /** The event in wire form; for input refused at `record()`, the input as given (it never got a wire form). */
  event: WireEvent | EventInput;
  /** The session it was recorded in (absent for input refused at `record()`). */
  sessionId?: string | undefined;
  /** The user it was recorded for, if any. */
  userId?: string | undefined;
  /** When the inspector saw it recorded, on the inspector's clock (epoch ms). */
  recordedAt: number;
  /** Its delivery state. */
  delivery: InspectedDelivery;
  /** Failed attempts so far (retryable failures counted by the recorder). */
  attempts: number;
  /** While `retrying`: when the next attempt is due, on the inspector's clock (epoch ms). */
  nextAttemptAt?: number | undefined;
  /** When `sent`: when it was acknowledged (epoch ms). */
  sentAt?: number | undefined;
  /** When `dropped` or `rejected`: the recorder's error code (`queue-full`, `expired`, `invalid-event`…). */
  reason?: RecorderErrorCode | undefined;
  /** When `retrying`, `dropped` or `rejected`: the recorder's message. */
  message?: string | undefined;
  /** The rules the event breaks (for `rejected` events); empty when valid. */
  issues: ValidationIssue[];
}

/** What the inspector shows: the recorder's state, counters and the latest events, newest last. */
export interface RecorderInspectorSnapshot {
  /** The recorder's own snapshot (session, user, consent, queued, in flight, sent, failed). */
  recorder: RecorderSnapshot;
  /** Retryable failures reported (`retried` activities), since the inspector connected. */
  retries: number;
  /** Events refused at `record()` as invalid, since the inspector connected. */
  invalid: number;
  /** The events, oldest first, at most `maxEvents`; frozen while paused. */
  events: readonly InspectedEvent[];
  /** Whether the event list is paused. */
  paused: boolean;
}

/** Options of `createRecorderInspector`. */
export interface RecorderInspectorOptions {
  /** Events kept at most; beyond it the oldest are forgotten. @default 500 */
  maxEvents?: number | undefined;
  /** Clock in epoch ms, for `recordedAt`, `nextAttemptAt` and `sentAt`. @default Date.now */
  now?: (() => number) | undefined;
}

/** A framework-free store of what one recorder does, for devtools and other inspection tools. */
export interface RecorderInspector {
  /** Starts listening to the recorder; returns the function that stops (safe to call twice). */
  connect(): () => void;
  /** Calls `listener` whenever the snapshot changes; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** The current state; the same object until something changes. */
  getSnapshot(): RecorderInspectorSnapshot;
  /** Freezes the event list (counters stay live); the events that happen meanwhile are kept and shown on `resume()`. */
  pause(): void;
  /** Shows the events again, those recorded while paused included. */
  resume(): void;
  /** Forgets the listed events and resets the counters of the inspector (not the recorder's). */
  clear(): void;
}

/**
 * Creates an inspector of `recorder`: it follows the recorder's activity stream (`subscribe`) and snapshot and keeps
 * the latest events with their delivery state — queued, retrying (attempt and next try), sent, dropped (with the
 * reason) or rejected (with the broken rules). Framework-free, with `subscribe` / `getSnapshot` for
 * `useSyncExternalStore`. It sees the events recorded after `connect()`.
 * @example
 * const inspector = createRecorderInspector(recorder);
 * const disconnect = inspector.connect();
 * inspector.subscribe(() => console.table(inspector.getSnapshot().events));
 */
export function createRecorderInspector(recorder: Recorder, options: RecorderInspectorOptions = {}): RecorderInspector {
  const maxEvents = Math.max(1, options.maxEvents ?? 500);
  const now = () => (options.now ?? Date.now)();
  const listeners = new Set<() => void>();
  /** Live entries by key, in insertion order (oldest first). */
  const entries = new Map<string, InspectedEvent>();
  let retries = 0;
  let invalid = 0;
  /** Numbers the keys of refused input, which has no eventId. */
  let serial = 0;
  let paused = false;
  let shownEvents: readonly InspectedEvent[] = [];
  let snapshot: RecorderInspectorSnapshot = {
    recorder: recorder.getSnapshot(),
    retries,
    invalid,
    events: shownEvents,
    paused,
  };

  const publish = () => {
    if (!paused) shownEvents = [...entries.values()];
    snapshot = { recorder: recorder.getSnapshot(), retries, invalid, events: shownEvents, paused };
    for (const listener of [...listeners]) listener();
  };

  const add = (entry: InspectedEvent) => {
    entries.delete(entry.key);
    entries.set(entry.key, entry);
    for (const key of entries.keys()) {
      if (entries.size <= maxEvents) break;
      entries.delete(key);
    }
  };

  /** Replaces the entry of each event (by eventId) that is listed with `update(entry)`. */
  const updateAll = (events: readonly WireEvent[], update: (entry: InspectedEvent) => Partial<InspectedEvent>) => {
    for (const { eventId } of events) {
      const entry = entries.get(eventId);
      if (entry) entries.set(eventId, { ...entry, ...update(entry) });
    }
  };

  const onActivity = (activity: RecorderActivity) => {
    switch (activity.type) {
      case 'recorded':
        add({
          key: activity.event.eventId,
          event: activity.event,
          sessionId: activity.sessionId,
          userId: activity.userId,
          recordedAt: now(),
          delivery: 'queued',
          attempts: 0,
          issues: [],
        });
        break;
      case 'sent': {
        const at = now();
        updateAll(activity.batch.eventList, () => ({ delivery: 'sent', sentAt: at, nextAttemptAt: undefined }));
        break;
      }
      case 'retried': {
        const nextAttemptAt = now() + activity.delay;
        const { message } = activity.error;
        updateAll(activity.batch.eventList, () => ({
          delivery: 'retrying',
          attempts: activity.attempt,
          nextAttemptAt,
          message,
        }));
        retries++;
        break;
      }
      case 'dropped': {
        const { code, message } = activity.error;
        updateAll(activity.events, () => ({ delivery: 'dropped', reason: code, message, nextAttemptAt: undefined }));
        break;
      }
      case 'rejected': {
        const { code, message, issues } = activity.error;
        const event = activity.event;
        const eventId = event && 'eventId' in event ? event.eventId : undefined;
        /** Refused at record(): never queued, so a row of its own under a key of its own. */
        const refusedAtRecord = code === 'invalid-event' || !eventId;
        if (refusedAtRecord || !entries.has(eventId)) {
          if (code === 'invalid-event') invalid++;
          add({
            key: refusedAtRecord ? `invalid:${++serial}` : eventId,
            event: event ?? { eventType: '' },
            recordedAt: now(),
            delivery: 'rejected',
            attempts: 0,
            reason: code,
            message,
            issues,
          });
        } else {
          updateAll([event as WireEvent], () => ({
            delivery: 'rejected',
            reason: code,
            message,
            issues,
            nextAttemptAt: undefined,
          }));
        }
        break;
      }
      case 'changed':
        break;
    }
    publish();
  };

  return {
    connect() {
      const unsubscribe = recorder.subscribe(onActivity);
      // The recorder may have changed before this connection (events recorded, consent, user).
      publish();
      let connected = true;
      return () => {
        if (!connected) return;
        connected = false;
        unsubscribe();
      };
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
    pause() {
      if (paused) return;
      paused = true;
      publish();
    },
    resume() {
      if (!paused) return;
      paused = false;
      publish();
    },
    clear() {
      entries.clear();
      retries = 0;
      invalid = 0;
      publish();
    },
  };
}
