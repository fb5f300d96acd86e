export { createRecorder } from './createRecorder';
export { validateEvent } from './validateEvent';
export { validateBatch, type ValidateBatchOptions } from './validateBatch';
export { createHttpTransport, type HttpTransportOptions } from './createHttpTransport';
export { TransportError, transportErrorFromResponse, type TransportErrorOptions } from './TransportError';
export { toWireEvent } from './toWireEvent';
export { createBrowserLifecycle } from './createBrowserLifecycle';
export { LIMITS, FORBIDDEN_PROPERTY_KEYS, ATTRIBUTION_SOURCE_PATTERN } from './limits';
export type {
  EventBatch,
  EventInput,
  EventProperties,
  PageLifecycle,
  RecordResult,
  Recorder,
  RecorderActivity,
  RecorderError,
  RecorderErrorCode,
  RecorderOptions,
  RecorderSnapshot,
  RetryOptions,
  SendContext,
  StorageLike,
  Transport,
  ValidationIssue,
  WireEvent,
} from './types';
