/**
 * A model of a browser for randomized tests of createRecorder with persistence and the page lifecycle.
 *
 * One shared localStorage, tabs each with its own sessionStorage, and pages: every page imports createRecorder afresh
 * (`vi.resetModules()`, fresh module state, as a new page of the browser would). A page is `live`, `frozen` (in the
 * back/forward cache: its timers wait until it is shown again) or `dead` (reloaded away, crashed, tab closed): a dead
 * page runs no timer, writes no storage and never hears back from a request. A request without keepalive dies with
 * its page; a keepalive one that was still held may arrive after the page is gone (`keepaliveArrives`).
 */
import { TransportError } from '../../src/core/TransportError';
import type {
  EventBatch,
  EventInput,
  PageLifecycle,
  Recorder,
  RecorderError,
  RecorderOptions,
  SendContext,
  StorageLike,
  WireEvent,
} from '../../src/core/types';
import { validateBatch } from '../../src/core/validateBatch';
import { createMemoryStorage, type MemoryStorage } from '../../src/test-utils/createMemoryStorage';
import {
  createMemoryTransport,
  type MemoryFailure,
  type MemoryTransport,
} from '../../src/test-utils/createMemoryTransport';

export type Kind = 'valid' | 'explicit' | 'poison' | 'invalid' | 'big';

export type Op =
  | { t: 'record'; tab: number; kind: Kind; variant: number }
  | { t: 'burst'; tab: number; count: number; big: boolean }
  | { t: 'identify'; tab: number; user: string | undefined }
  | { t: 'flush'; tab: number }
  | { t: 'fail'; tab: number; kind: MemoryFailure; count: number }
  | { t: 'succeed'; tab: number }
  | { t: 'hold'; tab: number }
  | { t: 'release'; tab: number }
  | { t: 'offline' }
  | { t: 'online' }
  | { t: 'hide'; tab: number; exitRecord: boolean }
  | { t: 'show'; tab: number }
  | { t: 'navigate'; tab: number; exitRecord: boolean }
  | { t: 'back'; tab: number }
  | { t: 'reload'; tab: number; exitRecord: boolean; keepaliveArrives: boolean }
  | { t: 'crash'; tab: number }
  | { t: 'closeTab'; tab: number; exitRecord: boolean; keepaliveArrives: boolean }
  | { t: 'enable'; tab: number; on: boolean }
  | { t: 'advance'; ms: number }
  | { t: 'close'; tab: number }
  | { t: 'duplicate'; tab: number };

export interface Config {
  tabs: 1 | 2;
  batchSize: number;
  flushInterval: number;
  maxQueueSize: number;
  maxAttempts: number;
  baseDelay: number;
  maxDelay: number;
  maxEventAge: number | undefined;
  userAtCreate: boolean;
  seed: number;
}

interface Pending {
  batch: EventBatch;
  keepalive: boolean;
  wasHeld: boolean;
}

interface TimerHandle {
  cancelled: boolean;
  real?: ReturnType<typeof setTimeout>;
}

interface Page {
  id: number;
  tab: Tab;
  state: 'live' | 'frozen' | 'dead';
  recorder: Recorder;
  memory: MemoryTransport;
  held: boolean;
  handlers?: Parameters<PageLifecycle['listen']>[0];
  pending: Set<Pending>;
  sentIds: Set<string>;
  deferred: { handle: TimerHandle; callback: () => void }[];
  promises: { what: string; done: boolean }[];
  enabled: boolean;
  closed: boolean;
  recordedAt: Map<string, number>;
  ownKeys: Set<string>;
  holdQueue: (() => void)[];
}

interface Tab {
  id: number;
  storage: MemoryStorage;
  current?: Page;
  frozen?: Page;
  user?: string;
}

const POISON = (event: WireEvent) => event.itemId?.startsWith('poison') === true;

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INVALID: unknown[] = [
  { eventType: '' },
  { eventType: 'click', impression: [] },
  { eventType: 'click', eventValue: Number.NaN },
  { eventType: 'click', bogus: 1 },
  null,
  { eventType: 'click', properties: { userId: 'x' } },
  { eventType: 'click', recommendationId: 'r'.repeat(41) },
];

export const START = new Date('2026-11-27T12:00:00Z').getTime();

export class World {
  readonly local = createMemoryStorage();
  readonly tabs: Tab[] = [];
  readonly pages: Page[] = [];
  online = true;
  /** eventId → what record() accepted. */
  readonly accepted = new Map<
    string,
    { page: number; at: number; wire?: WireEvent; sessionId?: string; userId?: string }
  >();
  /** eventId → reasons reported (code, retryable, when). */
  readonly reported = new Map<string, { code: string; retryable: boolean; at: number; via: string }[]>();
  readonly consentAllowed = new Set<string>();
  readonly crashAllowed = new Set<string>();
  readonly extraDelivered: EventBatch[] = [];
  readonly problems: string[] = [];
  readonly log: string[] = [];
  readonly allowedLoss: Record<string, number> = {};
  leftover = 0;
  private ids = 0;
  private nextPage = 0;
  private item = 0;
  private readonly random: () => number;
  readonly maxEventAge: number;

  constructor(
    readonly config: Config,
    private readonly importRecorder: () => Promise<(options: RecorderOptions) => Recorder>,
  ) {
    this.random = mulberry32(config.seed);
    this.maxEventAge = config.maxEventAge ?? 24 * 60 * 60 * 1000;
    for (let i = 0; i < config.tabs; i++) this.tabs.push({ id: i, storage: createMemoryStorage() });
  }

  private problem(message: string) {
    this.problems.push(message);
  }

  private report(eventId: string, code: string, retryable: boolean, via: string) {
    const list = this.reported.get(eventId) ?? [];
    list.push({ code, retryable, at: Date.now(), via });
    this.reported.set(eventId, list);
    if (code === 'expired') {
      const accepted = this.accepted.get(eventId);
      if (accepted && Date.now() - accepted.at <= this.maxEventAge) {
        this.problem(`event ${eventId} reported expired ${Date.now() - accepted.at} ms after it was recorded`);
      }
    }
  }

  async openPage(tab: Tab): Promise<Page> {
    const createRecorder = await this.importRecorder();
    const memory = createMemoryTransport();
    memory.rejectWhen(POISON);
    const page = {
      id: this.nextPage++,
      tab,
      state: 'live',
      memory,
      held: false,
      pending: new Set(),
      sentIds: new Set(),
      deferred: [],
      promises: [],
      enabled: true,
      closed: false,
      recordedAt: new Map(),
      ownKeys: new Set(),
      holdQueue: [],
    } as unknown as Page;
    const world = this;
    const gate = (storage: MemoryStorage): StorageLike => ({
      getItem: (key) => storage.getItem(key),
      setItem: (key, value) => {
        if (storage === world.local && key.startsWith('react-personalize:queue:')) page.ownKeys.add(key);
        if (page.state !== 'dead') storage.setItem(key, value);
      },
      removeItem: (key) => {
        if (page.state !== 'dead') storage.removeItem(key);
      },
      get length() {
        return storage.length;
      },
      key: (index) => storage.key(index),
    });
    const never = () => new Promise<void>(() => {});
    /** Read at each use: the page may die while a send waits (a function, so TypeScript does not narrow it). */
    const isDead = () => page.state === 'dead';
    const transport = {
      // Holding is done here (not with memory.hold()) so that a held request meeting an offline network fails.
      async send(batch: EventBatch, context: SendContext): Promise<void> {
        if (isDead()) return never();
        for (const event of batch.eventList) page.sentIds.add(event.eventId);
        if (!world.online) throw new TransportError('offline', { retryable: true });
        const entry: Pending = {
          batch: JSON.parse(JSON.stringify(batch)),
          keepalive: context.keepalive,
          wasHeld: page.held,
        };
        page.pending.add(entry);
        try {
          if (page.held) await new Promise<void>((resolve) => page.holdQueue.push(resolve));
          if (isDead()) return never();
          if (!world.online) throw new TransportError('network went away', { retryable: true });
          await memory.send(batch, context);
        } catch (error) {
          if (isDead()) return never();
          throw error;
        } finally {
          page.pending.delete(entry);
        }
        if (isDead()) return never();
      },
    };
    const timers = {
      setTimeout: (callback: () => void, ms: number) => {
        const handle: TimerHandle = { cancelled: false };
        handle.real = setTimeout(() => {
          if (handle.cancelled || page.state === 'dead') return;
          if (page.state === 'frozen') page.deferred.push({ handle, callback });
          else callback();
        }, ms);
        return handle;
      },
      clearTimeout: (handle: unknown) => {
        if (!handle) return;
        (handle as TimerHandle).cancelled = true;
        clearTimeout((handle as TimerHandle).real);
      },
    };
    const lifecycle: PageLifecycle = {
      listen(handlers) {
        page.handlers = handlers;
        return () => {
          page.handlers = undefined;
        };
      },
      isOnline: () => world.online,
    };
    const c = this.config;
    const recorder = createRecorder({
      transport,
      persistence: gate(this.local),
      sessionStorage: gate(tab.storage),
      lifecycle,
      timers,
      random: this.random,
      generateId: () => `g${++this.ids}`,
      batchSize: c.batchSize,
      flushInterval: c.flushInterval,
      maxQueueSize: c.maxQueueSize,
      retry: { maxAttempts: c.maxAttempts, baseDelay: c.baseDelay, maxDelay: c.maxDelay },
      maxEventAge: c.maxEventAge,
      userId: c.userAtCreate ? tab.user : undefined,
      onError: (error: RecorderError) => {
        for (const id of error.eventIds) this.report(id, error.code, error.retryable, `onError@p${page.id}`);
      },
    });
    page.recorder = recorder;
    recorder.subscribe((activity) => {
      if (activity.type === 'recorded') {
        const accepted = this.accepted.get(activity.event.eventId) ?? { page: page.id, at: Date.now() };
        accepted.wire = JSON.parse(JSON.stringify(activity.event));
        accepted.sessionId = activity.sessionId;
        accepted.userId = activity.userId;
        this.accepted.set(activity.event.eventId, accepted);
        page.recordedAt.set(activity.event.eventId, Date.now());
      } else if (activity.type === 'dropped') {
        for (const event of activity.events) {
          this.report(event.eventId, activity.error.code, activity.error.retryable, `dropped@p${page.id}`);
        }
      } else if (
        activity.type === 'rejected' &&
        activity.event &&
        'eventId' in activity.event &&
        activity.event.eventId
      ) {
        this.report(activity.event.eventId, activity.error.code, activity.error.retryable, `rejected@p${page.id}`);
      }
    });
    if (!c.userAtCreate && tab.user !== undefined) recorder.identify(tab.user);
    recorder.mount();
    tab.current = page;
    this.pages.push(page);
    this.log.push(`open p${page.id} in tab ${tab.id}`);
    return page;
  }

  private release(page: Page) {
    page.held = false;
    for (const resolve of page.holdQueue.splice(0)) resolve();
  }

  private kill(page: Page, keepaliveArrives: boolean) {
    if (page.state === 'dead') return;
    page.state = 'dead';
    for (const entry of page.pending) {
      if (entry.keepalive && entry.wasHeld && page.held && keepaliveArrives && !entry.batch.eventList.some(POISON)) {
        this.extraDelivered.push(entry.batch);
      }
    }
  }

  private async pageOf(index: number): Promise<Page> {
    const tab = this.tabs[index % this.tabs.length];
    if (tab.current && tab.current.state !== 'dead') return tab.current;
    // An empty tab (closed): a new one, with a sessionStorage of its own.
    tab.storage = createMemoryStorage();
    tab.frozen = undefined;
    return this.openPage(tab);
  }

  async run(op: Op): Promise<void> {
    if (op.t === 'offline') {
      this.online = false;
      return;
    }
    if (op.t === 'online') {
      this.online = true;
      for (const page of this.pages) if (page.state === 'live') page.handlers?.onOnline();
      return;
    }
    if (op.t === 'advance') {
      await vi.advanceTimersByTimeAsync(op.ms);
      return;
    }
    const page = await this.pageOf(op.tab);
    const { recorder, tab } = page;
    switch (op.t) {
      case 'record':
        this.record(page, op.kind, op.variant);
        break;
      case 'burst':
        for (let i = 0; i < op.count; i++) this.record(page, op.big ? 'big' : 'valid', i);
        break;
      case 'identify':
        recorder.identify(op.user);
        tab.user = op.user === '' ? undefined : op.user;
        break;
      case 'flush':
        this.track(page, 'flush', recorder.flush());
        break;
      case 'close':
        page.closed = true;
        this.track(page, 'close', recorder.close());
        break;
      case 'fail':
        page.memory.fail(op.kind, op.count || Number.POSITIVE_INFINITY);
        break;
      case 'succeed':
        page.memory.succeed();
        break;
      case 'hold':
        page.held = true;
        break;
      case 'release':
        this.release(page);
        break;
      case 'hide':
        page.handlers?.onHide();
        if (op.exitRecord) this.record(page, 'valid', 0);
        break;
      case 'show':
        page.handlers?.onShow?.();
        break;
      case 'navigate': {
        page.handlers?.onHide();
        if (op.exitRecord) this.record(page, 'valid', 0);
        page.state = 'frozen';
        if (tab.frozen) this.kill(tab.frozen, false);
        tab.frozen = page;
        await this.openPage(tab);
        break;
      }
      case 'back': {
        const previous = tab.frozen;
        if (previous?.state !== 'frozen') break;
        page.handlers?.onHide();
        page.state = 'frozen';
        tab.frozen = page;
        tab.current = previous;
        previous.state = 'live';
        previous.handlers?.onShow?.();
        const deferred = previous.deferred.splice(0);
        for (const { handle, callback } of deferred) if (!handle.cancelled) callback();
        break;
      }
      case 'reload': {
        page.handlers?.onHide();
        if (op.exitRecord) this.record(page, 'valid', 0);
        this.kill(page, op.keepaliveArrives);
        await this.openPage(tab);
        break;
      }
      case 'crash': {
        // Documented: a renderer crash can lose what was recorded in the last 200 ms (the storage write cooldown).
        const now = Date.now();
        for (const [id, at] of page.recordedAt) if (at >= now - 200) this.crashAllowed.add(id);
        this.kill(page, false);
        await this.openPage(tab);
        break;
      }
      case 'closeTab': {
        page.handlers?.onHide();
        if (op.exitRecord) this.record(page, 'valid', 0);
        this.kill(page, op.keepaliveArrives);
        if (tab.frozen) this.kill(tab.frozen, false);
        tab.current = undefined;
        tab.frozen = undefined;
        break;
      }
      case 'duplicate': {
        // The browser's "Duplicate tab": the other tab becomes a copy of this one, sessionStorage included.
        const other = this.tabs[(tab.id + 1) % this.tabs.length];
        if (other === tab) break;
        if (other.current && other.current.state !== 'dead') {
          other.current.handlers?.onHide();
          this.kill(other.current, true);
        }
        if (other.frozen) this.kill(other.frozen, false);
        other.frozen = undefined;
        other.storage = createMemoryStorage();
        for (const [key, value] of tab.storage.data) other.storage.setItem(key, value);
        other.user = tab.user;
        await this.openPage(other);
        break;
      }
      case 'enable':
        if (!op.on) {
          // Consent withdrawn: what the page holds (sent and unanswered, recorded, stored under its key) may go
          // unreported: a request answered after the withdrawal is discarded silently, and a closed recorder has
          // no listeners left to hear its 'disabled' drop.
          const delivered = this.deliveredIds();
          const stored = [...page.ownKeys].flatMap((key) => {
            const raw = this.local.getItem(key);
            return raw ? (JSON.parse(raw).events as { event: { eventId: string } }[]).map((e) => e.event.eventId) : [];
          });
          for (const id of [...page.sentIds, ...page.recordedAt.keys(), ...stored]) {
            if (!delivered.has(id)) this.consentAllowed.add(id);
          }
        }
        recorder.setEnabled(op.on);
        page.enabled = op.on;
        break;
    }
  }

  private track(page: Page, what: string, promise: Promise<void>) {
    const entry = { what, done: false };
    page.promises.push(entry);
    promise.then(() => {
      entry.done = true;
    });
  }

  private record(page: Page, kind: Kind, variant: number) {
    const n = this.item++;
    let input: unknown;
    if (kind === 'invalid') input = INVALID[variant % INVALID.length];
    else if (kind === 'poison') input = { eventType: 'click', itemId: `poison${n}` };
    else if (kind === 'big') input = { eventType: 'view', itemId: `big${n}`, properties: { note: 'é'.repeat(900) } };
    else if (kind === 'explicit') input = { eventType: 'view', itemId: `i${n}`, eventId: `x${n}` };
    else
      input =
        variant % 3 === 0
          ? { eventType: 'click', itemId: `i${n}` }
          : variant % 3 === 1
            ? { eventType: 'buy', itemId: `i${n}`, eventValue: 1.5, properties: { color: 'red', n } }
            : { eventType: 'view', impression: [`i${n}`, `j${n}`], recommendationId: `r${n}` };
    const result = page.recorder.record(input as EventInput);
    const expected = page.closed
      ? 'closed'
      : !page.enabled
        ? 'disabled'
        : kind === 'invalid'
          ? 'invalid-event'
          : undefined;
    if (result.ok) {
      if (expected) this.problem(`record() on p${page.id} accepted an event it should refuse (${expected})`);
      const accepted = this.accepted.get(result.eventId);
      if (!accepted?.wire) this.problem(`record() returned ok for ${result.eventId} without a 'recorded' activity`);
      else accepted.page = page.id;
    } else if (result.error.code !== expected) {
      this.problem(`record() on p${page.id} refused a ${kind} event with ${result.error.code}, expected ${expected}`);
    }
  }

  deliveredBatches(): EventBatch[] {
    return [...this.pages.flatMap((page) => page.memory.batches), ...this.extraDelivered];
  }

  deliveredIds(): Set<string> {
    return new Set(this.deliveredBatches().flatMap((batch) => batch.eventList.map((event) => event.eventId)));
  }

  /** Brings everything back (online, transports fine, one more page per tab, time for adoption) and checks. */
  async settleAndCheck(): Promise<void> {
    this.online = true;
    for (const page of this.pages) if (page.state === 'frozen') this.kill(page, false);
    for (const tab of this.tabs) tab.frozen = undefined;
    for (const page of this.pages) {
      if (page.state !== 'live') continue;
      page.memory.succeed();
      this.release(page);
      page.handlers?.onOnline();
    }
    for (let i = 0; i < 12; i++) await vi.advanceTimersByTimeAsync(10_000);
    for (const page of this.pages) {
      if (page.state !== 'live') continue;
      for (const entry of page.promises) {
        if (!entry.done)
          this.problem(`${entry.what}() of live page p${page.id} never resolved (online, transport fine)`);
      }
    }
    // One more page per tab (a reload), then long enough for heartbeats to adopt every orphan.
    for (const tab of this.tabs) {
      const current = tab.current;
      if (current && current.state === 'live') {
        current.handlers?.onHide();
        this.kill(current, true);
      } else tab.storage = createMemoryStorage();
      await this.openPage(tab);
    }
    for (let i = 0; i < 8; i++) await vi.advanceTimersByTimeAsync(60_000);
    for (const tab of this.tabs) tab.current?.recorder.flush();
    await vi.advanceTimersByTimeAsync(60_000);

    // Every batch valid, one session and user, as recorded, never an event record() refused.
    for (const batch of this.deliveredBatches()) {
      const issues = validateBatch(batch);
      if (issues.length) this.problem(`invalid batch delivered: ${JSON.stringify(issues)}`);
      if (batch.eventList.length > this.config.batchSize) {
        this.problem(`batch of ${batch.eventList.length} events (batchSize ${this.config.batchSize})`);
      }
      for (const event of batch.eventList) {
        const accepted = this.accepted.get(event.eventId);
        if (!accepted?.wire) {
          this.problem(`delivered event ${event.eventId} that record() never accepted`);
          continue;
        }
        if (accepted.sessionId !== batch.sessionId || accepted.userId !== batch.userId) {
          this.problem(
            `event ${event.eventId} recorded for (${accepted.sessionId}, ${accepted.userId}) delivered in batch (${batch.sessionId}, ${batch.userId})`,
          );
        }
        if (JSON.stringify(accepted.wire) !== JSON.stringify(event)) {
          this.problem(
            `event ${event.eventId} delivered as ${JSON.stringify(event)}, recorded as ${JSON.stringify(accepted.wire)}`,
          );
        }
      }
    }
    const delivered = this.deliveredIds();
    this.leftover = [...this.local.data]
      .filter(([key]) => key.startsWith('react-personalize:queue:'))
      .reduce((sum, [, raw]) => sum + JSON.parse(raw).events.length, 0);
    for (const [id, accepted] of this.accepted) {
      if (delivered.has(id)) continue;
      const reasons = this.reported.get(id) ?? [];
      const allowed = reasons.find(
        (r) =>
          r.code === 'rejected' ||
          r.code === 'queue-full' ||
          r.code === 'expired' ||
          r.code === 'disabled' ||
          (r.code === 'send-failed' && !r.retryable),
      );
      const why = allowed
        ? allowed.code
        : this.consentAllowed.has(id)
          ? 'consent-in-flight'
          : this.crashAllowed.has(id)
            ? 'crash-200ms'
            : undefined;
      if (why) {
        this.allowedLoss[why] = (this.allowedLoss[why] ?? 0) + 1;
        continue;
      }
      this.problem(
        `LOST: event ${id} (recorded on p${accepted.page} at +${accepted.at - START}) neither delivered nor reported with an allowed reason; reports: ${JSON.stringify(reasons)}`,
      );
    }
  }
}
