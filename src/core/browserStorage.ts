import type { StorageLike } from './types';

/**
 * The browser's `localStorage` or `sessionStorage`, or undefined where it does not exist or throws on access
 * (server, React Native, a sandboxed iframe, blocked cookies). Read at call time, never at import. Without a
 * `window` there is none (Deno and Node may have web storage, shared by every request of the process: no default for
 * a server). `onRefused` hears of a storage that exists but throws on access.
 */
export function browserStorage(
  kind: 'localStorage' | 'sessionStorage',
  onRefused?: (cause: unknown) => void,
): StorageLike | undefined {
  if (typeof window === 'undefined') return undefined;
  try {
    const storage = (globalThis as Record<string, unknown>)[kind] as StorageLike | undefined;
    return typeof storage?.getItem === 'function' ? storage : undefined;
  } catch (cause) {
    // Reading `localStorage` throws where storage is blocked: there is none to use.
    onRefused?.(cause);
  }
}
