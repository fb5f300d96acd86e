'use client';
import * as React from 'react';

/** What the fake observer keeps per instance. */
interface MockedObserver {
  callback: IntersectionObserverCallback;
  elements: Set<Element>;
  thresholds: number[];
  instance: IntersectionObserver;
}

/** Instances currently observing something. */
const observers = new Set<MockedObserver>();
let original: { had: boolean; value: unknown } | undefined;
let installed: unknown;
/** `vi.fn` / `jest.fn` when given: wraps the constructor and the methods so tests can assert on them. */
let spy: ((implementation: unknown) => unknown) | undefined;
const spied = <T>(implementation: T): T => (spy ? (spy(implementation) as T) : implementation);

/** The fake IntersectionObserver's instance. */
interface MockIntersectionObserver {
  readonly root: Element | Document | null;
  readonly rootMargin: string;
  readonly thresholds: readonly number[];
  readonly observe: (element: Element) => void;
  readonly unobserve: (element: Element) => void;
  readonly disconnect: () => void;
  readonly takeRecords: () => IntersectionObserverEntry[];
}

/**
 * A fake IntersectionObserver: it tracks what it observes and reports only what a test tells it to. Its methods are
 * own properties, because `vi.fn(Class)` instances do not inherit the class's prototype. A function, not a class:
 * `jest.fn` runs its implementation with `apply(this, arguments)`, which a class constructor refuses.
 */
function MockIntersectionObserver(
  this: { -readonly [K in keyof MockIntersectionObserver]: MockIntersectionObserver[K] },
  callback: IntersectionObserverCallback,
  options: IntersectionObserverInit = {},
) {
  const threshold = options.threshold ?? 0;
  this.root = options.root ?? null;
  this.rootMargin = options.rootMargin ?? '0px';
  this.thresholds = Array.isArray(threshold) ? [...threshold] : [threshold];
  const record: MockedObserver = {
    callback,
    elements: new Set(),
    thresholds: [...this.thresholds],
    instance: this as unknown as IntersectionObserver,
  };
  this.observe = spied((element: Element) => {
    record.elements.add(element);
    observers.add(record);
  });
  this.unobserve = spied((element: Element) => {
    record.elements.delete(element);
  });
  this.disconnect = spied(() => {
    record.elements.clear();
    observers.delete(record);
  });
  this.takeRecords = spied((): IntersectionObserverEntry[] => []);
}

const emptyRect = (): DOMRectReadOnly =>
  ({ x: 0, y: 0, width: 0, height: 0, top: 0, right: 0, bottom: 0, left: 0, toJSON: () => ({}) }) as DOMRectReadOnly;

function runInAct(callback: () => void) {
  const act = (React as { act?: (callback: () => void) => unknown }).act;
  const actEnvironment = (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT;
  if (typeof act === 'function' && actEnvironment) act(callback);
  else callback();
}

function trigger(record: MockedObserver, elements: Element[], ratio: number | boolean) {
  const intersectionRatio = typeof ratio === 'boolean' ? (ratio ? 1 : 0) : Math.min(1, Math.max(0, ratio));
  const isIntersecting = intersectionRatio > 0;
  const time = typeof performance !== 'undefined' ? performance.now() : Date.now();
  const entries = elements.map(
    (target): IntersectionObserverEntry => ({
      target,
      isIntersecting,
      intersectionRatio,
      boundingClientRect: target.getBoundingClientRect(),
      intersectionRect: isIntersecting ? target.getBoundingClientRect() : emptyRect(),
      rootBounds: null,
      time,
    }),
  );
  runInAct(() => record.callback(entries, record.instance));
}

function assertMocking(caller: string) {
  if (installed !== undefined && globalThis.IntersectionObserver === installed) return;
  throw new Error(
    `${caller}: IntersectionObserver is not mocked. Call setupIntersectionMocking() (e.g. in beforeEach) before rendering.`,
  );
}

/**
 * Installs a fake IntersectionObserver on `globalThis` (jsdom has none). Pass `vi.fn` (or `jest.fn`) to make the
 * constructor and each instance's `observe` / `unobserve` / `disconnect` mocks you can assert on. Returns
 * `resetIntersectionMocking`, which puts the original back.
 * @example
 * beforeEach(() => setupIntersectionMocking(vi.fn));
 * afterEach(() => resetIntersectionMocking());
 */
export function setupIntersectionMocking(mockFn?: (implementation: never) => unknown): () => void {
  if (!original) original = { had: 'IntersectionObserver' in globalThis, value: globalThis.IntersectionObserver };
  spy = mockFn as ((implementation: unknown) => unknown) | undefined;
  installed = spied(MockIntersectionObserver);
  observers.clear();
  Object.defineProperty(globalThis, 'IntersectionObserver', { value: installed, configurable: true, writable: true });
  return resetIntersectionMocking;
}

/** Removes the fake IntersectionObserver and restores whatever was there before `setupIntersectionMocking()`. */
export function resetIntersectionMocking(): void {
  observers.clear();
  installed = undefined;
  spy = undefined;
  if (!original) return;
  if (original.had) {
    Object.defineProperty(globalThis, 'IntersectionObserver', {
      value: original.value,
      configurable: true,
      writable: true,
    });
  } else delete (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver;
  original = undefined;
}

/**
 * Reports every observed element as `ratio` on screen (0–1; `true` is 1, `false` is 0), one callback per observer,
 * inside React's `act` when the test environment uses it. Dwell clocks start now: advance timers by `minDwellMs`
 * for the items to count as seen.
 * @example
 * mockAllIsIntersecting(1);
 * act(() => vi.advanceTimersByTime(1000));
 */
export function mockAllIsIntersecting(ratio: number | boolean): void {
  assertMocking('mockAllIsIntersecting()');
  for (const record of [...observers]) {
    if (record.elements.size > 0) trigger(record, [...record.elements], ratio);
  }
}

/**
 * Reports one element as `ratio` on screen (0–1; `true` is 1, `false` is 0). Throws when nothing observes it.
 * @example
 * mockIsIntersecting(screen.getByText('Socks').closest('li')!, 0.3); // under the default threshold of 0.5
 */
export function mockIsIntersecting(element: Element, ratio: number | boolean): void {
  assertMocking('mockIsIntersecting()');
  const observing = [...observers].filter((record) => record.elements.has(element));
  if (observing.length === 0) {
    throw new Error(
      'mockIsIntersecting(): no IntersectionObserver observes this element. Is it mounted, marked with useImpression() inside an <ImpressionTracker>, and not already seen?',
    );
  }
  for (const record of observing) trigger(record, [element], ratio);
}
