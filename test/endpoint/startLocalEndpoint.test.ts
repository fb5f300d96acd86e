// @vitest-environment node
import {
  PersonalizeEventsClient,
  PutEventsCommand,
  type PutEventsCommandInput,
  type Event as SdkEvent,
} from '@aws-sdk/client-personalize-events';
import { LOCAL_CREDENTIALS, type LocalEndpoint, startLocalEndpoint } from '../../src/endpoint';

const sentAt = new Date('2025-01-02T03:04:05.678Z');
const x = (length: number) => 'x'.repeat(length);

function sdkClient(endpoint: LocalEndpoint, credentials = LOCAL_CREDENTIALS) {
  return new PersonalizeEventsClient({
    region: 'us-east-1',
    endpoint: endpoint.url,
    credentials: { ...credentials },
    maxAttempts: 1,
  });
}

function input(event: Partial<SdkEvent> = {}, request: Partial<PutEventsCommandInput> = {}): PutEventsCommandInput {
  return {
    trackingId: 'tracking',
    sessionId: 'session',
    eventList: [{ eventId: 'e1', eventType: 'click', sentAt, ...event }],
    ...request,
  };
}

/** Properties JSON of exactly `length` characters. */
const propertiesOf = (length: number) => JSON.stringify({ note: x(length - '{"note":""}'.length) });

let endpoint: LocalEndpoint;
let client: PersonalizeEventsClient;

beforeEach(async () => {
  endpoint = await startLocalEndpoint();
  client = sdkClient(endpoint);
});

afterEach(async () => {
  client.destroy();
  await endpoint.close();
});

describe('startLocalEndpoint', () => {
  it('accepts a valid PutEvents call from the real SDK and keeps the event as it arrived', async () => {
    const output = await client.send(
      new PutEventsCommand(
        input({ itemId: 'item-1', properties: '{"color":"red"}', eventValue: 4.5 }, { userId: 'u1' }),
      ),
    );
    expect(output.$metadata.httpStatusCode).toBe(200);
    const [request] = endpoint.requests();
    expect(output.$metadata.requestId).toBe(request.requestId);
    expect(request).toMatchObject({
      status: 200,
      signature: 'valid',
      accessKeyId: 'AKIDLOCAL',
      issues: [],
      eventCount: 1,
    });
    expect(endpoint.events()).toEqual([
      expect.objectContaining({
        eventId: 'e1',
        arrival: 1,
        trackingId: 'tracking',
        sessionId: 'session',
        userId: 'u1',
        event: {
          eventId: 'e1',
          eventType: 'click',
          itemId: 'item-1',
          properties: '{"color":"red"}',
          eventValue: 4.5,
          sentAt: sentAt.getTime() / 1000,
        },
      }),
    ]);
  });

  it('answers success with HTTP 200, an empty body and a request id', async () => {
    const open = await startLocalEndpoint({ credentials: 'any' });
    const response = await fetch(`${open.url}/events`, {
      method: 'POST',
      body: JSON.stringify({ trackingId: 't', sessionId: 's', eventList: [{ eventType: 'click', sentAt: 1 }] }),
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    await open.close();
  });

  it('refuses invalid input like the service: 400, x-amzn-errortype InvalidInputException, JSON { message }', async () => {
    const open = await startLocalEndpoint({ credentials: 'any' });
    const response = await fetch(`${open.url}/events`, {
      method: 'POST',
      body: JSON.stringify({ trackingId: 't', sessionId: 's', eventList: [] }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('InvalidInputException');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({
      message: '1 validation error detected: eventList: 1–10 events (got 0)',
    });
    await open.close();
  });

  it('gives the SDK an InvalidInputException it recognises, with the broken rule in its message', async () => {
    const error = await client.send(new PutEventsCommand(input({ itemId: x(257) }))).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'InvalidInputException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
      message: '1 validation error detected: eventList[0].itemId: 1–256 chars (got 257)',
    });
    expect(endpoint.events()).toEqual([]);
    expect(endpoint.requests()[0].issues).toEqual([
      { field: 'eventList[0].itemId', rule: '1–256 chars (got 257)', message: expect.any(String) },
    ]);
  });

  // Every constraint of the PutEvents model (personalize-events.smithy.json), both sides of each limit,
  // sent by the real SDK (which validates nothing itself).
  const constraints: [string, PutEventsCommandInput, string | undefined][] = [
    ['trackingId of 1 character', input({}, { trackingId: 't' }), undefined],
    ['trackingId of 256 characters', input({}, { trackingId: x(256) }), undefined],
    ['trackingId of 257 characters', input({}, { trackingId: x(257) }), 'trackingId: 1–256 chars'],
    ['an empty trackingId', input({}, { trackingId: '' }), 'trackingId: 1–256 chars'],
    ['no trackingId', input({}, { trackingId: undefined }), 'trackingId: required'],
    ['sessionId of 256 characters', input({}, { sessionId: x(256) }), undefined],
    ['sessionId of 257 characters', input({}, { sessionId: x(257) }), 'sessionId: 1–256 chars'],
    ['an empty sessionId', input({}, { sessionId: '' }), 'sessionId: 1–256 chars'],
    ['no sessionId', input({}, { sessionId: undefined }), 'sessionId: required'],
    ['no userId', input(), undefined],
    ['userId of 1 character', input({}, { userId: 'u' }), undefined],
    ['userId of 256 characters', input({}, { userId: x(256) }), undefined],
    ['userId of 257 characters', input({}, { userId: x(257) }), 'userId: 1–256 chars'],
    ['an empty userId', input({}, { userId: '' }), 'userId: 1–256 chars'],
    [
      '10 events',
      input(
        {},
        { eventList: Array.from({ length: 10 }, (_, i) => ({ eventType: 'click', sentAt, eventId: `e${i}` })) },
      ),
      undefined,
    ],
    [
      '11 events',
      input(
        {},
        { eventList: Array.from({ length: 11 }, (_, i) => ({ eventType: 'click', sentAt, eventId: `e${i}` })) },
      ),
      'eventList: 1–10 events (got 11)',
    ],
    ['0 events', input({}, { eventList: [] }), 'eventList: 1–10 events (got 0)'],
    ['no eventList', input({}, { eventList: undefined }), 'eventList: required'],
    ['eventType of 256 characters', input({ eventType: x(256) }), undefined],
    ['eventType of 257 characters', input({ eventType: x(257) }), 'eventList[0].eventType: 1–256 chars'],
    ['an empty eventType', input({ eventType: '' }), 'eventList[0].eventType: 1–256 chars'],
    ['no eventType', input({ eventType: undefined }), 'eventList[0].eventType: required'],
    ['no sentAt', input({ sentAt: undefined }), 'eventList[0].sentAt: required'],
    ['no eventId', input({ eventId: undefined }), undefined],
    ['eventId of 256 characters', input({ eventId: x(256) }), undefined],
    ['eventId of 257 characters', input({ eventId: x(257) }), 'eventList[0].eventId: 1–256 chars'],
    ['an empty eventId', input({ eventId: '' }), 'eventList[0].eventId: 1–256 chars'],
    ['itemId of 1 character', input({ itemId: 'i' }), undefined],
    ['itemId of 256 characters', input({ itemId: x(256) }), undefined],
    ['itemId of 257 characters', input({ itemId: x(257) }), 'eventList[0].itemId: 1–256 chars'],
    ['an empty itemId', input({ itemId: '' }), 'eventList[0].itemId: 1–256 chars'],
    ['a finite eventValue', input({ eventValue: -12.25 }), undefined],
    ['a NaN eventValue', input({ eventValue: Number.NaN }), 'eventList[0].eventValue: finite number'],
    [
      'an infinite eventValue',
      input({ eventValue: Number.POSITIVE_INFINITY }),
      'eventList[0].eventValue: finite number',
    ],
    ['properties of 1024 characters', input({ properties: propertiesOf(1024) }), undefined],
    [
      'properties of 1025 characters',
      input({ properties: propertiesOf(1025) }),
      'eventList[0].properties: 1–1024 chars',
    ],
    ['empty properties', input({ properties: '' }), 'eventList[0].properties: JSON object'],
    ['properties that are not JSON', input({ properties: '{color:red}' }), 'eventList[0].properties: JSON object'],
    ['properties that are a JSON array', input({ properties: '[1]' }), 'eventList[0].properties: JSON object'],
    ['a reserved properties key', input({ properties: '{"UserId":"u"}' }), 'eventList[0].properties.UserId: reserved'],
    ['recommendationId of 40 characters', input({ recommendationId: x(40) }), undefined],
    [
      'recommendationId of 41 characters',
      input({ recommendationId: x(41) }),
      'eventList[0].recommendationId: 1–40 chars',
    ],
    ['an empty recommendationId', input({ recommendationId: '' }), 'eventList[0].recommendationId: 1–40 chars'],
    ['an impression of 1 item', input({ impression: ['a'] }), undefined],
    ['an impression of 25 items', input({ impression: Array.from({ length: 25 }, (_, i) => `i${i}`) }), undefined],
    [
      'an impression of 26 items',
      input({ impression: Array.from({ length: 26 }, (_, i) => `i${i}`) }),
      'eventList[0].impression: 1–25 item IDs (got 26)',
    ],
    ['an empty impression', input({ impression: [] }), 'eventList[0].impression: 1–25 item IDs (got 0)'],
    ['an impression item of 256 characters', input({ impression: [x(256)] }), undefined],
    [
      'an impression item of 257 characters',
      input({ impression: ['a', x(257)] }),
      'eventList[0].impression[1]: 1–256 chars',
    ],
    ['an empty impression item', input({ impression: [''] }), 'eventList[0].impression[0]: 1–256 chars'],
    [
      'an eventAttributionSource',
      input({ metricAttribution: { eventAttributionSource: 'email campaign' } }),
      undefined,
    ],
    [
      'an eventAttributionSource of 1024 characters',
      input({ metricAttribution: { eventAttributionSource: x(1024) } }),
      undefined,
    ],
    [
      'an eventAttributionSource of 1025 characters',
      input({ metricAttribution: { eventAttributionSource: x(1025) } }),
      'eventList[0].metricAttribution.eventAttributionSource: at most 1024 chars',
    ],
    [
      'an eventAttributionSource of spaces only',
      input({ metricAttribution: { eventAttributionSource: '   ' } }),
      'eventList[0].metricAttribution.eventAttributionSource: printable ASCII, not only spaces',
    ],
    [
      'an empty eventAttributionSource',
      input({ metricAttribution: { eventAttributionSource: '' } }),
      'eventList[0].metricAttribution.eventAttributionSource: printable ASCII, not only spaces',
    ],
    [
      'an eventAttributionSource that is not ASCII',
      input({ metricAttribution: { eventAttributionSource: 'café' } }),
      'eventList[0].metricAttribution.eventAttributionSource: printable ASCII, not only spaces',
    ],
    [
      'a metricAttribution without eventAttributionSource',
      input({ metricAttribution: {} as { eventAttributionSource: string } }),
      'eventList[0].metricAttribution.eventAttributionSource: required',
    ],
  ];

  const cases = constraints.map(([name, request, refusal]) => ({
    name,
    request,
    refusal,
    verdict: refusal === undefined ? 'passes' : 'is refused',
  }));

  it.each(cases)('PutEvents with $name $verdict', async ({ request, refusal }) => {
    const result = await client.send(new PutEventsCommand(request)).then(
      (output) => ({ status: output.$metadata.httpStatusCode, name: 'ok', message: '' }),
      (error: { name: string; message: string; $metadata: { httpStatusCode: number } }) => ({
        status: error.$metadata.httpStatusCode,
        name: error.name,
        message: error.message,
      }),
    );
    if (refusal === undefined) {
      expect(result).toEqual({ status: 200, name: 'ok', message: '' });
      expect(endpoint.events()).toHaveLength(request.eventList?.length ?? 0);
    } else {
      expect(result.status).toBe(400);
      expect(result.name).toBe('InvalidInputException');
      expect(result.message).toContain(refusal);
      expect(endpoint.events()).toEqual([]);
    }
  });

  it('accepts a duplicate eventId and counts its arrivals', async () => {
    await client.send(new PutEventsCommand(input({ eventId: 'same' })));
    await client.send(new PutEventsCommand(input({ eventId: 'same' })));
    await client.send(new PutEventsCommand(input({ eventId: 'other' })));
    expect(endpoint.events().map((event) => [event.eventId, event.arrival])).toEqual([
      ['same', 1],
      ['same', 2],
      ['other', 1],
    ]);
    expect(endpoint.arrivals()).toEqual(
      new Map([
        ['same', 2],
        ['other', 1],
      ]),
    );
    expect(endpoint.requests().map((request) => request.duplicates)).toEqual([[], ['same'], []]);
  });

  it('answers a CORS preflight for the headers the browser asks for', async () => {
    const response = await fetch(`${endpoint.url}/events`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,x-amz-date,x-amz-security-token,x-amz-user-agent',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toBe(
      'authorization,content-type,x-amz-date,x-amz-security-token,x-amz-user-agent',
    );
    expect(endpoint.requests()).toEqual([]);
  });

  it('exposes the request id, error type and date to a cross-origin caller', async () => {
    const response = await fetch(`${endpoint.url}/events`, {
      method: 'POST',
      headers: { origin: 'http://localhost:5173' },
      body: '{}',
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const exposed = response.headers.get('access-control-expose-headers')?.split(/,\s*/);
    expect(exposed).toEqual(expect.arrayContaining(['x-amzn-requestid', 'x-amzn-errortype', 'date']));
  });

  it('refuses origins outside allowedOrigins, preflight included', async () => {
    const strict = await startLocalEndpoint({ allowedOrigins: ['http://app.test'] });
    const preflight = (origin: string) =>
      fetch(`${strict.url}/events`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    expect((await preflight('http://app.test')).status).toBe(204);
    const refused = await preflight('http://evil.test');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    await strict.close();
  });

  it('refuses unsigned requests with 403 MissingAuthenticationTokenException', async () => {
    const response = await fetch(`${endpoint.url}/events`, { method: 'POST', body: JSON.stringify(input()) });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(endpoint.requests()[0]).toMatchObject({ status: 403, signature: 'missing' });
  });

  it('refuses a request signed with the wrong secret: 403 InvalidSignatureException', async () => {
    const wrong = sdkClient(endpoint, { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'not-the-secret' });
    await expect(wrong.send(new PutEventsCommand(input()))).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      $metadata: { httpStatusCode: 403 },
    });
    expect(endpoint.requests()[0]).toMatchObject({ signature: 'invalid', accessKeyId: 'AKIDLOCAL' });
    expect(endpoint.events()).toEqual([]);
  });

  it('refuses an unknown access key: 403 UnrecognizedClientException', async () => {
    const stranger = sdkClient(endpoint, { accessKeyId: 'AKIDOTHER', secretAccessKey: 'local-secret' });
    await expect(stranger.send(new PutEventsCommand(input()))).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('refuses a body changed after it was signed', async () => {
    client.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { body: string | Uint8Array };
        // The SDK's body is bytes (a string method on them warns); same length after the change, so only the
        // signature can tell.
        const text = typeof request.body === 'string' ? request.body : new TextDecoder().decode(request.body);
        request.body = text.replace('"click"', '"klick"');
        return next(args);
      },
      { step: 'deserialize', priority: 'low' },
    );
    await expect(client.send(new PutEventsCommand(input()))).rejects.toMatchObject({
      name: 'InvalidSignatureException',
    });
  });

  it('refuses a signature older than the allowed clock skew', async () => {
    const late = new PersonalizeEventsClient({
      region: 'us-east-1',
      endpoint: endpoint.url,
      credentials: { ...LOCAL_CREDENTIALS },
      maxAttempts: 1,
      systemClockOffset: -10 * 60_000,
    });
    const error = await late.send(new PutEventsCommand(input())).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'InvalidSignatureException',
      message: expect.stringContaining('Signature expired'),
    });
  });

  it("accepts any signature, or none, with credentials: 'any'", async () => {
    const open = await startLocalEndpoint({ credentials: 'any' });
    const anyone = sdkClient(open, { accessKeyId: 'ASIAREALLOOKING', secretAccessKey: 'whatever' });
    await anyone.send(new PutEventsCommand(input()));
    expect(open.requests()[0]).toMatchObject({ status: 200, signature: 'unchecked', accessKeyId: 'ASIAREALLOOKING' });
    await open.close();
  });

  it('injects 500 InternalFailure and 400 ThrottlingException at the configured rates', async () => {
    const faulty = await startLocalEndpoint({
      credentials: 'any',
      faults: { failRate: 0.3, throttleRate: 0.1, seed: 7 },
    });
    const statuses: string[] = [];
    for (let i = 0; i < 400; i++) {
      const response = await fetch(`${faulty.url}/events`, {
        method: 'POST',
        body: JSON.stringify({
          trackingId: 't',
          sessionId: 's',
          eventList: [{ eventId: `e${i}`, eventType: 'c', sentAt: 1 }],
        }),
      });
      statuses.push(`${response.status} ${response.headers.get('x-amzn-errortype') ?? ''}`.trim());
    }
    const count = (status: string) => statuses.filter((s) => s === status).length;
    expect(count('500 InternalFailure')).toBeGreaterThan(400 * 0.3 - 30);
    expect(count('500 InternalFailure')).toBeLessThan(400 * 0.3 + 30);
    expect(count('400 ThrottlingException')).toBeGreaterThan(400 * 0.1 - 20);
    expect(count('400 ThrottlingException')).toBeLessThan(400 * 0.1 + 20);
    expect(count('200')).toBe(400 - count('500 InternalFailure') - count('400 ThrottlingException'));
    // A refused request's events did not arrive.
    expect(faulty.events()).toHaveLength(count('200'));
    expect(faulty.requests().filter((request) => request.fault)).toHaveLength(400 - count('200'));
    await faulty.close();
  });

  it('draws the same faults for the same seed, and none after setFaults({})', async () => {
    const run = async (target: LocalEndpoint) => {
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) {
        const response = await fetch(`${target.url}/events`, {
          method: 'POST',
          body: JSON.stringify({ trackingId: 't', sessionId: 's', eventList: [{ eventType: 'c', sentAt: 1 }] }),
        });
        statuses.push(response.status);
      }
      return statuses;
    };
    const a = await startLocalEndpoint({ credentials: 'any', faults: { failRate: 0.5, seed: 42 } });
    const b = await startLocalEndpoint({ credentials: 'any', faults: { failRate: 0.5, seed: 42 } });
    const first = await run(a);
    expect(first).toContain(500);
    expect(await run(b)).toEqual(first);
    a.setFaults({});
    expect(await run(a)).toEqual(Array(30).fill(200));
    await Promise.all([a.close(), b.close()]);
  });

  it('refuses fault rates outside 0–1 with a RangeError', async () => {
    await expect(startLocalEndpoint({ faults: { failRate: 1.5 } })).rejects.toThrow(
      'startLocalEndpoint: faults.failRate must be a number from 0 to 1 (got 1.5)',
    );
    expect(() => endpoint.setFaults({ failRate: 0.7, throttleRate: 0.5 })).toThrow(
      'startLocalEndpoint: faults.failRate + faults.throttleRate must be at most 1 (got 1.2)',
    );
  });

  it('lists requests newest first at GET /api/requests, each with its verdict', async () => {
    await client.send(new PutEventsCommand(input({ eventId: 'first' })));
    await client.send(new PutEventsCommand(input({ recommendationId: x(41) }))).catch(() => undefined);
    const response = await fetch(`${endpoint.url}/api/requests`, { headers: { origin: 'http://localhost:5173' } });
    // The log holds every body and user ID: no web page of another origin may read it (CORS is for /events only).
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const listing = await response.json();
    expect(listing).toMatchObject({ url: endpoint.url, requests: expect.any(Array), events: 1, uniqueEventIds: 1 });
    expect(listing.requests).toEqual([
      expect.objectContaining({
        status: 400,
        errorType: 'InvalidInputException',
        issues: [expect.objectContaining({ field: 'eventList[0].recommendationId' })],
        // A refused body is kept as a prefix of its text only.
        body: expect.stringContaining('"trackingId":"tracking"'),
      }),
      expect.objectContaining({
        status: 200,
        issues: [],
        signature: 'valid',
        eventCount: 1,
        body: expect.objectContaining({ trackingId: 'tracking' }),
      }),
    ]);
    expect(listing.requests.map((request: { sequence: number }) => request.sequence)).toEqual([2, 1]);
    const later = await (await fetch(`${endpoint.url}/api/requests?since=1`)).json();
    expect(later).toMatchObject({ sequence: 2, oldestSequence: 1 });
    expect(later.requests.map((request: { sequence: number }) => request.sequence)).toEqual([2]);
  });

  it('lists accepted events at GET /api/events', async () => {
    await client.send(new PutEventsCommand(input({ eventId: 'listed' })));
    const listing = await (await fetch(`${endpoint.url}/api/events`)).json();
    expect(listing.events).toEqual([expect.objectContaining({ eventId: 'listed', arrival: 1 })]);
  });

  it('serves the inspector page at GET / under a nonce-only Content-Security-Policy, and a favicon', async () => {
    const response = await fetch(`${endpoint.url}/`);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy') ?? '';
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain(`<script nonce="${nonce}">`);
    // Updates itself without reloading (a reload would close what was opened on it).
    expect(html).not.toContain('http-equiv="refresh"');
    expect(html).toContain('<link rel="icon" type="image/svg+xml" href="/favicon.svg">');
    const second = await fetch(`${endpoint.url}/`);
    expect(second.headers.get('content-security-policy')).not.toContain(nonce);
    const favicon = await fetch(`${endpoint.url}/favicon.svg`);
    expect([favicon.status, favicon.headers.get('content-type')]).toEqual([200, 'image/svg+xml']);
    expect(await favicon.text()).toMatch(/^<svg /);
    expect((await fetch(`${endpoint.url}/favicon.ico`)).status).toBe(200);
  });

  it('forgets requests, events and arrival counts on clear()', async () => {
    await client.send(new PutEventsCommand(input()));
    endpoint.clear();
    expect(endpoint.requests()).toEqual([]);
    expect(endpoint.events()).toEqual([]);
    expect(endpoint.arrivals().size).toBe(0);
  });

  it('keeps at most maxRequests requests', async () => {
    const small = await startLocalEndpoint({ credentials: 'any', maxRequests: 2 });
    for (let i = 0; i < 3; i++) await fetch(`${small.url}/events`, { method: 'POST', body: `{"n":${i}}` });
    // Not valid batches: kept as text.
    expect(small.requests().map((request) => request.body)).toEqual(['{"n":2}', '{"n":1}']);
    await small.close();
  });

  it('keeps the last maxEvents events, and counts every arrival', async () => {
    const small = await startLocalEndpoint({ credentials: 'any', maxEvents: 3 });
    const batch = (id: string) =>
      JSON.stringify({
        trackingId: 't',
        sessionId: 's',
        eventList: [{ eventId: id, eventType: 'click', sentAt: 1_764_000_000 }],
      });
    for (const id of ['a', 'b', 'c', 'd', 'a']) await fetch(`${small.url}/events`, { method: 'POST', body: batch(id) });
    expect(small.events().map((event) => [event.eventId, event.arrival])).toEqual([
      ['c', 1],
      ['d', 1],
      ['a', 2],
    ]);
    expect(small.arrivals().get('a')).toBe(2);
    const listing = await (await fetch(`${small.url}/api/requests`)).json();
    expect(listing).toMatchObject({ events: 5, uniqueEventIds: 4, duplicates: 1 });
    expect((await (await fetch(`${small.url}/api/events`)).json()).events).toHaveLength(3);
    await small.close();
  });

  it('keeps accepted bodies, events and eventIds within maxKeptBytes, however many valid batches arrive', async () => {
    const small = await startLocalEndpoint({ credentials: 'any', maxKeptBytes: 40_000 });
    // Valid batches near the model's limits: 10 events of 25 impression IDs of 256 characters, about 70 KB each.
    const batch = (n: number) =>
      JSON.stringify({
        trackingId: 't',
        sessionId: 's',
        eventList: Array.from({ length: 10 }, (_, index) => ({
          eventId: `${n}-${index}-${x(200)}`,
          eventType: 'view',
          sentAt: 1_764_000_000,
          impression: Array.from({ length: 25 }, (_, item) => `${item}-${x(250)}`),
        })),
      });
    for (let n = 0; n < 5; n++) {
      const response = await fetch(`${small.url}/events`, { method: 'POST', body: batch(n) });
      expect(response.status).toBe(200);
    }
    // The newest request is kept whole, over the limit on its own; nothing older.
    expect(small.requests().map((request) => request.sequence)).toEqual([5]);
    const kept = small.events();
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(10);
    expect(kept.every((event) => event.eventId?.startsWith('4-'))).toBe(true);
    // About a quarter of 40,000 characters of eventIds: the most recent ones.
    const ids = [...small.arrivals().keys()];
    expect(ids.reduce((sum, id) => sum + id.length, 0)).toBeLessThanOrEqual(10_000);
    expect(ids.length).toBeLessThan(50);
    expect(ids.at(-1)).toMatch(/^4-9-/);
    expect(ids[0]).not.toMatch(/^0-0-/);
    // Counting and duplicates go on for the eventIds still remembered.
    const again = JSON.parse(batch(4));
    await fetch(`${small.url}/events`, {
      method: 'POST',
      body: JSON.stringify({ ...again, eventList: [again.eventList[9]] }),
    });
    expect(small.events().at(-1)?.arrival).toBe(2);
    await small.close();
  });

  it('forgets the least recently accepted eventIds first, so a redelivered old eventId is still counted', async () => {
    // A quarter of 2,000 characters: five eventIds of 100 characters are remembered.
    const small = await startLocalEndpoint({ credentials: 'any', maxKeptBytes: 2_000 });
    const id = (name: string) => name.repeat(100);
    const post = async (name: string) => {
      const body = {
        trackingId: 't',
        sessionId: 's',
        eventList: [{ eventId: id(name), eventType: 'view', sentAt: 1_764_000_000 }],
      };
      expect((await fetch(`${small.url}/events`, { method: 'POST', body: JSON.stringify(body) })).status).toBe(200);
      return small.events().at(-1)?.arrival;
    };
    for (const name of ['a', 'b', 'c', 'd', 'e']) await post(name);
    expect(await post('a')).toBe(2);
    // A sixth eventId pushes out b, accepted longest ago, not a.
    await post('f');
    expect(await post('a')).toBe(3);
    expect(small.arrivals().has(id('b'))).toBe(false);
    await small.close();
  });

  it('refuses a body that is not JSON with 400 SerializationException', async () => {
    const open = await startLocalEndpoint({ credentials: 'any' });
    const response = await fetch(`${open.url}/events`, { method: 'POST', body: '{not json' });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('SerializationException');
    expect(open.requests()[0].body).toBe('{not json');
    await open.close();
  });

  it('refuses a body that is not UTF-8 with 400 SerializationException', async () => {
    const open = await startLocalEndpoint({ credentials: 'any' });
    const json = '{"trackingId":"t","sessionId":"s\u00ff","eventList":[{"eventType":"click","sentAt":1700000000}]}';
    // Latin-1: the lone byte 0xFF is no UTF-8.
    const response = await fetch(`${open.url}/events`, { method: 'POST', body: Buffer.from(json, 'latin1') });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('SerializationException');
    expect(open.events()).toEqual([]);
    await open.close();
  });

  it('refuses a body over maxBodyBytes with 413', async () => {
    const open = await startLocalEndpoint({ credentials: 'any', maxBodyBytes: 100 });
    const response = await fetch(`${open.url}/events`, { method: 'POST', body: x(101) });
    expect(response.status).toBe(413);
    await open.close();
  });

  it('answers other operations with 404 UnknownOperationException', async () => {
    const response = await fetch(`${endpoint.url}/items`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
    expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
  });

  it('listens on a free port of 127.0.0.1 and stops on close(), twice safely', async () => {
    const other = await startLocalEndpoint();
    expect(other.url).toBe(`http://127.0.0.1:${other.port}`);
    expect(other.port).not.toBe(endpoint.port);
    await other.close();
    await other.close();
    await expect(fetch(`${other.url}/`)).rejects.toThrow();
  });
});
