'use client';

/** Told whether at least the threshold of the element is on screen now. */
export type IntersectionListener = (visible: boolean) => void;

interface ObserverPool {
  /** The constructor it was made with: a test that installs a new mock gets a new pool. */
  Observer: typeof IntersectionObserver;
  observer: IntersectionObserver;
  /** The listeners of each observed element. */
  elements: Map<Element, Set<IntersectionListener>>;
  /** The observed elements on screen as last reported, for a listener that joins later. */
  visible: Set<Element>;
}

/** Layout rounding: Chromium reports a fully visible element at 0.9999990 and 60% at 0.6000004. */
const RATIO_TOLERANCE = 1e-4;

/** One observer per threshold, shared by every tracked element of every list. */
const pools = new Map<number, ObserverPool>();

/** The pool of `threshold`, made on first use (or anew when another IntersectionObserver has been installed). */
function poolFor(Observer: typeof IntersectionObserver, threshold: number): ObserverPool {
  const existing = pools.get(threshold);
  if (existing?.Observer === Observer) return existing;
  const elements: ObserverPool['elements'] = new Map();
  const visible = new Set<Element>();
  const observer = new Observer(
    (entries) => {
      for (const { target, isIntersecting, intersectionRatio } of entries) {
        const listeners = elements.get(target);
        if (!listeners) continue;
        const isVisible = isIntersecting && intersectionRatio >= threshold - RATIO_TOLERANCE;
        if (isVisible) visible.add(target);
        else visible.delete(target);
        // A listener removed by an earlier one in this loop (its item just got seen) is skipped.
        for (const listener of listeners) listener(isVisible);
      }
    },
    { threshold: [threshold] },
  );
  const pool = { Observer, observer, elements, visible };
  pools.set(threshold, pool);
  return pool;
}

/**
 * Calls `listener(visible)` whenever at least `threshold` of `element` comes on screen or stops being so, through
 * one IntersectionObserver per threshold shared by every element (not one per element). Returns the function that
 * stops listening. Where IntersectionObserver does not exist (old browsers, the server, jsdom without mocks) the
 * listener is never called: nothing counts as seen.
 */
export function observeIntersection(element: Element, threshold: number, listener: IntersectionListener): () => void {
  const Observer = globalThis.IntersectionObserver;
  if (!Observer) return () => {};
  const pool = poolFor(Observer, threshold);
  const { elements, visible, observer } = pool;
  let listeners = elements.get(element);
  if (!listeners) {
    listeners = new Set();
    elements.set(element, listeners);
    observer.observe(element);
  }
  listeners.add(listener);
  // The observer reports an element once when it starts observing it; a late joiner hears the last report instead.
  if (visible.has(element)) listener(true);
  return () => {
    // Already stopped (a second call), or other listeners still watch this element. (A set leaves `elements` only
    // once empty, so the set holding this listener is still the element's.)
    if (!listeners.delete(listener) || listeners.size) return;
    elements.delete(element);
    visible.delete(element);
    observer.unobserve(element);
    if (elements.size) return;
    // An empty pool is torn down a microtask later, so StrictMode's unmount → mount reuses it. A resolved promise
    // rather than queueMicrotask/setTimeout: fake timers in tests must not keep a pool alive.
    void Promise.resolve().then(() => {
      if (elements.size) return;
      observer.disconnect();
      if (pools.get(threshold) === pool) pools.delete(threshold);
    });
  };
}
