import type { ValidationIssue } from '../core/types';

/** Issues listed in an answer; the rest are only counted. */
export const LISTED_ISSUES = 20;
/** Bytes the listed issues may take as JSON, leaving room for the rest of a 16 KB answer. */
const MAX_ISSUES_BYTES = 14 * 1024;
/** Characters kept of an issue's `field` (a body's own key names land there) and of its `message`. */
const MAX_FIELD = 100;
const MAX_MESSAGE = 300;

/** What an answer says about a refused body: at most `LISTED_ISSUES` issues, and how many more were found. */
export interface BoundedIssues {
  /** The first issues, each field and message cut to a bounded length. */
  issues: ValidationIssue[];
  /** Issues found but not listed. */
  moreIssues: number;
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

const encoder = new TextEncoder();

/**
 * Bounds the issues an answer lists, so a hostile body (thousands of empty events, a 60 KB key name, keys of
 * control characters that JSON escapes six times over) never makes a large answer: at most `LISTED_ISSUES`, each
 * field and rule cut short, and no more than 14 KB of them as JSON.
 */
export function boundIssues(issues: readonly ValidationIssue[]): BoundedIssues {
  const listed: ValidationIssue[] = [];
  let bytes = 0;
  for (const issue of issues.slice(0, LISTED_ISSUES)) {
    const field = cut(issue.field, MAX_FIELD);
    const rule = cut(issue.rule, MAX_MESSAGE - MAX_FIELD);
    const bounded = { field, rule, message: `${field}: ${rule}` };
    bytes += encoder.encode(JSON.stringify(bounded)).length + 1;
    if (bytes > MAX_ISSUES_BYTES) break;
    listed.push(bounded);
  }
  return { issues: listed, moreIssues: issues.length - listed.length };
}
