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

/** The forbidden keys anywhere in a parsed document (its nesting is already bounded), walked without recursion. */
function forbiddenKeys(root: unknown): Set<string> {
  const found = new Set<string>();
  const stack = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const entry of value) if (typeof entry === 'object' && entry !== null) stack.push(entry);
      continue;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) found.add(key);
      const entry = (value as Record<string, unknown>)[key];
      if (typeof entry === 'object' && entry !== null) stack.push(entry);
    }
  }
  return found;
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
  let value: unknown;
  try {
    // No reviver: V8 calls it with each value's source text, which makes a body of many small values 50× slower.
    // JSON.parse defines `__proto__` as an own key, never the prototype, so the walk below can look for it after.
    value = JSON.parse(text);
  } catch {
    return { ok: false, issues: [createIssue('body', 'must be JSON')] };
  }
  const forbidden = forbiddenKeys(value);
  if (forbidden.size > 0) {
    return { ok: false, issues: [...forbidden].map((key) => createIssue(key, 'is not an allowed key')) };
  }
  return { ok: true, value };
}
