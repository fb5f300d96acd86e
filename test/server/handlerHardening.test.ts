// @vitest-environment node
import { createHttpTransport, type TransportError } from 'react-personalize/core';
import { createPutEventsHandler, type PutEventsHandlerOptions } from 'react-personalize/server';
import { createCountingClient } from '../support/createCountingClient';

const URL_ = 'http://app.test/api/events';
const body = JSON.stringify({
  sessionId: 's',
  eventList: [{ eventId: 'e', eventType: 'click', itemId: 'sku', sentAt: 1732730000.5 }],
});
const post = (headers: Record<string, string> = {}) =>
  new Request(URL_, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('createPutEventsHandler with misbehaving callbacks and unusual headers', () => {
  it('does not crash the process with an unhandled rejection when an async onError rejects', async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    const previous = process.listeners('unhandledRejection');
    process.removeAllListeners('unhandledRejection');
    process.on('unhandledRejection', listener);
    try {
      const handler = createPutEventsHandler({
        trackingId: 't',
        client: createCountingClient(() => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })).client,
        // e.g. `onError: async (error) => { await logger.send(error) }` while the log service is down
        onError: async () => {
          throw new Error('log service down');
        },
      });
      expect((await handler(post())).status).toBe(503);
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      process.removeListener('unhandledRejection', listener);
      for (const l of previous) process.on('unhandledRejection', l as never);
    }
    expect(unhandled).toEqual([]);
  });

  it.each([
    ['the userId string itself', () => 'alice'],
    ['undefined (a forgotten return)', () => undefined],
  ])('reports resolveUser returning %s and answers 500, never sending as an anonymous visitor', async (_, value) => {
    const errors: unknown[] = [];
    const { client, inputs } = createCountingClient();
    const handler = createPutEventsHandler({
      trackingId: 't',
      client,
      resolveUser: value as unknown as PutEventsHandlerOptions['resolveUser'],
      onError: (error) => errors.push(error),
    });
    const response = await handler(post());
    expect({ status: response.status, sent: inputs.length, reported: errors.length }).toEqual({
      status: 500,
      sent: 0,
      reported: 1,
    });
  });

  it('takes a user ID of 1–256 characters as the model counts them (200 emoji are 400 UTF-16 units)', async () => {
    const { client, inputs } = createCountingClient();
    const userId = '😀'.repeat(200);
    const handler = createPutEventsHandler({ trackingId: 't', client, resolveUser: () => ({ userId }) });
    expect((await handler(post())).status).toBe(200);
    expect(inputs[0].userId).toBe(userId);
  });

  it('answers with a Response resolveUser returns, as with one it throws', async () => {
    const { client, inputs } = createCountingClient();
    const handler = createPutEventsHandler({
      trackingId: 't',
      client,
      resolveUser: (() =>
        new Response('sign in', { status: 401 })) as unknown as PutEventsHandlerOptions['resolveUser'],
    });
    const response = await handler(post());
    expect({ status: response.status, body: await response.text(), sent: inputs.length }).toEqual({
      status: 401,
      body: 'sign in',
      sent: 0,
    });
  });

  it('accepts charset=utf8 (a WHATWG label of UTF-8), instead of a 415 that makes the browser drop the batch', async () => {
    const { client, inputs } = createCountingClient();
    const handler = createPutEventsHandler({ trackingId: 't', client });
    const transport = createHttpTransport({
      url: URL_,
      headers: { 'Content-Type': 'application/json; charset=utf8' },
      fetch: (input, init) => handler(new Request(input as string, init)),
    });
    const error = await transport
      .send(JSON.parse(body), { keepalive: false, signal: new AbortController().signal })
      .then(
        () => undefined,
        (caught: TransportError) => caught,
      );
    expect(error && { status: error.status, retryable: error.retryable }).toBeUndefined();
    expect(inputs).toHaveLength(1);
  });
});
