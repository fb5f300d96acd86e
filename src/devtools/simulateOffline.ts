/**
 * Makes the page look offline the way the browser itself says so: `navigator.onLine` reads false and `offline` is
 * dispatched. The recorder holds its sends (it keeps every event) until `online`. Requests already in flight are
 * not affected, and other code reading `navigator.onLine` sees it too. Returns the function that ends it: the real
 * `navigator.onLine` is back, and `online` is dispatched if the browser is online.
 */
export function simulateOffline(): () => void {
  const { navigator, window } = globalThis;
  if (!navigator || !window) return () => {};
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
  window.dispatchEvent(new Event('offline'));
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    delete (navigator as { onLine?: boolean }).onLine;
    if (navigator.onLine !== false) window.dispatchEvent(new Event('online'));
  };
}
