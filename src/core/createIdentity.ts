import { createRecorderError } from './createRecorderError';
import { createSession } from './createSession';
import { isPlaceholderId } from './isPlaceholderId';
import { isValidString } from './isValidString';
import { MAX_ID } from './limits';
import type { RecorderError, StorageLike } from './types';

const STORAGE_KEY = 'react-personalize:session';
const ID_RULE = `1–${MAX_ID} chars, not "null" or "undefined"`;

const isValidId = (id: unknown): id is string => isValidString(id, MAX_ID) && !isPlaceholderId(id);

/** Options of `createIdentity`. */
export interface IdentityOptions {
  /** The user the recorder starts with (the `userId` option). */
  userId: string | undefined;
  /** A fixed session ID (the `sessionId` option). */
  sessionId: string | undefined;
  /** Where the tab's session is kept across reloads. */
  tabStorage: StorageLike | undefined;
  /** Idle time (ms) after which a generated session is renewed. */
  sessionTimeout: number;
  /** Clock in epoch ms. */
  now: () => number;
  /** Makes a new session ID. */
  generateId: () => string;
  /** Reports an invalid user or session ID (`invalid-user`, `invalid-session`). */
  report: (error: RecorderError) => void;
  /** Whether the tab's session may be written to `tabStorage` now (consent); see `Identity.setStoring`. @default true */
  storing?: boolean | undefined;
  /** The anonymous visitor became a known user (at start, or through identify()): their session joins the user. */
  onSignIn?: (userId: string) => void;
}

/** The user and the session events are recorded for. */
export interface Identity {
  /** The known user, undefined while anonymous. */
  readonly userId: string | undefined;
  /** The session of an event recorded now; counts as activity (the idle clock restarts). */
  touch(): string;
  /** The session an event recorded now would get, for the snapshot; not activity. */
  refresh(): string;
  /**
   * Sets the user; returns whether it changed. Anonymous → known keeps the session so the anonymous history joins the
   * user; any other change starts a new session. An invalid ID is reported and taken as signed out.
   */
  identify(userId: string | undefined): boolean;
  /**
   * Allows or stops writing the tab's session to storage: without consent nothing is stored, not even a new user's
   * session. When allowed again, the session held back meanwhile is stored at once.
   */
  setStoring(storing: boolean): void;
}

/** Makes the identity of one recorder: its user and the tab's session. */
export function createIdentity(options: IdentityOptions): Identity {
  const { report, onSignIn } = options;
  const normalizeUser = (id: string | undefined): string | undefined => {
    if (id == null || isValidId(id)) return id ?? undefined;
    report(
      createRecorderError(
        'invalid-user',
        // Only a string is quoted: JSON.stringify throws on a BigInt or a circular object given from JavaScript.
        `userId: ${ID_RULE} (got ${typeof id === 'string' ? JSON.stringify(id).slice(0, 40) : typeof id}); signed out`,
      ),
    );
    return undefined;
  };

  const givenSessionId = options.sessionId;
  if (givenSessionId !== undefined && !isValidId(givenSessionId)) {
    report(createRecorderError('invalid-session', `sessionId: ${ID_RULE}; generated one`));
  }
  let userId = normalizeUser(options.userId);
  const session = createSession({
    sessionId: isValidId(givenSessionId) ? givenSessionId : undefined,
    storage: options.tabStorage,
    key: STORAGE_KEY,
    timeout: options.sessionTimeout,
    now: options.now,
    generateId: options.generateId,
    storing: options.storing,
  });
  // A page that starts signed in claims the anonymous history, as identify() does (the previous page's anonymous
  // session joins the user too).
  if (userId !== undefined) onSignIn?.(userId);

  return {
    get userId() {
      return userId;
    },
    touch: () => session.touch(userId),
    refresh: () => session.refresh(userId),
    identify(next) {
      const nextUser = normalizeUser(next);
      if (nextUser === userId) return false;
      if (userId !== undefined) session.renew(nextUser);
      else if (nextUser !== undefined) onSignIn?.(nextUser);
      userId = nextUser;
      return true;
    },
    setStoring: session.setStoring,
  };
}
