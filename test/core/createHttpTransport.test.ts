import { createHttpTransport } from '../../src/core/createHttpTransport';
import type { EventBatch } from '../../src/core/types';

const batch: EventBatch = { sessionId: 's', userId: 'u', eventList: [{ eventId: 'e', eventType: 'click', sentAt: 1 }] };

function fakeFetch(response: Response | Error) {
  return vi.fn<typeof fetch>(async () => {
    if (response instanceof Error) throw response;
    return response;
  });
}

describe('createHttpTransport', () => {
  it('POSTs the batch as JSON with keepalive when asked', async () => {
    const fetch = fakeFetch(new Response(null, { status: 200 }));
    const transport = createHttpTransport({ url: '/api/events', headers: { 'x-csrf': 't' }, fetch });
    const { signal } = new AbortController();
    await transport.send(batch, { keepalive: true, signal });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('/api/events');
    expect(init).toMatchObject({ method: 'POST', keepalive: true, credentials: 'same-origin' });
    // The recorder's deadline reaches the request.
    expect(init?.signal).toBe(signal);
    expect(init?.headers).toEqual({ 'content-type': 'application/json', 'x-csrf': 't' });
    expect(JSON.parse(init?.body as string)).toEqual(batch);
  });

  it.each([
    [429, undefined, true, false],
    [500, undefined, true, false],
    [503, undefined, true, false],
    [408, undefined, true, false],
    [400, 'ThrottlingException', true, false],
    [400, 'InvalidInputException', false, true],
    [400, undefined, false, true],
    [401, undefined, false, false],
    [403, undefined, false, false],
    [413, undefined, false, true],
    // Credentials that expired before they were renewed (a device clock behind): the next attempt may pass.
    [403, 'ExpiredTokenException', true, false],
    [400, 'RequestExpired', true, false],
    // The service could not read some event: halving finds it, the others are delivered.
    [400, 'SerializationException', false, true],
  ])('maps HTTP %i (%s) to retryable=%s invalid=%s', async (status, type, retryable, invalid) => {
    const headers = type ? { 'x-amzn-errortype': `${type}:http://internal` } : undefined;
    const transport = createHttpTransport({ url: '/e', fetch: fakeFetch(new Response('{}', { status, headers })) });
    await expect(
      transport.send(batch, { keepalive: false, signal: new AbortController().signal }),
    ).rejects.toMatchObject({ retryable, invalid, status });
  });

  it("sends one content type when the caller's headers name it in any case", async () => {
    const fetch = fakeFetch(new Response(null, { status: 200 }));
    const headers = { 'Content-Type': 'application/json', 'X-CSRF-Token': 't' };
    await createHttpTransport({ url: '/e', headers, fetch }).send(batch, {
      keepalive: false,
      signal: new AbortController().signal,
    });
    expect(new Headers(fetch.mock.calls[0][1]?.headers).get('content-type')).toBe('application/json');
  });

  it('reads the error type from the body when there is no header', async () => {
    const response = new Response(JSON.stringify({ __type: 'com.amazon#ThrottlingException' }), { status: 400 });
    const transport = createHttpTransport({ url: '/e', fetch: fakeFetch(response) });
    await expect(
      transport.send(batch, { keepalive: false, signal: new AbortController().signal }),
    ).rejects.toMatchObject({
      retryable: true,
      code: 'ThrottlingException',
    });
  });

  it('treats a network failure as retryable', async () => {
    const transport = createHttpTransport({ url: '/e', fetch: fakeFetch(new TypeError('Failed to fetch')) });
    await expect(
      transport.send(batch, { keepalive: false, signal: new AbortController().signal }),
    ).rejects.toMatchObject({
      name: 'TransportError',
      retryable: true,
      message: '/e: network error',
    });
  });
});
