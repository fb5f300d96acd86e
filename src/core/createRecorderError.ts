import type { RecorderError, RecorderErrorCode, ValidationIssue } from './types';

/** Details of a RecorderError. */
export interface RecorderErrorDetails {
  /** Broken rules, for `invalid-event` and `rejected`. @default [] */
  issues?: ValidationIssue[] | undefined;
  /** The events concerned. @default [] */
  eventIds?: string[] | undefined;
  /** Whether the failure may pass by itself. @default false */
  retryable?: boolean | undefined;
  /** The underlying error, kept as the error's `cause`. */
  cause?: unknown;
}

/** Makes the one error type the recorder reports. */
export function createRecorderError(
  code: RecorderErrorCode,
  message: string,
  details: RecorderErrorDetails = {},
): RecorderError {
  return Object.assign(new Error(message, { cause: details.cause }), {
    name: 'RecorderError' as const,
    code,
    issues: details.issues ?? [],
    eventIds: details.eventIds ?? [],
    retryable: details.retryable ?? false,
  });
}
