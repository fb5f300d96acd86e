import { ATTRIBUTION_SOURCE_PATTERN, FORBIDDEN_PROPERTY_KEYS, LIMITS } from './limits';
import type { ValidationIssue } from './types';

const INPUT_FIELDS = new Set([
  'eventType',
  'itemId',
  'eventValue',
  'properties',
  'impression',
  'recommendationId',
  'eventId',
  'sentAt',
  'metricAttribution',
]);

const FORBIDDEN = new Set(FORBIDDEN_PROPERTY_KEYS.map((key) => key.toLowerCase()));

/** Epoch milliseconds below this (March 1973) are almost surely seconds given by mistake. */
const SMALLEST_PLAUSIBLE_MS = 1e11;

/** Adds an issue to the list. */
export function addIssue(issues: ValidationIssue[], field: string, rule: string): void {
  issues.push({ field, rule, message: `${field} ${rule}` });
}

/** Checks a string field of `min`–`max` characters; `undefined` passes unless required. */
export function checkString(
  issues: ValidationIssue[],
  field: string,
  value: unknown,
  max: number,
  required = false,
): void {
  if (value === undefined) {
    if (required) addIssue(issues, field, 'is required');
    return;
  }
  if (typeof value !== 'string') addIssue(issues, field, `must be a string of 1–${max} characters`);
  else if (value.length < 1 || value.length > max) {
    addIssue(issues, field, `must be 1–${max} characters (got ${value.length})`);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function checkPropertyKeys(issues: ValidationIssue[], field: string, object: Record<string, unknown>): void {
  for (const key of Object.keys(object)) {
    if (FORBIDDEN.has(key.toLowerCase())) {
      addIssue(issues, `${field}.${key}`, `is reserved by Amazon Personalize: set it as its own field, not a property`);
    }
  }
}

function checkProperties(issues: ValidationIssue[], field: string, value: unknown, wire: boolean): void {
  if (value === undefined) return;
  let json: string;
  if (typeof value === 'string') {
    json = value;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      addIssue(issues, field, 'must be a JSON object (the string does not parse)');
      return;
    }
    if (!isPlainObject(parsed)) {
      addIssue(issues, field, 'must be a JSON object');
      return;
    }
    checkPropertyKeys(issues, field, parsed);
  } else if (!wire && isPlainObject(value)) {
    for (const [key, entry] of Object.entries(value)) {
      const ok =
        typeof entry === 'string' ||
        typeof entry === 'boolean' ||
        (typeof entry === 'number' && Number.isFinite(entry));
      if (!ok) addIssue(issues, `${field}.${key}`, 'must be a string, a finite number or a boolean');
    }
    checkPropertyKeys(issues, field, value);
    json = JSON.stringify(value);
  } else {
    addIssue(issues, field, wire ? 'must be a string holding a JSON object' : 'must be an object or a JSON string');
    return;
  }
  if (json.length < 1 || json.length > LIMITS.properties) {
    addIssue(issues, field, `must be 1–${LIMITS.properties} characters as JSON (got ${json.length})`);
  }
}

function checkSentAt(issues: ValidationIssue[], field: string, value: unknown, wire: boolean): void {
  if (wire) {
    if (value === undefined) addIssue(issues, field, 'is required');
    else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      addIssue(issues, field, 'must be a timestamp in epoch seconds');
    }
    return;
  }
  if (value === undefined) return;
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    addIssue(issues, field, 'must be a valid Date or epoch milliseconds');
  } else if (ms < SMALLEST_PLAUSIBLE_MS) {
    addIssue(issues, field, 'must be epoch milliseconds (this number looks like seconds)');
  }
}

function checkImpression(issues: ValidationIssue[], field: string, value: unknown): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    addIssue(issues, field, `must be an array of 1–${LIMITS.impression} item IDs`);
    return;
  }
  if (value.length < 1 || value.length > LIMITS.impression) {
    addIssue(issues, field, `must hold 1–${LIMITS.impression} item IDs (got ${value.length})`);
  }
  value.forEach((itemId, index) => checkString(issues, `${field}[${index}]`, itemId, LIMITS.id, true));
}

function checkMetricAttribution(issues: ValidationIssue[], field: string, value: unknown): void {
  if (value === undefined) return;
  if (!isPlainObject(value)) {
    addIssue(issues, field, 'must be an object with eventAttributionSource');
    return;
  }
  const sourceField = `${field}.eventAttributionSource`;
  const source = value.eventAttributionSource;
  if (source === undefined) addIssue(issues, sourceField, 'is required');
  else if (typeof source !== 'string') addIssue(issues, sourceField, 'must be a string');
  else if (source.length > LIMITS.eventAttributionSource) {
    addIssue(issues, sourceField, `must be at most ${LIMITS.eventAttributionSource} characters (got ${source.length})`);
  } else if (!ATTRIBUTION_SOURCE_PATTERN.test(source)) {
    addIssue(issues, sourceField, 'must be printable ASCII and not only spaces');
  }
  for (const key of Object.keys(value)) {
    if (key !== 'eventAttributionSource') addIssue(issues, `${field}.${key}`, 'is not a field of metricAttribution');
  }
}

/**
 * Checks one event against the PutEvents model. `wire` checks the wire form (sentAt in epoch seconds,
 * properties a JSON string, eventId optional); otherwise the `EventInput` form.
 */
export function checkEvent(issues: ValidationIssue[], prefix: string, value: unknown, wire: boolean): void {
  if (!isPlainObject(value)) {
    addIssue(issues, prefix ? prefix.replace(/\.$/, '') : 'event', 'must be an object');
    return;
  }
  const at = (name: string) => `${prefix}${name}`;
  checkString(issues, at('eventType'), value.eventType, LIMITS.id, true);
  checkString(issues, at('itemId'), value.itemId, LIMITS.id);
  checkString(issues, at('eventId'), value.eventId, LIMITS.id);
  checkString(issues, at('recommendationId'), value.recommendationId, LIMITS.recommendationId);
  if (value.eventValue !== undefined && (typeof value.eventValue !== 'number' || !Number.isFinite(value.eventValue))) {
    addIssue(issues, at('eventValue'), 'must be a finite number');
  }
  checkProperties(issues, at('properties'), value.properties, wire);
  checkImpression(issues, at('impression'), value.impression);
  checkSentAt(issues, at('sentAt'), value.sentAt, wire);
  checkMetricAttribution(issues, at('metricAttribution'), value.metricAttribution);
  for (const key of Object.keys(value)) {
    if (!INPUT_FIELDS.has(key)) addIssue(issues, at(key), 'is not a field of an event');
  }
}
