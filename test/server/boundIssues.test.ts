import { createIssue } from '../../src/core/createIssue';
import { boundIssues } from '../../src/server/boundIssues';

describe('boundIssues', () => {
  it('lists the first 20 issues and counts the rest', () => {
    const issues = Array.from({ length: 43 }, (_, index) => createIssue(`eventList[${index}].eventType`, 'required'));
    const bounded = boundIssues(issues);
    expect(bounded.issues).toEqual(issues.slice(0, 20));
    expect(bounded.moreIssues).toBe(23);
  });

  it('cuts a long field and rule, keeping the message their sum', () => {
    const [issue] = boundIssues([createIssue('k'.repeat(60_000), 'unknown field')]).issues;
    expect(issue.field).toBe(`${'k'.repeat(99)}…`);
    expect(issue.rule).toBe('unknown field');
    expect(issue.message).toBe(`${issue.field}: ${issue.rule}`);
  });

  it('stays within 14 KB of JSON even for fields JSON escapes six times over, counting what it leaves out', () => {
    const issues = Array.from({ length: 20 }, (_, index) => createIssue(`\u0001${index}`.padEnd(400, '\u0002'), 'x'));
    const bounded = boundIssues(issues);
    expect(new TextEncoder().encode(JSON.stringify(bounded.issues)).length).toBeLessThanOrEqual(14 * 1024);
    expect(bounded.issues.length).toBeGreaterThan(0);
    expect(bounded.issues.length + bounded.moreIssues).toBe(20);
  });
});
