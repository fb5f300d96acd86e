import type { TabLock } from './createTabLock';
import { createTimer } from './createTimer';
import type { QueuedEvent, QueueStore, Timers } from './types';

/** Storage writes are at most this often (ms); page exit writes at once. Keeps a long queue cheap to record into. */
const PERSIST_INTERVAL = 200;
/** While mounted, a recorder rewrites its stored queue this often (ms) so other tabs see it alive. */
const HEARTBEAT = 60_000;
/**
 * With Web Locks, other tabs' locks are looked at this often (ms) while mounted: a queue whose writer's lock is free
 * at two checks in a row is taken over, so a closed or crashed tab's events go within about 2 × 4 s.
 */
const ORPHAN_CHECK = 4_000;

/** Options of `createPersistenceSync`. */
export interface PersistenceSyncOptions {
  /** Where the queue is kept. */
  store: QueueStore;
  /** This page's Web Lock, where there are Web Locks. */
  tabLock: TabLock | undefined;
  timers: Timers;
  /** Every event not acknowledged yet (in flight, then queued); none while consent is withdrawn. */
  unsent(): QueuedEvent[];
  /** Whether the recorder records and sends (enabled and not closed): only then is anything taken over. */
  active(): boolean;
  /** Queues the events restored from storage (this tab's previous page, or a closed or crashed tab). */
  enqueue(events: QueuedEvent[]): void;
  /**
   * Told once, at the store's first failure (a method that throws, or restores something that is not an array):
   * the recorder goes on in memory. The default store reports its own failures and never throws.
   */
  onError(message: string, cause: unknown): void;
}

/** Keeps the stored queue in step with the recorder's, and takes over what other pages left. */
export interface PersistenceSync {
  /** Writes soon: in a microtask (so one task's records make one write), or when the cooldown ends. */
  persist(): void;
  /** Writes now (page exit, consent withdrawn, close). */
  persistNow(): void;
  /** Takes over what this tab's previous page, or a closed or crashed tab, left unsent. */
  restore(): void;
  /** Mounted: the heartbeat and, with Web Locks, the watch for closed tabs run. */
  watch(): void;
  /** Unmounted: they stop. */
  unwatch(): void;
  /** The page is hidden: everything is written, and this writer is the one the tab's next page takes over from. */
  pageHidden(): void;
  /** The page came back from the back/forward cache: the lock is taken again and its queue restored. */
  pageShown(): void;
  /** The page is going: its lock goes (a page holding one is kept out of the back/forward cache). */
  pageLeft(): void;
  /** The recorder closed: a last write, then this writer is gone for good. */
  close(): void;
}

type Method = keyof QueueStore;
type StoreCall<M extends Method> = NonNullable<QueueStore[M]>;

/**
 * Makes the persistence of one recorder over its queue store. Every call to the store goes through one guard, so a
 * store of the app's own that throws never reaches the recorder: it is reported once and unsent events stay in memory.
 */
export function createPersistenceSync({
  store,
  tabLock,
  timers,
  unsent,
  active,
  enqueue,
  onError,
}: PersistenceSyncOptions): PersistenceSync {
  let failed = false;
  const fail = (method: Method, cause: unknown) => {
    if (failed) return;
    failed = true;
    onError(`persistence: QueueStore.${method}() failed; events kept in memory`, cause);
  };
  /** Calls one of the store's methods, if it has it; one that throws is reported and gives undefined. */
  const use = <M extends Method>(
    method: M,
    ...args: Parameters<StoreCall<M>>
  ): ReturnType<StoreCall<M>> | undefined => {
    try {
      return (store[method] as ((...values: unknown[]) => ReturnType<StoreCall<M>>) | undefined)?.(...args);
    } catch (cause) {
      fail(method, cause);
    }
  };
  /** The events a store gives back; anything but an array (a broken store) is reported and counts as none. */
  const take = <M extends 'restore' | 'adoptOrphans'>(method: M, ...args: Parameters<StoreCall<M>>): QueuedEvent[] => {
    const events: unknown = use(method, ...args);
    if (Array.isArray(events)) return events;
    fail(method, new TypeError(`${method}() must return an array`));
    return [];
  };
  /** A storage write is due (in a microtask, or when the cooldown ends). */
  let due = false;
  const persistIfDue = () => {
    if (due) persistNow();
  };
  /** Runs for PERSIST_INTERVAL after each write; writes asked for meanwhile wait for its end. */
  const cooldown = createTimer(timers, persistIfDue);
  const persistNow = () => {
    due = false;
    const items = unsent();
    use('save', items);
    if (items.length && active()) cooldown.start(PERSIST_INTERVAL);
  };
  const restore = () => {
    if (active()) enqueue(take('restore'));
  };
  // Runs every HEARTBEAT ms while mounted: the stored queue is rewritten (other tabs see it alive) and queues not
  // rewritten for long are taken over.
  const heartbeat = createTimer(timers, () => {
    heartbeat.start(HEARTBEAT);
    if (!active()) return;
    persistNow();
    if (store.adoptOrphans) enqueue(take('adoptOrphans'));
  });
  // Nothing is asked while no other queue is stored.
  const orphanWatch = createTimer(timers, () => {
    orphanWatch.start(ORPHAN_CHECK);
    if (!tabLock || !store.adoptOrphans || !active() || !use('otherWriters')?.length) return;
    void tabLock.check().then((isGone) => {
      if (active()) enqueue(take('adoptOrphans', isGone));
    });
  });

  return {
    persist() {
      if (due) return;
      due = true;
      if (!cooldown.running) queueMicrotask(persistIfDue);
    },
    persistNow,
    restore,
    watch() {
      heartbeat.start(HEARTBEAT);
      if (tabLock) orphanWatch.start(ORPHAN_CHECK);
    },
    unwatch() {
      heartbeat.stop();
      orphanWatch.stop();
    },
    pageHidden() {
      persistNow();
      use('handOff');
    },
    pageShown() {
      tabLock?.acquire();
      restore();
      persistNow();
    },
    pageLeft: () => tabLock?.release(),
    close() {
      persistNow();
      cooldown.stop();
      use('dispose');
      tabLock?.release();
    },
  };
}
