import { createRecorder } from '../../src/core/createRecorder';
import type {
  EventBatch,
  EventInput,
  RecorderActivity,
  RecorderError,
  RecorderOptions,
  SendContext,
} from '../../src/core/types';
import { createMemoryStorage } from '../../src/test-utils/createMemoryStorage';
import { createMemoryTransport } from '../../src/test-utils/createMemoryTransport';

const memoryStorage = createMemoryStorage;

function setup(options: Partial<RecorderOptions> = {}) {
  const transport = createMemoryTransport();
  const errors: RecorderError[] = [];
  const activity: RecorderActivity[] = [];
  const recorder = createRecorder({
    transport,
    persistence: false,
    sessionStorage: false,
    lifecycle: false,
    random: () => 0.5,
    onError: (error) => errors.push(error),
    ...options,
  });
  recorder.subscribe((entry) => activity.push(entry));
  const of = <T extends RecorderActivity['type']>(type: T) =>
    activity.filter((entry): entry is Extract<RecorderActivity, { type: T }> => entry.type === type);
  return { transport, recorder, errors, activity, of };
}

const click = (itemId: string): EventInput => ({ eventType: 'click', itemId });

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-27T12:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createRecorder', () => {
  describe('record', () => {
    it('never throws on junk and names the field and rule', () => {
      const { recorder, transport, errors, of } = setup();
      const junk: unknown[] = [null, undefined, 3, 'click', [], { eventType: 5 }, { eventType: 'x', itemId: {} }];
      for (const input of junk) {
        const result = recorder.record(input as EventInput);
        expect(result.ok).toBe(false);
      }
      const result = recorder.record({ eventType: 'x', recommendationId: 'r'.repeat(41) });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-event' } });
      if (!result.ok) {
        expect(result.error.message).toBe('record(): recommendationId: 1–40 chars (got 41)');
        expect(result.error.issues).toEqual([
          { field: 'recommendationId', rule: '1–40 chars (got 41)', message: 'recommendationId: 1–40 chars (got 41)' },
        ]);
      }
      expect(errors).toHaveLength(junk.length + 1);
      expect(of('rejected')).toHaveLength(junk.length + 1);
      expect(recorder.getSnapshot().queued).toBe(0);
      expect(transport.attempts).toHaveLength(0);
    });

    it('records on engines without ES2022 built-ins (Object.hasOwn, Array.prototype.at: Safari before 15.4)', async () => {
      const { hasOwn } = Object;
      const { at } = Array.prototype;
      Reflect.deleteProperty(Object, 'hasOwn');
      Reflect.deleteProperty(Array.prototype, 'at');
      try {
        const { recorder, transport, errors } = setup();
        expect(recorder.record({ ...click('a'), properties: { a: 1 }, impression: ['a'] }).ok).toBe(true);
        await recorder.flush();
        expect(transport.events()).toHaveLength(1);
        expect(errors).toEqual([]);
      } finally {
        Object.defineProperty(Object, 'hasOwn', { value: hasOwn, writable: true, configurable: true });
        Object.defineProperty(Array.prototype, 'at', { value: at, writable: true, configurable: true });
      }
    });

    it('survives an input whose getter throws', () => {
      const { recorder } = setup();
      const evil = {
        get eventType(): string {
          throw new Error('boom');
        },
      };
      expect(recorder.record(evil).ok).toBe(false);
    });

    it('gives each event a UUID at record time unless the caller set one', async () => {
      const { recorder, transport } = setup();
      const first = recorder.record(click('a'));
      const second = recorder.record({ ...click('b'), eventId: 'mine' });
      expect(first).toEqual({ ok: true, eventId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      expect(second).toEqual({ ok: true, eventId: 'mine' });
      await recorder.flush();
      expect(transport.events().map((event) => event.eventId)).toEqual([first.ok && first.eventId, 'mine']);
    });

    it('sends sentAt as epoch seconds: now by default, from a Date or epoch milliseconds', async () => {
      const { recorder, transport } = setup();
      const now = Date.now();
      recorder.record(click('a'));
      recorder.record({ ...click('b'), sentAt: new Date(now - 1500) });
      recorder.record({ ...click('c'), sentAt: now - 250 });
      await recorder.flush();
      expect(transport.events().map((event) => event.sentAt)).toEqual([
        now / 1000,
        (now - 1500) / 1000,
        (now - 250) / 1000,
      ]);
    });

    it('sends properties as a JSON string', async () => {
      const { recorder, transport } = setup();
      recorder.record({ ...click('a'), properties: { color: 'red', size: 2 } });
      await recorder.flush();
      expect(transport.events()[0].properties).toBe('{"color":"red","size":2}');
    });
  });

  describe('batching', () => {
    it('sends N events in ceil(N/10) requests', async () => {
      const { recorder, transport } = setup();
      for (let i = 0; i < 25; i++) recorder.record(click(`i${i}`));
      await vi.advanceTimersByTimeAsync(1000);
      expect(transport.batches.map((batch) => batch.eventList.length)).toEqual([10, 10, 5]);
    });

    it('sends a full batch at once and a partial one after flushInterval', async () => {
      const { recorder, transport } = setup({ flushInterval: 500 });
      for (let i = 0; i < 12; i++) recorder.record(click(`i${i}`));
      await vi.advanceTimersByTimeAsync(0);
      expect(transport.batches.map((batch) => batch.eventList.length)).toEqual([10]);
      await vi.advanceTimersByTimeAsync(499);
      expect(transport.batches).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(transport.batches.map((batch) => batch.eventList.length)).toEqual([10, 2]);
    });

    it('honours batchSize and keeps it within 1–10', async () => {
      const small = setup({ batchSize: 3 });
      for (let i = 0; i < 7; i++) small.recorder.record(click(`i${i}`));
      await small.recorder.flush();
      expect(small.transport.batches.map((batch) => batch.eventList.length)).toEqual([3, 3, 1]);
      const large = setup({ batchSize: 50 });
      for (let i = 0; i < 12; i++) large.recorder.record(click(`i${i}`));
      await large.recorder.flush();
      expect(large.transport.batches.map((batch) => batch.eventList.length)).toEqual([10, 2]);
    });

    it('flush() sends everything queued now and resolves once it is acknowledged', async () => {
      const { recorder, transport } = setup();
      recorder.record(click('a'));
      recorder.record(click('b'));
      expect(transport.batches).toHaveLength(0);
      await recorder.flush();
      expect(transport.events().map((event) => event.itemId)).toEqual(['a', 'b']);
      expect(recorder.getSnapshot()).toMatchObject({ queued: 0, inFlight: 0, sent: 2 });
    });

    it('puts one session and one user in each batch', async () => {
      const { recorder, transport } = setup();
      recorder.record(click('anonymous'));
      recorder.identify('ann');
      recorder.record(click('ann-1'));
      recorder.identify('bob');
      recorder.record(click('bob-1'));
      await recorder.flush();
      const batches = transport.batches.map((batch) => ({
        userId: batch.userId,
        items: batch.eventList.map((event) => event.itemId),
      }));
      expect(batches).toEqual([
        { userId: undefined, items: ['anonymous'] },
        { userId: 'ann', items: ['ann-1'] },
        { userId: 'bob', items: ['bob-1'] },
      ]);
      expect(transport.batches[0].sessionId).toBe(transport.batches[1].sessionId);
      expect(transport.batches[2].sessionId).not.toBe(transport.batches[1].sessionId);
      expect('userId' in transport.batches[0]).toBe(false);
    });
  });

  describe('delivery', () => {
    it('retries a retryable failure with backoff, keeping the eventIds', async () => {
      const { recorder, transport, of } = setup({ retry: { baseDelay: 100, maxDelay: 1000 } });
      transport.fail('server', 3);
      const ids = [recorder.record(click('a')), recorder.record(click('b'))].map((r) => r.ok && r.eventId);
      const done = recorder.flush();
      await vi.advanceTimersByTimeAsync(10_000);
      await done;
      expect(transport.attempts).toHaveLength(4);
      for (const attempt of transport.attempts) {
        expect(attempt.batch.eventList.map((event) => event.eventId)).toEqual(ids);
      }
      expect(transport.events().map((event) => event.eventId)).toEqual(ids);
      // random() = 0.5 → three quarters of the capped exponential delay
      expect(of('retried').map((entry) => [entry.attempt, entry.delay])).toEqual([
        [1, 75],
        [2, 150],
        [3, 300],
      ]);
    });

    it('caps the backoff at maxDelay', async () => {
      const { recorder, transport, of } = setup({ retry: { baseDelay: 1000, maxDelay: 3000, maxAttempts: 10 } });
      transport.fail('throttle', 5);
      recorder.record(click('a'));
      void recorder.flush();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(of('retried').map((entry) => entry.delay)).toEqual([750, 1500, 2250, 2250, 2250]);
      expect(transport.events()).toHaveLength(1);
    });

    it('waits for the backoff before sending again', async () => {
      const { recorder, transport } = setup({ retry: { baseDelay: 1000 } });
      transport.fail('network', 1);
      recorder.record(click('a'));
      void recorder.flush();
      await vi.advanceTimersByTimeAsync(700);
      expect(transport.attempts).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(100);
      expect(transport.attempts).toHaveLength(2);
      expect(transport.events()).toHaveLength(1);
    });

    it('splits a batch refused as invalid, delivers the good events and reports the bad one', async () => {
      const { recorder, transport, errors, of } = setup();
      transport.rejectWhen((event) => event.itemId === 'bad');
      for (const id of ['a', 'b', 'c', 'bad', 'd', 'e', 'f']) recorder.record(click(id));
      await recorder.flush();
      expect(
        transport
          .events()
          .map((event) => event.itemId)
          .sort(),
      ).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
      expect(errors.map((error) => error.code)).toEqual(['rejected']);
      expect(of('rejected')[0].event).toMatchObject({ itemId: 'bad' });
      expect(recorder.getSnapshot()).toMatchObject({ sent: 6, failed: 1, queued: 0, inFlight: 0 });
    });

    it('reports a non-retryable failure and does not retry it', async () => {
      const { recorder, transport, errors, of } = setup();
      transport.fail('forbidden', 1);
      recorder.record(click('a'));
      await recorder.flush();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(transport.attempts).toHaveLength(1);
      expect(errors.map((error) => [error.code, error.retryable])).toEqual([['send-failed', false]]);
      expect(of('dropped')).toHaveLength(1);
      expect(recorder.getSnapshot().failed).toBe(1);
    });

    it('keeps the events after retry.maxAttempts and sends them on the next record()', async () => {
      const { recorder, transport, errors } = setup({ retry: { maxAttempts: 3, baseDelay: 10 } });
      transport.fail('server');
      recorder.record(click('a'));
      const done = recorder.flush();
      await vi.advanceTimersByTimeAsync(10_000);
      await done;
      expect(transport.attempts).toHaveLength(3);
      expect(errors.at(-1)).toMatchObject({ code: 'send-failed', retryable: true });
      expect(recorder.getSnapshot().queued).toBe(1);
      transport.succeed();
      recorder.record(click('b'));
      await recorder.flush();
      expect(transport.events().map((event) => event.itemId)).toEqual(['a', 'b']);
    });

    it('drops the oldest events beyond maxQueueSize and reports them in one error', async () => {
      const { recorder, transport, errors, of } = setup({ maxQueueSize: 3, batchSize: 10 });
      const ids = ['a', 'b', 'c', 'd', 'e'].map((id) => {
        const result = recorder.record(click(id));
        return result.ok ? result.eventId : '';
      });
      expect(of('dropped')).toHaveLength(2);
      await recorder.flush();
      await vi.advanceTimersByTimeAsync(1_000);
      expect(errors.map((error) => [error.code, error.message, error.eventIds])).toEqual([
        ['queue-full', '2 dropped: over maxQueueSize (3)', ids.slice(0, 2)],
      ]);
      expect(transport.events().map((event) => event.itemId)).toEqual(['c', 'd', 'e']);
      expect(recorder.getSnapshot().failed).toBe(2);
    });

    it('drops the oldest queued events, never the one just recorded, when requests in flight hold maxQueueSize', async () => {
      const { recorder, transport, errors } = setup({ maxQueueSize: 2, batchSize: 2 });
      transport.hold();
      recorder.record(click('a'));
      recorder.record(click('b'));
      await vi.advanceTimersByTimeAsync(0);
      expect(recorder.getSnapshot().inFlight).toBe(2);
      for (const id of ['c', 'd', 'e']) expect(recorder.record(click(id)).ok).toBe(true);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(errors.map((error) => error.code)).toEqual(['queue-full']);
      transport.release();
      await recorder.flush();
      expect(
        transport
          .events()
          .map((event) => event.itemId)
          .sort(),
      ).toEqual(['a', 'b', 'd', 'e']);
    });

    it('drops an event older than maxEventAge even behind a newer batch put back first for a retry', async () => {
      const { recorder, transport, errors } = setup({
        maxEventAge: 10_000,
        flushInterval: 60_000,
        retry: { baseDelay: 4_000 },
      });
      const old = recorder.record(click('old'));
      await vi.advanceTimersByTimeAsync(9_000);
      recorder.identify('u');
      transport.fail('network', 1);
      // A full batch of another user goes at 9 s, fails, and comes back to the front of the queue.
      for (let i = 0; i < 10; i++) recorder.record(click(`u${i}`));
      await vi.advanceTimersByTimeAsync(3_000);
      await recorder.flush();
      expect(transport.events().map((event) => event.eventId)).not.toContain(old.ok && old.eventId);
      expect(transport.events()).toHaveLength(10);
      expect(errors.map((error) => error.code)).toContain('expired');
    });

    it('takes Infinity as no limit for maxEventAge, maxQueueSize and retry.maxAttempts', async () => {
      const { recorder, transport, errors } = setup({
        maxEventAge: Number.POSITIVE_INFINITY,
        maxQueueSize: Number.POSITIVE_INFINITY,
        retry: { maxAttempts: Number.POSITIVE_INFINITY, baseDelay: 10, maxDelay: 10 },
      });
      transport.fail('network', 20);
      for (let i = 0; i < 1_500; i++) recorder.record(click(`i${i}`));
      await vi.advanceTimersByTimeAsync(48 * 60 * 60 * 1000);
      await recorder.flush();
      expect(errors.map((error) => error.code).filter((code) => code !== 'send-failed')).toEqual([]);
      expect(transport.events()).toHaveLength(1_500);
    });

    it('drops and reports events older than maxEventAge', async () => {
      const { recorder, transport, errors } = setup({ maxEventAge: 60_000, retry: { maxAttempts: 1 } });
      transport.fail('network');
      recorder.record(click('old'));
      await recorder.flush();
      await vi.advanceTimersByTimeAsync(61_000);
      transport.succeed();
      recorder.record(click('new'));
      await recorder.flush();
      expect(transport.events().map((event) => event.itemId)).toEqual(['new']);
      expect(errors.map((error) => error.code)).toContain('expired');
    });
  });

  describe('sessions and users', () => {
    it('keeps one session per tab across recorders and renews it after 30 minutes idle', () => {
      const tab = memoryStorage();
      const first = setup({ sessionStorage: tab }).recorder;
      first.record(click('a'));
      const id = first.getSnapshot().sessionId;
      const second = setup({ sessionStorage: tab }).recorder;
      expect(second.getSnapshot().sessionId).toBe(id);
      vi.advanceTimersByTime(29 * 60 * 1000);
      second.record(click('b'));
      expect(second.getSnapshot().sessionId).toBe(id);
      vi.advanceTimersByTime(30 * 60 * 1000 + 1);
      second.record(click('c'));
      expect(second.getSnapshot().sessionId).not.toBe(id);
    });

    it('anonymous → known keeps the session; another user or signing out starts a new one', () => {
      const { recorder } = setup();
      const anonymous = recorder.getSnapshot().sessionId;
      recorder.identify('ann');
      expect(recorder.getSnapshot()).toMatchObject({ sessionId: anonymous, userId: 'ann' });
      recorder.identify('ann');
      expect(recorder.getSnapshot().sessionId).toBe(anonymous);
      recorder.identify('bob');
      const bob = recorder.getSnapshot().sessionId;
      expect(bob).not.toBe(anonymous);
      recorder.identify(undefined);
      expect(recorder.getSnapshot().sessionId).not.toBe(bob);
      expect(recorder.getSnapshot().userId).toBeUndefined();
    });

    it("keeps the previous page's session only for the same user or an anonymous one", () => {
      const tab = memoryStorage();
      const page = (userId?: string) => {
        const { recorder } = setup({ sessionStorage: tab, userId });
        recorder.record(click('a'));
        return recorder.getSnapshot().sessionId;
      };
      const anonymous = page();
      // Anonymous → known joins the anonymous history, as identify() does; the same user on the next page goes on.
      expect(page('ann')).toBe(anonymous);
      expect(page('ann')).toBe(anonymous);
      // Sign-out or another user with a full page load (the recorder is new): a new session each time.
      const signedOut = page();
      expect(signedOut).not.toBe(anonymous);
      const bob = page('bob');
      expect(bob).toBe(signedOut);
      const eve = page('eve');
      expect(eve).not.toBe(bob);
      // A recorder made before the app knows its user (the provider's userId prop): identify() tells it, and the
      // user's session goes on.
      const provided = setup({ sessionStorage: tab });
      provided.recorder.identify('eve');
      provided.recorder.record(click('b'));
      expect(provided.recorder.getSnapshot().sessionId).toBe(eve);
      // identify() in place stores the new user at once, so a reload right after it knows.
      const { recorder } = setup({ sessionStorage: tab, userId: 'eve' });
      recorder.identify('zoe');
      const zoe = recorder.getSnapshot().sessionId;
      expect(page('zoe')).toBe(zoe);
    });

    it('shows in the snapshot the session the next event will get, from the start', () => {
      const tab = memoryStorage();
      const alice = setup({ sessionStorage: tab, userId: 'alice' }).recorder;
      alice.record(click('a'));
      // After a sign-out, a reload: the snapshot (what useRecommendations asks for an anonymous visitor with) must not
      // show alice's session even before the first event.
      const anonymous = setup({ sessionStorage: tab }).recorder;
      const shown = anonymous.getSnapshot().sessionId;
      expect(shown).not.toBe(alice.getSnapshot().sessionId);
      anonymous.record(click('b'));
      expect(anonymous.getSnapshot().sessionId).toBe(shown);
    });

    it('refuses a user ID PutEvents would refuse (a lone surrogate), so every batch it sends stays valid', async () => {
      const { recorder, transport, errors } = setup();
      recorder.identify('user\uDC00');
      recorder.record(click('a'));
      await recorder.flush();
      expect(errors.map((error) => error.code)).toEqual(['invalid-user']);
      expect('userId' in transport.batches[0]).toBe(false);
      recorder.identify('😀'.repeat(200));
      expect(recorder.getSnapshot().userId).toBe('😀'.repeat(200));
    });

    it('quotes at most 40 characters of a refused userId in its message', () => {
      const { recorder, errors } = setup();
      recorder.identify('u'.repeat(300));
      expect(errors.map((error) => [error.code, error.message])).toEqual([
        ['invalid-user', `userId: 1–256 chars, not "null" or "undefined" (got "${'u'.repeat(39)}); signed out`],
      ]);
    });

    it('refuses a userId that is no string, even one JSON cannot write, and names its type', () => {
      const { recorder, errors } = setup();
      const circular: Record<string, unknown> = {};
      circular.self = circular;
      for (const id of [circular, 10n, 42]) expect(() => recorder.identify(id as never)).not.toThrow();
      expect(recorder.getSnapshot().userId).toBeUndefined();
      expect(errors.map((error) => error.message)).toEqual([
        'userId: 1–256 chars, not "null" or "undefined" (got object); signed out',
        'userId: 1–256 chars, not "null" or "undefined" (got bigint); signed out',
        'userId: 1–256 chars, not "null" or "undefined" (got number); signed out',
      ]);
    });

    it('never uses an empty or "null" user ID', async () => {
      const { recorder, transport, errors } = setup({ userId: 'null' });
      expect(recorder.getSnapshot().userId).toBeUndefined();
      recorder.identify('');
      recorder.identify('undefined');
      recorder.record(click('a'));
      await recorder.flush();
      expect('userId' in transport.batches[0]).toBe(false);
      expect(errors.map((error) => error.code)).toEqual(['invalid-user', 'invalid-user', 'invalid-user']);
      expect(errors.map((error) => error.message)).toEqual([
        'userId: 1–256 chars, not "null" or "undefined" (got "null"); signed out',
        'userId: 1–256 chars, not "null" or "undefined" (got ""); signed out',
        'userId: 1–256 chars, not "null" or "undefined" (got "undefined"); signed out',
      ]);
    });

    it('uses a fixed sessionId when given', async () => {
      const { recorder, transport } = setup({ sessionId: 'fixed-session' });
      recorder.record(click('a'));
      await recorder.flush();
      expect(transport.batches[0].sessionId).toBe('fixed-session');
    });

    it('reports a bad sessionId as invalid-session and generates one instead', async () => {
      const { recorder, transport, errors } = setup({ sessionId: 'null', generateId: () => 'generated' });
      recorder.record(click('a'));
      await recorder.flush();
      expect(transport.batches[0].sessionId).toBe('generated');
      expect(errors.map((error) => error.code)).toEqual(['invalid-session']);
      expect(errors[0].message).toBe('sessionId: 1–256 chars, not "null" or "undefined"; generated one');
    });
  });

  describe('consent', () => {
    it('records and sends nothing while disabled', async () => {
      const { recorder, transport, errors } = setup({ enabled: false });
      expect(recorder.record(click('a'))).toMatchObject({ ok: false, error: { code: 'disabled' } });
      await recorder.flush();
      await vi.advanceTimersByTimeAsync(5000);
      expect(transport.attempts).toHaveLength(0);
      expect(errors).toHaveLength(0);
      recorder.setEnabled(true);
      expect(recorder.record(click('b')).ok).toBe(true);
      await recorder.flush();
      expect(transport.events().map((event) => event.itemId)).toEqual(['b']);
    });

    it('discards what was waiting when consent is withdrawn', async () => {
      const { recorder, transport } = setup();
      recorder.record(click('a'));
      recorder.setEnabled(false);
      recorder.setEnabled(true);
      await recorder.flush();
      await vi.advanceTimersByTimeAsync(5000);
      expect(transport.attempts).toHaveLength(0);
      expect(recorder.getSnapshot().queued).toBe(0);
    });
  });

  describe('consent withdrawn mid-flight', () => {
    it('does not split and resend a batch refused as invalid after consent was withdrawn', async () => {
      const { recorder, transport, errors } = setup();
      transport.hold();
      transport.rejectWhen((event) => event.itemId === 'b');
      recorder.record(click('a'));
      recorder.record(click('b'));
      void recorder.flush();
      await vi.advanceTimersByTimeAsync(0);
      recorder.setEnabled(false);
      transport.release();
      await vi.advanceTimersByTimeAsync(5000);
      expect(transport.attempts).toHaveLength(1);
      expect(transport.events()).toEqual([]);
      expect(errors).toEqual([]);
    });

    it('does not retry a request that fails after consent was withdrawn', async () => {
      const { recorder, transport } = setup({ retry: { baseDelay: 10 } });
      transport.hold();
      transport.fail('server', 1);
      recorder.record(click('a'));
      void recorder.flush();
      await vi.advanceTimersByTimeAsync(0);
      recorder.setEnabled(false);
      transport.release();
      await vi.advanceTimersByTimeAsync(0);
      recorder.setEnabled(true);
      await recorder.flush();
      await vi.advanceTimersByTimeAsync(5000);
      expect(transport.attempts).toHaveLength(1);
      expect(transport.events()).toEqual([]);
    });
  });

  describe('subscribe and getSnapshot', () => {
    it('keeps the same snapshot object until something changes', () => {
      const { recorder } = setup();
      const before = recorder.getSnapshot();
      expect(recorder.getSnapshot()).toBe(before);
      recorder.record(click('a'));
      const after = recorder.getSnapshot();
      expect(after).not.toBe(before);
      expect(after.queued).toBe(1);
      expect(recorder.getSnapshot()).toBe(after);
    });

    it('reports recorded, sent, retried, rejected and dropped activity, and stops after unsubscribe', async () => {
      const { recorder, transport, of, activity } = setup({ retry: { baseDelay: 10 }, maxQueueSize: 2 });
      transport.fail('server', 1);
      recorder.record(click('a'));
      recorder.record({ eventType: '' });
      recorder.record(click('b'));
      recorder.record(click('c'));
      const done = recorder.flush();
      await vi.advanceTimersByTimeAsync(1000);
      await done;
      expect(of('recorded')).toHaveLength(3);
      expect(of('rejected')).toHaveLength(1);
      expect(of('dropped')).toHaveLength(1);
      expect(of('retried')).toHaveLength(1);
      expect(of('sent')).toHaveLength(1);
      expect(of('changed').length).toBeGreaterThan(0);
      const count = activity.length;
      // A broken listener breaks nothing; once unsubscribed, a listener hears nothing more.
      recorder.subscribe(() => {
        throw new Error('a broken listener');
      });
      let heard = 0;
      const stop = recorder.subscribe(() => heard++);
      recorder.record(click('d'));
      expect(heard).toBeGreaterThan(0);
      heard = 0;
      stop();
      recorder.record(click('e'));
      expect(heard).toBe(0);
      expect(activity.length).toBeGreaterThan(count);
    });
  });

  describe('close', () => {
    it('flushes, then records nothing more', async () => {
      const { recorder, transport } = setup();
      recorder.record(click('a'));
      await recorder.close();
      expect(transport.events()).toHaveLength(1);
      expect(recorder.record(click('b'))).toMatchObject({ ok: false, error: { code: 'closed' } });
      await vi.advanceTimersByTimeAsync(5000);
      expect(transport.attempts).toHaveLength(1);
      expect(vi.getTimerCount()).toBe(0);
    });

    it("refuses events from listeners that hear close()'s own flush, and gives them the same promise", async () => {
      const { recorder, transport } = setup();
      recorder.record(click('a'));
      const heard: { result: ReturnType<typeof recorder.record>; again: Promise<void> }[] = [];
      recorder.subscribe((activity) => {
        if (activity.type === 'changed' && !heard.length) {
          heard.push({ result: recorder.record(click('late')), again: recorder.close() });
        }
      });
      const closing = recorder.close();
      await closing;
      expect(heard[0].result).toMatchObject({ ok: false, error: { code: 'closed' } });
      expect(heard[0].again).toBe(closing);
      expect(transport.events().map((event) => event.itemId)).toEqual(['a']);
      expect(recorder.getSnapshot().queued).toBe(0);
    });

    it('never computes a NaN backoff, even after a thousand attempts (maxAttempts: Infinity, baseDelay: 0)', async () => {
      const { recorder, transport, of } = setup({ retry: { maxAttempts: Number.POSITIVE_INFINITY, baseDelay: 0 } });
      transport.fail('network');
      recorder.record(click('a'));
      void recorder.flush();
      for (let i = 0; i < 1100; i++) await vi.advanceTimersByTimeAsync(1);
      const delays = of('retried').map((entry) => entry.delay);
      expect(delays.length).toBeGreaterThan(1025);
      expect(delays.filter((delay) => !Number.isFinite(delay))).toEqual([]);
    });

    it('makes a second close() wait for the same flush', async () => {
      const { recorder, transport } = setup();
      transport.hold();
      recorder.record(click('a'));
      const first = recorder.close();
      expect(recorder.close()).toBe(first);
      transport.release();
      await first;
      expect(transport.events()).toHaveLength(1);
    });

    it('refuses events from the moment close() is called: its flush could not wait for them', async () => {
      const { recorder, transport } = setup();
      transport.hold();
      recorder.record(click('a'));
      const closing = recorder.close();
      await vi.advanceTimersByTimeAsync(0);
      expect(recorder.record(click('late'))).toMatchObject({ ok: false, error: { code: 'closed' } });
      transport.release();
      await closing;
      await vi.advanceTimersByTimeAsync(5000);
      expect(transport.events().map((event) => event.itemId)).toEqual(['a']);
      expect(recorder.getSnapshot().queued).toBe(0);
    });
  });

  describe('timers', () => {
    it('schedules the flush, the retry backoff and storage writes with the injected timers only', async () => {
      interface Scheduled {
        callback: () => void;
        ms: number;
        cleared: boolean;
      }
      const scheduled: Scheduled[] = [];
      const timers = {
        setTimeout(callback: () => void, ms: number): Scheduled {
          const timer = { callback, ms, cleared: false };
          scheduled.push(timer);
          return timer;
        },
        clearTimeout(handle: unknown) {
          if (handle) (handle as Scheduled).cleared = true;
        },
      };
      const fire = async (ms: number) => {
        const timer = scheduled.find((entry) => entry.ms === ms && !entry.cleared);
        if (!timer) throw new Error(`no live timer of ${ms} ms`);
        timer.cleared = true;
        timer.callback();
        await vi.advanceTimersByTimeAsync(0);
      };
      const { recorder, transport } = setup({ timers, persistence: memoryStorage() });
      transport.fail('server', 1);
      recorder.record(click('a'));
      // Vitest's fake global timers: a recorder that ignored `timers` would have flushed and retried by now.
      await vi.advanceTimersByTimeAsync(60_000);
      expect(transport.attempts).toHaveLength(0);
      expect(scheduled.map((timer) => timer.ms).sort()).toEqual([1000, 200]);

      await fire(1000);
      expect(transport.attempts).toHaveLength(1);
      // The first retry waits half to all of baseDelay (500 ms): 375 ms with random() = 0.5.
      await fire(375);
      expect(transport.attempts).toHaveLength(2);
      expect(transport.events().map((event) => event.itemId)).toEqual(['a']);
    });
  });

  describe('mount', () => {
    it('attaches page listeners on the first mount and detaches on the last; disposers are idempotent', () => {
      const listen = vi.fn();
      const dispose = vi.fn();
      listen.mockReturnValue(dispose);
      const { recorder } = setup({ lifecycle: { listen, isOnline: () => true } });
      const a = recorder.mount();
      const b = recorder.mount();
      expect(listen).toHaveBeenCalledTimes(1);
      a();
      a();
      expect(dispose).not.toHaveBeenCalled();
      b();
      expect(dispose).toHaveBeenCalledTimes(1);
    });

    it('sends every request with keepalive in a page, the rest of the queue when the page is hidden', async () => {
      let hide = () => {};
      const { recorder, transport } = setup({
        lifecycle: {
          listen: (handlers) => {
            hide = handlers.onHide;
            return () => {};
          },
          isOnline: () => true,
        },
      });
      recorder.mount();
      for (let i = 0; i < 13; i++) recorder.record(click(`i${i}`));
      await vi.advanceTimersByTimeAsync(0);
      hide();
      await vi.advanceTimersByTimeAsync(0);
      expect(transport.attempts.map((attempt) => [attempt.batch.eventList.length, attempt.context.keepalive])).toEqual([
        [10, true],
        [3, true],
      ]);
    });

    it('asks the transport to get ready once, on the first mount, and survives a prepare() that throws', () => {
      const { transport } = setup();
      const prepare = vi.fn(() => {
        throw new Error('not ready');
      });
      const recorder = createRecorder({ transport: { send: transport.send, prepare }, persistence: false });
      expect(prepare).not.toHaveBeenCalled();
      const unmount = recorder.mount();
      recorder.mount();
      unmount();
      recorder.mount();
      expect(prepare).toHaveBeenCalledTimes(1);
    });
  });

  describe('requestTimeout', () => {
    /** A transport that ignores its signal and never settles, as a hung request whose fetch has no deadline. */
    const hangingTransport = () => {
      const memory = createMemoryTransport();
      const signals: AbortSignal[] = [];
      let hang = true;
      return {
        memory,
        signals,
        recover: () => {
          hang = false;
        },
        transport: {
          send(batch: EventBatch, context: SendContext) {
            signals.push(context.signal);
            return hang ? new Promise<void>(() => {}) : memory.send(batch, context);
          },
        },
      };
    };

    it('passes an AbortSignal with every send and aborts it at the deadline', async () => {
      const contexts: SendContext[] = [];
      const recorder = createRecorder({
        transport: {
          send: (_batch, context) => {
            contexts.push(context);
            return new Promise<void>(() => {});
          },
        },
        persistence: false,
        lifecycle: false,
        requestTimeout: 5_000,
      });
      recorder.record(click('a'));
      await vi.advanceTimersByTimeAsync(1_000);
      expect(contexts).toHaveLength(1);
      expect(contexts[0].signal).toBeInstanceOf(AbortSignal);
      await vi.advanceTimersByTimeAsync(4_999);
      expect(contexts[0].signal.aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(contexts[0].signal.aborted).toBe(true);
      expect(String(contexts[0].signal.reason)).toBe('TransportError: requestTimeout (5000 ms) passed; aborted');
    });

    it('retries with the same eventIds a send that never settles and ignores its signal, and loses nothing', async () => {
      const hanging = hangingTransport();
      const retried: RecorderError[] = [];
      const recorder = createRecorder({
        transport: hanging.transport,
        persistence: false,
        lifecycle: false,
        random: () => 0.5,
        requestTimeout: 10_000,
        retry: { baseDelay: 500, maxAttempts: Infinity },
      });
      recorder.subscribe((activity) => {
        if (activity.type === 'retried') retried.push(activity.error);
      });
      const ids = Array.from({ length: 45 }, (_, i) => {
        const result = recorder.record(click(`i${i}`));
        return result.ok ? result.eventId : '';
      });
      // Four requests hang: without a deadline nothing more would ever be sent.
      await vi.advanceTimersByTimeAsync(1_000);
      expect(hanging.signals).toHaveLength(4);
      expect(recorder.getSnapshot()).toMatchObject({ inFlight: 40, queued: 5 });
      await vi.advanceTimersByTimeAsync(9_000);
      expect(recorder.getSnapshot()).toMatchObject({ inFlight: 0, queued: 45 });
      expect(retried[0]).toMatchObject({ code: 'send-failed', retryable: true });
      expect(retried[0].cause).toMatchObject({ name: 'TransportError', retryable: true });
      hanging.recover();
      await recorder.flush();
      expect(
        hanging.memory
          .events()
          .map((event) => event.eventId)
          .sort(),
      ).toEqual([...ids].sort());
      expect(recorder.getSnapshot()).toMatchObject({ sent: 45, failed: 0, inFlight: 0, queued: 0 });
    });

    it('ignores the late answer of a request it gave up on: its events are counted once', async () => {
      let answer: (() => void) | undefined;
      const memory = createMemoryTransport();
      const recorder = createRecorder({
        transport: {
          send(batch, context) {
            if (!answer) return new Promise<void>((resolve) => (answer = resolve));
            return memory.send(batch, context);
          },
        },
        persistence: false,
        lifecycle: false,
        random: () => 0.5,
        requestTimeout: 1_000,
      });
      recorder.record(click('a'));
      await vi.advanceTimersByTimeAsync(2_000);
      await recorder.flush();
      answer?.();
      await vi.advanceTimersByTimeAsync(0);
      expect(recorder.getSnapshot()).toMatchObject({ sent: 1, inFlight: 0, queued: 0 });
      expect(memory.events()).toHaveLength(1);
    });

    it('never gives up waiting with requestTimeout: Infinity', async () => {
      const hanging = hangingTransport();
      const recorder = createRecorder({ transport: hanging.transport, persistence: false, requestTimeout: Infinity });
      recorder.record(click('a'));
      await vi.advanceTimersByTimeAsync(24 * 60 * 60_000);
      expect(hanging.signals).toHaveLength(1);
      expect(hanging.signals[0].aborted).toBe(false);
      expect(recorder.getSnapshot().inFlight).toBe(1);
    });

    it('gives up after 10 seconds by default', async () => {
      const hanging = hangingTransport();
      const recorder = createRecorder({ transport: hanging.transport, persistence: false, lifecycle: false });
      recorder.record(click('a'));
      await vi.advanceTimersByTimeAsync(1_000 + 9_999);
      expect(hanging.signals[0].aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(hanging.signals[0].aborted).toBe(true);
    });
  });

  describe('queue-full', () => {
    it('reports a burst of drops once, with the count and every eventId', async () => {
      const { recorder, transport, errors } = setup({ maxQueueSize: 10, batchSize: 10, flushInterval: 60_000 });
      transport.hold();
      const ids: string[] = [];
      // Four full batches in flight (40 events), 10 queued; the other 80 are dropped, one at a time.
      for (let i = 0; i < 130; i++) {
        const result = recorder.record(click(`i${i}`));
        if (result.ok) ids.push(result.eventId);
        await vi.advanceTimersByTimeAsync(5);
      }
      await vi.advanceTimersByTimeAsync(1_000);
      const full = errors.filter((error) => error.code === 'queue-full');
      expect(full.length).toBeLessThanOrEqual(2);
      expect(full.flatMap((error) => error.eventIds)).toEqual(ids.slice(40, 120));
      expect(full[0].message).toMatch(/^\d+ dropped: over maxQueueSize \(10\)$/);
      expect(recorder.getSnapshot().failed).toBe(80);
    });

    it('reports the drops of a burst at once when the page is hidden', async () => {
      let hide = () => {};
      const { recorder, transport, errors } = setup({
        maxQueueSize: 1,
        batchSize: 1,
        lifecycle: {
          listen: (handlers) => {
            hide = handlers.onHide;
            return () => {};
          },
          isOnline: () => false,
        },
      });
      recorder.mount();
      transport.hold();
      for (const id of ['a', 'b', 'c']) recorder.record(click(id));
      expect(errors).toEqual([]);
      hide();
      expect(errors.map((error) => [error.code, error.eventIds.length])).toEqual([['queue-full', 2]]);
    });
  });
});

describe('createRecorder without consent', () => {
  it("stores nothing, not even the tab's session, when the user changes or signs out", () => {
    const tabStorage = memoryStorage();
    const recorder = createRecorder({
      transport: createMemoryTransport(),
      enabled: false,
      userId: 'u1',
      sessionStorage: tabStorage,
      persistence: false,
      lifecycle: false,
    });
    recorder.identify('u2');
    recorder.identify(undefined);
    expect(recorder.getSnapshot().sessionId).toEqual(expect.any(String));
    expect(tabStorage.getItem('react-personalize:session')).toBeNull();
  });

  it("stores the tab's session at once when consent returns, so a reload goes on with it", () => {
    const tabStorage = memoryStorage();
    const options = {
      transport: createMemoryTransport(),
      sessionStorage: tabStorage,
      persistence: false,
      lifecycle: false,
    } as const;
    const recorder = createRecorder({ ...options, userId: 'u1' });
    recorder.record(click('a'));
    recorder.setEnabled(false);
    recorder.identify('u2');
    const stored = () => JSON.parse(tabStorage.getItem('react-personalize:session') as string);
    // Consent withdrawn: the stored session is still the one of u1.
    expect(stored()).toMatchObject({ userId: 'u1' });
    const { sessionId } = recorder.getSnapshot();
    recorder.setEnabled(true);
    expect(stored()).toMatchObject({ id: sessionId, userId: 'u2' });
    // The next page of the tab, before this one records anything more.
    const next = createRecorder({ ...options, userId: 'u2' });
    expect(next.getSnapshot().sessionId).toBe(sessionId);
  });
});
