/** What a transport throws so the recorder knows what to do with the batch. */
export interface TransportErrorOptions {
  /** May pass by itself: network failure, 429, 5xx, throttling. The batch is retried. */
  retryable: boolean;
  /**
   * The service refused the batch as invalid (InvalidInputException): the recorder splits it to find the bad events.
   * @default false
   */
  invalid?: boolean | undefined;
  /** HTTP status, when there was a response. */
  status?: number | undefined;
  /** The service's error type, e.g. `ThrottlingException`. */
  code?: string | undefined;
  /** The underlying error (a network failure, the SDK's exception), kept as the error's `cause`. */
  cause?: unknown;
}

/** A failed send, marked retryable or not. Transports throw it; anything else thrown counts as retryable. */
export class TransportError extends Error {
  // Declared, not initialised: assigned in the constructor, so no class-field code is emitted for older targets.
  /** Always `TransportError`. */
  declare readonly name: 'TransportError';
  /** Whether the failure may pass by itself, so the batch is retried. */
  declare readonly retryable: boolean;
  /** Whether the service refused the batch as invalid, so the recorder splits it. @default false */
  declare readonly invalid: boolean;
  /** HTTP status, when there was a response. */
  declare readonly status?: number;
  /** The service's error type, e.g. `ThrottlingException`. */
  declare readonly code?: string;

  /** Makes an error with `message`, marked as `options` says. */
  constructor(message: string, { retryable, invalid = false, status, code, cause }: TransportErrorOptions) {
    super(message, { cause });
    Object.assign(this, { name: 'TransportError', retryable, invalid, status, code });
  }
}

/**
 * Error types that are worth another try, whatever the status: throttling, the service's own failures, timeouts
 * (`ThrottlingException`, `TooManyRequestsException`, `InternalServerError`, `ServiceUnavailableException`, …), and
 * credentials that expired before the SDK renewed them (`ExpiredTokenException`, `RequestExpired`: a device clock
 * behind, or temporary credentials refreshed by the app).
 */
const RETRYABLE_CODE =
  /^(Throttling|TooManyRequests|RequestLimitExceeded|Internal(Failure|ServerError)|ServiceUnavailable|RequestTimeout|ExpiredToken|RequestExpired)/;

/** Classifies an HTTP answer (status and the service's error type, if any) as a TransportError. */
export function transportErrorFromResponse(status: number, code: string | undefined, message: string): TransportError {
  const retryable = status === 429 || status === 408 || status >= 500 || RETRYABLE_CODE.test(code as string);
  // 413: the batch is too large for the receiving endpoint; halving it (as for invalid input) delivers every event.
  // SerializationException: the service could not read some event; halving finds it and delivers the others.
  const invalid =
    !retryable &&
    (code === 'InvalidInputException' ||
      code === 'SerializationException' ||
      status === 413 ||
      (!code && (status === 400 || status === 422)));
  return new TransportError(message, { retryable, invalid, status, code });
}
