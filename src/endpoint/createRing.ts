/** A fixed-capacity list that forgets its oldest item when a new one comes in. */
export interface Ring<T> {
  /** Adds an item, forgetting the oldest when full. */
  push(item: T): void;
  /** The items, newest first. */
  newestFirst(): T[];
  /** The items, oldest first. */
  oldestFirst(): T[];
  /** Items held. */
  readonly size: number;
  /** Forgets every item. */
  clear(): void;
}

/** Makes a ring of `capacity` items: adding is O(1) and memory never grows past `capacity` items. */
export function createRing<T>(capacity: number): Ring<T> {
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new RangeError(`createRing: capacity must be a positive integer (got ${String(capacity)})`);
  }
  let items: T[] = [];
  let next = 0;
  const oldestFirst = () => (items.length < capacity ? [...items] : [...items.slice(next), ...items.slice(0, next)]);
  return {
    push(item) {
      if (items.length < capacity) items.push(item);
      else items[next] = item;
      next = (next + 1) % capacity;
    },
    oldestFirst,
    newestFirst: () => oldestFirst().reverse(),
    get size() {
      return items.length;
    },
    clear() {
      items = [];
      next = 0;
    },
  };
}
