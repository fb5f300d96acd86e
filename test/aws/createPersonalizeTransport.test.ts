// @vitest-environment node
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PersonalizeEventsClient, PersonalizeEventsClientConfig } from '@aws-sdk/client-personalize-events';
import { createPersonalizeTransport } from '../../src/aws/createPersonalizeTransport';
import { TransportError } from '../../src/core/TransportError';
import type { EventBatch } from '../../src/core/types';
import { LOCAL_CREDENTIALS, type LocalEndpoint, startLocalEndpoint } from '../../src/endpoint';

/** Watches the real SDK module: when it is evaluated, and every client built from it. */
const sdk = vi.hoisted(() => ({ evaluations: 0, configs: [] as PersonalizeEventsClientConfig[] }));

vi.mock('@aws-sdk/client-personalize-events', async (importOriginal) => {
  sdk.evaluations++;
  const actual = await importOriginal<typeof import('@aws-sdk/client-personalize-events')>();
  class PersonalizeEventsClient extends actual.PersonalizeEventsClient {
    constructor(config: PersonalizeEventsClientConfig) {
      sdk.configs.push(config);
      super(config);
    }
  }
  return { ...actual, PersonalizeEventsClient };
});

const batch: EventBatch = {
  sessionId: 'session-1',
  userId: 'user-1',
  eventList: [
    {
      eventId: 'e1',
      eventType: 'click',
      sentAt: 1732730000.123,
      itemId: 'item-1',
      properties: '{"color":"red","size":2}',
      impression: ['item-1', 'item-2'],
      recommendationId: 'rec-1',
      eventValue: 9.5,
      metricAttribution: { eventAttributionSource: 'email' },
    },
    { eventId: 'e2', eventType: 'view', sentAt: 1732730001 },
  ],
};

let endpoint: LocalEndpoint;
const transportFor = (target: LocalEndpoint, credentials = LOCAL_CREDENTIALS) =>
  createPersonalizeTransport({ trackingId: 'tracking-1', region: 'us-east-1', endpoint: target.url, credentials });

beforeEach(async () => {
  endpoint = await startLocalEndpoint({ region: 'us-east-1' });
  sdk.configs.length = 0;
});
afterEach(() => endpoint.close());

/** A plain HTTP server answering every request the same way (or never, with status undefined). */
async function startStub(status: number | undefined, headers: Record<string, string> = {}): Promise<Server> {
  const server = createServer((request, response) => {
    request.resume();
    if (status === undefined) return;
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end('{"message":"stub"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}
const stubUrl = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const closeStub = (server: Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

describe('createPersonalizeTransport', () => {
  // Must stay first: the SDK module is evaluated once per test file.
  it('does not load the SDK until the first send, and loads it once', async () => {
    const transport = transportFor(endpoint);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sdk.evaluations).toBe(0);
    await transport.send(batch, { keepalive: false, signal: new AbortController().signal });
    expect(sdk.evaluations).toBe(1);
    await transportFor(endpoint).send(batch, { keepalive: false, signal: new AbortController().signal });
    expect(sdk.evaluations).toBe(1);
  });

  it('sends the batch with PutEvents: tracking ID from its options, sentAt in exact epoch seconds, properties as sent', async () => {
    await transportFor(endpoint).send(batch, { keepalive: false, signal: new AbortController().signal });
    const [request] = endpoint.requests();
    expect(request).toMatchObject({ status: 200, signature: 'valid', issues: [] });
    expect(request.body).toEqual({ trackingId: 'tracking-1', ...batch });
  });

  it('sends sentAt to the nearest millisecond, the precision of the Date the SDK takes', async () => {
    const fine = { ...batch, eventList: [{ eventId: 'fine', eventType: 'click', sentAt: 1732730000.1236 }] };
    await transportFor(endpoint).send(fine, { keepalive: false, signal: new AbortController().signal });
    expect(endpoint.events()[0].event.sentAt).toBe(1732730000.124);
  });

  it('refuses a missing trackingId when it is created', () => {
    expect(() => createPersonalizeTransport({ trackingId: '' })).toThrow(
      new TypeError(
        'createPersonalizeTransport: trackingId is required (1–256 characters): the tracking ID of your event tracker',
      ),
    );
  });

  it('marks InvalidInputException as invalid and not retryable', async () => {
    const bad = { ...batch, eventList: [{ ...batch.eventList[0], recommendationId: 'r'.repeat(41) }] };
    const error = await transportFor(endpoint)
      .send(bad, { keepalive: false, signal: new AbortController().signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ retryable: false, invalid: true, status: 400, code: 'InvalidInputException' });
    expect((error as Error).message).toContain('eventList[0].recommendationId: 1–40 chars (got 41)');
  });

  it.each([
    [{ failRate: 1 }, 500, 'InternalFailure'],
    [{ throttleRate: 1 }, 400, 'ThrottlingException'],
  ])('marks the fault %o as retryable (HTTP %i %s)', async (faults, status, code) => {
    endpoint.setFaults(faults);
    await expect(
      transportFor(endpoint).send(batch, { keepalive: false, signal: new AbortController().signal }),
    ).rejects.toMatchObject({
      name: 'TransportError',
      retryable: true,
      invalid: false,
      status,
      code,
    });
  });

  it('marks a refused signature (403) as not retryable', async () => {
    const transport = transportFor(endpoint, { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'wrong' });
    await expect(
      transport.send(batch, { keepalive: false, signal: new AbortController().signal }),
    ).rejects.toMatchObject({
      retryable: false,
      invalid: false,
      status: 403,
      code: 'InvalidSignatureException',
    });
  });

  it('marks a signature refused for clock skew as retryable once the SDK has corrected its clock', async () => {
    // The server's clock is an hour ahead: the SDK learns the offset from the 403's Date header.
    const skewed = await startStub(403, {
      'x-amzn-errortype': 'InvalidSignatureException',
      date: new Date(Date.now() + 60 * 60_000).toUTCString(),
    });
    const transport = createPersonalizeTransport({
      trackingId: 't',
      region: 'us-east-1',
      endpoint: stubUrl(skewed),
      credentials: LOCAL_CREDENTIALS,
    });
    await expect(
      transport.send(batch, { keepalive: false, signal: new AbortController().signal }),
    ).rejects.toMatchObject({
      retryable: true,
      invalid: false,
      status: 403,
      code: 'InvalidSignatureException',
    });
    await closeStub(skewed);
  });

  it.each([
    [429, 'TooManyRequestsException'],
    [503, 'ServiceUnavailable'],
    [502, undefined],
  ])('marks HTTP %i (%s) as retryable', async (status, type) => {
    const stub = await startStub(status, type ? { 'x-amzn-errortype': type } : {});
    const transport = createPersonalizeTransport({
      trackingId: 't',
      region: 'us-east-1',
      endpoint: stubUrl(stub),
      credentials: LOCAL_CREDENTIALS,
    });
    await expect(
      transport.send(batch, { keepalive: false, signal: new AbortController().signal }),
    ).rejects.toMatchObject({
      retryable: true,
      invalid: false,
      status,
    });
    await closeStub(stub);
  });

  it('marks a network failure as retryable', async () => {
    const closed = await startLocalEndpoint();
    await closed.close();
    await expect(
      transportFor(closed).send(batch, { keepalive: false, signal: new AbortController().signal }),
    ).rejects.toMatchObject({
      retryable: true,
      status: undefined,
      message: expect.stringMatching(/^PutEvents failed \(no answer/),
    });
  });

  it("marks a timeout as retryable (a user's client with a request timeout)", async () => {
    const silent = await startStub(undefined);
    const { PersonalizeEventsClient } = await import('@aws-sdk/client-personalize-events');
    const client = new PersonalizeEventsClient({
      region: 'us-east-1',
      endpoint: stubUrl(silent),
      credentials: { ...LOCAL_CREDENTIALS },
      maxAttempts: 1,
      requestHandler: { requestTimeout: 100, throwOnRequestTimeout: true },
    });
    const transport = createPersonalizeTransport({ trackingId: 't', client });
    await expect(
      transport.send(batch, { keepalive: false, signal: new AbortController().signal }),
    ).rejects.toMatchObject({
      retryable: true,
      code: 'TimeoutError',
    });
    await closeStub(silent);
  });

  it('passes the abort signal to the SDK', async () => {
    const silent = await startStub(undefined);
    const transport = createPersonalizeTransport({
      trackingId: 't',
      region: 'us-east-1',
      endpoint: stubUrl(silent),
      credentials: LOCAL_CREDENTIALS,
    });
    const abort = new AbortController();
    const sending = transport.send(batch, { keepalive: false, signal: abort.signal });
    setTimeout(() => abort.abort(), 50);
    await expect(sending).rejects.toMatchObject({ retryable: true, code: 'AbortError' });
    await closeStub(silent);
  });

  it('makes one attempt per send on the client it builds: the recorder owns the retries', async () => {
    endpoint.setFaults({ failRate: 1 });
    const error = await transportFor(endpoint)
      .send(batch, { keepalive: false, signal: new AbortController().signal })
      .catch((e: unknown) => e);
    expect(endpoint.requests()).toHaveLength(1);
    expect((error as TransportError & { cause: { $metadata: { attempts: number } } }).cause.$metadata.attempts).toBe(1);
    expect(sdk.configs).toEqual([
      expect.objectContaining({ maxAttempts: 1, region: 'us-east-1', endpoint: endpoint.url }),
    ]);
  });

  it("keeps the retries of a user's own client", async () => {
    endpoint.setFaults({ failRate: 1 });
    const { PersonalizeEventsClient } = await import('@aws-sdk/client-personalize-events');
    const client = new PersonalizeEventsClient({
      region: 'us-east-1',
      endpoint: endpoint.url,
      credentials: { ...LOCAL_CREDENTIALS },
      maxAttempts: 2,
    });
    const transport = createPersonalizeTransport({ trackingId: 't', client });
    await expect(
      transport.send(batch, { keepalive: false, signal: new AbortController().signal }),
    ).rejects.toMatchObject({ retryable: true });
    expect(endpoint.requests()).toHaveLength(2);
  });

  it('sends keepalive batches through a second client whose fetch handler sets keepalive, sharing the credentials', async () => {
    const transport = transportFor(endpoint);
    await transport.send(batch, { keepalive: false, signal: new AbortController().signal });
    expect(sdk.configs).toHaveLength(1);
    await transport.send(
      { ...batch, eventList: [{ eventId: 'e3', eventType: 'click', sentAt: 1732730002 }] },
      { keepalive: true, signal: new AbortController().signal },
    );
    expect(sdk.configs).toHaveLength(2);
    expect(sdk.configs[1]).toMatchObject({
      requestHandler: { keepAlive: true },
      maxAttempts: 1,
      endpoint: endpoint.url,
    });
    expect(sdk.configs[1].credentials).toBeTypeOf('function');
    expect(sdk.configs[0].requestHandler).toBeUndefined();
    await transport.send(batch, { keepalive: true, signal: new AbortController().signal });
    expect(sdk.configs).toHaveLength(2);
    expect(endpoint.events().map((event) => event.eventId)).toEqual(['e1', 'e2', 'e3', 'e1', 'e2']);
  });

  it("sends keepalive batches through a user's own client too", async () => {
    const { PersonalizeEventsClient } = await import('@aws-sdk/client-personalize-events');
    const client: PersonalizeEventsClient = new PersonalizeEventsClient({
      region: 'us-east-1',
      endpoint: endpoint.url,
      credentials: { ...LOCAL_CREDENTIALS },
    });
    const send = vi.spyOn(client, 'send');
    await createPersonalizeTransport({ trackingId: 't', client }).send(batch, {
      keepalive: true,
      signal: new AbortController().signal,
    });
    expect(sdk.configs).toHaveLength(1);
    expect(send).toHaveBeenCalledTimes(1);
    expect(endpoint.events()).toHaveLength(2);
  });
});
