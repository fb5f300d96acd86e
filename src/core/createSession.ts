import type { StorageLike } from './types';

/** Options of `createSession`. */
export interface SessionOptions {
  /** A fixed ID given by the app; used until the user changes. */
  sessionId?: string | undefined;
  /** Where the tab's session is kept across reloads (sessionStorage is per tab). */
  storage?: StorageLike | undefined;
  /** Key in storage. */
  key: string;
  /** Idle time after which a generated session is renewed, in ms. */
  timeout: number;
  /** Clock in epoch ms. */
  now: () => number;
  /** Makes a new session ID. */
  generateId: () => string;
  /** Whether the session may be written to `storage` now (the recorder's consent); see `setStoring`. @default true */
  storing?: boolean | undefined;
}

/** The session of one tab. */
export interface Session {
  /**
   * The session ID for an event of `userId` recorded now; renews a generated session idle longer than the timeout.
   * The user is stored with the session, so the next page of the tab can tell whether the user changed.
   */
  touch(userId: string | undefined): string;
  /**
   * The ID an event of `userId` recorded now would get. Applies the session's rules first, so it may start a new
   * session (idle past the timeout, or another user's), but it is not activity: the idle clock is not reset.
   */
  refresh(userId: string | undefined): string;
  /** Starts a new session for `userId` (another user signed in, or the user signed out). */
  renew(userId: string | undefined): string;
  /**
   * Allows or stops writing the session to storage (consent given or withdrawn). While stopped nothing is written;
   * when allowed again, a write held back meanwhile (a new user, a new session) is made at once.
   */
  setStoring(storing: boolean): void;
}

/** How stale the stored last-activity time may get, in ms. */
const SAVE_EVERY = 5000;

interface StoredSession {
  id: string;
  lastActive: number;
  /** The user of the session's last event; absent while anonymous. */
  userId?: string | undefined;
}

/** Keeps a session ID per tab, renewed after `timeout` ms idle unless the app fixed it. */
export function createSession({
  sessionId,
  storage,
  key,
  timeout,
  now,
  generateId,
  storing = true,
}: SessionOptions): Session {
  let fixed = sessionId !== undefined;
  let savedAt = -Infinity;
  /** A write held back while storing was stopped. */
  let held = false;
  const save = () => {
    held = !storing;
    if (held) return;
    try {
      storage?.setItem(key, JSON.stringify(current));
    } catch {
      // A full or blocked sessionStorage only costs the session's survival across a reload.
    }
  };
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
  const stored = fixed ? undefined : read();
  /**
   * The previous page's session when it was a signed-in user's: set aside, and resumed if that user is named before
   * the first event (a recorder made before the app knows its user is told by identify()). Otherwise a new session:
   * after a sign-out, or for another user, two people must not share a history.
   */
  let resumable = stored?.userId !== undefined ? stored : undefined;
  // A fixed session never expires, so its activity time is never read.
  let current: StoredSession = fixed
    ? { id: sessionId as string, lastActive: 0 }
    : stored && !resumable
      ? stored
      : fresh();

  /** Applies the rules for an event of `user` at `at`; anonymous → known keeps the session, as identify() does. */
  const settle = (user: string | undefined, at: number) => {
    if (fixed) return;
    if (resumable && user !== undefined) {
      if (user === resumable.userId && at - resumable.lastActive <= timeout) current = resumable;
      resumable = undefined;
    }
    // A session that was a user's never goes on for another user or after sign-out.
    const otherUser = current.userId !== undefined && current.userId !== user;
    if (at - current.lastActive > timeout || otherUser) current = fresh(at);
  };

  const touch = (user: string | undefined) => {
    const at = now();
    settle(user, at);
    resumable = undefined;
    if (!fixed) {
      current.lastActive = at;
      // record() is a hot path: the stored activity time only needs to be roughly right across a reload; a new
      // user is stored at once.
      if (at - savedAt > SAVE_EVERY || current.userId !== user) {
        savedAt = at;
        current.userId = user;
        save();
      }
    }
    return current.id;
  };

  return {
    touch,
    refresh(user) {
      settle(user, now());
      return current.id;
    },
    renew(user) {
      fixed = false;
      resumable = undefined;
      current = fresh();
      return touch(user);
    },
    setStoring(next) {
      storing = next;
      if (held) save();
    },
  };
}
