import { createAttribution } from '../../src/core/createAttribution';
import type { AttributionContext, AttributionOptions, StorageLike } from '../../src/core/types';
import { createMemoryStorage } from '../../src/test-utils/createMemoryStorage';

const memoryStorage = createMemoryStorage;

const HOUR = 60 * 60 * 1000;
const KEY = 'react-personalize:attribution';

/** Connects an attribution the way createRecorder does, with the given clock and error handler. */
function connect({ now, onError, ...options }: AttributionOptions & AttributionContext) {
  return createAttribution(options).connect({ now, onError });
}

describe('createAttribution', () => {
  it('fills the remembered recommendationId on an opted-in event for the same item', () => {
    const attribution = connect({ eventTypes: ['purchase'], now: () => 1000 });
    attribution.remember({ eventType: 'click', itemId: 'sku-1', recommendationId: 'rec-A' }, undefined);
    expect(attribution.apply({ eventType: 'purchase', itemId: 'sku-1', eventValue: 20 }, undefined)).toEqual({
      eventType: 'purchase',
      itemId: 'sku-1',
      eventValue: 20,
      recommendationId: 'rec-A',
    });
  });

  it('leaves other event types, other items and events without an item alone', () => {
    const attribution = connect({ eventTypes: ['purchase'], now: () => 1000 });
    attribution.remember({ eventType: 'click', itemId: 'sku-1', recommendationId: 'rec-A' }, undefined);
    const addToCart = { eventType: 'add-to-cart', itemId: 'sku-1' };
    const otherItem = { eventType: 'purchase', itemId: 'sku-2' };
    const noItem = { eventType: 'purchase' };
    expect(attribution.apply(addToCart, undefined)).toBe(addToCart);
    expect(attribution.apply(otherItem, undefined)).toBe(otherItem);
    expect(attribution.apply(noItem, undefined)).toBe(noItem);
  });

  it("never overrides the caller's own recommendationId", () => {
    const attribution = connect({ eventTypes: ['purchase'], now: () => 1000 });
    attribution.remember({ eventType: 'click', itemId: 'sku-1', recommendationId: 'rec-A' }, undefined);
    const own = { eventType: 'purchase', itemId: 'sku-1', recommendationId: 'rec-mine' };
    expect(attribution.apply(own, undefined)).toBe(own);
  });

  it('credits the newest list the item was interacted with', () => {
    let now = 1000;
    const attribution = connect({ eventTypes: ['purchase'], now: () => now });
    attribution.remember({ eventType: 'click', itemId: 'sku-1', recommendationId: 'rec-A' }, undefined);
    now += 1000;
    attribution.remember({ eventType: 'click', itemId: 'sku-1', recommendationId: 'rec-B' }, undefined);
    expect(attribution.apply({ eventType: 'purchase', itemId: 'sku-1' }, undefined).recommendationId).toBe('rec-B');
  });

  it('forgets a pair after maxAge (default 24 hours)', () => {
    let now = 1_000_000;
    const attribution = connect({ eventTypes: ['purchase'], now: () => now });
    attribution.remember({ eventType: 'click', itemId: 'sku-1', recommendationId: 'rec-A' }, undefined);
    now += 24 * HOUR - 1;
    expect(attribution.apply({ eventType: 'purchase', itemId: 'sku-1' }, undefined).recommendationId).toBe('rec-A');
    now += 1;
    expect(attribution.apply({ eventType: 'purchase', itemId: 'sku-1' }, undefined).recommendationId).toBeUndefined();
  });

  it('honours a custom maxAge', () => {
    let now = 1_000_000;
    const attribution = connect({ eventTypes: ['purchase'], maxAge: HOUR, now: () => now });
    attribution.remember({ eventType: 'click', itemId: 'sku-1', recommendationId: 'rec-A' }, undefined);
    now += HOUR;
    expect(attribution.apply({ eventType: 'purchase', itemId: 'sku-1' }, undefined).recommendationId).toBeUndefined();
  });

  it('keeps at most maxItems items, forgetting the oldest', () => {
    let now = 1000;
    const storage = memoryStorage();
    const attribution = connect({ eventTypes: ['purchase'], maxItems: 3, storage, now: () => now });
    for (const itemId of ['a', 'b', 'c', 'd']) {
      attribution.remember({ eventType: 'click', itemId, recommendationId: `rec-${itemId}` }, undefined);
      now += 1;
    }
    const credited = ['a', 'b', 'c', 'd'].map(
      (itemId) => attribution.apply({ eventType: 'purchase', itemId }, undefined).recommendationId,
    );
    expect(credited).toEqual([undefined, 'rec-b', 'rec-c', 'rec-d']);
    expect(JSON.parse(storage.data.get(KEY) ?? '{}').entries).toHaveLength(3);
  });

  it('uses only the newest maxItems of what storage holds', () => {
    const storage = memoryStorage();
    const entries = ['a', 'b', 'c', 'd'].map((itemId, i) => ({
      itemId,
      recommendationId: `rec-${itemId}`,
      at: 1000 + i,
    }));
    storage.setItem(KEY, JSON.stringify({ entries }));
    const attribution = connect({ eventTypes: ['purchase'], maxItems: 2, storage, now: () => 2000 });
    const credited = ['a', 'b', 'c', 'd'].map(
      (itemId) => attribution.apply({ eventType: 'purchase', itemId }, undefined).recommendationId,
    );
    expect(credited).toEqual([undefined, undefined, 'rec-c', 'rec-d']);
  });

  it('keeps 100 items by default', () => {
    let now = 1000;
    const storage = memoryStorage();
    const attribution = connect({ eventTypes: ['purchase'], storage, now: () => now });
    for (let i = 0; i < 101; i++) {
      attribution.remember({ eventType: 'click', itemId: `item-${i}`, recommendationId: 'rec' }, undefined);
      now += 1;
    }
    expect(JSON.parse(storage.data.get(KEY) ?? '{}').entries).toHaveLength(100);
    expect(attribution.apply({ eventType: 'purchase', itemId: 'item-0' }, undefined).recommendationId).toBeUndefined();
    expect(attribution.apply({ eventType: 'purchase', itemId: 'item-1' }, undefined).recommendationId).toBe('rec');
  });

  it('survives a reload through storage under its own key', () => {
    const storage = memoryStorage();
    const first = connect({ eventTypes: ['purchase'], storage, now: () => 1000 });
    first.remember({ eventType: 'click', itemId: 'sku-1', recommendationId: 'rec-A' }, undefined);
    expect([...storage.data.keys()]).toEqual([KEY]);
    const afterReload = connect({ eventTypes: ['purchase'], storage, now: () => 2000 });
    expect(afterReload.apply({ eventType: 'purchase', itemId: 'sku-1' }, undefined).recommendationId).toBe('rec-A');
  });

  it('sees pairs another tab remembered after it was created', () => {
    const storage = memoryStorage();
    const tabA = connect({ eventTypes: ['purchase'], storage, now: () => 1000 });
    const tabB = connect({ eventTypes: ['purchase'], storage, now: () => 1000 });
    tabA.remember({ eventType: 'click', itemId: 'sku-1', recommendationId: 'rec-A' }, undefined);
    expect(tabB.apply({ eventType: 'purchase', itemId: 'sku-1' }, undefined).recommendationId).toBe('rec-A');
  });

  it('applies an anonymous pair to the user who signs in, but a user’s pair to no one else', () => {
    const attribution = connect({ eventTypes: ['purchase'], now: () => 1000 });
    attribution.remember({ eventType: 'click', itemId: 'anon-item', recommendationId: 'rec-anon' }, undefined);
    attribution.remember({ eventType: 'click', itemId: 'alice-item', recommendationId: 'rec-alice' }, 'alice');
    const purchase = (itemId: string, userId: string | undefined) =>
      attribution.apply({ eventType: 'purchase', itemId }, userId).recommendationId;
    expect(purchase('anon-item', 'alice')).toBe('rec-anon');
    expect(purchase('alice-item', 'alice')).toBe('rec-alice');
    expect(purchase('alice-item', 'bob')).toBeUndefined();
    expect(purchase('alice-item', undefined)).toBeUndefined();
  });

  it('remembers nothing from an event without both itemId and recommendationId', () => {
    const storage = memoryStorage();
    const attribution = connect({ eventTypes: ['purchase'], storage, now: () => 1000 });
    attribution.remember({ eventType: 'click', itemId: 'sku-1' }, undefined);
    attribution.remember({ eventType: 'click', recommendationId: 'rec-A' }, undefined);
    expect(storage.data.size).toBe(0);
    expect(attribution.apply({ eventType: 'purchase', itemId: 'sku-1' }, undefined).recommendationId).toBeUndefined();
  });

  it('discards corrupt stored data, reports it once and goes on', () => {
    const storage = memoryStorage();
    storage.setItem(KEY, '{not json');
    const errors: string[] = [];
    const attribution = connect({
      eventTypes: ['purchase'],
      storage,
      now: () => 1000,
      onError: (message) => errors.push(message),
    });
    expect(attribution.apply({ eventType: 'purchase', itemId: 'sku-1' }, undefined).recommendationId).toBeUndefined();
    expect(errors).toEqual([`attribution: corrupt ${KEY} discarded`]);
    expect(storage.data.has(KEY)).toBe(false);
    attribution.remember({ eventType: 'click', itemId: 'sku-1', recommendationId: 'rec-A' }, undefined);
    expect(attribution.apply({ eventType: 'purchase', itemId: 'sku-1' }, undefined).recommendationId).toBe('rec-A');
  });

  it('ignores stored entries of the wrong shape', () => {
    const storage = memoryStorage();
    storage.setItem(
      KEY,
      JSON.stringify({
        entries: [
          { itemId: 'sku-1', recommendationId: 'r'.repeat(41), at: 1000 },
          { itemId: 'sku-2', recommendationId: 'rec-2', at: 'yesterday' },
          null,
          { itemId: 'sku-3', recommendationId: 'rec-3', at: 1000 },
        ],
      }),
    );
    const attribution = connect({ eventTypes: ['purchase'], storage, now: () => 2000 });
    const credited = ['sku-1', 'sku-2', 'sku-3'].map(
      (itemId) => attribution.apply({ eventType: 'purchase', itemId }, undefined).recommendationId,
    );
    expect(credited).toEqual([undefined, undefined, 'rec-3']);
  });

  it('keeps working in memory when storage throws, reporting once', () => {
    const refusing: StorageLike = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    const errors: string[] = [];
    const attribution = connect({
      eventTypes: ['purchase'],
      storage: refusing,
      now: () => 1000,
      onError: (message) => errors.push(message),
    });
    attribution.remember({ eventType: 'click', itemId: 'sku-1', recommendationId: 'rec-A' }, undefined);
    attribution.remember({ eventType: 'click', itemId: 'sku-2', recommendationId: 'rec-B' }, undefined);
    expect(attribution.apply({ eventType: 'purchase', itemId: 'sku-1' }, undefined).recommendationId).toBe('rec-A');
    expect(attribution.apply({ eventType: 'purchase', itemId: 'sku-2' }, undefined).recommendationId).toBe('rec-B');
    expect(errors).toEqual(['attribution: read failed; pairs kept in memory']);
  });

  it('forgets everything on clear(), in storage too', () => {
    const storage = memoryStorage();
    const attribution = connect({ eventTypes: ['purchase'], storage, now: () => 1000 });
    attribution.remember({ eventType: 'click', itemId: 'sku-1', recommendationId: 'rec-A' }, undefined);
    attribution.clear();
    expect(storage.data.has(KEY)).toBe(false);
    expect(attribution.apply({ eventType: 'purchase', itemId: 'sku-1' }, undefined).recommendationId).toBeUndefined();
  });

  it('passes junk through untouched', () => {
    const attribution = connect({ eventTypes: ['purchase'], now: () => 1000 });
    for (const junk of [null, undefined, 3, 'purchase']) {
      expect(attribution.apply(junk as never, undefined)).toBe(junk);
    }
  });

  it("uses the recorder's storage unless given its own, and keeps pairs in memory with storage: false", () => {
    const recorderStorage = memoryStorage();
    const own = memoryStorage();
    const pair = { eventType: 'click', itemId: 'sku-1', recommendationId: 'rec-A' };
    createAttribution({ eventTypes: ['purchase'] })
      .connect({ storage: recorderStorage })
      .remember(pair, undefined);
    expect([...recorderStorage.data.keys()]).toEqual([KEY]);
    recorderStorage.data.clear();
    createAttribution({ eventTypes: ['purchase'], storage: own })
      .connect({ storage: recorderStorage })
      .remember(pair, undefined);
    expect([...own.data.keys()]).toEqual([KEY]);
    expect(recorderStorage.data.size).toBe(0);
    const inMemory = createAttribution({ eventTypes: ['purchase'], storage: false }).connect({
      storage: recorderStorage,
    });
    inMemory.remember(pair, undefined);
    expect(recorderStorage.data.size).toBe(0);
    expect(inMemory.apply({ eventType: 'purchase', itemId: 'sku-1' }, undefined).recommendationId).toBe('rec-A');
  });
});
