export { createAttribution } from './createAttribution';
export { createBrowserLifecycle } from './createBrowserLifecycle';
export { createHttpTransport, type HttpTransportOptions } from './createHttpTransport';
export { createRecorder } from './createRecorder';
export { ATTRIBUTION_SOURCE_PATTERN, FORBIDDEN_PROPERTY_KEYS, LIMITS } from './limits';
export { TransportError, type TransportErrorOptions, transportErrorFromResponse } from './TransportError';
export { toWireEvent } from './toWireEvent';
export type {
  Attribution,
  AttributionContext,
  AttributionOptions,
  AttributionRules,
  EventBatch,
  EventInput,
  EventProperties,
  LockManagerLike,
  PageLifecycle,
  QueuedEvent,
  QueueStore,
  Recorder,
  RecorderActivity,
  RecorderClock,
  RecorderError,
  RecorderErrorCode,
  RecorderOptions,
  RecorderSnapshot,
  RecordResult,
  RetryOptions,
  SendContext,
  StorageLike,
  Timers,
  Transport,
  ValidationIssue,
  WireEvent,
} from './types';
export { type ValidateBatchOptions, validateBatch } from './validateBatch';
export { validateEvent } from './validateEvent';
