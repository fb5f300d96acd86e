import type { QueuedEvent, QueueStore } from './types';

/**
 * Wraps an app's own `QueueStore` so that its failures never reach the recorder: a method that throws (or a
 * `restore()` that returns no array) is reported once through `onError`, and the recorder goes on in memory, as it
 * does when localStorage throws.
 */
export function guardQueueStore(store: QueueStore, onError: (message: string, cause: unknown) => void): QueueStore {
  let reported = false;
  const fail = (method: string, cause: unknown) => {
    if (reported) return;
    reported = true;
    onError(`persistence: QueueStore.${method}() failed; events kept in memory`, cause);
  };
  function guard<T>(method: string, call: () => T, fallback: T): T {
    try {
      return call();
    } catch (cause) {
      fail(method, cause);
      return fallback;
    }
  }
  const events = (method: string, value: unknown): QueuedEvent[] => {
    if (Array.isArray(value)) return value;
    fail(method, new TypeError(`${method}() must return an array`));
    return [];
  };
  const guarded: QueueStore = {
    restore: () =>
      events(
        'restore',
        guard('restore', () => store.restore(), []),
      ),
    save: (items) => guard('save', () => store.save(items), undefined),
  };
  const { adoptOrphans, otherWriters, handOff, dispose } = store;
  if (adoptOrphans)
    guarded.adoptOrphans = (isGone) =>
      events(
        'adoptOrphans',
        guard('adoptOrphans', () => adoptOrphans.call(store, isGone), []),
      );
  if (otherWriters) guarded.otherWriters = () => guard('otherWriters', () => otherWriters.call(store), []);
  if (handOff) guarded.handOff = () => guard('handOff', () => handOff.call(store), undefined);
  if (dispose) guarded.dispose = () => guard('dispose', () => dispose.call(store), undefined);
  return guarded;
}
