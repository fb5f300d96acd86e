import { checkEvent } from './checkEvent';
import type { EventInput, ValidationIssue } from './types';

/**
 * Checks an event against every rule of the PutEvents model before it is queued.
 * Returns `[]` when the event is valid; otherwise one issue per broken rule, each naming the field and the rule.
 * @example validateEvent({ eventType: 'click', recommendationId: 'x'.repeat(41) })
 * // [{ field: 'recommendationId', rule: '1–40 chars (got 41)', message: 'recommendationId: 1–40 chars (got 41)' }]
 */
export function validateEvent(event: EventInput): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  checkEvent(issues, event, { form: 'input' });
  return issues;
}
