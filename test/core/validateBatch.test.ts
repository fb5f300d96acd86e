import { validateBatch } from '../../src/core/validateBatch';

const event = { eventId: 'e1', eventType: 'click', sentAt: 1764000000.5 };
const fields = (batch: unknown, trackingId = false) => validateBatch(batch, { trackingId }).map((issue) => issue.field);

describe('validateBatch', () => {
  it('accepts what createHttpTransport sends', () => {
    expect(validateBatch({ sessionId: 's', userId: 'u', eventList: [event] })).toEqual([]);
    expect(validateBatch({ sessionId: 's', eventList: Array(10).fill(event) })).toEqual([]);
  });

  it('takes 1–10 events', () => {
    expect(validateBatch({ sessionId: 's', eventList: [] }).map((i) => i.message)).toEqual([
      'eventList: 1–10 events (got 0)',
    ]);
    expect(validateBatch({ sessionId: 's', eventList: Array(11).fill(event) }).map((i) => i.message)).toEqual([
      'eventList: 1–10 events (got 11)',
    ]);
    expect(fields({ sessionId: 's' })).toEqual(['eventList']);
  });

  it('requires sessionId and refuses placeholder IDs', () => {
    expect(fields({ eventList: [event] })).toEqual(['sessionId']);
    expect(fields({ sessionId: 'null', userId: 'undefined', eventList: [event] })).toEqual(['sessionId', 'userId']);
    expect(fields({ sessionId: 's'.repeat(257), userId: '', eventList: [event] })).toEqual(['sessionId', 'userId']);
  });

  it('checks events in wire form: sentAt in seconds, properties as a string', () => {
    expect(fields({ sessionId: 's', eventList: [{ eventType: 'x' }] })).toEqual(['eventList[0].sentAt']);
    // Milliseconds or strings where seconds belong, and seconds past year 9999 (no Date can hold them).
    for (const sentAt of [Date.now(), 1e13, -1, '1764000000', Number.NaN]) {
      expect(validateBatch({ sessionId: 's', eventList: [{ ...event, sentAt }] }).map((i) => i.message)).toEqual([
        'eventList[0].sentAt: epoch seconds before year 10000',
      ]);
    }
    expect(fields({ sessionId: 's', eventList: [{ ...event, properties: { a: 1 } }] })).toEqual([
      'eventList[0].properties',
    ]);
    expect(fields({ sessionId: 's', eventList: [event, { ...event, recommendationId: 'r'.repeat(41) }] })).toEqual([
      'eventList[1].recommendationId',
    ]);
  });

  it('refuses a hole in eventList (it would be sent as null)', () => {
    expect(fields({ sessionId: 's', eventList: Object.assign(new Array(2), { 1: event }) })).toEqual(['eventList[0]']);
  });

  it('requires trackingId only for a full PutEvents request', () => {
    expect(fields({ sessionId: 's', eventList: [event] }, true)).toEqual(['trackingId']);
    expect(fields({ trackingId: 't', sessionId: 's', eventList: [event] }, true)).toEqual([]);
    expect(fields({ trackingId: 't', sessionId: 's', eventList: [event] })).toEqual(['trackingId']);
  });

  it('refuses a body that is not an object', () => {
    for (const body of [null, [], 'x', 1]) expect(fields(body)).toEqual(['body']);
  });

  it('with maxIssues, stops at the limit and does not check the events of a batch of more than 10', () => {
    const hostile = { sessionId: 's', eventList: Array.from({ length: 20_000 }, () => ({})) };
    expect(validateBatch(hostile).length).toBe(40_001);
    expect(validateBatch(hostile, { maxIssues: 50 }).map((i) => i.message)).toEqual([
      'eventList: 1–10 events (got 20000)',
    ]);
    const unknownKeys = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, 1]));
    expect(validateBatch({ sessionId: 's', ...unknownKeys, eventList: [event] }, { maxIssues: 30 })).toHaveLength(30);
    const wideEvent = { ...event, ...unknownKeys };
    expect(validateBatch({ sessionId: 's', eventList: [wideEvent, wideEvent] }, { maxIssues: 30 })).toHaveLength(30);
    expect(validateBatch({ sessionId: 's', eventList: Array(10).fill(event) }, { maxIssues: 1 })).toEqual([]);
  });
});
