// @vitest-environment node
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpTransport, createRecorder } from 'react-personalize/core';
import { createPutEventsHandler, toNodeHandler } from 'react-personalize/server';
import { createCountingClient } from '../support/createCountingClient';

let server: Server | undefined;
afterEach(async () => {
  const running = server;
  server = undefined;
  if (running) {
    running.closeAllConnections();
    await new Promise((resolve) => running.close(resolve));
  }
});

async function serve(listener: (req: IncomingMessage, res: ServerResponse) => Promise<void>) {
  server = createServer((req, res) => void listener(req, res));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

function raw(url: string, method: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: IncomingMessage['headers'] }>((resolve, reject) => {
    const req = httpRequest(`${url}/api/events`, { method, headers });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('toNodeHandler behind Express-style middleware and unusual methods', () => {
  it('Express 4 + a body parser that skipped JSON (req.body = {}) + async middleware: events still delivered', async () => {
    const { client, inputs } = createCountingClient();
    const events = toNodeHandler(createPutEventsHandler({ trackingId: 't', client }));
    const url = await serve(async (req, res) => {
      // body-parser 1.x (express.urlencoded(), express.text() …) sets `req.body = req.body || {}` for every request
      // and leaves a body it does not parse unread; then e.g. express-session loads the session asynchronously.
      (req as IncomingMessage & { body?: unknown }).body ??= {};
      await new Promise((resolve) => setTimeout(resolve, 50));
      await events(req, res);
    });
    const errors: unknown[] = [];
    const recorder = createRecorder({
      transport: createHttpTransport({ url: `${url}/api/events` }),
      persistence: false,
      sessionStorage: false,
      lifecycle: false,
      retry: { baseDelay: 10, maxDelay: 50, maxAttempts: 3 },
      onError: (error) => errors.push(error),
    });
    for (let i = 0; i < 4; i++) recorder.record({ eventType: 'click', itemId: `sku-${i}` });
    await recorder.flush();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const snapshot = recorder.getSnapshot();
    await recorder.close();
    expect({ sent: snapshot.sent, failed: snapshot.failed, delivered: inputs.length }).toEqual({
      sent: 4,
      failed: 0,
      delivered: 1,
    });
  });

  it('answers 405 (not 500) to a TRACE request', async () => {
    const { client } = createCountingClient();
    const url = await serve(toNodeHandler(createPutEventsHandler({ trackingId: 't', client })));
    expect((await raw(url, 'TRACE')).status).toBe(405);
  });

  it('answers promptly (not a 408 after bodyTimeout) when a middleware consumed the body without setting req.body', async () => {
    const { client } = createCountingClient();
    const events = toNodeHandler(createPutEventsHandler({ trackingId: 't', client, bodyTimeout: 3000 }));
    const url = await serve(async (req, res) => {
      for await (const _ of req); // e.g. a logging or signature-checking middleware that read the raw body
      await events(req, res);
    });
    const started = Date.now();
    const response = await fetch(`${url}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"sessionId":"s","eventList":[{"eventType":"click","sentAt":1732730000}]}',
    });
    expect({ status: response.status, waitedLong: Date.now() - started >= 2500 }).not.toEqual({
      status: 408,
      waitedLong: true,
    });
  });
});
