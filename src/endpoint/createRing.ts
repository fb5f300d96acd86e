/** A bounded list that forgets its oldest items when new ones come in. */
export interface Ring<T> {
  /** Adds an item of `weight` (0 by default), forgetting the oldest while the ring is over its capacity or weight. */
  push(item: T, weight?: number): void;
  /** The items, newest first. */
  newestFirst(): T[];
  /** The items, oldest first. */
  oldestFirst(): T[];
  /** Items held. */
  readonly size: number;
  /** Forgets every item. */
  clear(): void;
}

/**
 * Makes a ring of at most `capacity` items whose weights add up to at most `maxWeight` (the newest item is always
 * kept, whatever its weight): adding is O(1) amortized, and memory never grows past either bound.
 */
export function createRing<T>(capacity: number, maxWeight = Number.POSITIVE_INFINITY): Ring<T> {
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new RangeError(`createRing: capacity must be a positive integer (got ${String(capacity)})`);
  }
  let items: T[] = [];
  let weights: number[] = [];
  /** Index of the oldest item kept: the ones before it are forgotten, and dropped in bulk now and then. */
  let head = 0;
  let total = 0;
  const forgetOldest = () => {
    total -= weights[head];
    items[head] = undefined as T;
    head++;
    if (head * 2 >= items.length) {
      items = items.slice(head);
      weights = weights.slice(head);
      head = 0;
    }
  };
  const oldestFirst = () => items.slice(head);
  return {
    push(item, weight = 0) {
      items.push(item);
      weights.push(weight);
      total += weight;
      while (items.length - head > capacity || (total > maxWeight && items.length - head > 1)) forgetOldest();
    },
    oldestFirst,
    newestFirst: () => oldestFirst().reverse(),
    get size() {
      return items.length - head;
    },
    clear() {
      items = [];
      weights = [];
      head = 0;
      total = 0;
    },
  };
}
