import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createHttpTransport, createRecorder, type Recorder, type RecorderError } from 'react-personalize/core';
import { LOCAL_CREDENTIALS, type LocalEndpoint, startLocalEndpoint } from 'react-personalize/endpoint';
import { createPutEventsHandler, toNodeHandler } from 'react-personalize/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The server's own session store: session cookie → user. */
const sessions = new Map([['session-alice', 'alice']]);

function readCookie(request: Request, name: string): string | undefined {
  const match = new RegExp(`(?:^|;\\s*)${name}=([^;]*)`).exec(request.headers.get('cookie') ?? '');
  return match?.[1];
}

let endpoint: LocalEndpoint;
let server: Server;
let url: string;

beforeAll(async () => {
  endpoint = await startLocalEndpoint({ region: 'us-east-1' });
  const handler = createPutEventsHandler({
    trackingId: 'server-tracker',
    region: 'us-east-1',
    endpoint: endpoint.url,
    credentials: { ...LOCAL_CREDENTIALS },
    maxBodyBytes: 64 * 1024,
    // Ample for a whole body on 127.0.0.1 even on a busy machine; the dribbling body below takes ten times as long.
    bodyTimeout: 2_000,
    resolveUser(request) {
      const session = readCookie(request, 'session');
      if (session === undefined) return {};
      const userId = sessions.get(session);
      return userId === undefined ? null : { userId };
    },
  });
  const events = toNodeHandler(handler);
  server = createServer((req, res) => {
    void events(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/events`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await endpoint?.close();
});

const recorders: Recorder[] = [];
afterEach(async () => {
  await Promise.all(recorders.splice(0).map((recorder) => recorder.close()));
  endpoint.setFaults({});
  endpoint.clear();
});

function recorderFor(target: string, options: { cookie?: string; userId?: string; errors?: RecorderError[] } = {}) {
  const recorder = createRecorder({
    transport: createHttpTransport({ url: target, headers: options.cookie ? { cookie: options.cookie } : {} }),
    userId: options.userId,
    persistence: false,
    sessionStorage: false,
    lifecycle: false,
    flushInterval: 10,
    retry: { baseDelay: 10, maxDelay: 50, maxAttempts: 3 },
    onError: (error) => options.errors?.push(error),
  });
  recorders.push(recorder);
  return recorder;
}

const wireEvent = (eventId: string) => ({ eventId, eventType: 'click', itemId: 'sku-1', sentAt: Date.now() / 1000 });

function post(body: string, headers: Record<string, string> = {}) {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

describe('createPutEventsHandler', () => {
  it("delivers the recorder's events with the server's trackingId and the signed-in user", async () => {
    const recorder = recorderFor(url, { cookie: 'session=session-alice' });
    const { sessionId } = recorder.getSnapshot();
    for (let i = 0; i < 12; i++) recorder.record({ eventType: 'click', itemId: `sku-${i}` });
    await recorder.flush();

    const arrived = endpoint.events();
    expect(arrived).toHaveLength(12);
    for (const event of arrived) {
      expect(event).toMatchObject({ trackingId: 'server-tracker', userId: 'alice', sessionId });
    }
    expect(endpoint.requests().every((request) => request.signature === 'valid' && request.status === 200)).toBe(true);
    expect(recorder.getSnapshot()).toMatchObject({ sent: 12, queued: 0, failed: 0 });
  });

  it('delivers what a browser sends for another user by its session alone, never under the claimed user', async () => {
    const errors: RecorderError[] = [];
    const recorder = recorderFor(url, { cookie: 'session=session-alice', userId: 'mallory', errors });
    recorder.record({ eventType: 'purchase', itemId: 'sku-1' });
    await recorder.flush();

    expect(errors).toEqual([]);
    expect(endpoint.events().map((entry) => [entry.userId, entry.event.eventType])).toEqual([[undefined, 'purchase']]);
  });

  it('accepts a userId in the body that is the signed-in user', async () => {
    const recorder = recorderFor(url, { cookie: 'session=session-alice', userId: 'alice' });
    recorder.record({ eventType: 'click', itemId: 'sku-1' });
    await recorder.flush();
    expect(endpoint.events().map((event) => event.userId)).toEqual(['alice']);
  });

  it('keeps the events in the browser while PutEvents fails, and delivers them once it recovers', async () => {
    endpoint.setFaults({ failRate: 1 });
    const errors: RecorderError[] = [];
    const recorder = recorderFor(url, { cookie: 'session=session-alice', errors });
    recorder.record({ eventType: 'click', itemId: 'sku-1' });
    await recorder.flush();
    expect(errors.at(-1)?.message).toMatch(/HTTP 503/);
    expect(errors.at(-1)?.retryable).toBe(true);
    expect(recorder.getSnapshot().queued).toBe(1);

    endpoint.setFaults({});
    await recorder.flush();
    expect(endpoint.events().map((event) => event.event.itemId)).toEqual(['sku-1']);
  });

  describe('refuses hostile requests over HTTP before anything reaches PutEvents', () => {
    const bigBody = ' '.repeat(64 * 1024 + 1);
    const cases: { name: string; send: () => Promise<Response>; status: number }[] = [
      { name: 'GET', send: () => fetch(url), status: 405 },
      {
        name: 'text/plain',
        send: () =>
          post(JSON.stringify({ sessionId: 's', eventList: [wireEvent('a')] }), { 'content-type': 'text/plain' }),
        status: 415,
      },
      { name: 'a body over maxBodyBytes', send: () => post(bigBody), status: 413 },
      {
        name: 'a streamed body over maxBodyBytes, with no length',
        send: () =>
          fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: new Blob([bigBody]).stream(),
            duplex: 'half',
          } as RequestInit),
        status: 413,
      },
      {
        name: 'a body that dribbles in',
        send: () => {
          let sent = 0;
          const body = new ReadableStream<Uint8Array>({
            async pull(controller) {
              await new Promise((resolve) => setTimeout(resolve, 50));
              // 20 s in all, ten times bodyTimeout; bounded, so the test ends even if the handler waited for the end.
              if (++sent > 400) controller.close();
              else controller.enqueue(new TextEncoder().encode(' '));
            },
          });
          return fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
            duplex: 'half',
          } as RequestInit);
        },
        status: 408,
      },
      { name: 'not JSON', send: () => post('{"sessionId":'), status: 400 },
      {
        name: '__proto__',
        send: () => post(`{"sessionId":"s","eventList":[${JSON.stringify(wireEvent('a'))}],"__proto__":{"x":1}}`),
        status: 400,
      },
      {
        name: '11 events',
        send: () =>
          post(JSON.stringify({ sessionId: 's', eventList: Array.from({ length: 11 }, (_, i) => wireEvent(`e${i}`)) })),
        status: 400,
      },
      {
        name: 'a trackingId in the body',
        send: () => post(JSON.stringify({ trackingId: 'other', sessionId: 's', eventList: [wireEvent('a')] })),
        status: 400,
      },
      {
        name: 'an unknown session',
        send: () => post(JSON.stringify({ sessionId: 's', eventList: [wireEvent('a')] }), { cookie: 'session=forged' }),
        status: 401,
      },
    ];

    it.each(cases)('$name → $status', async ({ send, status }) => {
      const response = await send();
      expect(response.status).toBe(status);
      await response.arrayBuffer();
      expect(endpoint.requests()).toHaveLength(0);
      expect(Object.prototype).not.toHaveProperty('x');
    });
  });

  describe('in the example server (examples/node-server/server.mjs, run with plain node)', () => {
    let child: ChildProcess | undefined;
    let exampleUrl: string;

    /**
     * Builds dist/ when it is missing or older than src/server (`npm test` builds first, so this is for running the
     * file alone; other folders' edits do not trigger it, as a rebuild empties dist/ under other running tests).
     */
    function ensureBuilt() {
      const built = `${root}dist/server.js`;
      const newestSource = readdirSync(`${root}src/server`)
        .map((file) => statSync(`${root}src/server/${file}`).mtimeMs)
        .reduce((a, b) => Math.max(a, b), 0);
      if (existsSync(built) && statSync(built).mtimeMs >= newestSource) return;
      const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'pipe', timeout: 170_000 });
      if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stderr}`);
    }

    beforeAll(async () => {
      ensureBuilt();
      child = spawn(process.execPath, ['examples/node-server/server.mjs'], {
        cwd: root,
        env: {
          PATH: process.env.PATH,
          PORT: '0',
          PERSONALIZE_TRACKING_ID: 'example-tracker',
          PERSONALIZE_ENDPOINT: endpoint.url,
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
          AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr?.on('data', (chunk) => {
        stderr += chunk;
      });
      exampleUrl = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the example did not start in 30 s:\n${stderr}`)), 30_000);
        let stdout = '';
        child!.stdout?.on('data', (chunk) => {
          stdout += chunk;
          const match = /listening on (http:\/\/\S+)/.exec(stdout);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
        child!.on('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`the example exited with ${code}:\n${stderr}`));
        });
      });
    }, 180_000); // building dist/ takes seconds, or a minute on a busy machine

    afterAll(async () => {
      if (child && child.exitCode === null) {
        const exited = new Promise((resolve) => child!.on('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    });

    it("delivers events with the example's trackingId and the user of its session cookie", async () => {
      const recorder = recorderFor(exampleUrl, { cookie: 'session=session-bob' });
      recorder.record({ eventType: 'click', itemId: 'sku-1' });
      recorder.record({ eventType: 'purchase', itemId: 'sku-1', eventValue: 25 });
      await recorder.flush();
      expect(endpoint.events().map(({ trackingId, userId, event }) => [trackingId, userId, event.eventType])).toEqual([
        ['example-tracker', 'bob', 'click'],
        ['example-tracker', 'bob', 'purchase'],
      ]);
    });

    it('strips a spoofed user and refuses a spoofed trackingId', async () => {
      const spoofedUser = await fetch(exampleUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: 'session=session-bob' },
        body: JSON.stringify({ sessionId: 's', userId: 'alice', eventList: [wireEvent('a')] }),
      });
      const spoofedTracker = await fetch(exampleUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ trackingId: 'other', sessionId: 's', eventList: [wireEvent('a')] }),
      });
      expect([spoofedUser.status, spoofedTracker.status]).toEqual([200, 400]);
      expect(endpoint.events().map((event) => [event.trackingId, event.userId])).toEqual([
        ['example-tracker', undefined],
      ]);
    });
  });
});

describe('createPutEventsHandler upstreamTimeout', () => {
  /** A PutEvents server that takes every request and never answers. */
  async function silentPutEvents() {
    const held: import('node:http').ServerResponse[] = [];
    const silent = createServer((req, res) => {
      req.resume();
      held.push(res);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    return {
      url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
      held,
      async close() {
        silent.closeAllConnections();
        await new Promise((resolve) => silent.close(resolve));
      },
    };
  }

  async function postThrough(handler: (request: Request) => Promise<Response>) {
    const front = createServer(toNodeHandler(handler));
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    const started = performance.now();
    try {
      const response = await fetch(`http://127.0.0.1:${(front.address() as AddressInfo).port}/api/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sessionId: 's', eventList: [wireEvent('timeout-1')] }),
      });
      return {
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        body: await response.json(),
        elapsed: performance.now() - started,
      };
    } finally {
      front.closeAllConnections();
      await new Promise((resolve) => front.close(resolve));
    }
  }

  it('answers 503 with Retry-After when PutEvents accepts the connection and never answers (the client it builds)', async () => {
    const upstream = await silentPutEvents();
    const errors: unknown[] = [];
    try {
      const result = await postThrough(
        createPutEventsHandler({
          trackingId: 'tracker',
          region: 'us-east-1',
          endpoint: upstream.url,
          credentials: { ...LOCAL_CREDENTIALS },
          upstreamTimeout: 300,
          onError: (error) => errors.push(error),
        }),
      );
      expect(upstream.held.length).toBe(1);
      expect(result).toMatchObject({ status: 503, retryAfter: '2' });
      expect(result.body.message).toBe('sending the events timed out; try again later');
      // Well within the deadline plus a busy machine's slack; without the timeout it never answers.
      expect(result.elapsed).toBeLessThan(10_000);
      expect(String(errors[0])).toContain('PutEvents did not answer within 300 ms');
    } finally {
      await upstream.close();
    }
  });

  it("aborts a user's own client through abortSignal and answers 503 with Retry-After", async () => {
    const upstream = await silentPutEvents();
    const { PersonalizeEventsClient } = await import('@aws-sdk/client-personalize-events');
    const client = new PersonalizeEventsClient({
      region: 'us-east-1',
      endpoint: upstream.url,
      credentials: { ...LOCAL_CREDENTIALS },
    });
    try {
      const result = await postThrough(createPutEventsHandler({ trackingId: 'tracker', client, upstreamTimeout: 300 }));
      expect(result).toMatchObject({ status: 503, retryAfter: '2' });
      // The abort reached the SDK: its socket to the silent server is closed, not left hanging.
      await expect.poll(() => upstream.held.every((res) => res.socket === null || res.socket.destroyed)).toBe(true);
    } finally {
      client.destroy();
      await upstream.close();
    }
  });

  it("answers 503 even when a user's own client ignores the abort signal", async () => {
    const client = {
      send: () => new Promise(() => {}),
    } as unknown as import('@aws-sdk/client-personalize-events').PersonalizeEventsClient;
    const result = await postThrough(createPutEventsHandler({ trackingId: 'tracker', client, upstreamTimeout: 200 }));
    expect(result).toMatchObject({ status: 503, retryAfter: '2' });
  });
});
