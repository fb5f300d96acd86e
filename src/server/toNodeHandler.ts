import type { IncomingMessage, ServerResponse } from 'node:http';

/** A Node `http` / Express-style request handler. */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** A request that a body parser (e.g. `express.json()`) has already read. */
interface ParsedRequest extends IncomingMessage {
  body?: unknown | undefined;
  originalUrl?: string | undefined;
}

/** Methods `new Request` refuses to make. */
const FORBIDDEN_METHODS = ['CONNECT', 'TRACE', 'TRACK'];

function jsonResponse(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ message, issues: [] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

function requestUrl(req: ParsedRequest): string {
  const protocol = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  try {
    return new URL(req.originalUrl ?? req.url ?? '/', `${protocol}://${req.headers.host ?? 'localhost'}`).href;
  } catch {
    return `${protocol}://localhost/`;
  }
}

function requestHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const entry of Array.isArray(value) ? value : [value]) headers.append(name, entry);
  }
  return headers;
}

/** Streams the request body as the handler pulls it; cancelling stops reading from the socket. */
function bodyStream(req: IncomingMessage, state: { ended: boolean }): ReadableStream<Uint8Array> {
  let finished = false;
  const cleanup = () => {
    finished = true;
    req.removeListener('data', onData);
    req.removeListener('end', onEnd);
    req.removeListener('error', onError);
  };
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const onData = (chunk: Buffer) => {
    if (finished) return;
    controller.enqueue(new Uint8Array(chunk));
    if ((controller.desiredSize ?? 0) <= 0) req.pause();
  };
  const onEnd = () => {
    state.ended = true;
    if (finished) return;
    cleanup();
    controller.close();
  };
  const onError = (error: Error) => {
    if (finished) return;
    cleanup();
    controller.error(error);
  };
  return new ReadableStream<Uint8Array>(
    {
      start(streamController) {
        controller = streamController;
        req.on('data', onData);
        req.on('end', onEnd);
        req.on('error', onError);
        req.pause();
      },
      pull() {
        req.resume();
      },
      cancel() {
        cleanup();
        req.pause();
      },
    },
    { highWaterMark: 1 },
  );
}

function parsedBody(req: ParsedRequest): BodyInit | undefined {
  const body = req.body;
  if (body === undefined) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new Uint8Array(body);
  return JSON.stringify(body);
}

/**
 * Adapts a fetch-style handler (such as `createPutEventsHandler`'s) to Node's `http` server and Express:
 * `(req, res) => Promise<void>`. The body streams to the handler as it reads it; if the handler answers without
 * reading all of it (413, 415 …), the connection is closed after the answer instead of draining the rest.
 * Mount it before any body parser; a body `express.json()` already read is passed on as JSON.
 * @example
 * http.createServer(toNodeHandler(createPutEventsHandler({ trackingId }))).listen(3000);
 * app.post('/api/events', toNodeHandler(handler)); // Express
 */
export function toNodeHandler(handler: (request: Request) => Promise<Response>): NodeHandler {
  return async (req, res) => {
    const parsed = req as ParsedRequest;
    const state = { ended: false };
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    // Read by a body parser only once the stream has ended: Express 4's parsers set `req.body = {}` on requests they
    // leave unread, and `req.complete` only says the message arrived, not that anyone read it.
    const alreadyRead = parsed.body !== undefined && req.readableEnded;
    let response: Response;
    if (FORBIDDEN_METHODS.includes(req.method?.toUpperCase() ?? '')) {
      // `new Request` refuses them: answered as any other method but POST and OPTIONS.
      response = jsonResponse(405, 'method not allowed: send events with POST', { allow: 'POST, OPTIONS' });
    } else if (hasBody && req.readableEnded && !alreadyRead) {
      // A middleware read the body and kept nothing: waiting for it would only time out.
      response = jsonResponse(500, 'the body was already read by a middleware: mount this handler before body parsers');
    } else {
      if (alreadyRead) state.ended = true;
      const body = !hasBody ? undefined : alreadyRead ? parsedBody(parsed) : bodyStream(req, state);
      try {
        response = await handler(
          new Request(requestUrl(parsed), {
            method: req.method,
            headers: requestHeaders(req),
            body,
            // Required by Node's fetch for a streamed body.
            duplex: 'half',
          } as RequestInit),
        );
      } catch {
        response = jsonResponse(500, 'internal error');
      }
    }
    const headers: Record<string, string | string[]> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const cookies = response.headers.getSetCookie?.() ?? [];
    if (cookies.length > 0) headers['set-cookie'] = cookies;
    // The rest of an unread body would otherwise be drained (or wait) before the next request on this connection.
    if (hasBody && !state.ended && !req.readableEnded) headers.connection = 'close';
    const payload = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, headers);
    res.end(payload);
  };
}
