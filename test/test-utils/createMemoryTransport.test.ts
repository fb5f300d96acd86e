import { TransportError } from 'react-personalize';
import { createMemoryTransport } from 'react-personalize/test-utils';
import type { EventBatch } from '../../src/core/types';

const batchOf = (...itemIds: string[]): EventBatch => ({
  sessionId: 'session-1',
  eventList: itemIds.map((itemId, index) => ({
    eventId: `e-${itemId}`,
    eventType: 'click',
    sentAt: 1_700_000_000 + index,
    itemId,
  })),
});
const plain = { keepalive: false, signal: new AbortController().signal };

describe('createMemoryTransport', () => {
  it('keeps a copy of every acknowledged batch, in order', async () => {
    const transport = createMemoryTransport();
    const first = batchOf('a', 'b');
    await transport.send(first, plain);
    await transport.send(batchOf('c'), { keepalive: true, signal: new AbortController().signal });
    first.eventList[0].itemId = 'changed later';
    expect(transport.events().map((event) => event.itemId)).toEqual(['a', 'b', 'c']);
    expect(transport.attempts.map((attempt) => attempt.context.keepalive)).toEqual([false, true]);
  });

  it("works where structuredClone is missing (Jest's jsdom environment)", async () => {
    vi.stubGlobal('structuredClone', undefined);
    try {
      const transport = createMemoryTransport();
      await transport.send(batchOf('a'), plain);
      expect(transport.events().map((event) => event.itemId)).toEqual(['a']);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('fails the next sends as a retryable network error by default, then succeeds', async () => {
    const transport = createMemoryTransport();
    transport.fail(undefined, 2);
    const errors = [];
    for (let i = 0; i < 3; i++)
      errors.push(await transport.send(batchOf(`${i}`), plain).catch((error: unknown) => error));
    expect(errors[0]).toBeInstanceOf(TransportError);
    expect(errors[0]).toMatchObject({ retryable: true, invalid: false });
    expect(errors[1]).toMatchObject({ retryable: true });
    expect(errors[2]).toBeUndefined();
    expect(transport.attempts.map((attempt) => attempt.failure)).toEqual(['network', 'network', undefined]);
    expect(transport.events().map((event) => event.itemId)).toEqual(['2']);
  });

  it('fails every send until succeed() when no count is given', async () => {
    const transport = createMemoryTransport();
    transport.fail('forbidden');
    for (let i = 0; i < 5; i++) {
      await expect(transport.send(batchOf('a'), plain)).rejects.toMatchObject({ retryable: false, status: 403 });
    }
    transport.succeed();
    await transport.send(batchOf('a'), plain);
    expect(transport.batches).toHaveLength(1);
  });

  it.each([
    ['throttle', { retryable: true, invalid: false, code: 'ThrottlingException' }],
    ['server', { retryable: true, invalid: false, status: 500 }],
    ['invalid', { retryable: false, invalid: true, code: 'InvalidInputException' }],
  ] as const)('answers a %s failure the way the recorder classifies it', async (kind, expected) => {
    const transport = createMemoryTransport();
    transport.fail(kind, 1);
    await expect(transport.send(batchOf('a'), plain)).rejects.toMatchObject(expected);
  });

  it('refuses as invalid only the batches holding an event the predicate picks', async () => {
    const transport = createMemoryTransport();
    transport.rejectWhen((event) => event.itemId === 'bad');
    await expect(transport.send(batchOf('a', 'bad'), plain)).rejects.toMatchObject({ invalid: true });
    await transport.send(batchOf('a'), plain);
    transport.rejectWhen(undefined);
    await transport.send(batchOf('bad'), plain);
    expect(transport.events().map((event) => event.itemId)).toEqual(['a', 'bad']);
  });

  it('holds sends until release()', async () => {
    const transport = createMemoryTransport();
    transport.hold();
    let settled = false;
    const sending = transport.send(batchOf('a'), plain).then(() => {
      settled = true;
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(settled).toBe(false);
    expect(transport.attempts).toHaveLength(0);
    transport.release();
    await sending;
    expect(transport.events().map((event) => event.itemId)).toEqual(['a']);
  });

  it('forgets every batch and attempt on clear()', async () => {
    const transport = createMemoryTransport();
    transport.fail('network', 1);
    await transport.send(batchOf('a'), plain).catch(() => {});
    await transport.send(batchOf('b'), plain);
    transport.clear();
    expect(transport.batches).toEqual([]);
    expect(transport.attempts).toEqual([]);
  });
});
