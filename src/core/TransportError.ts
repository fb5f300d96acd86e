/** What a transport throws so the recorder knows what to do with the batch. */
export interface TransportErrorOptions {
  /** May pass by itself: network failure, 429, 5xx, throttling. The batch is retried. */
  retryable: boolean;
  /** The service refused the batch as invalid (InvalidInputException): the recorder splits it to find the bad events. */
  invalid?: boolean;
  /** HTTP status, when there was a response. */
  status?: number;
  /** The service's error type, e.g. `ThrottlingException`. */
  code?: string;
  cause?: unknown;
}

/** A failed send, marked retryable or not. Transports throw it; anything else thrown counts as retryable. */
export class TransportError extends Error {
  override name = 'TransportError' as const;
  readonly retryable: boolean;
  readonly invalid: boolean;
  readonly status?: number;
  readonly code?: string;

  constructor(message: string, options: TransportErrorOptions) {
    super(message, { cause: options.cause });
    this.retryable = options.retryable;
    this.invalid = options.invalid ?? false;
    this.status = options.status;
    this.code = options.code;
  }
}

/** Error types that are worth another try, whatever the status. */
const RETRYABLE_CODES = new Set([
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'InternalFailure',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'RequestTimeout',
  'RequestTimeoutException',
]);

/** Classifies an HTTP answer (status and the service's error type, if any) as a TransportError. */
export function transportErrorFromResponse(status: number, code: string | undefined, message: string): TransportError {
  const retryable =
    status === 429 || status === 408 || status >= 500 || (code !== undefined && RETRYABLE_CODES.has(code));
  // 413: the batch is too large for the receiving endpoint; halving it (as for invalid input) delivers every event.
  const invalid =
    !retryable &&
    (code === 'InvalidInputException' || status === 413 || (code === undefined && (status === 400 || status === 422)));
  return new TransportError(message, { retryable, invalid, status, code });
}
