import { createPersistenceSync } from '../../src/core/createPersistenceSync';
import type { QueuedEvent, QueueStore } from '../../src/core/createQueueStore';

const item = (eventId: string): QueuedEvent => ({
  event: { eventId, eventType: 'click', sentAt: 1 },
  sessionId: 's1',
  recordedAt: 0,
});

function setup(given?: QueueStore) {
  const saves: string[][] = [];
  const calls: string[] = [];
  const store: QueueStore = given ?? {
    restore: () => [item('restored')],
    adoptOrphans: () => [item('orphan')],
    otherWriters: () => [],
    save: (events) => {
      saves.push(events.map((queued) => queued.event.eventId));
    },
    handOff: () => calls.push('handOff'),
    dispose: () => calls.push('dispose'),
  };
  let unsent = [item('a')];
  let active = true;
  const taken: string[][] = [];
  const errors: { message: string; cause: unknown }[] = [];
  const sync = createPersistenceSync({
    store,
    tabLock: { acquire: () => {}, release: () => {}, wasGranted: () => true, check: async () => () => true },
    timers: globalThis,
    unsent: () => unsent,
    active: () => active,
    enqueue: (events) => taken.push(events.map((queued) => queued.event.eventId)),
    onError: (message, cause) => errors.push({ message, cause }),
  });
  return {
    sync,
    errors,
    saves,
    calls,
    taken,
    setUnsent: (ids: string[]) => (unsent = ids.map(item)),
    setActive: (value: boolean) => (active = value),
  };
}

describe('createPersistenceSync', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("writes one task's changes once, then at most every 200 ms", async () => {
    const { sync, saves, setUnsent } = setup();
    sync.persist();
    sync.persist();
    await Promise.resolve();
    expect(saves).toEqual([['a']]);
    setUnsent(['a', 'b']);
    sync.persist();
    setUnsent(['a', 'b', 'c']);
    sync.persist();
    await Promise.resolve();
    expect(saves).toHaveLength(1);
    vi.advanceTimersByTime(200);
    expect(saves).toEqual([['a'], ['a', 'b', 'c']]);
  });

  it('restores only while active', () => {
    const { sync, taken, setActive } = setup();
    setActive(false);
    sync.restore();
    expect(taken).toEqual([]);
    setActive(true);
    sync.restore();
    expect(taken).toEqual([['restored']]);
  });

  it('rewrites the queue and takes over orphans at each heartbeat while watching', () => {
    const { sync, saves, taken } = setup();
    sync.watch();
    vi.advanceTimersByTime(60_000);
    expect(saves).toEqual([['a']]);
    expect(taken).toEqual([['orphan']]);
    sync.unwatch();
    vi.advanceTimersByTime(120_000);
    expect(taken).toHaveLength(1);
  });

  it('writes at once and hands off when the page is hidden; writes and lets go when closed', () => {
    const { sync, saves, calls } = setup();
    sync.pageHidden();
    expect(saves).toEqual([['a']]);
    expect(calls).toEqual(['handOff']);
    sync.close();
    expect(saves).toHaveLength(2);
    expect(calls).toEqual(['handOff', 'dispose']);
  });

  it('reports the first failure of a store that throws, once, and goes on without it', async () => {
    const broken = new Error('disk gone');
    const fail = () => {
      throw broken;
    };
    const { sync, errors, taken } = setup({
      restore: fail,
      save: fail,
      adoptOrphans: fail,
      otherWriters: fail,
      handOff: fail,
      dispose: fail,
    });
    sync.restore();
    sync.persist();
    await Promise.resolve();
    sync.watch();
    await vi.advanceTimersByTimeAsync(60_000);
    sync.pageHidden();
    sync.pageShown();
    sync.close();
    expect(taken.every((events) => events.length === 0)).toBe(true);
    expect(errors).toEqual([
      {
        message: 'persistence: QueueStore.restore() failed; events kept in memory',
        cause: broken,
      },
    ]);
  });

  it('takes what restore() and adoptOrphans() give that is not an array as nothing, and says so', async () => {
    const { sync, errors, taken } = setup({
      restore: () => ({ length: 1 }) as unknown as QueuedEvent[],
      adoptOrphans: () => null as unknown as QueuedEvent[],
      otherWriters: () => ['other'],
      save: () => {},
    });
    sync.restore();
    expect(taken).toEqual([[]]);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toBe('persistence: QueueStore.restore() failed; events kept in memory');
    expect(errors[0].cause).toEqual(new TypeError('restore() must return an array'));
    sync.watch();
    await vi.advanceTimersByTimeAsync(4_000);
    expect(taken).toEqual([[], []]);
    expect(errors).toHaveLength(1);
  });

  it("calls the store's methods on the store, so a store made of a class keeps its `this`", async () => {
    class ClassStore implements QueueStore {
      saved: QueuedEvent[] = [item('kept')];
      restore() {
        return this.saved;
      }
      save(events: QueuedEvent[]) {
        this.saved = events;
      }
      otherWriters() {
        return this.saved.length ? ['other'] : [];
      }
      adoptOrphans() {
        return this.saved.filter((queued) => queued.sessionId === 'orphaned');
      }
    }
    const store = new ClassStore();
    const { sync, errors, taken } = setup(store);
    sync.restore();
    sync.persistNow();
    expect(store.saved.map((queued) => queued.event.eventId)).toEqual(['a']);
    sync.watch();
    await vi.advanceTimersByTimeAsync(4_000);
    expect(taken).toEqual([['kept'], []]);
    expect(errors).toEqual([]);
  });
});
