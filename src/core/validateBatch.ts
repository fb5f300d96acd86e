import { addIssue, checkEvent, checkSessionAndUser, checkString } from './checkEvent';
import { MAX_EVENTS_PER_BATCH, MAX_ID } from './limits';
import type { ValidationIssue } from './types';

/** Where a batch is checked: the browser's body (no trackingId) or a full PutEvents request. */
export interface ValidateBatchOptions {
  /** Require and check `trackingId` (a full PutEvents request). @default false */
  trackingId?: boolean | undefined;
  /**
   * Stops checking once this many issues are found, and skips checking the events one by one when there are more
   * than 10 (the batch cannot be valid anyway), so a hostile body costs little. The list then holds at most this
   * many, and may end short of every issue. @default Infinity (every issue)
   */
  maxIssues?: number | undefined;
}

const BATCH_FIELDS = new Set(['sessionId', 'userId', 'eventList']);

/**
 * Checks a batch in wire form (what `createHttpTransport` posts, or with `{ trackingId: true }` a full
 * PutEvents request) against the PutEvents model. Returns `[]` when valid.
 */
export function validateBatch(batch: unknown, options: ValidateBatchOptions = {}): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const maxIssues = options.maxIssues ?? Number.POSITIVE_INFINITY;
  if (typeof batch !== 'object' || batch === null || Array.isArray(batch)) {
    addIssue(issues, 'body', 'JSON object');
    return issues;
  }
  const body = batch as Record<string, unknown>;
  if (options.trackingId) checkString(issues, 'trackingId', body.trackingId, { max: MAX_ID, required: true });
  checkSessionAndUser(issues, body);
  for (const key of Object.keys(body)) {
    if (issues.length >= maxIssues) return issues;
    if (!BATCH_FIELDS.has(key) && !(options.trackingId && key === 'trackingId')) {
      addIssue(issues, key, 'unknown field');
    }
  }
  const list = body.eventList;
  if (!Array.isArray(list)) {
    addIssue(issues, 'eventList', list === undefined ? 'required' : 'array');
    return issues;
  }
  const tooMany = list.length > MAX_EVENTS_PER_BATCH;
  if (list.length < 1 || tooMany) {
    addIssue(issues, 'eventList', `1–${MAX_EVENTS_PER_BATCH} events (got ${list.length})`);
    if (tooMany && maxIssues !== Number.POSITIVE_INFINITY) return issues;
  }
  // An index loop, not forEach: a hole would be skipped, then sent as null.
  for (let index = 0; index < list.length && issues.length < maxIssues; index++) {
    checkEvent(issues, list[index], { form: 'wire', prefix: `eventList[${index}].` });
  }
  // One event's unknown keys may go past the limit.
  return issues.length > maxIssues ? issues.slice(0, maxIssues) : issues;
}
