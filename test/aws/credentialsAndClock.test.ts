// @vitest-environment node
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPersonalizeTransport } from '../../src/aws/createPersonalizeTransport';
import { createRecorder } from '../../src/core/createRecorder';
import type { RecorderActivity } from '../../src/core/types';
import { LOCAL_CREDENTIALS } from '../../src/endpoint';

const batch = { sessionId: 's', eventList: [{ eventId: 'e1', eventType: 'click', sentAt: Date.now() / 1000 }] };

async function start(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
const stop = (server: Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

describe('createPersonalizeTransport: credentials that could not be fetched', () => {
  // What fromCognitoIdentityPool rethrows as is: ExternalServiceException (its identity provider did not answer) and
  // ResourceNotFoundException for a stale cached identityId (the provider clears its cache; the next call succeeds).
  // They carry Cognito's HTTP status, not PutEvents'.
  it.each([
    ['ExternalServiceException', 400],
    ['ResourceNotFoundException', 404],
  ])(
    '%s (%i) from the credentials provider is retried, never a reason to drop the events',
    async (name, httpStatusCode) => {
      let calls = 0;
      const personalize = await start((req, res) => {
        calls++;
        req.resume();
        res.writeHead(200);
        res.end();
      });
      const cognitoError = Object.assign(new Error('Cognito said no'), {
        name,
        $fault: 'client',
        $metadata: { httpStatusCode, requestId: 'x', attempts: 1 },
      });
      const transport = createPersonalizeTransport({
        trackingId: 't',
        region: 'us-east-1',
        endpoint: personalize.url,
        credentials: async () => {
          throw cognitoError;
        },
      });
      await expect(
        transport.send(batch, { keepalive: false, signal: new AbortController().signal }),
      ).rejects.toMatchObject({ retryable: true });
      const activity: RecorderActivity[] = [];
      const recorder = createRecorder({
        transport,
        persistence: false,
        lifecycle: false,
        sessionStorage: false,
        onError: () => {},
        retry: { maxAttempts: 1 },
      });
      recorder.subscribe((entry) => activity.push(entry));
      recorder.record({ eventType: 'click', itemId: 'i1' });
      await recorder.flush();
      expect(activity.filter((entry) => entry.type === 'dropped')).toEqual([]);
      expect(recorder.getSnapshot().queued).toBe(1);
      expect(calls).toBe(0);
      await stop(personalize.server);
    },
  );
});

describe('createPersonalizeTransport: a device clock minutes off', () => {
  it('signs page-exit (keepalive) sends with the clock correction the main client learned', async () => {
    const serverOffset = 60 * 60_000; // the device clock is an hour behind
    const stub = await start((req, res) => {
      req.resume();
      const amzDate = String(req.headers['x-amz-date']);
      const signed = Date.parse(
        `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
      );
      const serverNow = Date.now() + serverOffset;
      const headers = { 'content-type': 'application/json', date: new Date(serverNow).toUTCString() };
      if (Math.abs(serverNow - signed) > 5 * 60_000) {
        res.writeHead(403, { ...headers, 'x-amzn-errortype': 'InvalidSignatureException' });
        res.end('{"message":"Signature expired"}');
      } else {
        res.writeHead(200, headers);
        res.end();
      }
    });
    const transport = createPersonalizeTransport({
      trackingId: 't',
      region: 'us-east-1',
      endpoint: stub.url,
      credentials: LOCAL_CREDENTIALS,
    });
    // First send: refused, the SDK corrects its clock (retryable). Second: accepted.
    await expect(
      transport.send(batch, { keepalive: false, signal: new AbortController().signal }),
    ).rejects.toMatchObject({ retryable: true, status: 403 });
    await expect(
      transport.send(batch, { keepalive: false, signal: new AbortController().signal }),
    ).resolves.toBeUndefined();
    // Page exit: the keepalive client starts with no clock offset.
    const exit = await transport.send(batch, { keepalive: true, signal: new AbortController().signal }).then(
      () => 'sent',
      (e: { status?: number; code?: string }) => `refused ${e.status} ${e.code}`,
    );
    await stop(stub.server);
    expect(exit).toBe('sent');
  });
});
