import type { PageLifecycle } from './types';

/**
 * The page lifecycle of a browser: `pagehide` and `visibilitychange` → hidden mean "send now, with keepalive";
 * `pagehide` is also "the page leaves"; `online` means "resume"; `pageshow` from the back/forward cache means "carry
 * on". Undefined where there is no
 * `window` (server, workers, React Native).
 */
export function createBrowserLifecycle(): PageLifecycle | undefined {
  if (typeof window === 'undefined' || typeof window.addEventListener !== 'function') return undefined;
  return {
    listen({ onHide, onOnline, onShow, onLeave }) {
      let listeners: [EventTarget, string, (event: Event) => void][] = [
        [
          window,
          'pagehide',
          () => {
            onHide();
            onLeave?.();
          },
        ],
        [window, 'pageshow', (event) => (event as PageTransitionEvent).persisted && onShow?.()],
        [window, 'online', onOnline],
        [document, 'visibilitychange', () => document.visibilityState === 'hidden' && onHide()],
      ];
      for (const [target, type, listener] of listeners) target.addEventListener(type, listener);
      return () => {
        for (const [target, type, listener] of listeners) target.removeEventListener(type, listener);
        // A second call must not remove the same handlers attached again by a later listen().
        listeners = [];
      };
    },
    isOnline() {
      return typeof navigator === 'undefined' || navigator.onLine !== false;
    },
  };
}
