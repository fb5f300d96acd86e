'use client';

/** Told whether at least the threshold of the element is on screen now. */
export type IntersectionListener = (visible: boolean) => void;

interface ObserverPool {
  /** The constructor it was made with: a test that installs a new mock gets a new pool. */
  Observer: typeof IntersectionObserver;
  observer: IntersectionObserver;
  listeners: Map<Element, Set<IntersectionListener>>;
  /** The last answer per element, for a listener that joins an element already observed. */
  visible: Map<Element, boolean>;
  /** An empty pool is torn down a microtask later, so StrictMode's unmount → mount reuses it. */
  teardownScheduled: boolean;
}

/** Layout rounding: Chromium reports a fully visible element at 0.9999990 and 60% at 0.6000004. */
const RATIO_TOLERANCE = 1e-4;

/** One observer per threshold, shared by every tracked element of every list. */
const pools = new Map<number, ObserverPool>();

function createPool(Observer: typeof IntersectionObserver, threshold: number): ObserverPool {
  const listeners = new Map<Element, Set<IntersectionListener>>();
  const visibleNow = new Map<Element, boolean>();
  const observer = new Observer(
    (entries) => {
      for (const entry of entries) {
        const visible = entry.isIntersecting && entry.intersectionRatio >= threshold - RATIO_TOLERANCE;
        const forElement = listeners.get(entry.target);
        if (!forElement) continue;
        visibleNow.set(entry.target, visible);
        for (const listener of [...forElement]) listener(visible);
      }
    },
    { threshold: [threshold] },
  );
  return { Observer, observer, listeners, visible: visibleNow, teardownScheduled: false };
}

function scheduleTeardown(pool: ObserverPool, threshold: number) {
  if (pool.teardownScheduled) return;
  pool.teardownScheduled = true;
  // A resolved promise rather than queueMicrotask/setTimeout: fake timers in tests must not keep a pool alive.
  void Promise.resolve().then(() => {
    pool.teardownScheduled = false;
    if (pool.listeners.size > 0) return;
    pool.observer.disconnect();
    if (pools.get(threshold) === pool) pools.delete(threshold);
  });
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
  let forElement = active.listeners.get(element);
  if (!forElement) {
    forElement = new Set();
    active.listeners.set(element, forElement);
    active.observer.observe(element);
  }
  forElement.add(listener);
  // The observer reports an element once when it starts observing it; a late joiner hears the last report instead.
  if (active.visible.get(element)) listener(true);
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    const current = active.listeners.get(element);
    if (!current) return;
    current.delete(listener);
    if (current.size > 0) return;
    active.listeners.delete(element);
    active.visible.delete(element);
    active.observer.unobserve(element);
    if (active.listeners.size === 0) scheduleTeardown(active, threshold);
  };
}
