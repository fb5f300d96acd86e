import { createAttribution } from '../../src/core/createAttribution';
import { createRecorder } from '../../src/core/createRecorder';
import type { RecorderOptions } from '../../src/core/types';
import { createMemoryStorage } from '../../src/test-utils/createMemoryStorage';
import { createMemoryTransport } from '../../src/test-utils/createMemoryTransport';

const memoryStorage = createMemoryStorage;

const HOUR = 60 * 60 * 1000;

function page(options: Partial<RecorderOptions> = {}) {
  const transport = createMemoryTransport();
  const recorder = createRecorder({
    transport,
    persistence: false,
    sessionStorage: false,
    lifecycle: false,
    attribution: createAttribution({ eventTypes: ['purchase'] }),
    ...options,
  });
  return { transport, recorder };
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-27T12:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createRecorder', () => {
  describe('attribution', () => {
    it('gives a purchase on another page the recommendationId of the list the item was clicked in', async () => {
      const storage = memoryStorage();
      const home = page({ persistence: storage });
      home.recorder.record({
        eventType: 'click',
        itemId: 'sku-1',
        recommendationId: 'rec-home',
        impression: ['sku-1'],
      });
      await home.recorder.flush();
      await home.recorder.close();

      vi.advanceTimersByTime(10 * 60 * 1000);
      const checkout = page({ persistence: storage });
      checkout.recorder.record({ eventType: 'purchase', itemId: 'sku-1', eventValue: 49.9 });
      await checkout.recorder.flush();

      const [purchase] = checkout.transport.events();
      expect(purchase).toMatchObject({ eventType: 'purchase', itemId: 'sku-1', recommendationId: 'rec-home' });
      expect(purchase.impression).toBeUndefined();
    });

    it('is off without the option', async () => {
      const { recorder, transport } = page({ attribution: undefined });
      recorder.record({ eventType: 'click', itemId: 'sku-1', recommendationId: 'rec-home' });
      recorder.record({ eventType: 'purchase', itemId: 'sku-1' });
      await recorder.flush();
      expect(transport.events()[1].recommendationId).toBeUndefined();
    });

    it('is not applied to event types left out of eventTypes', async () => {
      const { recorder, transport } = page();
      recorder.record({ eventType: 'click', itemId: 'sku-1', recommendationId: 'rec-home' });
      recorder.record({ eventType: 'add-to-cart', itemId: 'sku-1' });
      recorder.record({ eventType: 'click', itemId: 'sku-1' });
      await recorder.flush();
      expect(transport.events().map((event) => event.recommendationId)).toEqual(['rec-home', undefined, undefined]);
    });

    it("keeps the caller's own recommendationId", async () => {
      const { recorder, transport } = page();
      recorder.record({ eventType: 'click', itemId: 'sku-1', recommendationId: 'rec-home' });
      recorder.record({ eventType: 'purchase', itemId: 'sku-1', recommendationId: 'rec-cart' });
      await recorder.flush();
      expect(transport.events()[1].recommendationId).toBe('rec-cart');
    });

    it('stops crediting the list after maxAge', async () => {
      const { recorder, transport } = page({
        attribution: createAttribution({ eventTypes: ['purchase'], maxAge: HOUR }),
      });
      recorder.record({ eventType: 'click', itemId: 'sku-1', recommendationId: 'rec-home' });
      await vi.advanceTimersByTimeAsync(HOUR - 1000);
      recorder.record({ eventType: 'purchase', itemId: 'sku-1' });
      await vi.advanceTimersByTimeAsync(1000);
      recorder.record({ eventType: 'purchase', itemId: 'sku-1' });
      await recorder.flush();
      expect(transport.events().map((event) => event.recommendationId)).toEqual(['rec-home', 'rec-home', undefined]);
    });

    it('remembers at most maxItems items', async () => {
      const storage = memoryStorage();
      const { recorder, transport } = page({
        persistence: storage,
        attribution: createAttribution({ eventTypes: ['purchase'], maxItems: 2 }),
      });
      for (const itemId of ['a', 'b', 'c']) {
        recorder.record({ eventType: 'click', itemId, recommendationId: `rec-${itemId}` });
        vi.advanceTimersByTime(1);
      }
      await recorder.flush();
      transport.clear();
      for (const itemId of ['a', 'b', 'c']) recorder.record({ eventType: 'purchase', itemId });
      await recorder.flush();
      expect(transport.events().map((event) => event.recommendationId)).toEqual([undefined, 'rec-b', 'rec-c']);
      expect(JSON.parse(storage.data.get('react-personalize:attribution') ?? '{}').entries).toHaveLength(2);
    });

    it('remembers nothing from an event rejected as invalid', async () => {
      const { recorder, transport } = page();
      const rejected = recorder.record({
        eventType: 'click',
        itemId: 'sku-1',
        recommendationId: 'rec-home',
        eventValue: Number.NaN,
      });
      expect(rejected.ok).toBe(false);
      recorder.record({ eventType: 'purchase', itemId: 'sku-1' });
      await recorder.flush();
      expect(transport.events()[0].recommendationId).toBeUndefined();
    });

    it('does not give a signed-in user’s list to the next user', async () => {
      const { recorder, transport } = page({ userId: 'alice' });
      recorder.record({ eventType: 'click', itemId: 'sku-1', recommendationId: 'rec-alice' });
      recorder.identify('bob');
      recorder.record({ eventType: 'purchase', itemId: 'sku-1' });
      await recorder.flush();
      expect(transport.events()[1].recommendationId).toBeUndefined();
    });

    it('gives an anonymous pair to the user who signs in, and to nobody after that user signs out', async () => {
      const { recorder, transport } = page();
      recorder.record({ eventType: 'click', itemId: 'sku-1', recommendationId: 'rec-home' });
      recorder.identify('alice');
      recorder.record({ eventType: 'purchase', itemId: 'sku-1' });
      recorder.identify(undefined);
      recorder.identify('bob');
      recorder.record({ eventType: 'purchase', itemId: 'sku-1' });
      await recorder.flush();
      // The click, alice's purchase (credited), bob's purchase (not).
      expect(transport.events().map((event) => event.recommendationId)).toEqual(['rec-home', 'rec-home', undefined]);
    });

    it('an anonymous pair from the previous page joins the user a page starts signed in with', async () => {
      const storage = memoryStorage();
      page({ persistence: storage }).recorder.record({ eventType: 'click', itemId: 'sku-1', recommendationId: 'r' });
      // Alice signs in (a full page load), then signs out; bob signs in.
      page({ persistence: storage, userId: 'alice' });
      const { recorder, transport } = page({ persistence: storage, userId: 'bob' });
      recorder.record({ eventType: 'purchase', itemId: 'sku-1' });
      await recorder.flush();
      expect(transport.events()[0].recommendationId).toBeUndefined();
    });

    it('forgets every pair, in storage too, when consent is withdrawn', async () => {
      const storage = memoryStorage();
      const { recorder, transport } = page({ persistence: storage });
      recorder.record({ eventType: 'click', itemId: 'sku-1', recommendationId: 'rec-home' });
      await recorder.flush();
      recorder.setEnabled(false);
      expect(storage.data.has('react-personalize:attribution')).toBe(false);
      recorder.setEnabled(true);
      recorder.record({ eventType: 'purchase', itemId: 'sku-1' });
      await recorder.flush();
      expect(transport.events()[1].recommendationId).toBeUndefined();
    });
  });
});
