import { createIssue } from '../core/createIssue';
import type { ValidationIssue } from '../core/types';

/** Keys that could reach an object's prototype if the parsed body were ever merged into another object. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The deepest valid body: body → eventList → event → impression / metricAttribution. */
export const MAX_JSON_DEPTH = 4;

/** The outcome of parsing a body: the value, or why it was refused. */
export type ParseJsonResult = { ok: true; value: unknown } | { ok: false; issues: ValidationIssue[] };

/** Scans the text once, counting nesting outside strings, so deep nesting is refused before JSON.parse recurses. */
function nestingExceeds(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c)
        index++; // backslash: skip the escaped character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) {
      if (++depth > maxDepth) return true;
    } else if (char === 0x7d || char === 0x5d) depth--;
  }
  return false;
}

/**
 * Decodes UTF-8 and parses JSON without trusting it: deeper than `maxDepth` is refused before parsing, and keys
 * such as `__proto__` or `constructor` are refused anywhere in the document.
 */
export function parseJsonSafely(bytes: Uint8Array, maxDepth = MAX_JSON_DEPTH): ParseJsonResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, issues: [createIssue('body', 'must be UTF-8 text')] };
  }
  if (nestingExceeds(text, maxDepth)) {
    return { ok: false, issues: [createIssue('body', `must not nest deeper than ${maxDepth} levels`)] };
  }
  const forbidden = new Set<string>();
  let value: unknown;
  try {
    value = JSON.parse(text, (key, entry) => {
      if (FORBIDDEN_KEYS.has(key)) {
        forbidden.add(key);
        return undefined;
      }
      return entry;
    });
  } catch {
    return { ok: false, issues: [createIssue('body', 'must be JSON')] };
  }
  if (forbidden.size > 0) {
    return { ok: false, issues: [...forbidden].map((key) => createIssue(key, 'is not an allowed key')) };
  }
  return { ok: true, value };
}
