import { createRing } from '../../src/endpoint/createRing';

describe('createRing', () => {
  it('keeps the last `capacity` items, forgetting the oldest', () => {
    const ring = createRing<number>(3);
    for (let i = 1; i <= 7; i++) ring.push(i);
    expect(ring.oldestFirst()).toEqual([5, 6, 7]);
    expect(ring.newestFirst()).toEqual([7, 6, 5]);
    expect(ring.size).toBe(3);
  });

  it('lists fewer items before it is full, and nothing after clear()', () => {
    const ring = createRing<string>(3);
    ring.push('a');
    ring.push('b');
    expect(ring.newestFirst()).toEqual(['b', 'a']);
    ring.clear();
    expect([ring.size, ring.oldestFirst()]).toEqual([0, []]);
    ring.push('c');
    expect(ring.oldestFirst()).toEqual(['c']);
  });

  it('forgets its oldest items while their weights add up to more than maxWeight, keeping the newest', () => {
    const ring = createRing<string>(100, 10);
    ring.push('a', 4);
    ring.push('b', 4);
    ring.push('c', 4);
    expect(ring.oldestFirst()).toEqual(['b', 'c']);
    ring.push('huge', 50);
    expect(ring.oldestFirst()).toEqual(['huge']);
    ring.push('d', 1);
    expect(ring.oldestFirst()).toEqual(['d']);
    ring.clear();
    ring.push('e', 10);
    expect(ring.oldestFirst()).toEqual(['e']);
  });

  it('holds at most `capacity` items through many pushes, in order', () => {
    const ring = createRing<number>(3, 1000);
    for (let i = 1; i <= 1000; i++) ring.push(i, 1);
    expect([ring.size, ring.oldestFirst()]).toEqual([3, [998, 999, 1000]]);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => createRing(0)).toThrow('createRing: capacity must be a positive integer (got 0)');
  });
});
