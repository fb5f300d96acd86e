import type { EventInput, Recorder, RecorderActivity, WireEvent } from 'react-personalize';

/** One line of the on-screen event log. */
export interface LogEntry {
  /** Increasing number, for React keys. */
  id: number;
  /** Milliseconds since the log started. */
  at: number;
  type: Exclude<RecorderActivity['type'], 'changed'>;
  /** The event of a `recorded` or `rejected` line. */
  event?: WireEvent | EventInput;
  /** The eventIds of the events concerned. */
  eventIds: string[];
  /** The session and user the line concerns. */
  sessionId?: string;
  userId?: string;
  /** Attempt and delay of a `retried` line. */
  attempt?: number;
  delay?: number;
  /** The error of a `retried`, `rejected` or `dropped` line. */
  error?: string;
}

/** What the log holds: a new object after each change. */
export interface ActivityLogState {
  /** The latest entries, newest first. */
  entries: LogEntry[];
  /** Lines of each type since the log started (the list keeps only the latest). */
  counts: Record<LogEntry['type'], number>;
}

/** Collects a recorder's activity for the event log, from the moment it is made. */
export interface ActivityLog {
  subscribe(listener: () => void): () => void;
  getSnapshot(): ActivityLogState;
}

const MAX_ENTRIES = 200;

/** Starts collecting right away, so that events a story records on mount are not missed. */
export function createActivityLog(recorder: Recorder, now: () => number = () => performance.now()): ActivityLog {
  const start = now();
  const listeners = new Set<() => void>();
  let state: ActivityLogState = {
    entries: [],
    counts: { recorded: 0, sent: 0, retried: 0, rejected: 0, dropped: 0 },
  };
  let nextId = 0;

  const add = (entry: Omit<LogEntry, 'id' | 'at'>) => {
    state = {
      entries: [{ ...entry, id: nextId++, at: Math.round(now() - start) }, ...state.entries].slice(0, MAX_ENTRIES),
      counts: { ...state.counts, [entry.type]: state.counts[entry.type] + 1 },
    };
    for (const listener of listeners) listener();
  };

  recorder.subscribe((activity) => {
    switch (activity.type) {
      case 'recorded':
        add({
          type: 'recorded',
          event: activity.event,
          eventIds: [activity.event.eventId],
          sessionId: activity.sessionId,
          userId: activity.userId,
        });
        break;
      case 'sent':
        add({
          type: 'sent',
          eventIds: activity.batch.eventList.map((event) => event.eventId),
          sessionId: activity.batch.sessionId,
          userId: activity.batch.userId,
        });
        break;
      case 'retried':
        add({
          type: 'retried',
          eventIds: activity.batch.eventList.map((event) => event.eventId),
          attempt: activity.attempt,
          delay: activity.delay,
          error: activity.error.message,
        });
        break;
      case 'rejected':
        add({
          type: 'rejected',
          event: activity.event,
          eventIds: activity.error.eventIds,
          error: activity.error.message,
        });
        break;
      case 'dropped':
        add({ type: 'dropped', eventIds: activity.error.eventIds, error: activity.error.message });
        break;
    }
  });

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => state,
  };
}
