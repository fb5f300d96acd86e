import type { StorageLike } from './types';

/**
 * The browser's `localStorage` or `sessionStorage`, or undefined where it does not exist or throws on access
 * (server, React Native, some privacy modes). Read at call time, never at import.
 */
export function browserStorage(kind: 'localStorage' | 'sessionStorage'): StorageLike | undefined {
  try {
    const storage = (globalThis as Record<string, unknown>)[kind] as StorageLike | undefined;
    return typeof storage?.getItem === 'function' ? storage : undefined;
  } catch {
    // Reading `localStorage` throws where storage is blocked: there is none to use.
  }
}
