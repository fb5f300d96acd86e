import { TransportError, transportErrorFromResponse } from '../core/TransportError';

/** The fields of an AWS SDK v3 error that say what went wrong. */
interface SdkErrorShape {
  name?: unknown;
  message?: unknown | undefined;
  $metadata?: { httpStatusCode?: number; clockSkewCorrected?: boolean } | undefined;
}

/**
 * Classifies an error thrown by `PersonalizeEventsClient.send` for the recorder. With an HTTP answer:
 * `InvalidInputException` is invalid (the recorder splits the batch); throttling, 429 and 5xx are retryable; other
 * refusals (403 and the like) are not, except a signature refused for clock skew that the SDK has just corrected.
 * Without an answer (network failure, timeout, abort, credentials that could not be fetched) it is retryable.
 */
export function toTransportError(error: unknown): TransportError {
  if (error instanceof TransportError) return error;
  const shape = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const code = typeof shape.name === 'string' && shape.name !== 'Error' ? shape.name : undefined;
  const status = shape.$metadata?.httpStatusCode;
  const message = `PutEvents failed (${status ?? 'no answer'}${code ? ` ${code}` : ''}): ${shape.message || String(error)}`;
  // No answer at all (network, timeout, abort, credentials not fetched): the events may well go through later.
  const classified =
    status === undefined ? { retryable: true, invalid: false } : transportErrorFromResponse(status, code, '');
  return new TransportError(message, {
    retryable: classified.retryable || shape.$metadata?.clockSkewCorrected === true,
    invalid: classified.invalid,
    status,
    code,
    cause: error,
  });
}
