import { createQueueStore, type QueuedEvent, type QueueStoreOptions } from '../../src/core/createQueueStore';
import { createWriterRegistry } from '../../src/core/createWriterRegistry';
import type { StorageLike } from '../../src/core/types';
import { createMemoryStorage } from '../../src/test-utils/createMemoryStorage';

const memoryStorage = createMemoryStorage;

/** A storage that refuses a write once everything it holds would pass `limit` characters, like a full localStorage. */
function quotaStorage(limit: number): StorageLike & { data: Map<string, string> } {
  const storage = memoryStorage();
  const setItem = storage.setItem;
  storage.setItem = (key, value) => {
    let total = 0;
    for (const [name, stored] of storage.data) if (name !== key) total += stored.length;
    if (total + value.length > limit) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    setItem(key, value);
  };
  return storage;
}

const event = (id: string, recordedAt = 1_000): QueuedEvent => ({
  event: { eventId: id, eventType: 'click', itemId: `item-${id}`, sentAt: recordedAt / 1000 },
  sessionId: 'session-1',
  recordedAt,
});

let clock = 1_000_000;
let writers = 0;

function setup(storage: StorageLike, options: Partial<QueueStoreOptions> = {}) {
  const errors: { message: string; details: Parameters<QueueStoreOptions['onError']>[1] }[] = [];
  const writerId = `writer-${++writers}`;
  const store = createQueueStore({
    storage,
    key: 'rp',
    writerId,
    tabStorage: memoryStorage(),
    now: () => clock,
    staleAfter: 5 * 60_000,
    maxChars: 1_000_000,
    onError: (message, details) => errors.push({ message, details }),
    ...options,
  });
  return { store, errors, key: `rp:queue:${writerId}` };
}

const ids = (events: QueuedEvent[]) => events.map((item) => item.event.eventId);

beforeEach(() => {
  clock = 1_000_000;
});

describe('createQueueStore', () => {
  it('hands a page’s unsent events to the next page of the same tab, with the same eventIds', () => {
    const storage = memoryStorage();
    const tab = memoryStorage();
    const first = setup(storage, { tabStorage: tab }).store;
    first.restore();
    first.save([event('a'), event('b')]);
    first.dispose();
    const second = setup(storage, { tabStorage: tab });
    const restored = second.store.restore();
    expect(ids(restored)).toEqual(['a', 'b']);
    expect(restored[0]).toEqual(event('a'));
    // The old key is gone and the events now live under the new writer's key only.
    expect([...storage.data.keys()]).toEqual([second.key]);
  });

  it('leaves a live tab’s queue alone and takes it over once it stopped writing for staleAfter', () => {
    const storage = memoryStorage();
    const other = setup(storage);
    other.store.restore();
    other.store.save([event('theirs')]);
    other.store.dispose();
    const mine = setup(storage);
    expect(mine.store.restore()).toEqual([]);
    clock += 5 * 60_000 - 1;
    expect(mine.store.adoptOrphans()).toEqual([]);
    clock += 1;
    expect(ids(mine.store.adoptOrphans())).toEqual(['theirs']);
    expect(storage.data.has(other.key)).toBe(false);
    expect(JSON.parse(storage.data.get(mine.key) ?? '{}').events).toEqual([event('theirs')]);
  });

  it('takes over at once a queue stored under a Web Lock whose lock is free, and never an unlocked one early', () => {
    const storage = memoryStorage();
    const locked = setup(storage, { isLocked: () => true });
    locked.store.save([event('locked')]);
    locked.store.dispose();
    const unlocked = setup(storage);
    unlocked.store.save([event('unlocked')]);
    unlocked.store.dispose();
    expect(storage.data.get(locked.key)).toContain('"locked":true');
    const mine = setup(storage);
    expect(mine.store.otherWriters().sort()).toEqual([locked.key, unlocked.key].map((key) => key.slice(9)).sort());
    // Their locks are held: alive.
    expect(mine.store.adoptOrphans(() => false)).toEqual([]);
    // Every lock free: only the queue whose writer held one is known to be gone.
    expect(ids(mine.store.adoptOrphans(() => true))).toEqual(['locked']);
    expect(storage.data.has(locked.key)).toBe(false);
    expect(storage.data.has(unlocked.key)).toBe(true);
  });

  it('takes an orphaned queue over at start, so the next load after a crash sends it', () => {
    const storage = memoryStorage();
    const crashed = setup(storage).store;
    crashed.save([event('lost?')]);
    crashed.dispose();
    clock += 6 * 60_000;
    expect(ids(setup(storage).store.restore())).toEqual(['lost?']);
  });

  it('never takes over a recorder that is alive in the same page', () => {
    const storage = memoryStorage();
    const tab = memoryStorage();
    const alive = setup(storage, { tabStorage: tab }).store;
    alive.restore();
    alive.save([event('a')]);
    clock += 60 * 60_000;
    const second = setup(storage, { tabStorage: tab }).store;
    expect(second.restore()).toEqual([]);
    expect(second.adoptOrphans()).toEqual([]);
  });

  it('without per-tab storage takes over every other queue at start (a duplicate at worst, never a loss)', () => {
    const storage = memoryStorage();
    const previous = setup(storage, { tabStorage: undefined }).store;
    previous.save([event('a')]);
    previous.dispose();
    expect(ids(setup(storage, { tabStorage: undefined }).store.restore())).toEqual(['a']);
  });

  it('keeps a single queue in a storage that cannot list its keys', () => {
    const { data, getItem, setItem, removeItem } = memoryStorage();
    const unlisted: StorageLike = { getItem, setItem, removeItem };
    const first = setup(unlisted).store;
    first.save([event('a')]);
    first.dispose();
    expect([...data.keys()]).toEqual(['rp:queue']);
    const second = setup(unlisted).store;
    expect(ids(second.restore())).toEqual(['a']);
    second.save([]);
    expect(data.size).toBe(0);
  });

  it('never throws when every storage call throws, and reports a refused write once', () => {
    const boom = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    const broken: StorageLike = { getItem: boom, setItem: boom, removeItem: boom, length: 3, key: boom };
    const { store, errors } = setup(broken, { tabStorage: broken });
    expect(store.restore()).toEqual([]);
    store.save([event('a')]);
    store.save([event('a'), event('b')]);
    expect(store.adoptOrphans()).toEqual([]);
    store.handOff();
    expect(errors.map((error) => error.message)).toEqual([
      'persistence: storage full or blocked; events kept in memory',
    ]);
  });

  it('stores the newest events a full storage still takes, and reports it once until a full write succeeds', () => {
    const storage = quotaStorage(1_000);
    const { store, errors, key } = setup(storage);
    const many = Array.from({ length: 12 }, (_, i) => event(`e${i}`, 1_000 + i));
    store.save(many);
    const kept = JSON.parse(storage.data.get(key) ?? '{}').events as QueuedEvent[];
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(12);
    expect(ids(kept)).toEqual(ids(many.slice(12 - kept.length)));
    store.save([...many, event('e12')]);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toBe(`persistence: ${12 - kept.length} oldest do not fit; kept in memory only`);
    store.save([event('e12')]);
    store.save(many);
    expect(errors).toHaveLength(2);
  });

  it('reports a storage that refuses even one event (Safari private mode) once, and keeps working', () => {
    const storage = quotaStorage(0);
    const { store, errors } = setup(storage);
    for (let i = 0; i < 5; i++) store.save([event(`e${i}`), event(`f${i}`)]);
    expect(storage.data.size).toBe(0);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toBe('persistence: storage full or blocked; events kept in memory');
    expect((errors[0].details.cause as DOMException).name).toBe('QuotaExceededError');
  });

  it('caps what one writer stores at maxChars, keeping the newest', () => {
    const storage = memoryStorage();
    const { store, errors, key } = setup(storage, { maxChars: 1_000 });
    const many = Array.from({ length: 50 }, (_, i) => event(`e${i}`, 1_000 + i));
    store.save(many);
    const raw = storage.data.get(key) ?? '';
    expect(raw.length).toBeLessThanOrEqual(1_000);
    const kept = JSON.parse(raw).events as QueuedEvent[];
    expect(ids(kept)).toEqual(ids(many.slice(50 - kept.length)));
    expect(errors.map((error) => error.message)).toEqual([
      `persistence: ${50 - kept.length} oldest do not fit; kept in memory only`,
    ]);
  });

  it('discards and reports a corrupt stored queue, and still restores the others', () => {
    const storage = memoryStorage();
    storage.data.set('rp:queue:broken', '{"savedAt":1,"events":[{"event":');
    storage.data.set('rp:queue:wrong-shape', '[1,2,3]');
    const old = setup(storage).store;
    old.save([event('good')]);
    old.dispose();
    clock += 10 * 60_000;
    const { store, errors } = setup(storage);
    expect(ids(store.restore())).toEqual(['good']);
    expect(errors.map((error) => error.message)).toEqual([
      'persistence: corrupt "rp:queue:broken" discarded',
      'persistence: corrupt "rp:queue:wrong-shape" discarded',
    ]);
    expect(errors[0].details.cause).toBeInstanceOf(SyntaxError);
    expect(storage.data.has('rp:queue:broken')).toBe(false);
    expect(storage.data.has('rp:queue:wrong-shape')).toBe(false);
  });

  it('drops and reports stored events that are no longer valid, and keeps the valid ones', () => {
    const storage = memoryStorage();
    const tooLong: QueuedEvent = {
      ...event('long'),
      event: { ...event('long').event, recommendationId: 'r'.repeat(41) },
    };
    const noSession = { ...event('no-session'), sessionId: 'null' };
    const noEventId = { ...event('x'), event: { eventType: 'click', sentAt: 1 } };
    const badSentAt = { ...event('ms'), event: { ...event('ms').event, sentAt: 'yesterday' } };
    storage.data.set(
      'rp:queue:old',
      JSON.stringify({
        savedAt: 0,
        events: [event('a'), tooLong, noSession, noEventId, badSentAt, 'junk', event('b')],
      }),
    );
    const { store, errors } = setup(storage);
    expect(ids(store.restore())).toEqual(['a', 'b']);
    expect(errors).toHaveLength(1);
    expect(errors[0].details.discarded).toBe(5);
    expect(errors[0].details.eventIds).toEqual(['long', 'no-session', 'ms']);
    expect(errors[0].details.issues?.map((issue) => issue.field)).toEqual([
      'event.recommendationId',
      'sessionId',
      'event.eventId',
      'event.sentAt',
      'stored event',
    ]);
    expect(errors[0].message).toMatch(/^persistence: 5 invalid events dropped: /);
  });

  it('removes a queue it took over only after storing its events under its own key', () => {
    const storage = quotaStorage(10_000);
    const other = setup(storage);
    other.store.save([event('a')]);
    other.store.dispose();
    // Fill the storage so the taker cannot write: the other queue must stay where it is.
    storage.data.set('app-data', 'x'.repeat(10_000 - (storage.data.get(other.key)?.length ?? 0)));
    clock += 10 * 60_000;
    const { store } = setup(storage);
    expect(ids(store.restore())).toEqual(['a']);
    expect(storage.data.has(other.key)).toBe(true);
    // Taken once: not taken again by the same writer while it is unchanged.
    expect(store.adoptOrphans()).toEqual([]);
  });

  it('removes its key once nothing is left unsent', () => {
    const storage = memoryStorage();
    const { store } = setup(storage);
    store.save([event('a')]);
    expect(storage.data.size).toBe(1);
    store.save([]);
    expect(storage.data.size).toBe(0);
  });

  it('names this writer in the tab’s storage so the next page of the tab takes over from it', () => {
    const tab = memoryStorage();
    const { store, key } = setup(memoryStorage(), { tabStorage: tab });
    store.restore();
    // Every writer of this page is named (a page may have several recorders), this one among them.
    const named = tab.data.get('rp:writer')?.split(' ') ?? [];
    expect(named.map((id) => `rp:queue:${id}`)).toContain(key);
  });

  it('takes a page as new by its registry of writers: a fresh one stands in for the next page, no module reset', () => {
    const storage = memoryStorage();
    const tab = memoryStorage();
    const page1 = createWriterRegistry();
    const live = setup(storage, { tabStorage: tab, writers: page1 }).store;
    live.restore();
    live.save([event('a')]);
    // Another recorder of the same page never takes over a live writer's queue.
    expect(ids(setup(storage, { tabStorage: tab, writers: page1 }).store.restore())).toEqual([]);
    live.handOff();
    // The tab's next page (a registry of its own) takes over every writer the previous page had.
    expect(ids(setup(storage, { tabStorage: tab, writers: createWriterRegistry() }).store.restore())).toEqual(['a']);
  });
});
