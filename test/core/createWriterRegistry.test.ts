import { createWriterRegistry, pageWriterRegistry } from '../../src/core/createWriterRegistry';

describe('createWriterRegistry', () => {
  it('tells live writers from retired ones, and keeps every writer of the page', () => {
    const writers = createWriterRegistry();
    writers.add('a');
    writers.add('b');
    writers.retire('a');
    expect(writers.isActive('a')).toBe(false);
    expect(writers.isActive('b')).toBe(true);
    expect(writers.pageWriters()).toEqual(['a', 'b']);
  });

  it('gives each registry its own writers, and the page one registry', () => {
    const one = createWriterRegistry();
    one.add('a');
    expect(createWriterRegistry().isActive('a')).toBe(false);
    expect(pageWriterRegistry()).toBe(pageWriterRegistry());
  });
});
