/** Properties of an event: an object with camelCase keys, or a string that already holds its JSON. */
export type EventProperties = Record<string, string | number | boolean> | string;

/** An interaction as the app records it. Field names are Amazon Personalize's own. */
export interface EventInput {
  /** The kind of interaction, e.g. `click` or `purchase` (1–256 characters). */
  eventType: string;
  /** The item interacted with (1–256 characters). */
  itemId?: string | undefined;
  /** A numeric value such as a rating or a price; must be finite. */
  eventValue?: number | undefined;
  /** Extra fields of the interactions schema; sent as a JSON string of at most 1024 characters. */
  properties?: EventProperties | undefined;
  /** Item IDs the user actually saw when the interaction happened (1–25). */
  impression?: string[] | undefined;
  /** The recommendation the item came from (1–40 characters). */
  recommendationId?: string | undefined;
  /** Idempotency key. @default a UUID made at record time and kept through every retry */
  eventId?: string | undefined;
  /** When it happened: a Date or epoch milliseconds. @default now */
  sentAt?: Date | number | undefined;
  /** Overrides the source the event is attributed to. */
  metricAttribution?: { eventAttributionSource: string } | undefined;
}

/** An event as PutEvents takes it: `sentAt` in epoch seconds, `properties` a JSON string. */
export interface WireEvent {
  /** Idempotency key, kept through every retry (1–256 characters). */
  eventId: string;
  /** The kind of interaction, e.g. `click` (1–256 characters). */
  eventType: string;
  /** Epoch seconds, with a fraction. */
  sentAt: number;
  /** The item interacted with (1–256 characters). */
  itemId?: string | undefined;
  /** A numeric value such as a rating or a price; finite. */
  eventValue?: number | undefined;
  /** Extra fields of the interactions schema, as a JSON object string of at most 1024 characters. */
  properties?: string | undefined;
  /** Item IDs the user actually saw (1–25). */
  impression?: string[] | undefined;
  /** The recommendation the item came from (1–40 characters). */
  recommendationId?: string | undefined;
  /** The source the event is attributed to, for metric attribution. */
  metricAttribution?: { eventAttributionSource: string } | undefined;
}

/** One PutEvents call's worth of events: one session, one user, 1–10 events. The tracking ID belongs to the transport. */
export interface EventBatch {
  /** The session every event of the batch belongs to (1–256 characters). */
  sessionId: string;
  /** The known user, absent for an anonymous visitor (1–256 characters). */
  userId?: string | undefined;
  /** The events, 1–10, in the order they were recorded. */
  eventList: WireEvent[];
}

/** What the recorder tells a transport about the send. */
export interface SendContext {
  /**
   * True when the request must outlive the page (`fetch(…, { keepalive: true })`). In a browser the recorder asks for
   * it on every request that fits the browser's keepalive budget (64 KiB of bodies in flight per page), so a request
   * on its way when the page goes arrives by itself.
   */
  keepalive: boolean;
  /**
   * Aborted when the recorder gives up waiting (`requestTimeout`): pass it on to the request. The recorder retries
   * the batch with the same eventIds whether or not the transport honours it.
   */
  signal: AbortSignal;
}

/** Where batches go. Throw (or reject) to report a failure; see `TransportError` for marking it retryable. */
export interface Transport {
  /** Sends one batch; resolves once it is acknowledged, throws (or rejects) when it was not. */
  send(batch: EventBatch, context: SendContext): Promise<void>;
  /**
   * Called once by the recorder on its first `mount()` (a page that is live): a chance to get ready to send (load
   * code, fetch credentials) before a page exit needs it. Must not throw; work belongs off the critical path.
   */
  prepare?(): void;
}

/** One broken rule of one field. */
export interface ValidationIssue {
  /** The path of the field, e.g. `impression[3]` or `properties.userId`. */
  field: string;
  /** The rule in short words, e.g. `1–40 chars (got 41)`; docs/recorder.md#validation-rules explains each. */
  rule: string;
  /** `field: rule`, ready to show. */
  message: string;
}

/** Minimal synchronous key-value storage (`localStorage`, `sessionStorage`, or your own). */
export interface StorageLike {
  /** The value stored under `key`, or `null` when there is none. */
  getItem(key: string): string | null;
  /** Stores `value` under `key`; may throw when the storage is full or refused. */
  setItem(key: string, value: string): void;
  /** Removes the value stored under `key`, if any. */
  removeItem(key: string): void;
  /** How many keys are stored; without it (and `key()`) the storage holds a single queue. */
  readonly length?: number | undefined;
  /** The name of the key at `index`, or `null` past the end; used to find queues left by other recorders. */
  key?(index: number): string | null;
}

/** An unsent event as a `QueueStore` keeps it: the event, its session and user, and when it was recorded. */
export interface QueuedEvent {
  /** The event in wire form. */
  event: WireEvent;
  /** The session it is sent with. */
  sessionId: string;
  /** The user it is sent with, absent while anonymous. */
  userId?: string | undefined;
  /** Epoch ms at record time; events older than `maxEventAge` are dropped. */
  recordedAt: number;
}

/**
 * Where a recorder keeps its unsent events so a reload (or, in a browser, another tab after a crash) sends them.
 * Give your own to `persistence` to replace localStorage, e.g. a synchronous store of React Native (MMKV): it needs
 * only `restore()` and `save()`. The optional methods are the multi-tab protocol of the default (localStorage) store.
 */
export interface QueueStore {
  /** The events the previous run left unsent (called once, when the recorder is made, and after consent returns). */
  restore(): QueuedEvent[];
  /**
   * Replaces what is stored with `events`: every event not acknowledged yet, oldest first. Called at most every 200 ms
   * while events come, and at once when the page is hidden. Must be synchronous: the page may be gone right after.
   */
  save(events: readonly QueuedEvent[]): void;
  /** Takes over the queues of closed or crashed tabs (`isGone`: the writer's Web Lock is free) and returns their events. */
  adoptOrphans?(isGone?: (writerId: string) => boolean): QueuedEvent[];
  /** The writers of the other queues stored that could be taken over. */
  otherWriters?(): string[];
  /** The page is hidden: makes this recorder the one the tab's next page takes over from. */
  handOff?(): void;
  /** The recorder closed: this writer is gone for good. */
  dispose?(): void;
}

/** Error codes the recorder reports. */
export type RecorderErrorCode =
  /** Rejected by `validateEvent` at `record()`. */
  | 'invalid-event'
  /** Refused by the service (InvalidInputException) after the batch was split down to this event. */
  | 'rejected'
  /**
   * Dropped because `maxQueueSize` was exceeded: one error per burst (the drops of one second), with every dropped
   * eventId.
   */
  | 'queue-full'
  /** Dropped because it stayed unsent longer than `maxEventAge`. */
  | 'expired'
  /** A non-retryable transport failure, or a retryable one after `retry.maxAttempts` (events kept). */
  | 'send-failed'
  /** `record()` while `enabled` is false. */
  | 'disabled'
  /** `record()` after `close()`. */
  | 'closed'
  /** `identify()` or the `userId` option given an empty or "null" ID; the user is treated as signed out. */
  | 'invalid-user'
  /** The `sessionId` option given an empty or "null" ID; a session ID is generated instead. */
  | 'invalid-session'
  /**
   * Persistence failed (storage that throws on access, full, corrupt data): reported once per kind of failure;
   * recording and sending go on in memory.
   */
  | 'storage';

/** The one error type the recorder reports. */
export interface RecorderError extends Error {
  /** Always `RecorderError`. */
  name: 'RecorderError';
  /** What went wrong, one of `RecorderErrorCode`. */
  code: RecorderErrorCode;
  /** Broken rules, for `invalid-event` and `rejected`. */
  issues: ValidationIssue[];
  /** The events concerned, where there are any. */
  eventIds: string[];
  /** Whether the failure may pass by itself (network, throttling, 5xx). */
  retryable: boolean;
  /** The underlying error (a transport's or a storage's), when there is one. */
  cause?: unknown;
}

/** What the recorder did, as it happens. */
export type RecorderActivity =
  /** An event was queued, in wire form, with the session and user it will be sent with. */
  | { type: 'recorded'; event: WireEvent; sessionId: string; userId?: string }
  /** The transport acknowledged a batch. */
  | { type: 'sent'; batch: EventBatch }
  /** A batch failed retryably; `attempt` (from 1) is the failed attempt, `delay` the ms until the next one. */
  | { type: 'retried'; batch: EventBatch; error: RecorderError; attempt: number; delay: number }
  /** An event was refused: by `validateEvent` at `record()` (the input) or by the service (the wire form). */
  | { type: 'rejected'; error: RecorderError; event?: EventInput | WireEvent }
  /** Unsent events were given up on (queue full, expired, recording disabled, or a send that cannot be retried). */
  | { type: 'dropped'; error: RecorderError; events: WireEvent[] }
  /** The snapshot changed (React binds to this through useSyncExternalStore). */
  | { type: 'changed'; snapshot: RecorderSnapshot };

/** The recorder's state, stable (same object) between changes. */
export interface RecorderSnapshot {
  /** The current session ID. */
  sessionId: string;
  /** The known user, absent while anonymous. */
  userId?: string | undefined;
  /** Events waiting to be sent (not in flight). */
  queued: number;
  /** Events in a request not yet answered. */
  inFlight: number;
  /** Events acknowledged by the transport, since creation. */
  sent: number;
  /** Events given up on (rejected by the service, dropped or expired), since creation. */
  failed: number;
  /** Consent: false while nothing is recorded or sent. */
  enabled: boolean;
}

/** The result of `record()`: it never throws. */
export type RecordResult = { ok: true; eventId: string } | { ok: false; error: RecorderError };

/**
 * The timers the recorder schedules with (flush interval, retry backoff, storage writes, the multi-tab heartbeat);
 * injectable like the clock, so tests and hosts with their own scheduler never patch globals.
 */
export interface Timers {
  /** Calls `callback` once after `ms` milliseconds; returns a handle for `clearTimeout`. */
  setTimeout(callback: () => void, ms: number): unknown;
  /** Cancels a callback not yet called; a handle already used, or undefined, is ignored. */
  clearTimeout(handle: ReturnType<Timers['setTimeout']>): void;
}

/**
 * The clock and timers a recorder runs on (its `now` and `timers` options, defaults applied), read-only, for the parts
 * that time things alongside it: `<ImpressionTracker>` runs its dwell clocks on them.
 */
export interface RecorderClock {
  /** Clock in epoch ms. */
  readonly now: () => number;
  /** Timers, looked up at each use and called as plain functions, without `this`. */
  readonly timers: Timers;
}

/** Browser page events the recorder listens to; injectable so tests and React Native never patch globals. */
export interface PageLifecycle {
  /**
   * Calls `onHide` when the page is hidden or closed, `onOnline` when the network returns, and `onShow` when the
   * page comes back from the back/forward cache. Returns a disposer.
   */
  listen(handlers: {
    onHide: () => void;
    onOnline: () => void;
    onShow?: (() => void) | undefined;
    /** The page itself is going (`pagehide`: unloaded, or put into the back/forward cache); after `onHide`. */
    onLeave?: (() => void) | undefined;
  }): () => void;
  /** False while the browser says it is offline. */
  isOnline(): boolean;
}

/** The part of the Web Locks API (`navigator.locks`) the recorder uses. */
export interface LockManagerLike {
  /** Requests the lock `name`; it is held until the promise `callback` returns settles. */
  request(name: string, callback: (lock: unknown) => Promise<unknown>): Promise<unknown>;
  /** The locks held and asked for in the origin, every tab included. */
  query(): Promise<{ held?: { name?: string }[] }>;
}

/** Backoff for retryable failures. */
export interface RetryOptions {
  /** Attempts per batch before it is parked until the next trigger (events are kept). @default 8 */
  maxAttempts?: number | undefined;
  /** First delay in ms. @default 500 */
  baseDelay?: number | undefined;
  /** Cap on the delay in ms. @default 30000 */
  maxDelay?: number | undefined;
}

/**
 * Attribution that follows the user. Every recorded event carrying both `itemId` and `recommendationId` is remembered
 * (itemId → recommendationId, the newest wins); a later event whose `eventType` is in `eventTypes`, for the same item,
 * with no `recommendationId` of its own, gets the remembered one. The caller's own value always wins.
 */
export interface AttributionOptions {
  /** Event types that receive a remembered `recommendationId`, e.g. `['purchase']`. */
  eventTypes: string[];
  /** Items remembered at most; beyond it the oldest are forgotten. @default 100 */
  maxItems?: number | undefined;
  /** How long (ms) a remembered pair stays usable. @default 86400000 (24 hours) */
  maxAge?: number | undefined;
  /**
   * Where the pairs are kept (key `react-personalize:attribution`) so they survive navigation and reloads and are
   * shared by tabs; `false` keeps them in memory. @default the recorder's `persistence` storage
   */
  storage?: false | StorageLike | undefined;
}

/** What a recorder hands an `Attribution` when it connects to it. */
export interface AttributionContext {
  /** The recorder's `persistence` storage, if any. */
  storage?: StorageLike | undefined;
  /** Clock in epoch ms. @default Date.now */
  now?: (() => number) | undefined;
  /** Called once when storage refuses a read or write or holds something unreadable; attribution goes on in memory. */
  onError?: ((message: string, cause: unknown) => void) | undefined;
}

/** One recorder's attribution state: a bounded, expiring itemId → recommendationId map. */
export interface AttributionRules {
  /** The event with the remembered `recommendationId` filled in when the rule applies; the same object otherwise. */
  apply(event: EventInput, userId: string | undefined): EventInput;
  /** Remembers the event's own itemId → recommendationId pair, when it carries both. */
  remember(event: EventInput, userId: string | undefined): void;
  /** Forgets every pair, in memory and in storage. */
  clear(): void;
  /**
   * The anonymous pairs join `userId`, who signed in (their session joined the user): from then on they never apply
   * to another user or after signing out.
   */
  claim?(userId: string): void;
}

/** Attribution that follows the user, made by `createAttribution()` and given to `RecorderOptions.attribution`. */
export interface Attribution {
  /** Called once by `createRecorder()`: binds the rules to the recorder's storage, clock and error reporting. */
  connect(context: AttributionContext): AttributionRules;
}

/** Options of `createRecorder`. */
export interface RecorderOptions {
  /** Where batches go. */
  transport: Transport;
  /** The known user, if any. */
  userId?: string | undefined;
  /** A fixed session ID. @default generated, kept per browser tab, renewed after 30 minutes idle */
  sessionId?: string | undefined;
  /** Events per request, 1–10. @default 10 */
  batchSize?: number | undefined;
  /** How long an event may wait for companions, in ms. @default 1000 */
  flushInterval?: number | undefined;
  /** Unsent events kept at most; beyond it the oldest are dropped and reported. @default 1000 */
  maxQueueSize?: number | undefined;
  /** Backoff for retryable failures. */
  retry?: RetryOptions | undefined;
  /**
   * How long (ms) a send may take before the recorder aborts its `signal` and counts it as a retryable failure: the
   * batch is retried with the same eventIds, even if the transport never settles. `Infinity` waits for ever.
   * @default 10000
   */
  requestTimeout?: number | undefined;
  /**
   * Where unsent events survive a reload or a crash, one key per recorder (`react-personalize:queue:<id>`, at most
   * 1,000,000 characters each); `false` keeps them in memory only. A storage without `key()` / `length` holds a
   * single queue. A full or throwing storage is reported (`storage`) and never breaks recording. A `QueueStore` (an
   * object with `restore()` and `save()`) replaces the default store altogether, e.g. on React Native.
   * @default localStorage where it exists
   */
  persistence?: false | StorageLike | QueueStore | undefined;
  /** Consent: false records nothing and sends nothing. @default true */
  enabled?: boolean | undefined;
  /** Called with every error the recorder reports. */
  onError?: ((error: RecorderError) => void) | undefined;
  /**
   * Unsent events recorded longer ago than this (ms), in memory or restored from storage, are dropped and reported
   * (`expired`). @default 86400000 (24 hours)
   */
  maxEventAge?: number | undefined;
  /** Idle time after which a generated session is renewed, in ms. @default 1800000 (30 minutes) */
  sessionTimeout?: number | undefined;
  /** Page lifecycle source. @default the browser's where `window` exists, else none */
  lifecycle?: PageLifecycle | false | undefined;
  /**
   * Clock in epoch ms; `<ImpressionTracker>` under this recorder runs on it too. @default Date.now, looked up at each
   * call (so a fake clock installed later applies)
   */
  now?: (() => number) | undefined;
  /**
   * Timers, looked up at each use (so fake timers installed later apply) and called as plain functions, without
   * `this`; `<ImpressionTracker>` under this recorder runs its dwell clocks on them too. @default globalThis's
   * setTimeout and clearTimeout
   * @example timers: { setTimeout, clearTimeout }
   */
  timers?: Timers | undefined;
  /** Random number in [0, 1) for jitter. @default Math.random */
  random?: (() => number) | undefined;
  /** ID generator for events, sessions and tabs. @default crypto.randomUUID */
  generateId?: (() => string) | undefined;
  /** Where the tab's session is kept. @default sessionStorage where it exists */
  sessionStorage?: false | StorageLike | undefined;
  /**
   * Web Locks, which tell a live tab's stored queue from one left by a closed or crashed tab within seconds (each
   * recorder holds a lock named after it; a lock is released when its page goes). `false`, or a browser without
   * them, falls back to a heartbeat: a queue not rewritten for 5 minutes is taken over.
   * @default navigator.locks where it exists
   */
  locks?: false | LockManagerLike | undefined;
  /**
   * Attribution that follows the user: remembers which list (`recommendationId`) each item was last interacted with
   * in, and fills that `recommendationId` on later events of these types for the same item (kept in `persistence`).
   * Made by `createAttribution()`, a separate export, so apps that do not use it do not ship it.
   * @example createAttribution({ eventTypes: ['purchase'] })
   */
  attribution?: Attribution | undefined;
}

/** The event recorder: a plain object whose state lives in a closure. */
export interface Recorder {
  /** Validates and queues an event. Never throws; invalid input gives `{ ok: false, error }`. */
  record(event: EventInput): RecordResult;
  /** Sends everything queued now; resolves when it is acknowledged or given up. */
  flush(): Promise<void>;
  /** Anonymous → known keeps the session; a different user or `undefined` starts a new one. */
  identify(userId: string | undefined): void;
  /**
   * Consent switch: while false nothing is recorded, sent or stored (not even the tab's session); back to true, the
   * current session is stored at once.
   */
  setEnabled(enabled: boolean): void;
  /** Listens to what the recorder does. Returns the unsubscribe function. */
  subscribe(listener: (activity: RecorderActivity) => void): () => void;
  /**
   * Listens to the state alone: `onChange` is called after each change of `getSnapshot()`, never for other activity.
   * The store-style subscription of `useSyncExternalStore`. Returns the unsubscribe function.
   * @example useSyncExternalStore(recorder.subscribeState, recorder.getSnapshot)
   */
  subscribeState(onChange: () => void): () => void;
  /** The current state; the same object until something changes. */
  getSnapshot(): RecorderSnapshot;
  /** Attaches page-lifecycle listeners (pagehide, visibilitychange, online); the last returned disposer detaches them. */
  mount(): () => void;
  /** Flushes, then removes listeners and timers. */
  close(): Promise<void>;
  /**
   * The clock and timers the recorder runs on, so that what times things beside it (the dwell clocks of
   * `<ImpressionTracker>`) follows the same injected `now` and `timers`. A recorder not made by `createRecorder` (a
   * hand-written test double) may leave it out: those parts then use `Date.now` and the global timers.
   */
  readonly clock?: RecorderClock | undefined;
}
