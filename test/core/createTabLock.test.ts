import { createTabLock } from '../../src/core/createTabLock';
import type { LockManagerLike } from '../../src/core/types';

/** Web Locks of one origin: every lock is granted at once (names are unique) and held until its callback settles. */
function fakeLocks() {
  const held = new Set<string>();
  const locks: LockManagerLike = {
    async request(name, callback) {
      held.add(name);
      try {
        return await callback({ name });
      } finally {
        held.delete(name);
      }
    },
    query: async () => ({ held: [...held].map((name) => ({ name })) }),
  };
  return { locks, held };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createTabLock', () => {
  it('holds a lock named after the writer until released, and takes it again on acquire()', async () => {
    const { locks, held } = fakeLocks();
    const lock = createTabLock(locks, 'rp:writer:', 'w1');
    await settle();
    expect([...held]).toEqual(['rp:writer:w1']);
    expect(lock.wasGranted()).toBe(true);
    lock.release();
    await settle();
    expect([...held]).toEqual([]);
    // Still a writer that uses a lock: its queue's free lock means its page is gone.
    expect(lock.wasGranted()).toBe(true);
    lock.acquire();
    await settle();
    expect([...held]).toEqual(['rp:writer:w1']);
  });

  it('calls a writer gone only when its lock was free at two checks in a row', async () => {
    const { locks, held } = fakeLocks();
    const lock = createTabLock(locks, 'rp:writer:', 'me');
    held.add('rp:writer:alive');
    // 'gone' holds no lock; 'reloading' lets its lock go between two checks, then its next page takes the queue.
    held.add('rp:writer:reloading');
    const first = await lock.check();
    expect([first('alive'), first('gone'), first('reloading')]).toEqual([false, false, false]);
    held.delete('rp:writer:reloading');
    const second = await lock.check();
    expect([second('alive'), second('gone'), second('reloading')]).toEqual([false, true, false]);
    const third = await lock.check();
    expect(third('reloading')).toBe(true);
  });

  it('never calls a writer gone when the lock manager refuses, and survives one that throws', async () => {
    const refusing: LockManagerLike = {
      request: () => Promise.reject(new DOMException('opaque origin', 'SecurityError')),
      query: () => Promise.reject(new DOMException('opaque origin', 'SecurityError')),
    };
    const lock = createTabLock(refusing, 'rp:writer:', 'me');
    await settle();
    expect(lock.wasGranted()).toBe(false);
    await lock.check();
    expect((await lock.check())('other')).toBe(false);
    const throwing: LockManagerLike = {
      request: () => {
        throw new TypeError('no');
      },
      query: async () => ({}),
    };
    expect(() => createTabLock(throwing, 'rp:writer:', 'me')).not.toThrow();
  });
});
