// @vitest-environment node
import { InvalidInputException, PersonalizeEventsServiceException } from '@aws-sdk/client-personalize-events';
import { createHttpTransport, TransportError } from 'react-personalize/core';
import { createPutEventsHandler, type PutEventsHandlerOptions } from 'react-personalize/server';
import { describe, expect, it } from 'vitest';
import { createCountingClient } from '../support/createCountingClient';

const URL_ = 'http://app.test/api/events';

const event = (overrides: Record<string, unknown> = {}) => ({
  eventId: 'e-1',
  eventType: 'click',
  itemId: 'sku-1',
  sentAt: 1732730000.123,
  ...overrides,
});
const batch = (overrides: Record<string, unknown> = {}) => ({ sessionId: 's-1', eventList: [event()], ...overrides });

function post(body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(URL_, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body),
  });
}

/**
 * A body that keeps streaming (up to 1000 chunks, so a broken handler fails instead of hanging): counts the chunks
 * pulled and whether it was cancelled.
 */
function endlessStream(chunkSize: number, delayMs = 0) {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (++state.pulled > 1000) controller.close();
      else controller.enqueue(new Uint8Array(chunkSize).fill(0x20));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

function streamed(stream: ReadableStream<Uint8Array>): Request {
  return new Request(URL_, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: stream,
    duplex: 'half',
  } as RequestInit);
}

const long = (length: number) => 'x'.repeat(length);

interface HostileCase {
  name: string;
  request: () => Request;
  status: number;
  /** A field the 400 answer must name. */
  field?: string;
  /** The rule that issue must state. */
  rule?: RegExp;
  options?: Partial<PutEventsHandlerOptions>;
}

const hostile: HostileCase[] = [
  { name: 'GET', request: () => new Request(URL_), status: 405 },
  { name: 'PUT', request: () => new Request(URL_, { method: 'PUT', body: JSON.stringify(batch()) }), status: 405 },
  { name: 'DELETE', request: () => new Request(URL_, { method: 'DELETE' }), status: 405 },
  {
    name: 'no content type',
    request: () => new Request(URL_, { method: 'POST', body: new Uint8Array([123, 125]) }),
    status: 415,
  },
  {
    name: 'text/plain (a form-style cross-site post)',
    request: () => post(batch(), { 'content-type': 'text/plain' }),
    status: 415,
  },
  {
    name: 'form-urlencoded',
    request: () => post('sessionId=s', { 'content-type': 'application/x-www-form-urlencoded' }),
    status: 415,
  },
  {
    name: 'a charset other than UTF-8',
    request: () => post(batch(), { 'content-type': 'application/json; charset=latin1' }),
    status: 415,
  },
  {
    name: 'a declared length over maxBodyBytes',
    request: () => post(JSON.stringify(batch()), { 'content-length': String(64 * 1024 + 1) }),
    status: 413,
  },
  { name: 'an undeclared body over maxBodyBytes', request: () => post(' '.repeat(64 * 1024 + 1)), status: 413 },
  {
    name: 'an oversize streamed body with no length',
    request: () => streamed(endlessStream(16 * 1024).stream),
    status: 413,
  },
  {
    name: 'a body of just over the limit',
    request: () => post(' '.repeat(1001)),
    status: 413,
    options: { maxBodyBytes: 1000 },
  },
  { name: 'not JSON', request: () => post('{"sessionId": "s-1", eventList: ['), status: 400, field: 'body' },
  { name: 'an empty body', request: () => post(''), status: 400, field: 'body' },
  { name: 'invalid UTF-8', request: () => post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])), status: 400, field: 'body' },
  { name: 'a JSON array', request: () => post([batch()]), status: 400, field: 'body' },
  { name: 'a JSON string', request: () => post('"events"'), status: 400, field: 'body' },
  { name: 'JSON null', request: () => post('null'), status: 400, field: 'body' },
  { name: 'no eventList', request: () => post({ sessionId: 's-1' }), status: 400, field: 'eventList' },
  {
    name: 'eventList not an array',
    request: () => post(batch({ eventList: event() })),
    status: 400,
    field: 'eventList',
  },
  { name: 'an empty eventList', request: () => post(batch({ eventList: [] })), status: 400, field: 'eventList' },
  {
    name: '11 events',
    request: () => post(batch({ eventList: Array.from({ length: 11 }, (_, i) => event({ eventId: `e-${i}` })) })),
    status: 400,
    field: 'eventList',
  },
  {
    name: 'an event that is not an object',
    request: () => post(batch({ eventList: ['click'] })),
    status: 400,
    field: 'eventList[0]',
  },
  { name: 'no sessionId', request: () => post({ eventList: [event()] }), status: 400, field: 'sessionId' },
  { name: 'an empty sessionId', request: () => post(batch({ sessionId: '' })), status: 400, field: 'sessionId' },
  {
    name: 'a sessionId of 257 characters',
    request: () => post(batch({ sessionId: long(257) })),
    status: 400,
    field: 'sessionId',
  },
  { name: 'the sessionId "null"', request: () => post(batch({ sessionId: 'null' })), status: 400, field: 'sessionId' },
  { name: 'a numeric sessionId', request: () => post(batch({ sessionId: 42 })), status: 400, field: 'sessionId' },
  {
    name: 'eventType of 257 characters',
    request: () => post(batch({ eventList: [event({ eventType: long(257) })] })),
    status: 400,
    field: 'eventList[0].eventType',
  },
  {
    name: 'no eventType',
    request: () => post(batch({ eventList: [event({ eventType: undefined })] })),
    status: 400,
    field: 'eventList[0].eventType',
  },
  {
    name: 'itemId of 257 characters',
    request: () => post(batch({ eventList: [event({ itemId: long(257) })] })),
    status: 400,
    field: 'eventList[0].itemId',
  },
  {
    name: 'eventId of 257 characters',
    request: () => post(batch({ eventList: [event({ eventId: long(257) })] })),
    status: 400,
    field: 'eventList[0].eventId',
  },
  {
    name: 'recommendationId of 41 characters',
    request: () => post(batch({ eventList: [event({ recommendationId: long(41) })] })),
    status: 400,
    field: 'eventList[0].recommendationId',
  },
  {
    name: 'properties of 1025 characters',
    request: () => post(batch({ eventList: [event({ properties: JSON.stringify({ note: long(1014) }) })] })),
    status: 400,
    field: 'eventList[0].properties',
  },
  {
    name: 'properties as an object instead of a JSON string',
    request: () => post(batch({ eventList: [event({ properties: { color: 'red' } })] })),
    status: 400,
    field: 'eventList[0].properties',
  },
  {
    name: 'a reserved key in properties',
    request: () => post(batch({ eventList: [event({ properties: JSON.stringify({ userId: 'victim' }) })] })),
    status: 400,
    field: 'eventList[0].properties.userId',
  },
  {
    name: '26 impressions',
    request: () => post(batch({ eventList: [event({ impression: Array.from({ length: 26 }, (_, i) => `i-${i}`) })] })),
    status: 400,
    field: 'eventList[0].impression',
  },
  {
    name: 'an impression item of 257 characters',
    request: () => post(batch({ eventList: [event({ impression: ['sku-1', long(257)] })] })),
    status: 400,
    field: 'eventList[0].impression[1]',
  },
  {
    name: 'eventAttributionSource of 1025 characters',
    request: () => post(batch({ eventList: [event({ metricAttribution: { eventAttributionSource: long(1025) } })] })),
    status: 400,
    field: 'eventList[0].metricAttribution.eventAttributionSource',
  },
  {
    name: 'eventValue that is not a number',
    request: () => post(batch({ eventList: [event({ eventValue: '1e400' })] })),
    status: 400,
    field: 'eventList[0].eventValue',
  },
  {
    name: 'sentAt as an ISO string',
    request: () => post(batch({ eventList: [event({ sentAt: '2024-11-27T00:00:00Z' })] })),
    status: 400,
    field: 'eventList[0].sentAt',
  },
  {
    name: 'a field PutEvents does not have',
    request: () => post(batch({ eventList: [event({ admin: true })] })),
    status: 400,
    field: 'eventList[0].admin',
  },
  {
    name: '__proto__ at the top level',
    request: () => post(`{"sessionId":"s-1","eventList":[${JSON.stringify(event())}],"__proto__":{"polluted":"yes"}}`),
    status: 400,
    field: '__proto__',
  },
  {
    name: '__proto__ inside an event',
    request: () =>
      post(`{"sessionId":"s-1","eventList":[{"eventType":"click","sentAt":1,"__proto__":{"polluted":"yes"}}]}`),
    status: 400,
    field: '__proto__',
  },
  {
    name: 'constructor.prototype',
    request: () => post(`{"sessionId":"s-1","eventList":[],"constructor":{"prototype":{"polluted":"yes"}}}`),
    status: 400,
    field: 'constructor',
  },
  {
    name: '30,000 levels of nesting',
    request: () => post(`{"sessionId":"s-1","eventList":${'['.repeat(30_000)}${']'.repeat(30_000)}}`),
    status: 400,
    field: 'body',
    rule: /nest/,
  },
  {
    name: 'an impression list nested one level too deep',
    request: () => post(batch({ eventList: [event({ impression: [['sku-1']] })] })),
    status: 400,
    field: 'body',
    rule: /nest/,
  },
  {
    name: 'a trackingId in the body',
    request: () => post(batch({ trackingId: 'attacker-tracker' })),
    status: 400,
    field: 'trackingId',
  },
  {
    name: 'a userId of 257 characters',
    request: () => post(batch({ userId: long(257) })),
    status: 400,
    field: 'userId',
  },
  {
    name: 'a user resolveUser refuses (null)',
    request: () => post(batch()),
    status: 401,
    options: { resolveUser: () => null },
  },
  {
    name: 'a user resolveUser refuses by throwing',
    request: () => post(batch()),
    status: 403,
    options: {
      resolveUser: () => {
        throw new Error('session revoked');
      },
    },
  },
  {
    name: 'a user resolveUser refuses with its own Response',
    request: () => post(batch()),
    status: 429,
    options: {
      resolveUser: async () => {
        throw new Response('slow down', { status: 429 });
      },
    },
  },
];

/** Signed in as alice with the `user=alice` cookie, anonymous without it. */
const resolveUserFromCookie: PutEventsHandlerOptions['resolveUser'] = (request) => {
  const match = /(?:^|;\s*)user=([^;]+)/.exec(request.headers.get('cookie') ?? '');
  return match ? { userId: match[1] } : {};
};

describe('createPutEventsHandler', () => {
  describe('refuses hostile requests before anything reaches PutEvents', () => {
    it.each(hostile)('$name → $status', async ({ request, status, field, rule, options }) => {
      const { client, inputs } = createCountingClient();
      const handler = createPutEventsHandler({
        trackingId: 'server-tracker',
        client,
        resolveUser: resolveUserFromCookie,
        ...options,
      });
      const response = await handler(request());
      expect(response.status).toBe(status);
      if (status !== 429) {
        const body = (await response.json()) as { message: string; issues: { field: string; rule: string }[] };
        expect(typeof body.message).toBe('string');
        if (field) expect(body.issues.some((issue) => issue.field.startsWith(field))).toBe(true);
        if (rule) expect(body.issues.map((issue) => issue.rule).join('\n')).toMatch(rule);
      }
      expect(inputs).toHaveLength(0);
      expect(Object.prototype).not.toHaveProperty('polluted');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  it('answers 405 with an Allow header naming POST', async () => {
    const handler = createPutEventsHandler({ trackingId: 't', client: createCountingClient().client });
    const response = await handler(new Request(URL_));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST, OPTIONS');
  });

  it('stops reading an oversize body as soon as it passes maxBodyBytes and cancels it', async () => {
    const { client, inputs } = createCountingClient();
    const handler = createPutEventsHandler({ trackingId: 't', client, maxBodyBytes: 64 * 1024 });
    const { stream, state } = endlessStream(16 * 1024);
    const response = await handler(streamed(stream));
    expect(response.status).toBe(413);
    expect(state.cancelled).toBe(true);
    // 64 KiB in 16 KiB chunks: the fifth chunk passes the limit; allow the stream's read-ahead of one more.
    expect(state.pulled).toBeLessThanOrEqual(6);
    expect(inputs).toHaveLength(0);
  });

  it('answers 408 to a body that dribbles in, without waiting for it to end', async () => {
    const { client, inputs } = createCountingClient();
    const handler = createPutEventsHandler({ trackingId: 't', client, bodyTimeout: 300 });
    // 1,000 one-byte chunks 20 ms apart: had the handler waited for the end, it would answer 400 (not JSON) after 20 s.
    const { stream, state } = endlessStream(1, 20);
    const response = await handler(streamed(stream));
    expect(response.status).toBe(408);
    expect(state.cancelled).toBe(true);
    expect(inputs).toHaveLength(0);
  });

  it('refuses 100,000 levels of nesting before parsing', async () => {
    const handler = createPutEventsHandler({
      trackingId: 't',
      client: createCountingClient().client,
      maxBodyBytes: 1_000_000,
    });
    const response = await handler(post(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`));
    expect(response.status).toBe(400);
    expect((await response.json()).issues[0].rule).toBe('must not nest deeper than 4 levels');
  });

  it('sends with the trackingId of its options and the userId from resolveUser', async () => {
    const { client, inputs } = createCountingClient();
    const handler = createPutEventsHandler({
      trackingId: 'server-tracker',
      client,
      resolveUser: resolveUserFromCookie,
    });
    const response = await handler(post(batch(), { cookie: 'user=alice' }));
    expect(response.status).toBe(200);
    expect(inputs).toHaveLength(1);
    expect(inputs[0]).toMatchObject({ trackingId: 'server-tracker', userId: 'alice', sessionId: 's-1' });
  });

  it('accepts a userId in the body that is the signed-in user', async () => {
    const { client, inputs } = createCountingClient();
    const handler = createPutEventsHandler({ trackingId: 't', client, resolveUser: resolveUserFromCookie });
    const response = await handler(post(batch({ userId: 'alice' }), { cookie: 'user=alice' }));
    expect(response.status).toBe(200);
    expect(inputs[0].userId).toBe('alice');
  });

  it.each([
    ['another signed-in user', { cookie: 'user=alice' }],
    ['an anonymous visitor', {}],
  ])(
    "delivers a batch claiming someone else's userId from %s by its session alone, under nobody's name",
    async (_, headers) => {
      const { client, inputs } = createCountingClient();
      const handler = createPutEventsHandler({ trackingId: 't', client, resolveUser: resolveUserFromCookie });
      const response = await handler(post(batch({ userId: 'victim' }), headers));
      expect(response.status).toBe(200);
      expect(inputs).toHaveLength(1);
      expect(inputs[0]).toMatchObject({ sessionId: 's-1' });
      expect(inputs[0]).not.toHaveProperty('userId');
    },
  );

  it('sends anonymous events without a userId', async () => {
    const { client, inputs } = createCountingClient();
    const handler = createPutEventsHandler({ trackingId: 't', client, resolveUser: resolveUserFromCookie });
    expect((await handler(post(batch()))).status).toBe(200);
    expect(inputs[0]).not.toHaveProperty('userId');
  });

  it('forwards every field of the model, with sentAt as a Date of the same instant', async () => {
    const { client, inputs } = createCountingClient();
    const handler = createPutEventsHandler({ trackingId: 't', client });
    const full = event({
      eventValue: 4.5,
      properties: '{"color":"red"}',
      impression: ['sku-1', 'sku-2'],
      recommendationId: 'rec-1',
      metricAttribution: { eventAttributionSource: 'campaign-a' },
    });
    expect((await handler(post(batch({ eventList: [full] })))).status).toBe(200);
    const [sent] = inputs[0].eventList ?? [];
    expect(sent).toEqual({ ...full, sentAt: new Date(1732730000123) });
  });

  it('accepts exactly what createHttpTransport posts', async () => {
    const { client, inputs } = createCountingClient();
    const handler = createPutEventsHandler({ trackingId: 't', client });
    const transport = createHttpTransport({
      url: URL_,
      fetch: (input, init) => handler(new Request(input as string, init)),
    });
    await transport.send(
      { sessionId: 's-9', eventList: [event({ eventId: 'a' }), event({ eventId: 'b', impression: ['sku-1'] })] },
      { keepalive: false, signal: new AbortController().signal },
    );
    expect(inputs).toHaveLength(1);
    expect(inputs[0].eventList?.map((sent) => sent.eventId)).toEqual(['a', 'b']);
  });

  describe('when PutEvents fails', () => {
    const throttled = () =>
      new PersonalizeEventsServiceException({
        name: 'ThrottlingException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400, attempts: 3 },
        message: 'Rate exceeded for arn:aws:personalize:secret-detail',
      });
    const cases = [
      { name: 'throttling', failure: throttled, status: 503, retryable: true },
      {
        name: 'a 500 after the SDK retries',
        failure: () =>
          new PersonalizeEventsServiceException({
            name: 'InternalFailure',
            $fault: 'server',
            $metadata: { httpStatusCode: 500 },
            message: 'secret-detail',
          }),
        status: 503,
        retryable: true,
      },
      {
        name: 'a network error',
        failure: () =>
          Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443 secret-detail'), { code: 'ECONNREFUSED' }),
        status: 503,
        retryable: true,
      },
      {
        name: 'InvalidInputException',
        failure: () => new InvalidInputException({ message: 'secret-detail', $metadata: { httpStatusCode: 400 } }),
        status: 400,
        retryable: false,
      },
      {
        name: 'a credentials error',
        failure: () =>
          Object.assign(new Error('Could not load credentials from any providers secret-detail'), {
            name: 'CredentialsProviderError',
          }),
        status: 502,
        retryable: true,
      },
      {
        name: 'an access denied error',
        failure: () =>
          new PersonalizeEventsServiceException({
            name: 'AccessDeniedException',
            $fault: 'client',
            $metadata: { httpStatusCode: 403 },
            message: 'User arn:aws:iam::123456789012:user/x is not authorized secret-detail',
          }),
        status: 502,
        retryable: true,
      },
    ];

    it.each(cases)('answers $status to $name, without AWS details', async ({ failure, status }) => {
      const errors: unknown[] = [];
      const { client } = createCountingClient(failure);
      const handler = createPutEventsHandler({ trackingId: 't', client, onError: (error) => errors.push(error) });
      const response = await handler(post(batch()));
      expect(response.status).toBe(status);
      const text = await response.text();
      expect(text).not.toMatch(/secret-detail|arn:|stack|at .*\(/);
      expect(errors).toHaveLength(1);
    });

    it.each(cases)('makes createHttpTransport treat $name as retryable: $retryable', async ({ failure, retryable }) => {
      const { client } = createCountingClient(failure);
      const handler = createPutEventsHandler({ trackingId: 't', client });
      const transport = createHttpTransport({
        url: URL_,
        fetch: (input, init) => handler(new Request(input as string, init)),
      });
      const error = await transport
        .send(batch() as never, { keepalive: false, signal: new AbortController().signal })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TransportError);
      expect((error as TransportError).retryable).toBe(retryable);
    });

    it('says when to retry a throttled batch', async () => {
      const handler = createPutEventsHandler({ trackingId: 't', client: createCountingClient(throttled).client });
      const response = await handler(post(batch()));
      expect(response.headers.get('retry-after')).toBe('2');
    });
  });

  describe('CORS', () => {
    const options = { trackingId: 't', allowedOrigins: ['https://shop.example'] };

    it('lets an allowed origin read the answer, with credentials', async () => {
      const handler = createPutEventsHandler({ ...options, client: createCountingClient().client });
      const response = await handler(post(batch(), { origin: 'https://shop.example' }));
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
      expect(response.headers.get('access-control-allow-credentials')).toBe('true');
      expect(response.headers.get('vary')).toBe('Origin');
    });

    it('adds no CORS headers for another origin', async () => {
      const handler = createPutEventsHandler({ ...options, client: createCountingClient().client });
      const response = await handler(post(batch(), { origin: 'https://evil.example' }));
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    });

    it('answers the preflight of an allowed origin with POST and the headers it asked for', async () => {
      const handler = createPutEventsHandler({ ...options, client: createCountingClient().client });
      const response = await handler(
        new Request(URL_, {
          method: 'OPTIONS',
          headers: {
            origin: 'https://shop.example',
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type, x-csrf-token',
          },
        }),
      );
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
      expect(response.headers.get('access-control-allow-methods')).toBe('POST');
      expect(response.headers.get('access-control-allow-headers')).toBe('content-type, x-csrf-token');
    });

    it('refuses the preflight of another origin without CORS headers', async () => {
      const { client, inputs } = createCountingClient();
      const handler = createPutEventsHandler({ ...options, client });
      const response = await handler(
        new Request(URL_, {
          method: 'OPTIONS',
          headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
        }),
      );
      expect(response.status).toBe(403);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(inputs).toHaveLength(0);
    });

    it('adds CORS headers to a Response that resolveUser throws', async () => {
      const handler = createPutEventsHandler({
        ...options,
        client: createCountingClient().client,
        resolveUser: () => {
          throw new Response(null, { status: 401 });
        },
      });
      const response = await handler(post(batch(), { origin: 'https://shop.example' }));
      expect(response.status).toBe(401);
      expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    });
  });

  it('answers 500 without details when resolveUser returns an invalid userId, and reports it', async () => {
    const errors: unknown[] = [];
    const { client, inputs } = createCountingClient();
    const handler = createPutEventsHandler({
      trackingId: 't',
      client,
      resolveUser: () => ({ userId: 'null' }),
      onError: (error) => errors.push(error),
    });
    const response = await handler(post(batch()));
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: 'internal error', issues: [] });
    expect(String(errors[0])).toMatch(/createPutEventsHandler: resolveUser returned an invalid userId/);
    expect(inputs).toHaveLength(0);
  });

  it('refuses to be created without a trackingId, naming the option', () => {
    expect(() => createPutEventsHandler({} as PutEventsHandlerOptions)).toThrow(
      'createPutEventsHandler: trackingId is required',
    );
  });

  it('refuses to be created with a maxBodyBytes or bodyTimeout that is not a positive integer, naming the option', () => {
    const client = createCountingClient().client;
    expect(() => createPutEventsHandler({ trackingId: 't', client, maxBodyBytes: 0 })).toThrow(
      'createPutEventsHandler: maxBodyBytes must be a positive integer (got 0)',
    );
    expect(() => createPutEventsHandler({ trackingId: 't', client, bodyTimeout: 1.5 })).toThrow(
      'createPutEventsHandler: bodyTimeout must be a positive integer (got 1.5)',
    );
  });
});
