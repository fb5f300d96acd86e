// @vitest-environment node
import { createPersonalizeTransport } from '../../src/aws/createPersonalizeTransport';
import { loadPersonalizeEvents } from '../../src/aws/loadPersonalizeEvents';

/** The SDK chunk fails to arrive while `failing` is true (as a lazy chunk can on a flaky network). */
const chunk = vi.hoisted(() => ({ failing: true }));

vi.mock('@aws-sdk/client-personalize-events', async (importOriginal) => {
  if (chunk.failing) throw new Error('Failed to fetch dynamically imported module');
  return importOriginal();
});

const batch = { sessionId: 's', eventList: [{ eventId: 'e', eventType: 'click', sentAt: 1 }] };

describe('loadPersonalizeEvents', () => {
  it('reports a failed load as a retryable error that names the package, then loads on a later try', async () => {
    const transport = createPersonalizeTransport({
      trackingId: 't',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9',
    });
    await expect(
      transport.send(batch, { keepalive: false, signal: new AbortController().signal }),
    ).rejects.toMatchObject({
      name: 'TransportError',
      retryable: true,
      message: 'createPersonalizeTransport: could not load @aws-sdk/client-personalize-events (is it installed?)',
    });
    chunk.failing = false;
    const sdk = await loadPersonalizeEvents();
    expect(sdk.PutEventsCommand).toBeTypeOf('function');
    expect(await loadPersonalizeEvents()).toBe(sdk);
  });
});
