import type { StorageLike } from '../core/types';

/** A `StorageLike` kept in a Map, with the Map exposed for assertions. */
export interface MemoryStorage extends StorageLike {
  /** What is stored, key → value. */
  readonly data: Map<string, string>;
  readonly length: number;
  key(index: number): string | null;
}

/**
 * An in-memory `localStorage` stand-in for tests: pass it as `persistence` (or `sessionStorage`) to see what the
 * recorder keeps across a "reload" — create a second recorder on the same storage.
 * @example
 * const storage = createMemoryStorage();
 * createRecorder({ transport: failing, persistence: storage }).record({ eventType: 'click' });
 * const next = createRecorder({ transport, persistence: storage }); // sends what the first one left
 */
export function createMemoryStorage(): MemoryStorage {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, String(value)),
    removeItem: (key) => void data.delete(key),
    get length() {
      return data.size;
    },
    key: (index) => [...data.keys()][index] ?? null,
  };
}
