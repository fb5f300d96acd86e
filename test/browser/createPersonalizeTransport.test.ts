import { createPersonalizeTransport } from 'react-personalize/aws';
import { inject } from 'vitest';
import { commands } from 'vitest/browser';

declare module 'vitest/browser' {
  interface BrowserCommands {
    /** The local endpoint's request log, read from Node (it answers no CORS headers). See vitest.config.ts. */
    readEndpointRequests(url: string): Promise<{ requests: unknown[] }>;
  }
}

const url = inject('localEndpointUrl');
const credentials = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' };

async function requestsOf(sessionId: string) {
  const listing = await commands.readEndpointRequests(url);
  return (listing.requests as { sessionId?: string; status: number; signature: string; origin?: string }[]).filter(
    (request) => request.sessionId === sessionId,
  );
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createPersonalizeTransport', () => {
  it('sends from Chromium to another origin through the CORS preflight, with fetch keepalive when asked', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const transport = createPersonalizeTransport({
      trackingId: 'browser',
      region: 'us-east-1',
      endpoint: url,
      credentials,
    });
    const sessionId = `browser-${crypto.randomUUID()}`;
    const event = { eventId: crypto.randomUUID(), eventType: 'click', sentAt: Date.now() / 1000, itemId: 'item-1' };

    await transport.send({ sessionId, eventList: [event] }, { keepalive: false, signal: new AbortController().signal });
    await transport.send(
      { sessionId, eventList: [{ ...event, eventId: crypto.randomUUID() }] },
      { keepalive: true, signal: new AbortController().signal },
    );

    const sent = fetchSpy.mock.calls
      .map(([input]) => input)
      .filter((input): input is Request => input instanceof Request && input.url.startsWith(`${url}/events`));
    expect(sent.map((request) => request.keepalive)).toEqual([false, true]);
    expect(location.origin).not.toBe(new URL(url).origin);
    expect(await requestsOf(sessionId)).toEqual([
      expect.objectContaining({ status: 200, signature: 'valid', origin: location.origin }),
      expect.objectContaining({ status: 200, signature: 'valid', origin: location.origin }),
    ]);
  });

  it('reads InvalidInputException from the exposed x-amzn-errortype header across origins', async () => {
    const transport = createPersonalizeTransport({
      trackingId: 'browser',
      region: 'us-east-1',
      endpoint: url,
      credentials,
    });
    const sessionId = `browser-${crypto.randomUUID()}`;
    const event = {
      eventId: crypto.randomUUID(),
      eventType: 'click',
      sentAt: Date.now() / 1000,
      itemId: 'i'.repeat(257),
    };
    await expect(
      transport.send({ sessionId, eventList: [event] }, { keepalive: false, signal: new AbortController().signal }),
    ).rejects.toMatchObject({
      name: 'TransportError',
      invalid: true,
      retryable: false,
      status: 400,
      code: 'InvalidInputException',
    });
  });
});
