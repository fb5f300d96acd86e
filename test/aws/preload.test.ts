// @vitest-environment node
import { createPersonalizeTransport } from '../../src/aws/createPersonalizeTransport';
import { LOCAL_CREDENTIALS, type LocalEndpoint, startLocalEndpoint } from '../../src/endpoint';

/** Counts evaluations of the real SDK module (once per test file). */
const sdk = vi.hoisted(() => ({ evaluations: 0 }));
vi.mock('@aws-sdk/client-personalize-events', async (importOriginal) => {
  sdk.evaluations++;
  return importOriginal();
});

let endpoint: LocalEndpoint;
beforeEach(async () => {
  endpoint = await startLocalEndpoint({ region: 'us-east-1' });
});
afterEach(() => endpoint.close());

const batch = { sessionId: 's', eventList: [{ eventId: 'e1', eventType: 'click', sentAt: 1732730000 }] };

describe('createPersonalizeTransport', () => {
  it('preloads the SDK and the credentials once the runtime is idle after prepare(), before any send', async () => {
    const credentials = vi.fn(async () => LOCAL_CREDENTIALS);
    const transport = createPersonalizeTransport({
      trackingId: 't',
      region: 'us-east-1',
      endpoint: endpoint.url,
      credentials,
    });
    expect(sdk.evaluations).toBe(0);
    transport.prepare?.();
    await vi.waitFor(() => expect(credentials).toHaveBeenCalledTimes(1), { timeout: 5_000 });
    expect(sdk.evaluations).toBe(1);
    await transport.send(batch, { keepalive: true, signal: new AbortController().signal });
    await transport.send(batch, { keepalive: false, signal: new AbortController().signal });
    // The credentials fetched ahead are the ones every send signs with.
    expect(credentials).toHaveBeenCalledTimes(1);
    expect(endpoint.events()).toHaveLength(2);
  });

  it('waits for requestIdleCallback (at most 2 s) before it loads anything', async () => {
    const idle: [() => void, unknown][] = [];
    vi.stubGlobal('requestIdleCallback', (callback: () => void, options: unknown) => idle.push([callback, options]));
    try {
      const credentials = vi.fn(async () => LOCAL_CREDENTIALS);
      const transport = createPersonalizeTransport({
        trackingId: 't',
        region: 'us-east-1',
        endpoint: endpoint.url,
        credentials,
      });
      transport.prepare?.();
      expect(idle.map(([, options]) => options)).toEqual([{ timeout: 2_000 }]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(credentials).not.toHaveBeenCalled();
      idle[0][0]();
      await vi.waitFor(() => expect(credentials).toHaveBeenCalledTimes(1), { timeout: 5_000 });
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('has nothing to prepare with preload: false', () => {
    const transport = createPersonalizeTransport({ trackingId: 't', region: 'us-east-1', preload: false });
    expect(transport.prepare).toBeUndefined();
  });
});
