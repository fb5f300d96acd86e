import type { QueueStore } from './types';

/** The methods of a `QueueStore`, required ones first. */
const METHODS = ['restore', 'save', 'adoptOrphans', 'otherWriters', 'handOff', 'dispose'] as const;
/** The methods that answer with events: an answer that is no array counts as a failure. */
const EVENT_LISTS: readonly string[] = ['restore', 'adoptOrphans'];

/**
 * Wraps an app's own `QueueStore` so that its failures never reach the recorder: a method that throws (or a
 * `restore()` that returns no array) is reported once through `onError`, and the recorder goes on in memory, as it
 * does when localStorage throws.
 */
export function guardQueueStore(store: QueueStore, onError: (message: string, cause: unknown) => void): QueueStore {
  let reported = false;
  const guarded: Record<string, (...args: unknown[]) => unknown> = {};
  METHODS.forEach((method, index) => {
    const call = store[method] as ((...args: unknown[]) => unknown) | undefined;
    // The optional methods are left out when the store has none: the recorder then does without them.
    if (!call && index > 1) return;
    const lists = EVENT_LISTS.includes(method);
    guarded[method] = (...args) => {
      try {
        const value = (call as (...args: unknown[]) => unknown).apply(store, args);
        if (!lists || Array.isArray(value)) return value;
        throw new TypeError(`${method}() must return an array`);
      } catch (cause) {
        if (!reported) onError(`persistence: QueueStore.${method}() failed; events kept in memory`, cause);
        reported = true;
        return lists || method === 'otherWriters' ? [] : undefined;
      }
    };
  });
  return guarded as unknown as QueueStore;
}
