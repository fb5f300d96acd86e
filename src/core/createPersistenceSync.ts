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

/** Makes the persistence of one recorder over its queue store. */
export function createPersistenceSync({
  store,
  tabLock,
  timers,
  unsent,
  active,
  enqueue,
}: PersistenceSyncOptions): PersistenceSync {
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
    store.save(items);
    if (items.length && active()) cooldown.start(PERSIST_INTERVAL);
  };
  const restore = () => {
    if (active()) enqueue(store.restore());
  };
  // Runs every HEARTBEAT ms while mounted: the stored queue is rewritten (other tabs see it alive) and queues not
  // rewritten for long are taken over.
  const heartbeat = createTimer(timers, () => {
    heartbeat.start(HEARTBEAT);
    if (!active()) return;
    persistNow();
    if (store.adoptOrphans) enqueue(store.adoptOrphans());
  });
  // Nothing is asked while no other queue is stored.
  const orphanWatch = createTimer(timers, () => {
    orphanWatch.start(ORPHAN_CHECK);
    const { adoptOrphans, otherWriters } = store;
    if (!tabLock || !adoptOrphans || !active() || !otherWriters?.().length) return;
    void tabLock.check().then((isGone) => {
      if (active()) enqueue(adoptOrphans.call(store, isGone));
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
      store.handOff?.();
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
      store.dispose?.();
      tabLock?.release();
    },
  };
}
