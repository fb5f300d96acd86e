import type { StorageLike } from './types';

/**
 * The browser's `localStorage` or `sessionStorage`, or undefined where it does not exist or throws on access
 * (server, React Native, some privacy modes). Read at call time, never at import.
 */
export function browserStorage(kind: 'localStorage' | 'sessionStorage'): StorageLike | undefined {
  try {
    const storage = (globalThis as Record<string, unknown>)[kind] as StorageLike | undefined;
    if (!storage || typeof storage.getItem !== 'function') return undefined;
    return storage;
  } catch {
    return undefined;
  }
}
