import type {
  EventBatch,
  LockManagerLike,
  PageLifecycle,
  RecorderActivity,
  RecorderError,
  RecorderOptions,
  SendContext,
  StorageLike,
} from '../../src/core/types';
import { createMemoryStorage } from '../../src/test-utils/createMemoryStorage';
import { createMemoryTransport } from '../../src/test-utils/createMemoryTransport';

// Each "page" imports the recorder afresh, as a new page of the browser would: recorders alive in one page never
// take over each other's queue, so pages of a test must not share module state.
async function newPage() {
  vi.resetModules();
  return (await import('../../src/core/createRecorder')).createRecorder;
}

const memoryStorage = createMemoryStorage;

function fakeLifecycle() {
  let handlers: Parameters<PageLifecycle['listen']>[0] | undefined;
  let onLine = true;
  const lifecycle: PageLifecycle = {
    listen(next) {
      handlers = next;
      return () => {
        handlers = undefined;
      };
    },
    isOnline: () => onLine,
  };
  return {
    lifecycle,
    hide: () => handlers?.onHide(),
    show: () => handlers?.onShow?.(),
    leave: () => handlers?.onLeave?.(),
    offline: () => {
      onLine = false;
    },
    online: () => {
      onLine = true;
      handlers?.onOnline();
    },
  };
}

/** Stored events of every queue in `storage`, by eventId. */
function storedIds(storage: { data: Map<string, string> }): string[] {
  return [...storage.data]
    .filter(([key]) => key.startsWith('react-personalize:queue:'))
    .flatMap(([, raw]) => (JSON.parse(raw) as { events: { event: { eventId: string } }[] }).events)
    .map((item) => item.event.eventId);
}

async function openTab(local: StorageLike, tab: StorageLike, options: Partial<RecorderOptions> = {}) {
  const createRecorder = await newPage();
  const transport = createMemoryTransport();
  const page = fakeLifecycle();
  const errors: RecorderError[] = [];
  const activity: RecorderActivity[] = [];
  const recorder = createRecorder({
    transport,
    persistence: local,
    sessionStorage: tab,
    lifecycle: page.lifecycle,
    random: () => 0.5,
    onError: (error) => errors.push(error),
    ...options,
  });
  recorder.subscribe((entry) => activity.push(entry));
  return { recorder, transport, page, errors, activity };
}

const click = (itemId: string) => ({ eventType: 'click', itemId });

/** Web Locks shared by the tabs of one origin; `crash(tab)` lets go of every lock the tab held, as the browser does. */
function fakeLocks() {
  const held = new Map<string, string>();
  return {
    held,
    forTab(tab: string): LockManagerLike {
      return {
        async request(name, callback) {
          if (held.has(name)) throw new Error('the test never asks for a lock twice');
          held.set(name, tab);
          try {
            return await callback({ name });
          } finally {
            if (held.get(name) === tab) held.delete(name);
          }
        },
        query: async () => ({ held: [...held.keys()].map((name) => ({ name })) }),
      };
    },
    crash(tab: string) {
      for (const [name, owner] of held) if (owner === tab) held.delete(name);
    },
  };
}
const ids = (events: { eventId: string }[]) => events.map((event) => event.eventId);

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-27T12:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createRecorder', () => {
  describe('persistence', () => {
    it('sends what a page left unsent from the next page of the tab, with the same eventIds', async () => {
      const local = memoryStorage();
      const tab = memoryStorage();
      const first = await openTab(local, tab);
      first.recorder.mount();
      first.transport.fail('server');
      const recorded = ['a', 'b', 'c'].map((item) => first.recorder.record(click(item)));
      await vi.advanceTimersByTimeAsync(1_000);
      // The page goes away: its last requests never come back, and it runs nothing more.
      first.transport.hold();
      first.page.hide();
      first.page.offline();
      const eventIds = recorded.map((result) => (result.ok ? result.eventId : ''));
      expect(storedIds(local)).toEqual(eventIds);

      const second = await openTab(local, tab);
      expect(second.recorder.getSnapshot().queued).toBe(3);
      await second.recorder.flush();
      expect(ids(second.transport.events())).toEqual(eventIds);
      await vi.advanceTimersByTimeAsync(200);
      expect(storedIds(local)).toEqual([]);
    });

    it('keeps events in storage while their request is in flight and removes them once acknowledged', async () => {
      const local = memoryStorage();
      const { recorder, transport } = await openTab(local, memoryStorage());
      transport.hold();
      const result = recorder.record(click('a'));
      const flushed = recorder.flush();
      await vi.advanceTimersByTimeAsync(0);
      expect(recorder.getSnapshot().inFlight).toBe(1);
      expect(storedIds(local)).toEqual([result.ok && result.eventId]);
      transport.release();
      await flushed;
      await vi.advanceTimersByTimeAsync(1_000);
      expect(storedIds(local)).toEqual([]);
      expect(local.data.size).toBe(0);

      const next = await openTab(local, memoryStorage());
      expect(next.recorder.getSnapshot().queued).toBe(0);
    });

    it('never breaks recording when every storage call throws, and reports it once', async () => {
      const boom = () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      };
      const broken: StorageLike = { getItem: boom, setItem: boom, removeItem: boom, length: 1, key: boom };
      const { recorder, transport, errors, page } = await openTab(broken, broken);
      recorder.mount();
      for (let i = 0; i < 5; i++) {
        expect(recorder.record(click(`i${i}`)).ok).toBe(true);
        await vi.advanceTimersByTimeAsync(300);
      }
      page.hide();
      await recorder.flush();
      expect(transport.events()).toHaveLength(5);
      expect(errors.map((error) => [error.code, error.message])).toEqual([
        ['storage', 'persistence: storage full or blocked; events kept in memory'],
      ]);
    });

    it('reports once as storage a localStorage that throws on access, and records in memory', async () => {
      const denied = new DOMException('The operation is insecure.', 'SecurityError');
      const spy = vi.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
        throw denied;
      });
      try {
        const createRecorder = await newPage();
        const transport = createMemoryTransport();
        const errors: RecorderError[] = [];
        const recorder = createRecorder({ transport, sessionStorage: false, onError: (error) => errors.push(error) });
        recorder.mount();
        for (let i = 0; i < 3; i++) expect(recorder.record(click(`i${i}`)).ok).toBe(true);
        await recorder.flush();
        await vi.advanceTimersByTimeAsync(120_000);
        expect(transport.events()).toHaveLength(3);
        expect(errors.map((error) => [error.code, error.message, error.cause])).toEqual([
          ['storage', 'persistence: localStorage throws; events kept in memory', denied],
        ]);
      } finally {
        spy.mockRestore();
      }
    });

    it('reports a storage that refuses reads once, however often it is read', async () => {
      const local = memoryStorage();
      local.setItem('react-personalize:queue:other', '{"savedAt":0,"events":[]}');
      local.getItem = () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      };
      const { recorder, transport, errors } = await openTab(local, memoryStorage());
      recorder.mount();
      recorder.record(click('a'));
      await vi.advanceTimersByTimeAsync(10 * 60_000);
      expect(transport.events()).toHaveLength(1);
      expect(errors.map((error) => [error.code, error.message])).toEqual([
        ['storage', 'persistence: read failed; stored events left as they are'],
      ]);
    });

    it('keeps recording when storage is full, and stores what still fits', async () => {
      const local = memoryStorage();
      local.setItem = (key, value) => {
        if (value.length > 400) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        local.data.set(key, value);
      };
      const { recorder, transport, errors } = await openTab(local, memoryStorage());
      transport.fail('server');
      for (let i = 0; i < 6; i++) recorder.record(click(`i${i}`));
      await vi.advanceTimersByTimeAsync(0);
      expect(storedIds(local).length).toBeGreaterThan(0);
      expect(errors.map((error) => error.code)).toEqual(['storage']);
      transport.succeed();
      await recorder.flush();
      expect(transport.events()).toHaveLength(6);
    });

    it('drops, reports and counts stored events that are no longer valid, and sends the valid ones', async () => {
      const local = memoryStorage();
      const tab = memoryStorage();
      const at = Date.now();
      const valid = { event: { eventId: 'ok', eventType: 'click', sentAt: at / 1000 }, sessionId: 's', recordedAt: at };
      const stale = { ...valid, event: { ...valid.event, eventId: 'bad', impression: [] } };
      local.setItem('react-personalize:queue:old', JSON.stringify({ savedAt: at, events: [stale, valid] }));
      tab.setItem('react-personalize:writer', 'old');
      const { recorder, transport, errors } = await openTab(local, tab);
      expect(recorder.getSnapshot()).toMatchObject({ queued: 1, failed: 1 });
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ code: 'storage', eventIds: ['bad'] });
      expect(errors[0].message).toBe('persistence: 1 invalid events dropped: event.impression: 1–25 item IDs (got 0)');
      await recorder.flush();
      expect(transport.batches).toEqual([{ sessionId: 's', eventList: [valid.event] }]);
    });

    it('discards a corrupt stored queue with a report and starts clean', async () => {
      const local = memoryStorage();
      const tab = memoryStorage();
      local.setItem('react-personalize:queue:old', '{"savedAt":1,"events":[{');
      tab.setItem('react-personalize:writer', 'old');
      const { recorder, errors } = await openTab(local, tab);
      expect(recorder.getSnapshot().queued).toBe(0);
      expect(errors.map((error) => error.message)).toEqual([
        'persistence: corrupt "react-personalize:queue:old" discarded',
      ]);
      expect(local.data.size).toBe(0);
    });

    it('drops and reports restored events recorded more than maxEventAge (24 hours) ago', async () => {
      const local = memoryStorage();
      const tab = memoryStorage();
      const now = Date.now();
      const stored = (eventId: string, age: number) => ({
        event: { eventId, eventType: 'click', sentAt: (now - age) / 1000 },
        sessionId: 's',
        recordedAt: now - age,
      });
      const hour = 60 * 60_000;
      local.setItem(
        'react-personalize:queue:old',
        JSON.stringify({ savedAt: now, events: [stored('day-old', 24 * hour + 1), stored('fresh', 23 * hour)] }),
      );
      tab.setItem('react-personalize:writer', 'old');
      const { recorder, transport, errors } = await openTab(local, tab);
      expect(errors.map((error) => [error.code, error.eventIds])).toEqual([['expired', ['day-old']]]);
      await recorder.flush();
      expect(ids(transport.events())).toEqual(['fresh']);
    });

    it('writes storage once per task however many events are recorded, and at most every 200 ms', async () => {
      const local = memoryStorage();
      const writes: string[] = [];
      const setItem = local.setItem;
      local.setItem = (key, value) => {
        writes.push(key);
        setItem(key, value);
      };
      const { recorder, transport } = await openTab(local, memoryStorage(), { flushInterval: 60_000 });
      transport.fail('server');
      for (let i = 0; i < 9; i++) recorder.record(click(`burst${i}`));
      await vi.advanceTimersByTimeAsync(0);
      expect(writes).toHaveLength(1);
      for (let i = 0; i < 20; i++) {
        recorder.record(click(`tick${i}`));
        await vi.advanceTimersByTimeAsync(10);
      }
      // 200 ms of one event every 10 ms: one write when the cooldown ends, not twenty.
      expect(writes).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(200);
      expect(writes).toHaveLength(3);
      expect(storedIds(local)).toHaveLength(29);
    });

    it('removes queued events from storage when consent is withdrawn', async () => {
      const local = memoryStorage();
      const { recorder, transport } = await openTab(local, memoryStorage());
      transport.fail('server');
      recorder.record(click('a'));
      await vi.advanceTimersByTimeAsync(0);
      expect(storedIds(local)).toHaveLength(1);
      recorder.setEnabled(false);
      expect(local.data.size).toBe(0);
    });

    it('removes events of a request in flight from storage when consent is withdrawn: the next page sends nothing', async () => {
      const local = memoryStorage();
      const tab = memoryStorage();
      const first = await openTab(local, tab);
      first.recorder.mount();
      first.transport.hold();
      first.recorder.record(click('a'));
      await vi.advanceTimersByTimeAsync(1_000);
      expect(first.recorder.getSnapshot().inFlight).toBe(1);
      expect(storedIds(local)).toHaveLength(1);
      first.recorder.setEnabled(false);
      expect(storedIds(local)).toEqual([]);
      // The page closes before the request is answered.
      first.page.hide();
      expect(storedIds(local)).toEqual([]);
      const second = await openTab(local, tab);
      await second.recorder.flush();
      expect(second.transport.attempts).toEqual([]);
    });

    it('takes over an orphaned queue once, even when storage is too full to store it again', async () => {
      const local = memoryStorage();
      const at = Date.now();
      const orphan = {
        event: { eventId: 'orphan', eventType: 'click', sentAt: at / 1000 },
        sessionId: 's',
        recordedAt: at,
      };
      local.setItem('react-personalize:queue:crashed', JSON.stringify({ savedAt: at - 10 * 60_000, events: [orphan] }));
      local.setItem = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
      const sent: string[] = [];
      for (let load = 0; load < 3; load++) {
        const { recorder, transport } = await openTab(local, memoryStorage());
        await recorder.flush();
        await vi.advanceTimersByTimeAsync(1_000);
        sent.push(...ids(transport.events()));
      }
      // Sent by the first page: its queue key goes once its events are acknowledged (it could not be moved first).
      expect(sent).toEqual(['orphan']);
      expect(local.data.size).toBe(0);
    });

    it('keeps every queue it could not move while their events are unsent, when several are taken over', async () => {
      const local = memoryStorage();
      const tab = memoryStorage();
      const at = Date.now();
      const stored = (eventId: string, savedAt: number) =>
        JSON.stringify({
          savedAt,
          events: [
            { event: { eventId, eventType: 'click', sentAt: savedAt / 1000 }, sessionId: 's', recordedAt: savedAt },
          ],
        });
      // The previous page of this tab, and a tab that crashed ten minutes ago; storage is full.
      tab.setItem('react-personalize:writer', 'previous');
      local.setItem('react-personalize:queue:previous', stored('mine', at - 1000));
      local.setItem('react-personalize:queue:crashed', stored('theirs', at - 600_000));
      local.setItem = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
      const { recorder, page } = await openTab(local, tab);
      page.offline();
      await vi.advanceTimersByTimeAsync(1000);
      expect(recorder.getSnapshot()).toMatchObject({ queued: 2, sent: 0 });
      // Closed now, still offline: storage must still hold both for the next page.
      expect(storedIds(local).sort()).toEqual(['mine', 'theirs']);
    });

    it('with persistence: false writes nothing to localStorage', async () => {
      window.localStorage.clear();
      const { recorder, transport, page } = await openTab(window.localStorage, memoryStorage(), {
        persistence: false,
      });
      recorder.mount();
      transport.fail('server');
      recorder.record(click('a'));
      await vi.advanceTimersByTimeAsync(1_000);
      page.hide();
      expect(window.localStorage.length).toBe(0);
    });
  });

  describe('page exit', () => {
    it('sends and stores at once an event recorded by an exit listener that runs after its own', async () => {
      const local = memoryStorage();
      const tab = memoryStorage();
      const first = await openTab(local, tab);
      first.recorder.mount();
      first.transport.hold();
      first.recorder.record(click('a'));
      await vi.advanceTimersByTimeAsync(50);
      // pagehide: the recorder's listener runs, then the app's own records a last event in the same task.
      first.page.hide();
      const result = first.recorder.record({ eventType: 'page-exit' });
      const exit = result.ok ? result.eventId : '';
      await Promise.resolve();
      expect(storedIds(local)).toContain(exit);
      // Sent at once (the network is slow: both requests are still in flight).
      expect(first.recorder.getSnapshot()).toMatchObject({ inFlight: 2, queued: 0 });
      first.transport.release();
      await vi.advanceTimersByTimeAsync(0);
      const keepalive = first.transport.attempts.filter((attempt) => attempt.context.keepalive);
      expect(keepalive.flatMap((attempt) => ids(attempt.batch.eventList))).toContain(exit);
      // Once the exit task is over (the page lived on: a tab switch), events wait for their batch again.
      first.recorder.record(click('b'));
      expect(first.recorder.getSnapshot()).toMatchObject({ queued: 1 });
    });

    /** ~1.1 KB per event on the wire: 60 of them are more than the keepalive budget. */
    const big = (i: number) => ({ eventType: 'view', itemId: `item-${i}`, properties: { note: 'é'.repeat(500) } });

    function measuringTransport() {
      const memory = createMemoryTransport();
      const sends: { bytes: number; size: number; keepalive: boolean }[] = [];
      const transport = {
        ...memory,
        send(batch: EventBatch, context: SendContext) {
          const body = JSON.stringify(batch);
          sends.push({
            bytes: new TextEncoder().encode(body).length,
            size: batch.eventList.length,
            keepalive: context.keepalive,
          });
          return memory.send(batch, context);
        },
      };
      return { memory, transport, sends };
    }

    it('sends with keepalive what fits in the 60 KB budget, in smaller batches if need be, and keeps the rest', async () => {
      const local = memoryStorage();
      const { memory, transport, sends } = measuringTransport();
      const { recorder, page } = await openTab(local, memoryStorage(), { transport, flushInterval: 60_000 });
      recorder.mount();
      memory.hold();
      // Four full batches go at once, with keepalive (and stay in flight); the other 80 events wait in the queue.
      for (let i = 0; i < 120; i++) recorder.record(big(i));
      await vi.advanceTimersByTimeAsync(0);
      expect(sends.map((send) => send.keepalive)).toEqual([true, true, true, true]);
      page.hide();
      const exit = sends.slice(4);
      const keepaliveBytes = sends.reduce((sum, send) => sum + send.bytes, 0);
      expect(exit.every((send) => send.keepalive)).toBe(true);
      expect(keepaliveBytes).toBeLessThanOrEqual(60_000);
      // The budget is used: less than one event's size is left over.
      expect(keepaliveBytes).toBeGreaterThan(60_000 - 1_100);
      expect(exit.some((send) => send.size < 10)).toBe(true);
      // Everything not acknowledged is stored at once, in flight or not.
      expect(storedIds(local)).toHaveLength(120);
      expect(recorder.getSnapshot().queued).toBeGreaterThan(0);

      for (let round = 0; round < 5; round++) {
        memory.release();
        await vi.advanceTimersByTimeAsync(1_000);
      }
      expect(new Set(ids(memory.events())).size).toBe(120);
      expect(recorder.getSnapshot()).toMatchObject({ sent: 120, queued: 0, inFlight: 0 });
      expect(storedIds(local)).toEqual([]);
    });

    it('sends no copy of a request in flight at page exit: it went with keepalive and outlives the page', async () => {
      const { memory, transport, sends } = measuringTransport();
      const { recorder, page } = await openTab(memoryStorage(), memoryStorage(), { transport });
      recorder.mount();
      memory.hold();
      for (let i = 0; i < 10; i++) recorder.record(click(`i${i}`));
      await vi.advanceTimersByTimeAsync(0);
      page.hide();
      page.hide();
      expect(sends.map((send) => [send.size, send.keepalive])).toEqual([[10, true]]);
      memory.release();
      await recorder.flush();
      expect(recorder.getSnapshot()).toMatchObject({ sent: 10, inFlight: 0, queued: 0 });
    });

    it('sends a request without keepalive once requests in flight spend the budget, and never copies it at exit', async () => {
      const local = memoryStorage();
      const { memory, transport, sends } = measuringTransport();
      const { recorder, page } = await openTab(local, memoryStorage(), { transport, flushInterval: 60_000 });
      recorder.mount();
      memory.hold();
      // ~1.9 KB per event, ~19 KB per batch: three batches fit in the budget, the fourth does not.
      const huge = (i: number) => ({ eventType: 'view', itemId: `item-${i}`, properties: { note: 'é'.repeat(900) } });
      for (let i = 0; i < 40; i++) recorder.record(huge(i));
      await vi.advanceTimersByTimeAsync(0);
      expect(sends.map((send) => send.keepalive)).toEqual([true, true, true, false]);
      page.hide();
      // Nothing more: the plain request's events stay stored, for the next page to send.
      expect(sends).toHaveLength(4);
      expect(storedIds(local)).toHaveLength(40);
      memory.release();
      await recorder.flush();
      expect(recorder.getSnapshot()).toMatchObject({ sent: 40, inFlight: 0, queued: 0 });
    });

    it('never resends in the page a request failed as the page unloads: the next page sends it, once', async () => {
      const local = memoryStorage();
      const tab = memoryStorage();
      const failures: ((error: Error) => void)[] = [];
      const sent: string[][] = [];
      const transport = {
        send: (batch: EventBatch) => {
          sent.push(ids(batch.eventList));
          return new Promise<void>((_, reject) => failures.push(reject));
        },
      };
      const first = await openTab(local, tab, { transport });
      first.recorder.mount();
      for (let i = 0; i < 10; i++) first.recorder.record(click(`i${i}`));
      await vi.advanceTimersByTimeAsync(0);
      expect(sent).toHaveLength(1);
      // Chromium fails the page's fetches as it starts to unload, keepalive ones too (though those go on to the
      // server), and then, in the same task, fires pagehide and visibilitychange.
      for (const reject of failures) reject(new TypeError('Failed to fetch'));
      for (let tick = 0; tick < 20; tick++) await Promise.resolve();
      first.page.hide();
      first.page.leave();
      first.page.hide();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(sent).toHaveLength(1);
      expect(storedIds(local)).toEqual(sent[0]);
      const second = await openTab(local, tab);
      await second.recorder.flush();
      expect(ids(second.transport.events())).toEqual(sent[0]);
    });

    it('counts keepalive requests still in flight against the budget of the next exit', async () => {
      const { memory, transport, sends } = measuringTransport();
      const { recorder, page } = await openTab(memoryStorage(), memoryStorage(), { transport, flushInterval: 60_000 });
      recorder.mount();
      memory.hold();
      for (let i = 0; i < 30; i++) recorder.record(big(i));
      page.hide();
      for (let i = 30; i < 90; i++) recorder.record(big(i));
      page.hide();
      const keepaliveBytes = sends.filter((send) => send.keepalive).reduce((sum, send) => sum + send.bytes, 0);
      expect(keepaliveBytes).toBeLessThanOrEqual(60_000);
      memory.release();
    });

    it('sends nothing with keepalive while offline, and still stores everything', async () => {
      const local = memoryStorage();
      const { recorder, transport, page } = await openTab(local, memoryStorage());
      recorder.mount();
      page.offline();
      recorder.record(click('a'));
      page.hide();
      expect(storedIds(local)).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(5_000);
      expect(transport.attempts).toHaveLength(0);
    });

    it('stores its queue again and names itself to the tab when it returns from the back/forward cache', async () => {
      const local = memoryStorage();
      const tab = memoryStorage();
      const first = await openTab(local, tab);
      first.recorder.mount();
      first.page.offline();
      const result = first.recorder.record(click('a'));
      first.page.hide();
      const firstWriter = tab.data.get('react-personalize:writer');
      // The next page of the tab takes the queue over; then the user goes back to the first page.
      const second = await openTab(local, tab);
      second.page.offline();
      expect(second.recorder.getSnapshot().queued).toBe(1);
      expect(local.data.has(`react-personalize:queue:${firstWriter}`)).toBe(false);
      first.page.show();
      expect(tab.data.get('react-personalize:writer')).toBe(firstWriter);
      expect(JSON.parse(local.data.get(`react-personalize:queue:${firstWriter}`) ?? '{}').events).toHaveLength(1);
      first.page.online();
      await first.recorder.flush();
      expect(ids(first.transport.events())).toEqual([result.ok && result.eventId]);
    });
  });

  describe('offline', () => {
    it('attempts nothing while offline and sends everything once back online', async () => {
      const { recorder, transport, page } = await openTab(memoryStorage(), memoryStorage());
      recorder.mount();
      page.offline();
      for (let i = 0; i < 25; i++) recorder.record(click(`i${i}`));
      await recorder.flush();
      await vi.advanceTimersByTimeAsync(10 * 60_000);
      expect(transport.attempts).toHaveLength(0);
      expect(recorder.getSnapshot().queued).toBe(25);
      page.online();
      await recorder.flush();
      expect(transport.events()).toHaveLength(25);
    });

    it('does not retry a send that failed because the network went away until it is back', async () => {
      const { recorder, transport, page, activity } = await openTab(memoryStorage(), memoryStorage());
      recorder.mount();
      transport.fail('network', 1);
      recorder.record(click('a'));
      const flushed = recorder.flush();
      page.offline();
      await flushed;
      await vi.advanceTimersByTimeAsync(10 * 60_000);
      expect(transport.attempts).toHaveLength(1);
      // No backoff was even scheduled: the failure is the network's absence, not a reason to count attempts.
      expect(activity.filter((entry) => entry.type === 'retried')).toEqual([]);
      page.online();
      await recorder.flush();
      expect(transport.events()).toHaveLength(1);
    });

    it('resumes at once when the network returns instead of waiting out the backoff', async () => {
      const { recorder, transport, page } = await openTab(memoryStorage(), memoryStorage(), {
        retry: { baseDelay: 60_000 },
      });
      recorder.mount();
      transport.fail('network', 1);
      recorder.record(click('a'));
      await vi.advanceTimersByTimeAsync(1_000);
      expect(transport.attempts).toHaveLength(1);
      page.online();
      await vi.advanceTimersByTimeAsync(0);
      expect(transport.events()).toHaveLength(1);
    });
  });

  describe('several tabs', () => {
    it('sends each event from the tab that recorded it, never from another live tab', async () => {
      const local = memoryStorage();
      const a = await openTab(local, memoryStorage());
      const b = await openTab(local, memoryStorage());
      a.recorder.mount();
      b.recorder.mount();
      a.transport.fail('server');
      b.transport.fail('server');
      for (let i = 0; i < 10; i++) {
        a.recorder.record(click(`a${i}`));
        b.recorder.record(click(`b${i}`));
        await vi.advanceTimersByTimeAsync(1_000);
      }
      // Retries run out after a minute or two; then the tabs sit idle, alive, with their events stored.
      await vi.advanceTimersByTimeAsync(30 * 60_000);
      a.transport.succeed();
      b.transport.succeed();
      await Promise.all([a.recorder.flush(), b.recorder.flush()]);
      await vi.advanceTimersByTimeAsync(200);
      expect(a.transport.events().map((event) => event.itemId)).toEqual(Array.from({ length: 10 }, (_, i) => `a${i}`));
      expect(b.transport.events().map((event) => event.itemId)).toEqual(Array.from({ length: 10 }, (_, i) => `b${i}`));
      expect(storedIds(local)).toEqual([]);
    });

    it('a live tab picks up the queue of a tab that crashed, within six minutes', async () => {
      const local = memoryStorage();
      const crashing = await openTab(local, memoryStorage());
      const live = await openTab(local, memoryStorage());
      live.recorder.mount();
      const unmount = crashing.recorder.mount();
      crashing.page.offline();
      const result = crashing.recorder.record(click('orphan'));
      await vi.advanceTimersByTimeAsync(0);
      // The crash: no pagehide, no more timers, nothing more written.
      unmount();
      await vi.advanceTimersByTimeAsync(4 * 60_000);
      expect(live.transport.attempts).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(2 * 60_000 + 1_000);
      expect(ids(live.transport.events())).toEqual([result.ok && result.eventId]);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(storedIds(local)).toEqual([]);
    });

    it('with Web Locks, a live tab delivers the queue of a tab that crashed within 15 seconds', async () => {
      const local = memoryStorage();
      const locks = fakeLocks();
      const crashing = await openTab(local, memoryStorage(), { locks: locks.forTab('crashing') });
      const live = await openTab(local, memoryStorage(), { locks: locks.forTab('live') });
      live.recorder.mount();
      const unmount = crashing.recorder.mount();
      crashing.page.offline();
      const result = crashing.recorder.record(click('orphan'));
      await vi.advanceTimersByTimeAsync(1_000);
      expect(local.data.get([...local.data.keys()].find((key) => key.includes(':queue:')) ?? '')).toContain(
        '"locked":true',
      );
      // Alive: its lock is held, so its queue is left alone however long it waits.
      await vi.advanceTimersByTimeAsync(30_000);
      expect(live.transport.attempts).toHaveLength(0);
      // The crash: no pagehide, no more timers, and the browser lets go of the tab's lock.
      unmount();
      locks.crash('crashing');
      await vi.advanceTimersByTimeAsync(15_000);
      expect(ids(live.transport.events())).toEqual([result.ok && result.eventId]);
      expect(storedIds(local)).toEqual([]);
    });

    it('with Web Locks, leaves alone the queue of a page being reloaded: its next page takes it over', async () => {
      const local = memoryStorage();
      const tab = memoryStorage();
      const locks = fakeLocks();
      const other = await openTab(local, memoryStorage(), { locks: locks.forTab('other') });
      other.recorder.mount();
      const first = await openTab(local, tab, { locks: locks.forTab('reloading') });
      first.recorder.mount();
      first.page.offline();
      first.recorder.record(click('a'));
      await vi.advanceTimersByTimeAsync(1_000);
      // The reload: the page leaves (its lock goes), and the next page of the tab comes 3 seconds later.
      first.page.hide();
      first.page.leave();
      await vi.advanceTimersByTimeAsync(3_000);
      const second = await openTab(local, tab, { locks: locks.forTab('reloaded') });
      expect(second.recorder.getSnapshot().queued).toBe(1);
      await vi.advanceTimersByTimeAsync(20_000);
      expect(other.transport.attempts).toHaveLength(0);
      expect(ids(second.transport.events())).toHaveLength(1);
    });

    it('the next page of the tab takes over at once what every recorder of the page left', async () => {
      const local = memoryStorage();
      const tab = memoryStorage();
      const first = await openTab(local, tab);
      // A second recorder in the same page (same module state), e.g. one per micro-frontend.
      const createRecorder = (await import('../../src/core/createRecorder')).createRecorder;
      const other = createRecorder({ transport: createMemoryTransport(), persistence: local, sessionStorage: tab });
      first.recorder.mount();
      first.page.offline();
      first.recorder.record(click('a'));
      other.record(click('b'));
      await vi.advanceTimersByTimeAsync(0);
      first.page.hide();
      expect(storedIds(local)).toHaveLength(2);
      const second = await openTab(local, tab);
      expect(second.recorder.getSnapshot().queued).toBe(2);
    });

    it('the next page load picks up the queue of a tab that crashed', async () => {
      const local = memoryStorage();
      const crashing = await openTab(local, memoryStorage());
      crashing.page.offline();
      const result = crashing.recorder.record(click('orphan'));
      await vi.advanceTimersByTimeAsync(5 * 60_000 + 1);
      const next = await openTab(local, memoryStorage());
      await next.recorder.flush();
      expect(ids(next.transport.events())).toEqual([result.ok && result.eventId]);
    });
  });
});
