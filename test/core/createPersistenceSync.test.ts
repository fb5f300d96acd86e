import { createPersistenceSync } from '../../src/core/createPersistenceSync';
import type { QueuedEvent, QueueStore } from '../../src/core/createQueueStore';

const item = (eventId: string): QueuedEvent => ({
  event: { eventId, eventType: 'click', sentAt: 1 },
  sessionId: 's1',
  recordedAt: 0,
});

function setup() {
  const saves: string[][] = [];
  const calls: string[] = [];
  const store: QueueStore = {
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
  const sync = createPersistenceSync({
    store,
    tabLock: undefined,
    timers: globalThis,
    unsent: () => unsent,
    active: () => active,
    enqueue: (events) => taken.push(events.map((queued) => queued.event.eventId)),
  });
  return {
    sync,
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
});
