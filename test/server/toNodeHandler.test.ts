// @vitest-environment node
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeHandler } from 'react-personalize/server';
import { afterEach, describe, expect, it } from 'vitest';

let server: Server | undefined;

afterEach(async () => {
  const running = server;
  server = undefined;
  if (running) {
    running.closeAllConnections();
    await new Promise((resolve) => running.close(resolve));
  }
});

async function serve(handler: Parameters<typeof toNodeHandler>[0], before?: (req: IncomingMessage) => Promise<void>) {
  const nodeHandler = toNodeHandler(handler);
  server = createServer(async (req, res) => {
    await before?.(req);
    await nodeHandler(req, res);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

/** A raw request, so the test sees the connection header and whether the socket was closed. */
function rawPost(url: string, body: Buffer) {
  return new Promise<{ status: number; headers: IncomingMessage['headers']; text: string }>((resolve, reject) => {
    const req = httpRequest(`${url}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': body.length },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('toNodeHandler', () => {
  it('hands the handler a Request with the method, URL, headers and body, and writes its Response back', async () => {
    let seen: { method: string; url: string; header: string | null; body: string } | undefined;
    const url = await serve(async (request) => {
      seen = {
        method: request.method,
        url: request.url,
        header: request.headers.get('x-csrf-token'),
        body: await request.text(),
      };
      const headers = new Headers({ 'content-type': 'application/json', 'x-answer': 'yes' });
      headers.append('set-cookie', 'a=1');
      headers.append('set-cookie', 'b=2');
      return new Response('{"ok":true}', { status: 201, headers });
    });
    const response = await fetch(`${url}/api/events?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': 'token-1' },
      body: '{"sessionId":"s"}',
    });
    expect(seen).toEqual({
      method: 'POST',
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/api\/events\?x=1$/),
      header: 'token-1',
      body: '{"sessionId":"s"}',
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-answer')).toBe('yes');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await response.text()).toBe('{"ok":true}');
  });

  it('closes the connection when the handler answers without reading the whole body', async () => {
    let bytesRead = 0;
    const url = await serve(async (request) => {
      const reader = request.body!.getReader();
      const first = await reader.read();
      bytesRead += first.value?.byteLength ?? 0;
      await reader.cancel();
      return new Response('too large', { status: 413 });
    });
    const response = await rawPost(url, Buffer.alloc(4 * 1024 * 1024, 0x20));
    expect(response.status).toBe(413);
    expect(response.headers.connection).toBe('close');
    expect(bytesRead).toBeLessThan(4 * 1024 * 1024);
  });

  it('keeps the connection open when the body was read to the end', async () => {
    const url = await serve(async (request) => new Response(await request.text(), { status: 200 }));
    const response = await rawPost(url, Buffer.from('{"a":1}'));
    expect(response.status).toBe(200);
    expect(response.text).toBe('{"a":1}');
    expect(response.headers.connection).not.toBe('close');
  });

  it('passes on a body that a parser such as express.json() already read', async () => {
    let body: string | undefined;
    const url = await serve(
      async (request) => {
        body = await request.text();
        return new Response(null, { status: 204 });
      },
      async (req) => {
        // What express.json() leaves behind: the stream consumed, the parsed value on req.body.
        let text = '';
        for await (const chunk of req) text += chunk;
        Object.assign(req, { body: JSON.parse(text) });
      },
    );
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"sessionId":"s"}',
    });
    expect(response.status).toBe(204);
    expect(body).toBe('{"sessionId":"s"}');
  });

  it('answers 500 without details when the handler throws', async () => {
    const url = await serve(async () => {
      throw new Error('secret-detail');
    });
    const response = await fetch(url, { method: 'POST', body: '{}' });
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('secret-detail');
  });
});
