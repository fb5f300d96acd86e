// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseJsonSafely } from '../../src/server/parseJsonSafely';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('parseJsonSafely', () => {
  it('parses a body within the depth limit', () => {
    expect(parseJsonSafely(bytes('{"a":[{"b":[1]}]}'))).toEqual({ ok: true, value: { a: [{ b: [1] }] } });
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %s wherever it is', (key) => {
    const result = parseJsonSafely(bytes(`{"a":[{"${key}":{"polluted":true}}]}`));
    expect(result).toEqual({
      ok: false,
      issues: [{ field: key, rule: 'is not an allowed key', message: `${key}: is not an allowed key` }],
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('finds a forbidden key written with JSON escapes, and a value that only looks like one', () => {
    expect(parseJsonSafely(bytes('{"a":{"\\u005f_proto__":1}}'))).toMatchObject({
      ok: false,
      issues: [{ field: '__proto__' }],
    });
    expect(parseJsonSafely(bytes('{"a":["__proto__","constructor"]}'))).toEqual({
      ok: true,
      value: { a: ['__proto__', 'constructor'] },
    });
  });

  it('does not count brackets inside strings as nesting', () => {
    expect(parseJsonSafely(bytes('{"a":"[[[[[[{{{{{\\"]]]"}'))).toEqual({ ok: true, value: { a: '[[[[[[{{{{{"]]]' } });
  });

  it('refuses one level deeper than the limit before parsing', () => {
    expect(parseJsonSafely(bytes('[[[[1]]]]'), 4).ok).toBe(true);
    expect(parseJsonSafely(bytes('[[[[[1]]]]]'), 4)).toMatchObject({
      ok: false,
      issues: [{ field: 'body', rule: 'must not nest deeper than 4 levels' }],
    });
  });

  it('refuses bytes that are not UTF-8', () => {
    expect(parseJsonSafely(new Uint8Array([0x22, 0xff, 0x22]))).toMatchObject({
      ok: false,
      issues: [{ rule: 'must be UTF-8 text' }],
    });
  });
});
