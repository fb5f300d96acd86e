import { createEventQueue } from '../../src/core/createEventQueue';
import type { QueuedEvent } from '../../src/core/createQueueStore';

const item = (eventId: string, recordedAt = 0, sessionId = 's1', userId?: string): QueuedEvent => ({
  event: { eventId, eventType: 'click', sentAt: recordedAt / 1000 },
  sessionId,
  recordedAt,
  ...(userId === undefined ? {} : { userId }),
});
const ids = (items: QueuedEvent[] | undefined) => items?.map((queued) => queued.event.eventId);

function setup(options: { batchSize?: number; maxQueueSize?: number; maxEventAge?: number } = {}) {
  let clock = 10_000;
  const queue = createEventQueue({
    batchSize: options.batchSize ?? 3,
    maxQueueSize: options.maxQueueSize ?? 100,
    maxEventAge: options.maxEventAge ?? 1000,
    now: () => clock,
  });
  return { queue, advance: (ms: number) => (clock += ms) };
}

describe('createEventQueue', () => {
  it('takes a full batch always and a partial one only when asked', () => {
    const { queue } = setup();
    queue.push(item('a'));
    queue.push(item('b'));
    expect(queue.takeBatch({ partial: false })).toBeUndefined();
    queue.push(item('c'));
    queue.push(item('d'));
    expect(ids(queue.takeBatch({ partial: false }))).toEqual(['a', 'b', 'c']);
    expect(ids(queue.takeBatch({ partial: true }))).toEqual(['d']);
    expect(queue.size).toBe(0);
  });

  it('groups by session and user: a batch never mixes them', () => {
    const { queue } = setup();
    queue.push(item('a', 0, 's1'));
    queue.push(item('b', 0, 's1', 'u1'));
    queue.push(item('c', 0, 's2'));
    queue.push(item('d', 0, 's1'));
    expect(ids(queue.takeBatch({ partial: true }))).toEqual(['a', 'd']);
    expect(ids(queue.takeBatch({ partial: true }))).toEqual(['b']);
    expect(ids(queue.items())).toEqual(['c']);
  });

  it('takes a full group from behind a partial one', () => {
    const { queue } = setup({ batchSize: 2 });
    queue.push(item('a', 0, 's1'));
    queue.push(item('b', 0, 's2'));
    queue.push(item('c', 0, 's2'));
    expect(ids(queue.takeBatch({ partial: false }))).toEqual(['b', 'c']);
    expect(ids(queue.items())).toEqual(['a']);
  });

  it('puts a batch back at the front, in its order', () => {
    const { queue } = setup();
    for (const id of ['a', 'b', 'c', 'd']) queue.push(item(id));
    const batch = queue.takeBatch({ partial: false }) ?? [];
    queue.putBack(batch);
    expect(ids(queue.items())).toEqual(['a', 'b', 'c', 'd']);
  });

  it('merges restored events by the time they were recorded', () => {
    const { queue } = setup();
    queue.push(item('new', 300));
    queue.merge([item('old', 100), item('middle', 200)]);
    expect(ids(queue.items())).toEqual(['old', 'middle', 'new']);
  });

  it('hands back the events past maxEventAge, looking at most once a second', () => {
    const { queue, advance } = setup({ maxEventAge: 500 });
    queue.push(item('old', 9000));
    queue.push(item('fresh', 9800));
    expect(ids(queue.takeExpired())).toEqual(['old']);
    advance(600);
    expect(queue.takeExpired()).toEqual([]);
    advance(400);
    expect(ids(queue.takeExpired())).toEqual(['fresh']);
  });

  it('hands back the oldest events beyond maxQueueSize', () => {
    const { queue } = setup({ maxQueueSize: 2 });
    for (const id of ['a', 'b', 'c']) queue.push(item(id));
    expect(ids(queue.takeOverflow())).toEqual(['a']);
    expect(queue.takeOverflow()).toEqual([]);
    expect(ids(queue.clear())).toEqual(['b', 'c']);
    expect(queue.size).toBe(0);
  });
});
