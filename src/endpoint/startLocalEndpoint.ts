import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_ID } from '../core/limits';
import type { ValidationIssue, WireEvent } from '../core/types';
import { validateBatch } from '../core/validateBatch';
import { boundIssues } from '../server/boundIssues';
import { createFaultInjector, type InjectedFault, type LocalEndpointFaults } from './createFaultInjector';
import { createRing } from './createRing';
import { isLocalHost } from './isLocalHost';
import { readRequestBody } from './readRequestBody';
import { FAVICON_SVG, renderRequestsPage } from './renderRequestsPage';
import { type LocalCredentials, verifySigV4 } from './verifySigV4';

/**
 * The fake key pair the local endpoint accepts unless told otherwise. Sign with these in tests and demos.
 * Not frozen on purpose: the SDK tags the credentials object it is given.
 */
export const LOCAL_CREDENTIALS: Readonly<LocalCredentials> = {
  accessKeyId: 'AKIDLOCAL',
  secretAccessKey: 'local-secret',
};

/** Options of `startLocalEndpoint`. */
export interface LocalEndpointOptions {
  /** TCP port; 0 picks a free one (read it from `port` / `url`). @default 0 */
  port?: number | undefined;
  /**
   * Interface to listen on. Requests are answered only when their `Host` header names this machine (`localhost`,
   * `127.0.0.1`, `[::1]`), this address or one of `allowedHosts`; any other name gets 421. @default '127.0.0.1'
   */
  host?: string | undefined;
  /** More `Host` names to answer, e.g. `['192.168.1.20']` when listening on `0.0.0.0` for a phone. @default [] */
  allowedHosts?: string[] | undefined;
  /** Key pairs whose SigV4 signatures are accepted, or `'any'` to accept every request without checking it. @default LOCAL_CREDENTIALS */
  credentials?: LocalCredentials | LocalCredentials[] | 'any' | undefined;
  /** When set, signatures must be scoped to this region. @default any region */
  region?: string | undefined;
  /** Faults to inject into `POST /events` (a rate of 500s and of throttling). @default none */
  faults?: LocalEndpointFaults | undefined;
  /** Origins allowed to call the endpoint from a browser (CORS). @default '*' (every origin) */
  allowedOrigins?: string[] | '*' | undefined;
  /** Requests kept for `requests()` and the page, a ring: the oldest is forgotten when a new one comes. @default 1000 */
  maxRequests?: number | undefined;
  /** Accepted events kept for `events()`, a ring like `maxRequests`. @default 100000 */
  maxEvents?: number | undefined;
  /**
   * Bytes of accepted bodies each ring keeps at most, whatever their counts: `requests()` and `events()` forget their
   * oldest entries past it, and `arrivals()` its oldest eventIds past a quarter of it in characters, so that posting
   * valid batches at every limit of the model (about 32 KB an event) cannot fill the memory. @default 67108864 (64 MiB)
   */
  maxKeptBytes?: number | undefined;
  /** Larger bodies are refused with 413, at once when `Content-Length` says so, without reading the rest. @default 1048576 (1 MiB) */
  maxBodyBytes?: number | undefined;
  /** Time a request body may take to arrive, in ms; a slower one gets 408 and its connection is closed. @default 10000 */
  bodyTimeout?: number | undefined;
  /** How far a request's signing time may be from the endpoint's clock, in ms. @default 300000 (5 minutes, as AWS) */
  maxClockSkew?: number | undefined;
  /** The clock, in epoch ms. @default Date.now */
  now?: (() => number) | undefined;
}

/** How the endpoint judged a request's signature. */
export type SignatureVerdict = 'valid' | 'invalid' | 'missing' | 'unchecked';

/** One request the endpoint answered (preflights and its own pages aside). */
export interface LocalEndpointRequest {
  /** Position in arrival order, from 1; it goes on counting after `clear()`. `/api/requests?since=n` lists later ones. */
  sequence: number;
  /** Also sent back in `x-amzn-requestid`. */
  requestId: string;
  /** ISO time of arrival. */
  receivedAt: string;
  /** HTTP method, e.g. `POST`. */
  method: string;
  /** Path without the query, e.g. `/events`. */
  path: string;
  /** The browser's `Origin` header, if any. */
  origin?: string | undefined;
  /** The HTTP status answered. */
  status: number;
  /** The `x-amzn-errortype` answered, e.g. `InvalidInputException`; absent on success. */
  errorType?: string | undefined;
  /** The error message answered; absent on success. */
  message?: string | undefined;
  /** The access key of the signature, when there was one. */
  accessKeyId?: string | undefined;
  /** How the signature was judged (`unchecked` with `credentials: 'any'`). */
  signature: SignatureVerdict;
  /** The fault injected into this request, if any. */
  fault?: InjectedFault | undefined;
  /** The body's `trackingId`, when it has a string one (cut at 257 characters). */
  trackingId?: string | undefined;
  /** The body's `sessionId`, when it has a string one (cut at 257 characters). */
  sessionId?: string | undefined;
  /** The body's `userId`, when it has a string one (cut at 257 characters). */
  userId?: string | undefined;
  /** Events in the body's `eventList`. */
  eventCount: number;
  /** The validation verdict: broken rules of the PutEvents model (the first 20); `[]` when the body was valid. */
  issues: ValidationIssue[];
  /** Broken rules found beyond those in `issues` (counting stops at 100). */
  moreIssues?: number;
  /** eventIds of this (accepted) request that had already arrived before. */
  duplicates: string[];
  /**
   * The parsed JSON body of an accepted request; of any other (refused, unsigned, not JSON), the first 2,048
   * characters of its text, ending with `…` when cut.
   */
  body: unknown;
}

/** One event accepted by `POST /events`. */
export interface LocalEndpointEvent {
  /** The eventId as sent (the service makes one when it is absent). */
  eventId?: string | undefined;
  /** 1 the first time this eventId was accepted, 2 for its first duplicate, and so on (1 without eventId). */
  arrival: number;
  /** The request's tracking ID. */
  trackingId: string;
  /** The request's session ID. */
  sessionId: string;
  /** The request's user ID, if it had one. */
  userId?: string | undefined;
  /** The event exactly as it arrived: `sentAt` in epoch seconds, `properties` a JSON string. */
  event: WireEvent;
  /** The request that carried it (see `requests()`). */
  requestId: string;
  /** ISO time of arrival. */
  receivedAt: string;
}

/** A running local endpoint. */
export interface LocalEndpoint {
  /** Base URL, e.g. `http://127.0.0.1:4599`: the SDK's `endpoint`; the page is at `/`, the JSON at `/api/requests`. */
  readonly url: string;
  /** The port listened on (the one picked when `port` was 0). */
  readonly port: number;
  /** The accepted events in arrival order (the last `maxEvents`), duplicates included (see `arrival`). */
  events(): LocalEndpointEvent[];
  /** How many times each eventId was accepted (the most recently accepted eventIds, up to a quarter of `maxKeptBytes` in characters). */
  arrivals(): Map<string, number>;
  /** The requests answered (the last `maxRequests`), newest first, each with its status and validation verdict. */
  requests(): LocalEndpointRequest[];
  /** Forgets every request, event and arrival count. */
  clear(): void;
  /** Replaces the injected faults (and restarts their random sequence). */
  setFaults(faults: LocalEndpointFaults): void;
  /** Stops listening and closes open connections. Safe to call twice. */
  close(): Promise<void>;
}

const SIGNING_NAME = 'personalize';
const EXPOSED_HEADERS = 'x-amzn-requestid, x-amzn-errortype, x-amz-request-id, x-amz-id-2, date';

/** Characters of a refused or unsigned body kept for the page. */
const BODY_PREFIX = 2048;
/** Issues looked for in a refused body; the first 20 are kept and answered. */
const COUNTED_ISSUES = 100;
/** How long a connection whose body was refused unread may go on sending before it is closed. */
const CLOSE_GRACE = 500;

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`startLocalEndpoint: ${name} must be a positive integer (got ${String(value)})`);
  }
  return value;
}

const prefix = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

const validationMessage = (issues: ValidationIssue[], more: number) => {
  const count = issues.length + more;
  const counted = count >= COUNTED_ISSUES ? `At least ${count}` : String(count);
  const rest = more > 0 ? `; and ${more} more` : '';
  return `${counted} validation error${count === 1 ? '' : 's'} detected: ${issues.map((issue) => issue.message).join('; ')}${rest}`;
};

/** Writes `{ ...head, [key]: items }` piece by piece, waiting for the socket to drain: never one huge string. */
async function streamJson(
  response: ServerResponse,
  head: Record<string, unknown>,
  key: string,
  items: readonly unknown[],
): Promise<void> {
  response.statusCode = 200;
  response.setHeader('Content-Type', 'application/json');
  response.setHeader('Cache-Control', 'no-store');
  const open = JSON.stringify(head);
  response.write(`${open.slice(0, -1)}${open.length > 2 ? ',' : ''}${JSON.stringify(key)}:[`);
  for (let index = 0; index < items.length; index++) {
    if (response.destroyed) return;
    const more = response.write(`${index > 0 ? ',' : ''}${JSON.stringify(items[index])}`);
    if (!more) {
      await new Promise<void>((resolve) => {
        const done = () => {
          response.off('drain', done);
          response.off('close', done);
          resolve();
        };
        response.on('drain', done);
        response.on('close', done);
      });
    }
  }
  response.end(']}');
}

/**
 * Starts a local, Personalize-compatible PutEvents endpoint on 127.0.0.1 (Node only). It speaks restJson1
 * (`POST /events`), checks SigV4 signatures (signing name `personalize`) against test credentials, refuses what the
 * service would refuse with the same 400 `InvalidInputException`, answers CORS preflights, can inject 500s and
 * throttling, and lists what arrived at `GET /` (a page) and `GET /api/requests` (JSON), newest first.
 * @example
 * const endpoint = await startLocalEndpoint({ faults: { failRate: 0.3 } });
 * const transport = createPersonalizeTransport({ trackingId: 'local', region: 'us-east-1', endpoint: endpoint.url,
 *   credentials: LOCAL_CREDENTIALS });
 * // … record and flush …
 * expect(endpoint.events()).toHaveLength(10);
 * await endpoint.close();
 */
export async function startLocalEndpoint(options: LocalEndpointOptions = {}): Promise<LocalEndpoint> {
  const now = options.now ?? Date.now;
  const maxBodyBytes = positiveInteger('maxBodyBytes', options.maxBodyBytes, 1024 * 1024);
  const bodyTimeout = positiveInteger('bodyTimeout', options.bodyTimeout, 10_000);
  const host = options.host ?? '127.0.0.1';
  const allowedHosts = [host, ...(options.allowedHosts ?? [])];
  const maxClockSkew = options.maxClockSkew ?? 5 * 60_000;
  const credentialsOption = options.credentials ?? LOCAL_CREDENTIALS;
  const credentials = credentialsOption === 'any' ? 'any' : ([] as LocalCredentials[]).concat(credentialsOption);
  const allowedOrigins = options.allowedOrigins ?? '*';
  let faults = createFaultInjector(options.faults);

  const maxKeptBytes = positiveInteger('maxKeptBytes', options.maxKeptBytes, 64 * 1024 * 1024);
  const requests = createRing<LocalEndpointRequest>(
    positiveInteger('maxRequests', options.maxRequests, 1000),
    maxKeptBytes,
  );
  const events = createRing<LocalEndpointEvent>(positiveInteger('maxEvents', options.maxEvents, 100_000), maxKeptBytes);
  let arrivals = new Map<string, number>();
  /** Characters of the eventIds `arrivals` holds. */
  let arrivalChars = 0;
  const countArrival = (eventId: string): number => {
    const arrival = (arrivals.get(eventId) ?? 0) + 1;
    if (arrival === 1) arrivalChars += eventId.length;
    // Moved to the end, so that the eventIds forgotten first are those least recently accepted: a redelivered old
    // eventId keeps its count, and its next copy is still counted as one.
    arrivals.delete(eventId);
    arrivals.set(eventId, arrival);
    // A Map iterates in insertion order: the first keys are the least recently accepted eventIds.
    for (const oldest of arrivals.keys()) {
      if (arrivalChars <= maxKeptBytes / 4 || oldest === eventId) break;
      arrivals.delete(oldest);
      arrivalChars -= oldest.length;
    }
    return arrival;
  };
  let accepted = 0;
  let duplicates = 0;
  let sequence = 0;
  let url = '';

  /** Logs a request; `keptBytes` are those of its body when it is kept whole (accepted). */
  const keep = (entry: LocalEndpointRequest, keptBytes = 0) => {
    entry.sequence = ++sequence;
    requests.push(entry, keptBytes);
  };

  /**
   * Whether the request's origin may call the endpoint. Only PutEvents (`/events`) answers with CORS headers: the
   * page and the JSON logs hold every body and user ID, and no other web page the developer visits may read them.
   */
  const cors = (request: IncomingMessage, response: ServerResponse, path: string): boolean => {
    const origin = request.headers.origin;
    if (!origin) return true;
    if (allowedOrigins !== '*' && !allowedOrigins.includes(origin)) return false;
    if (path !== '/events') return true;
    response.setHeader('Access-Control-Allow-Origin', origin);
    response.setHeader('Vary', 'Origin');
    response.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    return true;
  };

  const send = (response: ServerResponse, status: number, body: string, contentType = 'application/json') => {
    response.statusCode = status;
    response.setHeader('Content-Type', contentType);
    response.setHeader('Content-Length', Buffer.byteLength(body));
    response.end(body);
  };

  const sendError = (response: ServerResponse, status: number, errorType: string, message: string) => {
    response.setHeader('x-amzn-errortype', errorType);
    send(response, status, JSON.stringify({ message }));
  };

  const summary = () => ({
    url,
    requests: requests.size,
    events: accepted,
    uniqueEventIds: arrivals.size,
    duplicates,
  });

  /** Answers a request whose body is left unread, then closes its connection rather than reading the rest. */
  const closeAfterAnswer = (request: IncomingMessage, response: ServerResponse) => {
    response.setHeader('Connection', 'close');
    response.on('finish', () => {
      request.resume();
      setTimeout(() => request.socket.destroy(), CLOSE_GRACE).unref();
    });
  };

  const putEvents = async (request: IncomingMessage, response: ServerResponse, entry: LocalEndpointRequest) => {
    let keptBytes = 0;
    const answer = (status: number, errorType: string | undefined, message: string | undefined) => {
      entry.status = status;
      entry.errorType = errorType;
      entry.message = message;
      keep(entry, keptBytes);
      if (errorType && message) sendError(response, status, errorType, message);
      else send(response, status, '');
    };

    const read = await readRequestBody(request, maxBodyBytes, bodyTimeout);
    if (!read.ok) {
      closeAfterAnswer(request, response);
      if (read.reason === 'too-large') {
        answer(413, 'RequestEntityTooLargeException', `Request body is larger than ${maxBodyBytes} bytes.`);
      } else if (read.reason === 'timeout') {
        answer(408, 'RequestTimeoutException', `The request body did not arrive within ${bodyTimeout} ms.`);
      } else {
        answer(400, 'SerializationException', 'The request body could not be read.');
      }
      return;
    }
    const body = read.body;
    // Only an accepted body is kept whole (it is valid, so it is small); any other only as a prefix, so that posts
    // from anywhere cannot fill the memory. (4 bytes at most per character: enough bytes for the prefix.)
    const head = body.subarray(0, BODY_PREFIX * 4).toString('utf8');
    entry.body = body.length > BODY_PREFIX * 4 && head.length <= BODY_PREFIX ? `${head}…` : prefix(head, BODY_PREFIX);

    // The signature before parsing: a refused request costs a hash, not a parse of up to 1 MiB.
    if (credentials === 'any') {
      const match = /Credential=([^/,\s]+)/.exec(request.headers.authorization ?? '');
      if (match) entry.accessKeyId = match[1];
    } else {
      const verdict = verifySigV4(
        { method: request.method ?? 'POST', url: request.url ?? '/', headers: request.headers, body },
        { credentials, service: SIGNING_NAME, region: options.region, now: now(), maxClockSkew },
      );
      entry.accessKeyId = verdict.accessKeyId;
      if (!verdict.ok) {
        entry.signature = verdict.code === 'MissingAuthenticationTokenException' ? 'missing' : 'invalid';
        answer(403, verdict.code, verdict.message);
        return;
      }
      entry.signature = 'valid';
    }

    // Not UTF-8 is no JSON the service reads (Buffer#toString would turn the bad bytes into U+FFFD and accept it).
    let parses = true;
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
    } catch {
      parses = false;
    }
    if (parses && typeof parsed === 'object' && parsed !== null) {
      const fields = parsed as Record<string, unknown>;
      if (typeof fields.trackingId === 'string') entry.trackingId = prefix(fields.trackingId, MAX_ID);
      if (typeof fields.sessionId === 'string') entry.sessionId = prefix(fields.sessionId, MAX_ID);
      if (typeof fields.userId === 'string') entry.userId = prefix(fields.userId, MAX_ID);
      if (Array.isArray(fields.eventList)) entry.eventCount = fields.eventList.length;
    }

    const fault = faults.next();
    if (fault) {
      entry.fault = fault;
      if (fault === 'InternalFailure')
        answer(500, 'InternalFailure', 'We encountered an internal error. Please try again.');
      else answer(400, 'ThrottlingException', 'Rate exceeded');
      return;
    }

    if (!parses) {
      entry.issues = [{ field: 'body', rule: 'must be JSON', message: 'body: must be JSON' }];
      answer(400, 'SerializationException', 'Unable to parse the request body as JSON.');
      return;
    }
    const found = validateBatch(parsed, { trackingId: true, maxIssues: COUNTED_ISSUES });
    if (found.length > 0) {
      const { issues, moreIssues } = boundIssues(found);
      entry.issues = issues;
      if (moreIssues > 0) entry.moreIssues = moreIssues;
      answer(400, 'InvalidInputException', validationMessage(issues, moreIssues));
      return;
    }
    entry.body = parsed;
    keptBytes = body.length;

    const batch = parsed as { trackingId: string; sessionId: string; userId?: string; eventList: WireEvent[] };
    for (const event of batch.eventList) {
      let arrival = 1;
      if (event.eventId !== undefined) {
        arrival = countArrival(event.eventId);
        if (arrival > 1) {
          entry.duplicates.push(event.eventId);
          duplicates++;
        }
      }
      accepted++;
      const received: LocalEndpointEvent = {
        eventId: event.eventId,
        arrival,
        trackingId: batch.trackingId,
        sessionId: batch.sessionId,
        event,
        requestId: entry.requestId,
        receivedAt: entry.receivedAt,
      };
      if (batch.userId !== undefined) received.userId = batch.userId;
      // Each event weighs its share of the body: the events of a request add up to its size.
      events.push(received, body.length / batch.eventList.length);
    }
    answer(200, undefined, undefined);
  };

  // Checks the header and request deadlines every second, not Node's default 30 s.
  const server = createServer({ connectionsCheckingInterval: 1_000 }, (request, response) => {
    const requestId = randomUUID();
    response.setHeader('x-amzn-requestid', requestId);
    const method = request.method ?? 'GET';
    const [path, query = ''] = (request.url ?? '/').split('?');
    // Before anything else: a page on a rebinding domain reaches this port under its own name, same-origin.
    if (!isLocalHost(request.headers.host, allowedHosts)) {
      closeAfterAnswer(request, response);
      sendError(
        response,
        421,
        'MisdirectedRequestException',
        `This local endpoint answers only Host names of this machine (localhost, 127.0.0.1, [::1], ${host}), not '${prefix(request.headers.host ?? '', 100)}'.`,
      );
      return;
    }
    const allowed = cors(request, response, path);

    if (method === 'OPTIONS') {
      if (!allowed) {
        send(response, 403, '');
        return;
      }
      response.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      const asked = request.headers['access-control-request-headers'];
      if (asked) response.setHeader('Access-Control-Allow-Headers', asked);
      response.setHeader('Access-Control-Max-Age', '600');
      response.statusCode = 204;
      response.end();
      return;
    }
    if (method === 'GET' && path === '/') {
      const nonce = randomBytes(16).toString('base64');
      response.setHeader(
        'Content-Security-Policy',
        `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
      );
      response.setHeader('X-Content-Type-Options', 'nosniff');
      response.setHeader('Cache-Control', 'no-store');
      send(response, 200, renderRequestsPage({ nonce }), 'text/html; charset=utf-8');
      return;
    }
    if (method === 'GET' && (path === '/favicon.svg' || path === '/favicon.ico')) {
      response.setHeader('Cache-Control', 'max-age=86400');
      send(response, 200, FAVICON_SVG, 'image/svg+xml');
      return;
    }
    if (method === 'GET' && path === '/api/requests') {
      const since = Number(new URLSearchParams(query).get('since') ?? 0) || 0;
      const listed = requests.newestFirst().filter((entry) => entry.sequence > since);
      const oldestSequence = sequence - requests.size + 1;
      void streamJson(response, { ...summary(), sequence, oldestSequence }, 'requests', listed);
      return;
    }
    if (method === 'GET' && path === '/api/events') {
      void streamJson(response, summary(), 'events', events.oldestFirst());
      return;
    }

    const entry: LocalEndpointRequest = {
      sequence: 0,
      requestId,
      receivedAt: new Date(now()).toISOString(),
      method,
      path,
      status: 0,
      signature: credentials === 'any' ? 'unchecked' : 'missing',
      eventCount: 0,
      issues: [],
      duplicates: [],
      body: undefined,
    };
    if (request.headers.origin) entry.origin = request.headers.origin;
    if (!allowed) {
      entry.status = 403;
      entry.errorType = 'AccessDeniedException';
      entry.message = `Origin ${request.headers.origin} is not in allowedOrigins.`;
      keep(entry);
      closeAfterAnswer(request, response);
      sendError(response, 403, entry.errorType, entry.message);
      return;
    }
    if (method === 'POST' && path === '/events') {
      putEvents(request, response, entry).catch((error: unknown) => {
        if (!response.headersSent) sendError(response, 500, 'InternalFailure', String(error));
      });
      return;
    }
    if (method !== 'GET') {
      entry.status = 404;
      entry.errorType = 'UnknownOperationException';
      entry.message = `${method} ${path} is not an operation of this endpoint: PutEvents is POST /events.`;
      keep(entry);
      closeAfterAnswer(request, response);
    } else request.resume();
    sendError(response, 404, 'UnknownOperationException', `${method} ${path} is not an operation of this endpoint.`);
  });

  // Backstops behind the body deadline: headers that dribble in, and a request that outlives its own timer.
  server.headersTimeout = bodyTimeout;
  server.requestTimeout = bodyTimeout + 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port, address, family } = server.address() as AddressInfo;
  const reachable = address === '0.0.0.0' ? '127.0.0.1' : address === '::' ? '::1' : address;
  url = `http://${family === 'IPv6' ? `[${reachable}]` : reachable}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    events: () => events.oldestFirst(),
    arrivals: () => new Map(arrivals),
    requests: () => requests.newestFirst(),
    clear() {
      requests.clear();
      events.clear();
      arrivals = new Map();
      arrivalChars = 0;
      accepted = 0;
      duplicates = 0;
    },
    setFaults(next) {
      faults = createFaultInjector(next);
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
