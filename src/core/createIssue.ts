import type { ValidationIssue } from './types';

/** Makes the issue for one broken rule of one field, with its ready-to-show `field: rule` message. */
export function createIssue(field: string, rule: string): ValidationIssue {
  return { field, rule, message: `${field}: ${rule}` };
}
