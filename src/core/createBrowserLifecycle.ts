import type { PageLifecycle } from './types';

/**
 * The page lifecycle of a browser: `pagehide` and `visibilitychange` → hidden mean "send now, with keepalive";
 * `online` means "resume"; `pageshow` from the back/forward cache means "carry on". Undefined where there is no
 * `window` (server, workers, React Native).
 */
export function createBrowserLifecycle(): PageLifecycle | undefined {
  if (typeof window === 'undefined' || typeof window.addEventListener !== 'function') return undefined;
  return {
    listen({ onHide, onOnline, onShow }) {
      const onVisibility = () => {
        if (document.visibilityState === 'hidden') onHide();
      };
      const onPageShow = (event: PageTransitionEvent) => {
        if (event.persisted) onShow?.();
      };
      window.addEventListener('pagehide', onHide);
      window.addEventListener('pageshow', onPageShow);
      window.addEventListener('online', onOnline);
      document.addEventListener('visibilitychange', onVisibility);
      let disposed = false;
      return () => {
        if (disposed) return;
        disposed = true;
        window.removeEventListener('pagehide', onHide);
        window.removeEventListener('pageshow', onPageShow);
        window.removeEventListener('online', onOnline);
        document.removeEventListener('visibilitychange', onVisibility);
      };
    },
    isOnline() {
      return typeof navigator === 'undefined' || navigator.onLine !== false;
    },
  };
}
