'use client';

/** Told whether at least the threshold of the element is on screen now. */
export type IntersectionListener = (visible: boolean) => void;

interface ObserverPool {
  /** The constructor it was made with: a test that installs a new mock gets a new pool. */
  Observer: typeof IntersectionObserver;
  observer: IntersectionObserver;
  /** Per observed element: its listeners, and the last answer for a listener that joins later. */
  elements: Map<Element, { listeners: Set<IntersectionListener>; visible: boolean }>;
}

/** Layout rounding: Chromium reports a fully visible element at 0.9999990 and 60% at 0.6000004. */
const RATIO_TOLERANCE = 1e-4;

/** One observer per threshold, shared by every tracked element of every list. */
const pools = new Map<number, ObserverPool>();

function createPool(Observer: typeof IntersectionObserver, threshold: number): ObserverPool {
  const elements: ObserverPool['elements'] = new Map();
  const observer = new Observer(
    (entries) => {
      for (const entry of entries) {
        const observed = elements.get(entry.target);
        if (!observed) continue;
        const visible = entry.isIntersecting && entry.intersectionRatio >= threshold - RATIO_TOLERANCE;
        observed.visible = visible;
        for (const listener of [...observed.listeners]) listener(visible);
      }
    },
    { threshold: [threshold] },
  );
  return { Observer, observer, elements };
}

/**
 * Calls `listener(visible)` whenever at least `threshold` of `element` comes on screen or stops being so, through
 * one IntersectionObserver per threshold shared by every element (not one per element). Returns the function that
 * stops listening. Where IntersectionObserver does not exist (old browsers, the server, jsdom without mocks) the
 * listener is never called: nothing counts as seen.
 */
export function observeIntersection(element: Element, threshold: number, listener: IntersectionListener): () => void {
  const Observer = typeof IntersectionObserver === 'function' ? IntersectionObserver : undefined;
  if (!Observer) return () => {};
  let pool = pools.get(threshold);
  if (!pool || pool.Observer !== Observer) {
    pool = createPool(Observer, threshold);
    pools.set(threshold, pool);
  }
  const active = pool;
  let observed = active.elements.get(element);
  if (!observed) {
    observed = { listeners: new Set(), visible: false };
    active.elements.set(element, observed);
    active.observer.observe(element);
  }
  observed.listeners.add(listener);
  // The observer reports an element once when it starts observing it; a late joiner hears the last report instead.
  if (observed.visible) listener(true);
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    const current = active.elements.get(element);
    if (!current) return;
    current.listeners.delete(listener);
    if (current.listeners.size > 0) return;
    active.elements.delete(element);
    active.observer.unobserve(element);
    if (active.elements.size > 0) return;
    // An empty pool is torn down a microtask later, so StrictMode's unmount → mount reuses it. A resolved promise
    // rather than queueMicrotask/setTimeout: fake timers in tests must not keep a pool alive.
    void Promise.resolve().then(() => {
      if (active.elements.size > 0) return;
      active.observer.disconnect();
      if (pools.get(threshold) === active) pools.delete(threshold);
    });
  };
}
