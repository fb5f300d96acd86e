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
  /** Clock in epoch ms. */
  now: () => number;
  /** Makes a new session ID. */
  generateId: () => string;
}

/** The session of one tab. */
export interface Session {
  /**
   * The session ID for an event of `userId` recorded now; renews a generated session idle longer than the timeout.
   * The user is stored with the session, so the next page of the tab can tell whether the user changed.
   */
  touch(userId: string | undefined): string;
  /** The current ID without touching it. */
  peek(): string;
  /** Starts a new session for `userId` (another user signed in, or the user signed out). */
  renew(userId: string | undefined): string;
}

/** How stale the stored last-activity time may get, in ms. */
const SAVE_EVERY = 5000;

interface StoredSession {
  id: string;
  lastActive: number;
  /** The user of the session's last event; absent while anonymous. */
  userId?: string;
}

/** Keeps a session ID per tab, renewed after `timeout` ms idle unless the app fixed it. */
export function createSession({ sessionId, storage, key, timeout, now, generateId }: SessionOptions): Session {
  let fixed = sessionId !== undefined;
  let savedAt = -Infinity;
  /** A new session, stored at the next touch. */
  const fresh = (at = now()): StoredSession => {
    savedAt = -Infinity;
    return { id: generateId(), lastActive: at };
  };
  const read = (): StoredSession | undefined => {
    try {
      const stored = JSON.parse(storage?.getItem(key) as string) as StoredSession;
      if (typeof stored.id === 'string' && stored.id && typeof stored.lastActive === 'number') return stored;
    } catch {
      // Nothing stored, or something unreadable: a new session.
    }
  };
  // A fixed session never expires, so its activity time is never read.
  let current: StoredSession = fixed ? { id: sessionId as string, lastActive: 0 } : (read() ?? fresh());

  const touch = (user: string | undefined) => {
    const at = now();
    if (!fixed) {
      // A session that was a user's never goes on for another user or after sign-out, whether the change came through
      // identify() or with a new page (a recorder made before the app knows its user learns it from identify(), so
      // the user is only known at the first event); anonymous → known keeps it, as identify() does.
      const otherUser = current.userId !== undefined && current.userId !== user;
      if (at - current.lastActive > timeout || otherUser) current = fresh(at);
      current.lastActive = at;
      // record() is a hot path: the stored activity time only needs to be roughly right across a reload; a new
      // user is stored at once.
      if (at - savedAt > SAVE_EVERY || current.userId !== user) {
        savedAt = at;
        current.userId = user;
        try {
          storage?.setItem(key, JSON.stringify(current));
        } catch {
          // A full or blocked sessionStorage only costs the session's survival across a reload.
        }
      }
    }
    return current.id;
  };

  return {
    touch,
    peek: () => current.id,
    renew(user) {
      fixed = false;
      current = fresh();
      return touch(user);
    },
  };
}
