import type { LockManagerLike } from './types';

/** What `createTabLock` returns. */
export interface TabLock {
  /**
   * True once the lock has been granted, and from then on (also while released for the back/forward cache): this
   * writer's queue is one whose free lock means its page is gone.
   */
  wasGranted(): boolean;
  /** Takes the lock again after `release()` (the page came back from the back/forward cache). */
  acquire(): void;
  /** Lets the lock go (page exit: a page holding a lock is kept out of the back/forward cache; closed). */
  release(): void;
  /**
   * Asks which writers' locks are free. Resolves with a test that is true for a writer whose lock was free in this
   * check and the one before: a page being reloaded frees its lock a moment before its next page takes its queue
   * over, which must not be mistaken for a dead tab.
   */
  check(): Promise<(writerId: string) => boolean>;
}

/**
 * Holds a Web Lock named `prefix + writerId` for as long as the page lives: the browser releases it when the page is
 * closed or crashes, so another tab tells a live writer's stored queue from an orphan at once.
 */
export function createTabLock(locks: LockManagerLike, prefix: string, writerId: string): TabLock {
  let granted = false;
  let releaseLock: (() => void) | undefined;
  /** Writers whose lock was free at the previous check. */
  let freeBefore = new Set<string>();

  const acquire = () => {
    if (releaseLock) return;
    const released = new Promise<void>((resolve) => {
      releaseLock = resolve;
    });
    const mine = releaseLock;
    try {
      locks
        .request(prefix + writerId, () => {
          // Released before it was granted: give it straight back.
          if (releaseLock !== mine) return Promise.resolve();
          granted = true;
          return released;
        })
        .catch(() => {
          // A lock manager that refuses (an opaque origin) leaves the heartbeat to tell live tabs from orphans.
        });
    } catch {
      // As above.
    }
  };

  acquire();
  return {
    wasGranted: () => granted,
    acquire,
    release() {
      releaseLock?.();
      releaseLock = undefined;
    },
    async check() {
      let names: Set<string>;
      try {
        const snapshot = await locks.query();
        names = new Set((snapshot.held ?? []).map((lock) => lock.name ?? ''));
      } catch {
        return () => false;
      }
      const before = freeBefore;
      const free = (writerId: string) => !names.has(prefix + writerId);
      freeBefore = new Set();
      return (writerId) => {
        if (!free(writerId)) return false;
        freeBefore.add(writerId);
        return before.has(writerId);
      };
    },
  };
}
