import { addIssue, checkEvent, checkSessionAndUser, checkString, isPlainObject } from './checkEvent';
import { pageWriterRegistry, type WriterRegistry } from './createWriterRegistry';
import { MAX_ID } from './limits';
import type { QueuedEvent, QueueStore, StorageLike, ValidationIssue, WireEvent } from './types';

export type { QueuedEvent, QueueStore };

/** What went wrong with storage, for the recorder's `storage` error. */
export interface QueueStoreErrorDetails {
  /** The storage's own error, when it threw. */
  cause?: unknown;
  /** Events that were dropped because their stored form is no longer valid. */
  eventIds?: string[] | undefined;
  /** Why those events are no longer valid. */
  issues?: ValidationIssue[] | undefined;
  /** How many stored events were dropped (counted as failed). */
  discarded?: number | undefined;
}

/** Options of `createQueueStore`. */
export interface QueueStoreOptions {
  /** Where queues are kept (localStorage or your own). */
  storage: StorageLike;
  /** Prefix of every key this store writes. */
  key: string;
  /** This writer's ID: fresh for every recorder, so two pages (or a duplicated tab) never share a key. */
  writerId: string;
  /**
   * Per-tab storage (sessionStorage) that names the writer the next page of this tab takes over from. Without it
   * there is no telling tabs apart, so every other writer's queue is taken over at start (duplicates, never loss).
   */
  tabStorage?: StorageLike | undefined;
  /** Clock in epoch ms. */
  now: () => number;
  /** A queue whose writer has not written for this long (ms) is orphaned: its tab crashed or closed. */
  staleAfter: number;
  /** The most characters this writer keeps in storage; beyond it only the newest events are stored. */
  maxChars: number;
  /** Storage refused a write, held something unreadable, or a stored event is no longer valid. Never throws. */
  onError: (message: string, details: QueueStoreErrorDetails) => void;
  /**
   * Whether this writer holds a Web Lock for as long as its page lives: its queue is then stored marked `locked`, so
   * other tabs take it over as soon as the lock is free rather than after `staleAfter`. @default never
   */
  isLocked?: (() => boolean) | undefined;
  /** The writers of this page. @default the page's own registry (a test passes a fresh one for each page it plays) */
  writers?: WriterRegistry | undefined;
}

/** Which of the queues asked for are taken over. */
interface TakeOverOptions {
  /** Only orphans: queues not rewritten for `staleAfter`, or whose writer `isGone`; otherwise every queue asked for. */
  orphanedOnly: boolean;
  /** Whether a writer's Web Lock is free (its tab closed or crashed). */
  isGone?: ((writerId: string) => boolean) | undefined;
}

interface StoredQueue {
  savedAt: number;
  /** Written while the writer held its Web Lock: a free lock means the writer is gone. */
  locked?: unknown;
  events: unknown[];
}

/**
 * Checks a stored event as strictly as a batch: it may have been written by an older version or edited by hand.
 * Adds an issue per broken rule to `issues`.
 */
function checkStoredEvent(issues: ValidationIssue[], value: unknown) {
  if (!isPlainObject(value)) return addIssue(issues, 'stored event', 'object');
  checkSessionAndUser(issues, value);
  if (!Number.isFinite(value.recordedAt)) addIssue(issues, 'recordedAt', 'epoch ms');
  checkEvent(issues, value.event, { form: 'wire', prefix: 'event.' });
  if (isPlainObject(value.event))
    checkString(issues, 'event.eventId', value.event.eventId, { max: MAX_ID, required: true });
}

/**
 * Keeps unsent events in a StorageLike so a reload, or another tab after a crash, sends them: one key per writer
 * (`<key>:queue:<writerId>`) so tabs never overwrite each other. A storage that cannot list its keys (no `key()` /
 * `length`) holds one queue under `<key>:queue`.
 */
export function createQueueStore({
  storage,
  key,
  writerId,
  tabStorage,
  now,
  staleAfter,
  maxChars,
  onError,
  isLocked,
  writers = pageWriterRegistry(),
}: QueueStoreOptions): Required<QueueStore> {
  const prefix = `${key}:queue:`;
  const listable = typeof storage.key === 'function' && typeof storage.length === 'number';
  const ownKey = listable ? prefix + writerId : `${key}:queue`;
  const handoffKey = `${key}:writer`;
  /** What this writer last stored: taking over writes it again together with the events taken. */
  let stored: readonly QueuedEvent[] = [];
  /** Queues taken over (key → savedAt): not taken again while unchanged, even when removing them failed. */
  const takenKeys = new Map<string, number>();
  /** Serialised events, so a write joins strings instead of stringifying the whole queue again. */
  const serialized = new WeakMap<QueuedEvent, string>();
  /** Problems already reported; cleared by the next complete write, so a full storage is reported once. */
  const reported = new Set<'capped' | 'refused'>();
  /**
   * Queues taken over but not removed, as their events could not be stored here (a full storage), with those events'
   * IDs: removed once none of them is unsent any more, so every page load does not take them over again.
   */
  const unremoved = new Map<string, string[]>();
  /** Read errors are reported once: a blocked storage is read again at every heartbeat. */
  let readRefused = false;
  writers.add(writerId);

  const reportOnce = (kind: 'capped' | 'refused', message: string, details: QueueStoreErrorDetails) => {
    if (reported.has(kind)) return;
    reported.add(kind);
    onError(message, details);
  };

  const remove = (name: string): boolean => {
    try {
      storage.removeItem(name);
      return true;
    } catch {
      // A storage that refuses removals leaves the queue to be taken over again: a duplicate, never a loss.
      return false;
    }
  };

  const read = (name: string): StoredQueue | undefined => {
    let raw: string | null;
    try {
      raw = storage.getItem(name);
    } catch (cause) {
      if (!readRefused) onError('persistence: read failed; stored events left as they are', { cause });
      readRefused = true;
      return undefined;
    }
    if (!raw) return undefined;
    let cause: unknown;
    try {
      const queue = JSON.parse(raw);
      if (Array.isArray(queue.events)) {
        queue.savedAt = +queue.savedAt || 0;
        return queue;
      }
    } catch (error) {
      cause = error;
    }
    onError(`persistence: corrupt "${name}" discarded`, { cause });
    remove(name);
    return undefined;
  };

  const otherKeys = (): string[] => {
    const keys: string[] = [];
    try {
      for (let i = 0; listable && i < (storage.length as number); i++) {
        const name = storage.key?.(i);
        if (name?.startsWith(prefix) && name !== ownKey && !writers.isActive(name.slice(prefix.length))) {
          keys.push(name);
        }
      }
    } catch {
      // A storage that cannot be listed simply has no other writers to take over from.
    }
    return keys;
  };

  const write = (events: readonly QueuedEvent[]): boolean => {
    if (!events.length) {
      // Only a storage that cannot list keys holds something this writer did not store: the single shared queue.
      if ((stored.length || !listable) && remove(ownKey)) reported.clear();
      stored = [];
      return true;
    }
    const parts = events.map((item) => {
      const json = serialized.get(item) ?? JSON.stringify(item);
      serialized.set(item, json);
      return json;
    });
    const head = `{"savedAt":${now()},${isLocked?.() ? '"locked":true,' : ''}"events":[`;
    // The length of what is written below: the head, the parts joined by commas, `]}`.
    let total = head.length + parts.join(',').length + 2;
    let start = 0;
    while (total > maxChars && start < parts.length - 1) total -= parts[start++].length + 1;
    // A full storage (quota, Safari's private mode) may still take the newest half, then a quarter, …
    for (let tries = 0; ; tries++) {
      try {
        storage.setItem(ownKey, `${head}${parts.slice(start).join(',')}]}`);
        stored = events.slice(start);
        if (!start) reported.clear();
        else {
          reportOnce('capped', `persistence: ${start} oldest do not fit; kept in memory only`, {});
        }
        return true;
      } catch (cause) {
        if (tries === 3 || start >= parts.length - 1) {
          reportOnce('refused', 'persistence: storage full or blocked; events kept in memory', { cause });
          return false;
        }
        start += Math.ceil((parts.length - start) / 2);
      }
    }
  };

  /** Reads `keys`, writes their valid events into this writer's key, and only then removes them. */
  const takeOverQueues = (keys: string[], { orphanedOnly, isGone }: TakeOverOptions): QueuedEvent[] => {
    const seen = new Set(stored.map((item) => item.event.eventId));
    const taken: QueuedEvent[] = [];
    /** Other writers' keys taken from: removed once their events are stored under this writer's key. */
    const others: string[] = [];
    const eventIds: string[] = [];
    let issues: ValidationIssue[] = [];
    let discarded = 0;
    for (const name of keys) {
      const queue = read(name);
      if (!queue || takenKeys.get(name) === queue.savedAt) continue;
      const gone = queue.locked === true && isGone?.(name.slice(prefix.length)) === true;
      if (orphanedOnly && !gone && now() - queue.savedAt < staleAfter) continue;
      takenKeys.set(name, queue.savedAt);
      if (name !== ownKey) others.push(name);
      for (const value of queue.events) {
        const known = issues.length;
        checkStoredEvent(issues, value);
        if (issues.length > known) {
          discarded++;
          const id = (value as { event?: Partial<WireEvent> } | null)?.event?.eventId;
          if (typeof id === 'string') eventIds.push(id);
          continue;
        }
        const { event, sessionId, userId, recordedAt } = value as QueuedEvent;
        if (!seen.has(event.eventId)) {
          seen.add(event.eventId);
          // A fresh object of the known fields only: whatever else an older version stored stays behind.
          taken.push({ event, sessionId, userId, recordedAt });
        }
      }
    }
    if (discarded) {
      issues = issues.slice(0, 10);
      onError(`persistence: ${discarded} invalid events dropped: ${issues.map((issue) => issue.message).join('; ')}`, {
        eventIds,
        issues,
        discarded,
      });
    }
    // Write what was taken under this writer's key before removing the others: a crash in between duplicates
    // events, never loses them. If the write fails, the others stay for a later taker.
    if (!others.length || !taken.length || write([...stored, ...taken])) others.forEach(remove);
    else {
      const takenIds = taken.map((item) => item.event.eventId);
      for (const name of others) unremoved.set(name, takenIds);
    }
    return taken;
  };

  const handOff = () => {
    try {
      if (listable) tabStorage?.setItem(handoffKey, writers.pageWriters().join(' '));
    } catch {
      // A full sessionStorage only means the next page waits for this queue to be orphaned.
    }
  };

  return {
    restore() {
      const keys = listable ? [] : [ownKey];
      let previous: string | null | undefined;
      try {
        previous = listable ? tabStorage?.getItem(handoffKey) : undefined;
      } catch {
        // A blocked sessionStorage: the previous page's queue is taken over once it is orphaned.
      }
      // The writers of the tab's previous page (one ID, or several separated by spaces).
      for (const id of previous?.split(' ') ?? []) if (id && !writers.isActive(id)) keys.push(prefix + id);
      const others = otherKeys().filter((name) => !keys.includes(name));
      // Without per-tab storage a live tab cannot be told from this tab's previous page: take everything.
      const events = [
        ...takeOverQueues(keys, { orphanedOnly: false }),
        ...takeOverQueues(others, { orphanedOnly: tabStorage !== undefined }),
      ];
      handOff();
      return events;
    },
    adoptOrphans: (isGone) => takeOverQueues(otherKeys(), { orphanedOnly: true, isGone }),
    otherWriters: () => otherKeys().map((name) => name.slice(prefix.length)),
    save(events) {
      // `events` is every unsent event of the recorder (not so the writes inside a takeover): a queue that could not be
      // removed goes once none of its events is among them.
      for (const [name, ids] of unremoved) {
        if (!events.some((item) => ids.includes(item.event.eventId)) && remove(name)) unremoved.delete(name);
      }
      write(events);
    },
    handOff,
    dispose() {
      writers.retire(writerId);
    },
  };
}
