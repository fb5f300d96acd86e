import type { StorageLike } from './types';

/** Options of `createSession`. */
export interface SessionOptions {
  /** A fixed ID given by the app; used until the user changes. */
  sessionId?: string;
  /** Where the tab's session is kept across reloads (sessionStorage is per tab). */
  storage?: StorageLike;
  /** Key in storage. */
  key: string;
  /** Idle time after which a generated session is renewed, in ms. */
  timeout: number;
  now: () => number;
  generateId: () => string;
}

/** The session of one tab. */
export interface Session {
  /** The session ID for an event recorded now; renews a generated session idle longer than the timeout. */
  touch(): string;
  /** The current ID without touching it. */
  peek(): string;
  /** Starts a new session (another user signed in, or the user signed out). */
  renew(): string;
}

/** How stale the stored last-activity time may get, in ms. */
const SAVE_EVERY = 5000;

interface StoredSession {
  id: string;
  lastActive: number;
}

function read(storage: StorageLike | undefined, key: string): StoredSession | undefined {
  try {
    const raw = storage?.getItem(key);
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as StoredSession;
    return typeof parsed.id === 'string' && parsed.id && typeof parsed.lastActive === 'number' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps a session ID per tab, renewed after `timeout` ms idle unless the app fixed it. */
export function createSession(options: SessionOptions): Session {
  const { storage, key, timeout, now, generateId } = options;
  let fixed = options.sessionId !== undefined;
  let current: StoredSession = fixed
    ? { id: options.sessionId as string, lastActive: now() }
    : (read(storage, key) ?? { id: generateId(), lastActive: now() });

  let savedAt = Number.NEGATIVE_INFINITY;
  const save = () => {
    if (fixed) return;
    savedAt = current.lastActive;
    try {
      storage?.setItem(key, JSON.stringify(current));
    } catch {
      // A full or blocked sessionStorage only costs the session's survival across a reload.
    }
  };

  return {
    touch() {
      const at = now();
      if (!fixed && at - current.lastActive > timeout) {
        current = { id: generateId(), lastActive: at };
        save();
      } else {
        current.lastActive = at;
        // record() is a hot path: the stored activity time only needs to be roughly right across a reload.
        if (at - savedAt > SAVE_EVERY) save();
      }
      return current.id;
    },
    peek() {
      return current.id;
    },
    renew() {
      fixed = false;
      current = { id: generateId(), lastActive: now() };
      save();
      return current.id;
    },
  };
}
