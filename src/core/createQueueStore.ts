import type { StorageLike, WireEvent } from './types';

/** An unsent event as it is kept: the event, its session and user, and when it was recorded. */
export interface QueuedEvent {
  event: WireEvent;
  sessionId: string;
  userId?: string;
  /** Epoch ms at record time; events older than maxEventAge are dropped. */
  recordedAt: number;
}

/** Options of `createQueueStore`. */
export interface QueueStoreOptions {
  storage: StorageLike;
  /** Prefix of every key this store writes. */
  key: string;
  /** This tab's ID, stable across reloads of the tab. */
  tabId: string;
  now: () => number;
  /** A stored queue whose tab has not written for this long (ms) is adopted by the next recorder. */
  staleAfter: number;
  /** The most characters one tab keeps in storage; beyond it the oldest stored events are left out. */
  maxChars: number;
  /** Called when storage refuses a write or holds something unreadable; sending goes on regardless. */
  onError: (message: string, cause: unknown) => void;
}

/** Unsent events kept in storage, one key per tab so tabs never overwrite each other. */
export interface QueueStore {
  /** This tab's own stored events plus those of tabs that stopped writing (crashed or closed). */
  load(): QueuedEvent[];
  /** Replaces this tab's stored events. */
  save(events: readonly QueuedEvent[]): void;
}

interface StoredQueue {
  savedAt: number;
  events: QueuedEvent[];
}

function isQueuedEvent(value: unknown): value is QueuedEvent {
  const item = value as QueuedEvent;
  return (
    typeof item === 'object' &&
    item !== null &&
    typeof item.sessionId === 'string' &&
    typeof item.recordedAt === 'number' &&
    typeof item.event === 'object' &&
    item.event !== null &&
    typeof item.event.eventId === 'string'
  );
}

/** Keeps unsent events in a StorageLike so a reload, or another tab after a crash, sends them. */
export function createQueueStore(options: QueueStoreOptions): QueueStore {
  const { storage, key, tabId, now, staleAfter, maxChars, onError } = options;
  const prefix = `${key}:queue:`;
  const ownKey = prefix + tabId;

  const readKey = (storageKey: string): StoredQueue | undefined => {
    let raw: string | null;
    try {
      raw = storage.getItem(storageKey);
    } catch (cause) {
      onError('could not read stored events', cause);
      return undefined;
    }
    if (!raw) return undefined;
    try {
      const parsed = JSON.parse(raw) as StoredQueue;
      const events = Array.isArray(parsed.events) ? parsed.events.filter(isQueuedEvent) : [];
      return { savedAt: typeof parsed.savedAt === 'number' ? parsed.savedAt : 0, events };
    } catch (cause) {
      onError(`stored events under ${storageKey} are corrupt and were discarded`, cause);
      try {
        storage.removeItem(storageKey);
      } catch {
        // Nothing more to do with a storage that refuses everything.
      }
      return undefined;
    }
  };

  const otherKeys = (): string[] => {
    const keys: string[] = [];
    try {
      const count = storage.length ?? 0;
      for (let i = 0; i < count; i++) {
        const name = storage.key?.(i);
        if (name?.startsWith(prefix) && name !== ownKey) keys.push(name);
      }
    } catch {
      // A storage that cannot be listed simply has no other tabs to adopt.
    }
    return keys;
  };

  return {
    load() {
      const events = readKey(ownKey)?.events ?? [];
      const seen = new Set(events.map((item) => item.event.eventId));
      for (const other of otherKeys()) {
        const stored = readKey(other);
        if (!stored || now() - stored.savedAt < staleAfter) continue;
        try {
          storage.removeItem(other);
        } catch {
          continue;
        }
        for (const item of stored.events) {
          if (!seen.has(item.event.eventId)) {
            seen.add(item.event.eventId);
            events.push(item);
          }
        }
      }
      events.sort((a, b) => a.recordedAt - b.recordedAt);
      return events;
    },
    save(events) {
      try {
        if (events.length === 0) {
          storage.removeItem(ownKey);
          return;
        }
        let kept = events;
        let json = JSON.stringify({ savedAt: now(), events: kept });
        while (json.length > maxChars && kept.length > 1) {
          kept = kept.slice(Math.ceil(kept.length / 4));
          json = JSON.stringify({ savedAt: now(), events: kept });
        }
        storage.setItem(ownKey, json);
      } catch (cause) {
        onError('could not store unsent events (storage full or blocked); they are kept in memory', cause);
      }
    },
  };
}
