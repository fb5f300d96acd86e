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

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => createRing(0)).toThrow('createRing: capacity must be a positive integer (got 0)');
  });
});
