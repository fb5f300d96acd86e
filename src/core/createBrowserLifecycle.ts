import type { PageLifecycle } from './types';

/**
 * The page lifecycle of a browser: `pagehide` and `visibilitychange` → hidden mean "send now, with keepalive";
 * `online` means "resume". Undefined where there is no `window` (server, workers, React Native).
 */
export function createBrowserLifecycle(): PageLifecycle | undefined {
  if (typeof window === 'undefined' || typeof window.addEventListener !== 'function') return undefined;
  return {
    listen({ onHide, onOnline }) {
      const onVisibility = () => {
        if (document.visibilityState === 'hidden') onHide();
      };
      window.addEventListener('pagehide', onHide);
      window.addEventListener('online', onOnline);
      document.addEventListener('visibilitychange', onVisibility);
      let disposed = false;
      return () => {
        if (disposed) return;
        disposed = true;
        window.removeEventListener('pagehide', onHide);
        window.removeEventListener('online', onOnline);
        document.removeEventListener('visibilitychange', onVisibility);
      };
    },
    isOnline() {
      return typeof navigator === 'undefined' || navigator.onLine !== false;
    },
  };
}
