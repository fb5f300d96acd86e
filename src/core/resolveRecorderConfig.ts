import { browserStorage } from './browserStorage';
import { createBrowserLifecycle } from './createBrowserLifecycle';
import { generateId as defaultGenerateId } from './generateId';
import { MAX_EVENTS_PER_BATCH } from './limits';
import type { PageLifecycle, RecorderOptions, StorageLike, Timers, Transport } from './types';

/** The longest delay (ms) setTimeout honours; a longer one fires at once. */
const MAX_DELAY = 2 ** 31 - 1;

/** `RecorderOptions` with every default applied and every number within its bounds. */
export interface RecorderConfig {
  transport: Transport;
  now: () => number;
  random: () => number;
  generateId: () => string;
  timers: Timers;
  batchSize: number;
  flushInterval: number;
  maxQueueSize: number;
  maxAttempts: number;
  baseDelay: number;
  maxDelay: number;
  maxEventAge: number;
  /** A send not settled after this long (ms) is aborted and retried; `Infinity` waits forever. */
  requestTimeout: number;
  sessionTimeout: number;
  /** The page lifecycle, or none (no `window`, or `lifecycle: false`). */
  lifecycle: PageLifecycle | undefined;
  /** Where the tab's session is kept, or none. */
  tabStorage: StorageLike | undefined;
}

/** An integer option within min–max: `Infinity` means as much as allowed (no limit), anything else not finite the default. */
export function toInteger(value: number | undefined, fallback: number, min: number, max = Infinity): number {
  if (value === Infinity) return max;
  return Number.isFinite(value) ? Math.min(max, Math.max(min, Math.floor(value as number))) : fallback;
}

/** Applies the defaults of `RecorderOptions`; numbers out of bounds are clamped, ones that are not numbers defaulted. */
export function resolveRecorderConfig(options: RecorderOptions): RecorderConfig {
  const retry = options.retry ?? {};
  return {
    transport: options.transport,
    // Looked up at each call, as the timers are: a fake clock installed after the recorder was made applies.
    now: options.now ?? (() => Date.now()),
    random: options.random ?? Math.random,
    generateId: options.generateId ?? defaultGenerateId,
    timers: options.timers ?? globalThis,
    batchSize: toInteger(options.batchSize, MAX_EVENTS_PER_BATCH, 1, MAX_EVENTS_PER_BATCH),
    flushInterval: toInteger(options.flushInterval, 1000, 0, MAX_DELAY),
    maxQueueSize: toInteger(options.maxQueueSize, 1000, 1),
    maxAttempts: toInteger(retry.maxAttempts, 8, 1),
    baseDelay: toInteger(retry.baseDelay, 500, 0, MAX_DELAY),
    maxDelay: toInteger(retry.maxDelay, 30_000, 0, MAX_DELAY),
    maxEventAge: toInteger(options.maxEventAge, 24 * 60 * 60 * 1000, 1),
    requestTimeout:
      options.requestTimeout === Infinity ? Infinity : toInteger(options.requestTimeout, 10_000, 1, MAX_DELAY),
    sessionTimeout: toInteger(options.sessionTimeout, 30 * 60 * 1000, 0),
    lifecycle: options.lifecycle === false ? undefined : (options.lifecycle ?? createBrowserLifecycle()),
    tabStorage:
      options.sessionStorage === false ? undefined : (options.sessionStorage ?? browserStorage('sessionStorage')),
  };
}
