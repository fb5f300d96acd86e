import type { LockManagerLike } from './types';

/** The browser's Web Locks (`navigator.locks`), or undefined where there are none (no `window`, older browsers). */
export function browserLocks(): LockManagerLike | undefined {
  if (typeof window === 'undefined' || typeof navigator === 'undefined') return undefined;
  const locks = (navigator as { locks?: LockManagerLike }).locks;
  return typeof locks?.request === 'function' && typeof locks.query === 'function' ? locks : undefined;
}
