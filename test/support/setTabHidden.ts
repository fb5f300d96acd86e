/**
 * Emulates a hidden (or visible again) tab: the property the page reads, and the event it listens to. Neither the
 * page API nor jsdom has a switch for it.
 */
export function setTabHidden(hidden: boolean) {
  if (hidden) Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
  else delete (document as { visibilityState?: string }).visibilityState;
  document.dispatchEvent(new Event('visibilitychange'));
}
