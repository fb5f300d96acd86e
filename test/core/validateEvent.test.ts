import { runInNewContext } from 'node:vm';
import type { EventInput } from '../../src/core/types';
import { validateEvent } from '../../src/core/validateEvent';

const valid: EventInput = { eventType: 'click' };
const fields = (event: unknown) => validateEvent(event as EventInput).map((issue) => issue.field);
const messages = (event: unknown) => validateEvent(event as EventInput).map((issue) => issue.message);

describe('validateEvent', () => {
  it('accepts a minimal event and a full one', () => {
    expect(validateEvent(valid)).toEqual([]);
    expect(
      validateEvent({
        eventType: 'purchase',
        itemId: 'sku-1',
        eventValue: 19.99,
        properties: { discount: 'yes', quantity: 2, gift: false },
        impression: ['sku-1', 'sku-2'],
        recommendationId: 'RID-1',
        eventId: 'e-1',
        sentAt: new Date('2026-01-01T00:00:00Z'),
        metricAttribution: { eventAttributionSource: 'email campaign' },
      }),
    ).toEqual([]);
  });

  it('rejects what is not an event object without throwing', () => {
    for (const bad of [null, undefined, 42, 'click', [], true]) {
      expect(messages(bad)).toEqual(['event: object']);
    }
  });

  it('requires eventType of 1–256 characters', () => {
    expect(messages({})).toEqual(['eventType: required']);
    expect(messages({ eventType: '' })).toEqual(['eventType: 1–256 chars (got 0)']);
    expect(fields({ eventType: 'x'.repeat(256) })).toEqual([]);
    expect(messages({ eventType: 'x'.repeat(257) })).toEqual(['eventType: 1–256 chars (got 257)']);
    expect(messages({ eventType: 7 })).toEqual(['eventType: string of 1–256 chars']);
  });

  it('limits itemId and eventId to 256 characters', () => {
    expect(fields({ ...valid, itemId: 'i'.repeat(256), eventId: 'e'.repeat(256) })).toEqual([]);
    expect(fields({ ...valid, itemId: 'i'.repeat(257), eventId: '' })).toEqual(['itemId', 'eventId']);
  });

  it('counts characters as the model does (Unicode characters, not UTF-16 units) and refuses lone surrogates', () => {
    // 129 emoji are 258 UTF-16 units, but 129 characters.
    expect(fields({ ...valid, itemId: '😀'.repeat(129), recommendationId: '😀'.repeat(40) })).toEqual([]);
    expect(messages({ ...valid, itemId: '😀'.repeat(257) })).toEqual(['itemId: 1–256 chars (got 257)']);
    expect(messages({ ...valid, itemId: 'a\uD800b' })).toEqual(['itemId: valid Unicode (no lone surrogate)']);
    expect(fields({ ...valid, properties: { note: '😀'.repeat(1000) } })).toEqual([]);
  });

  it('takes an event object and a Date from another realm (an iframe)', () => {
    const foreign = runInNewContext("({ eventType: 'click', sentAt: new Date(1.7e12), properties: { a: 1 } })");
    expect(validateEvent(foreign)).toEqual([]);
  });

  it('refuses properties whose fields are only inherited: JSON.stringify would send {}', () => {
    const properties = Object.create(Object.assign(Object.create(null), { color: 'red' }));
    expect(messages({ ...valid, properties })).toEqual(['properties: object or JSON string']);
  });

  it('refuses properties with a toJSON: what is sent would not be what is checked', () => {
    const properties = Object.defineProperty({ a: 1 }, 'toJSON', { value: () => ({ userId: 'x' }) });
    expect(messages({ ...valid, properties })).toEqual(['properties: plain object (no toJSON)']);
  });

  it('limits recommendationId to 40 characters', () => {
    expect(fields({ ...valid, recommendationId: 'r'.repeat(40) })).toEqual([]);
    expect(messages({ ...valid, recommendationId: 'r'.repeat(41) })).toEqual(['recommendationId: 1–40 chars (got 41)']);
  });

  it('requires a finite eventValue', () => {
    expect(fields({ ...valid, eventValue: -3.5 })).toEqual([]);
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, '3']) {
      expect(messages({ ...valid, eventValue: bad })).toEqual(['eventValue: finite number']);
    }
    // eventValue is a 32-bit Float in the model.
    expect(fields({ ...valid, eventValue: -3.4e38 })).toEqual([]);
    expect(messages({ ...valid, eventValue: 1e39 })).toEqual(['eventValue: within 32-bit float range']);
  });

  it('takes 1–25 impression item IDs of 1–256 characters', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `item-${i}`);
    expect(fields({ ...valid, impression: ids(1) })).toEqual([]);
    expect(fields({ ...valid, impression: ids(25) })).toEqual([]);
    expect(messages({ ...valid, impression: ids(26) })).toEqual(['impression: 1–25 item IDs (got 26)']);
    // Past 25 the list is refused as a whole: its IDs are not checked one by one (300,000 empty ones cost nothing).
    expect(messages({ ...valid, impression: Array(300_000).fill('') })).toEqual([
      'impression: 1–25 item IDs (got 300000)',
      ...Array.from({ length: 25 }, (_, index) => `impression[${index}]: 1–256 chars (got 0)`),
    ]);
    expect(messages({ ...valid, impression: [] })).toEqual(['impression: 1–25 item IDs (got 0)']);
    expect(fields({ ...valid, impression: ['ok', '', 'x'.repeat(257), 3] })).toEqual([
      'impression[1]',
      'impression[2]',
      'impression[3]',
    ]);
    expect(messages({ ...valid, impression: 'a,b' })).toEqual(['impression: array of 1–25 item IDs']);
    // A hole in a sparse array is a missing item ID (it would be sent as null), not skipped.
    expect(messages({ ...valid, impression: Object.assign(new Array(2), { 1: 'b' }) })).toEqual([
      'impression[0]: required',
    ]);
    expect(fields({ ...valid, impression: new Array(2) })).toEqual(['impression[0]', 'impression[1]']);
  });

  it('limits properties to 1024 characters of JSON', () => {
    const fits = { note: 'x'.repeat(1024 - '{"note":""}'.length) };
    expect(JSON.stringify(fits)).toHaveLength(1024);
    expect(fields({ ...valid, properties: fits })).toEqual([]);
    expect(messages({ ...valid, properties: { note: `${fits.note}x` } })).toEqual([
      'properties: 1–1024 chars as JSON (got 1025)',
    ]);
    expect(fields({ ...valid, properties: JSON.stringify(fits) })).toEqual([]);
  });

  it('forbids reserved property keys in any case', () => {
    expect(fields({ ...valid, properties: { USERID: 'u', sessionid: 's', eventType: 'x', Timestamp: 1 } })).toEqual([
      'properties.USERID',
      'properties.sessionid',
      'properties.eventType',
      'properties.Timestamp',
    ]);
    expect(fields({ ...valid, properties: '{"recommendationId":"r","IMPRESSION":"a"}' })).toEqual([
      'properties.recommendationId',
      'properties.IMPRESSION',
    ]);
    expect(messages({ ...valid, properties: { userId: 'u' } })[0]).toBe(
      'properties.userId: reserved; use the event field',
    );
  });

  it('requires properties to be a JSON object of plain values', () => {
    expect(messages({ ...valid, properties: '{not json' })).toEqual(['properties: JSON object (does not parse)']);
    expect(messages({ ...valid, properties: '[1,2]' })).toEqual(['properties: JSON object']);
    expect(messages({ ...valid, properties: { nested: { a: 1 } } })).toEqual([
      'properties.nested: string, finite number or boolean',
    ]);
    expect(messages({ ...valid, properties: { n: Number.NaN } })).toEqual([
      'properties.n: string, finite number or boolean',
    ]);
    expect(messages({ ...valid, properties: 5 })).toEqual(['properties: object or JSON string']);
  });

  it('takes sentAt as a valid Date or epoch milliseconds, not seconds', () => {
    expect(fields({ ...valid, sentAt: Date.now() })).toEqual([]);
    expect(messages({ ...valid, sentAt: new Date('nope') })).toEqual(['sentAt: Date or epoch ms']);
    expect(messages({ ...valid, sentAt: Math.floor(Date.now() / 1000) })).toEqual(['sentAt: epoch ms (got seconds?)']);
    expect(messages({ ...valid, sentAt: '2026-01-01' })).toEqual(['sentAt: Date or epoch ms']);
    // Past year 9999 no Date can hold it: the SDK would write NaN and PutEvents refuse the whole batch.
    expect(fields({ ...valid, sentAt: new Date('9999-12-31T23:59:59Z') })).toEqual([]);
    for (const tooLarge of [1e16, new Date(8.64e15), Date.now() * 1000]) {
      expect(messages({ ...valid, sentAt: tooLarge })).toEqual(['sentAt: epoch ms before year 10000']);
    }
  });

  it('requires a printable ASCII eventAttributionSource that is not only spaces', () => {
    expect(fields({ ...valid, metricAttribution: { eventAttributionSource: ' a ' } })).toEqual([]);
    expect(fields({ ...valid, metricAttribution: { eventAttributionSource: 's'.repeat(1024) } })).toEqual([]);
    expect(messages({ ...valid, metricAttribution: { eventAttributionSource: 's'.repeat(1025) } })).toEqual([
      'metricAttribution.eventAttributionSource: at most 1024 chars (got 1025)',
    ]);
    for (const bad of ['   ', '', 'café', 'tab\there']) {
      expect(messages({ ...valid, metricAttribution: { eventAttributionSource: bad } })).toEqual([
        'metricAttribution.eventAttributionSource: printable ASCII, not only spaces',
      ]);
    }
    expect(messages({ ...valid, metricAttribution: {} })).toEqual([
      'metricAttribution.eventAttributionSource: required',
    ]);
    expect(messages({ ...valid, metricAttribution: 'email' })).toEqual([
      'metricAttribution: object with eventAttributionSource',
    ]);
    expect(messages({ ...valid, metricAttribution: { eventAttributionSource: 'email', campaign: 'x' } })).toEqual([
      'metricAttribution.campaign: unknown field',
    ]);
  });

  it('names unknown members', () => {
    expect(messages({ ...valid, userId: 'u', item_id: 'x' })).toEqual([
      'userId: unknown field',
      'item_id: unknown field',
    ]);
  });
});
