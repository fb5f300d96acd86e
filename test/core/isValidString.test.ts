import { isValidString } from '../../src/core/isValidString';
import { validateEvent } from '../../src/core/validateEvent';

describe('isValidString', () => {
  it('takes 1–max Unicode characters, counted as the model counts them', () => {
    expect(isValidString('a', 3)).toBe(true);
    expect(isValidString('abc', 3)).toBe(true);
    expect(isValidString('abcd', 3)).toBe(false);
    expect(isValidString('', 3)).toBe(false);
    // Three emoji are six UTF-16 units but three characters.
    expect(isValidString('😀😀😀', 3)).toBe(true);
    expect(isValidString('😀😀😀😀', 3)).toBe(false);
  });

  it('refuses what is not a string, and a lone surrogate', () => {
    for (const value of [undefined, null, 1, {}, ['a']]) expect(isValidString(value, 10)).toBe(false);
    expect(isValidString('a\uD800b', 10)).toBe(false);
  });

  it('agrees with the issues validation reports for the same field', () => {
    for (const itemId of ['', 'x', 'x'.repeat(256), 'x'.repeat(257), '😀'.repeat(256), 'a\uDC00']) {
      expect(isValidString(itemId, 256)).toBe(validateEvent({ eventType: 'view', itemId }).length === 0);
    }
  });
});
