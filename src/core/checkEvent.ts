import { countCharacters } from './countCharacters';
import { createIssue } from './createIssue';
import { hasLoneSurrogate } from './hasLoneSurrogate';
import { isPlaceholderId } from './isPlaceholderId';
import {
  ATTRIBUTION_SOURCE_PATTERN,
  FORBIDDEN_PROPERTY_KEYS,
  MAX_EVENT_ATTRIBUTION_SOURCE,
  MAX_ID,
  MAX_IMPRESSION,
  MAX_PROPERTIES,
  MAX_RECOMMENDATION_ID,
} from './limits';
import type { ValidationIssue } from './types';

/** The fields of an event; the first four are strings: IDs, then recommendationId of fewer characters. */
const FIELDS = [
  'eventType',
  'itemId',
  'eventId',
  'recommendationId',
  'eventValue',
  'properties',
  'impression',
  'sentAt',
  'metricAttribution',
];

const FORBIDDEN = FORBIDDEN_PROPERTY_KEYS.map((key) => key.toLowerCase());

/** Epoch milliseconds below this (March 1973) are almost surely seconds given by mistake. */
const SMALLEST_PLAUSIBLE_MS = 1e11;
/**
 * Epoch seconds of 10000-01-01: later times are no date the SDK can write (past 8.64e15 ms `new Date` is invalid
 * and the SDK puts `NaN` in the JSON, which PutEvents refuses for the whole batch). Microseconds fail it too.
 */
const LATEST_SECONDS = 253_402_300_800;
/** The largest magnitude of a 32-bit float (`eventValue` is a Float in the model). */
const MAX_FLOAT = 3.4028235e38;

/** Whether a Date, from this realm or another (an iframe's). */
export const isDate = (value: unknown): value is Date => Object.prototype.toString.call(value) === '[object Date]';

/** Adds an issue to the list. */
export function addIssue(issues: ValidationIssue[], field: string, rule: string): void {
  issues.push(createIssue(field, rule));
}

/** The rule of a string field for `checkString`. */
export interface StringRule {
  /** The most characters (Unicode characters, as the model counts them); the fewest is 1. */
  max: number;
  /** Whether `undefined` is an issue (`required`). @default false */
  required?: boolean;
}

/** Checks a string field of 1–`max` characters (the rule `isValidString` answers yes or no to). */
export function checkString(issues: ValidationIssue[], field: string, value: unknown, { max, required }: StringRule) {
  if (value === undefined) {
    if (required) addIssue(issues, field, 'required');
  } else if (typeof value !== 'string') addIssue(issues, field, `string of 1–${max} chars`);
  else {
    const length = countCharacters(value, max);
    if (!length || length > max) addIssue(issues, field, `1–${max} chars (got ${length})`);
    else if (hasLoneSurrogate(value)) addIssue(issues, field, 'valid Unicode (no lone surrogate)');
  }
}

/** Checks `sessionId` (required) and `userId` of a batch or a stored event: 1–256 characters, not a placeholder. */
export function checkSessionAndUser(issues: ValidationIssue[], value: Record<string, unknown>): void {
  ['sessionId', 'userId'].forEach((field, index) => {
    const id = value[field];
    checkString(issues, field, id, { max: MAX_ID, required: !index });
    if (id !== '' && isPlaceholderId(id)) addIssue(issues, field, 'not "null" or "undefined"');
  });
}

/**
 * A plain object (`{}` or `Object.create(null)`, from this realm or another), not an array, a Date or a class
 * instance: its prototype is none, or a realm's `Object.prototype` (whose own prototype is none).
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  const proto = value && typeof value === 'object' ? Object.getPrototypeOf(value) : 0;
  // A realm's Object.prototype has `hasOwnProperty` (its own, as nothing is above it); an object made with
  // Object.create(null) has not (an object inheriting from one has only inherited fields, which JSON.stringify would
  // leave out). `in`, not Object.hasOwn: that is ES2022, missing in Safari before 15.4.
  return proto === null || (proto && Object.getPrototypeOf(proto) === null && 'hasOwnProperty' in proto);
}

function checkProperties(issues: ValidationIssue[], field: string, value: unknown, wire: boolean) {
  let json = value;
  let object = value;
  if (typeof value === 'string') {
    try {
      object = JSON.parse(value);
    } catch {
      return addIssue(issues, field, 'JSON object (does not parse)');
    }
    if (!isPlainObject(object)) return addIssue(issues, field, 'JSON object');
  } else if (!wire && isPlainObject(value)) {
    // What is sent is JSON.stringify's output: a toJSON would send something other than what is checked here.
    if (typeof value.toJSON === 'function') return addIssue(issues, field, 'plain object (no toJSON)');
    for (const key in value) {
      const entry = value[key];
      if (typeof entry !== 'string' && typeof entry !== 'boolean' && !Number.isFinite(entry)) {
        addIssue(issues, `${field}.${key}`, 'string, finite number or boolean');
      }
    }
    json = JSON.stringify(value);
  } else {
    return addIssue(issues, field, wire ? 'JSON object string' : 'object or JSON string');
  }
  for (const key in object as object) {
    if (FORBIDDEN.includes(key.toLowerCase())) {
      addIssue(issues, `${field}.${key}`, 'reserved; use the event field');
    }
  }
  // A JSON object is at least `{}`: only the upper limit can be broken.
  const length = countCharacters(json as string, MAX_PROPERTIES);
  if (length > MAX_PROPERTIES) {
    addIssue(issues, field, `1–${MAX_PROPERTIES} chars as JSON (got ${length})`);
  }
}

function checkSentAt(issues: ValidationIssue[], field: string, value: unknown, wire: boolean) {
  if (wire) {
    if (!(typeof value === 'number' && value >= 0 && value < LATEST_SECONDS))
      addIssue(issues, field, 'epoch seconds before year 10000');
    return;
  }
  const ms = isDate(value) ? +value : value;
  if (!Number.isFinite(ms)) addIssue(issues, field, 'Date or epoch ms');
  else if ((ms as number) < SMALLEST_PLAUSIBLE_MS) addIssue(issues, field, 'epoch ms (got seconds?)');
  else if ((ms as number) >= LATEST_SECONDS * 1000) addIssue(issues, field, 'epoch ms before year 10000');
}

function checkImpression(issues: ValidationIssue[], field: string, value: unknown) {
  const max = MAX_IMPRESSION;
  if (!Array.isArray(value)) return addIssue(issues, field, `array of 1–${max} item IDs`);
  if (!value.length || value.length > max) addIssue(issues, field, `1–${max} item IDs (got ${value.length})`);
  // Only the first `max` IDs: past them the list is refused anyway, and a hostile body of 300,000 empty IDs would
  // otherwise cost an issue each. An index loop, not forEach: a hole in a sparse array would be skipped, then sent
  // as null.
  for (let index = 0; index < Math.min(value.length, max); index++) {
    checkString(issues, `${field}[${index}]`, value[index], { max: MAX_ID, required: true });
  }
}

function checkMetricAttribution(issues: ValidationIssue[], field: string, value: unknown) {
  if (!isPlainObject(value)) return addIssue(issues, field, 'object with eventAttributionSource');
  const sourceField = `${field}.eventAttributionSource`;
  const source = value.eventAttributionSource;
  const max = MAX_EVENT_ATTRIBUTION_SOURCE;
  if (source === undefined) addIssue(issues, sourceField, 'required');
  else if (typeof source !== 'string') addIssue(issues, sourceField, 'string');
  else if (source.length > max) addIssue(issues, sourceField, `at most ${max} chars (got ${source.length})`);
  else if (!ATTRIBUTION_SOURCE_PATTERN.test(source)) addIssue(issues, sourceField, 'printable ASCII, not only spaces');
  for (const key in value) {
    if (key !== 'eventAttributionSource') addIssue(issues, `${field}.${key}`, 'unknown field');
  }
}

function checkEventValue(issues: ValidationIssue[], field: string, value: unknown) {
  if (!Number.isFinite(value)) addIssue(issues, field, 'finite number');
  else if (Math.abs(value as number) > MAX_FLOAT) addIssue(issues, field, 'within 32-bit float range');
}

/** The checks of the fields after the four strings, in the order of `FIELDS`. */
const CHECKS = [checkEventValue, checkProperties, checkImpression, checkSentAt, checkMetricAttribution];

/** How `checkEvent` reads an event. */
export interface CheckEventOptions {
  /**
   * `'input'`: an `EventInput` as the app records it (sentAt a Date or epoch ms, properties an object or JSON).
   * `'wire'`: the form sent to PutEvents (sentAt in epoch seconds and required, properties a JSON string).
   */
  form: 'input' | 'wire';
  /** Put before each field's name in an issue, e.g. `eventList[3].`. @default '' */
  prefix?: string;
}

/** Checks one event against the PutEvents model; adds an issue per broken rule to `issues`. */
export function checkEvent(issues: ValidationIssue[], value: unknown, { form, prefix = '' }: CheckEventOptions) {
  const wire = form === 'wire';
  if (!isPlainObject(value)) return addIssue(issues, prefix.slice(0, -1) || 'event', 'object');
  FIELDS.forEach((name, index) => {
    const field = prefix + name;
    const entry = value[name];
    if (entry === undefined) {
      // eventType is always required, sentAt on the wire; every other field may be absent.
      if (!index || (wire && name === 'sentAt')) addIssue(issues, field, 'required');
    } else if (index < 4) checkString(issues, field, entry, { max: index < 3 ? MAX_ID : MAX_RECOMMENDATION_ID });
    else CHECKS[index - 4](issues, field, entry, wire);
  });
  for (const key in value) if (!FIELDS.includes(key)) addIssue(issues, prefix + key, 'unknown field');
}
