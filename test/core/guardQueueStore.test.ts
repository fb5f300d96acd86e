import { guardQueueStore } from '../../src/core/guardQueueStore';
import type { QueuedEvent, QueueStore } from '../../src/core/types';

const queued: QueuedEvent = {
  event: { eventId: 'e1', eventType: 'click', sentAt: 1_700_000_000 },
  sessionId: 's',
  recordedAt: 1_700_000_000_000,
};

function setup(store: QueueStore) {
  const errors: [string, unknown][] = [];
  const guarded = guardQueueStore(store, (message, cause) => errors.push([message, cause]));
  return { guarded, errors };
}

const throwing = (message: string) => () => {
  throw new Error(message);
};

describe('guardQueueStore', () => {
  it('passes each call, its arguments and the store as `this` through, and reports nothing while the store works', () => {
    const calls: unknown[][] = [];
    const store: QueueStore = {
      restore() {
        calls.push(['restore', this === store]);
        return [queued];
      },
      save(events) {
        calls.push(['save', this === store, events]);
      },
      adoptOrphans(isGone) {
        calls.push(['adoptOrphans', this === store, isGone?.('w')]);
        return [queued];
      },
      otherWriters() {
        calls.push(['otherWriters', this === store]);
        return ['w'];
      },
      handOff() {
        calls.push(['handOff', this === store]);
      },
      dispose() {
        calls.push(['dispose', this === store]);
      },
    };
    const { guarded, errors } = setup(store);
    expect(guarded.restore()).toEqual([queued]);
    expect(guarded.save([queued])).toBeUndefined();
    expect(guarded.adoptOrphans?.(() => true)).toEqual([queued]);
    expect(guarded.otherWriters?.()).toEqual(['w']);
    guarded.handOff?.();
    guarded.dispose?.();
    expect(calls).toEqual([
      ['restore', true],
      ['save', true, [queued]],
      ['adoptOrphans', true, true],
      ['otherWriters', true],
      ['handOff', true],
      ['dispose', true],
    ]);
    expect(errors).toEqual([]);
  });

  it('leaves out the optional methods the store has not', () => {
    const { guarded } = setup({ restore: () => [], save: () => {} });
    expect(Object.keys(guarded).sort()).toEqual(['restore', 'save']);
  });

  it('never throws: each method answers its empty value, and the first failure alone is reported', () => {
    const { guarded, errors } = setup({
      restore: throwing('restore broke'),
      save: throwing('save broke'),
      adoptOrphans: throwing('adoptOrphans broke'),
      otherWriters: throwing('otherWriters broke'),
      handOff: throwing('handOff broke'),
      dispose: throwing('dispose broke'),
    });
    expect(guarded.save([queued])).toBeUndefined();
    expect(guarded.restore()).toEqual([]);
    expect(guarded.adoptOrphans?.()).toEqual([]);
    expect(guarded.otherWriters?.()).toEqual([]);
    expect(guarded.handOff?.()).toBeUndefined();
    expect(guarded.dispose?.()).toBeUndefined();
    expect(errors).toEqual([['persistence: QueueStore.save() failed; events kept in memory', new Error('save broke')]]);
  });

  it.each(['restore', 'adoptOrphans'] as const)('counts %s() returning no array as a failure', (method) => {
    const { guarded, errors } = setup({
      restore: () => [],
      save: () => {},
      [method]: () => 'oops' as unknown as QueuedEvent[],
    });
    expect(guarded[method]?.()).toEqual([]);
    expect(errors).toEqual([
      [
        `persistence: QueueStore.${method}() failed; events kept in memory`,
        new TypeError(`${method}() must return an array`),
      ],
    ]);
  });

  it('reports a store without restore() or save() (from JavaScript) instead of throwing', () => {
    const { guarded, errors } = setup({} as QueueStore);
    expect(guarded.restore()).toEqual([]);
    expect(guarded.save([])).toBeUndefined();
    expect(errors.map(([message]) => message)).toEqual([
      'persistence: QueueStore.restore() failed; events kept in memory',
    ]);
  });
});
