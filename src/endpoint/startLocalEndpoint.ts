import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ValidationIssue, WireEvent } from '../core/types';
import { validateBatch } from '../core/validateBatch';
import { createFaultInjector, type InjectedFault, type LocalEndpointFaults } from './createFaultInjector';
import { renderRequestsPage } from './renderRequestsPage';
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
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string | undefined;
  /** Key pairs whose SigV4 signatures are accepted, or `'any'` to accept every request without checking it. @default LOCAL_CREDENTIALS */
  credentials?: LocalCredentials | LocalCredentials[] | 'any' | undefined;
  /** When set, signatures must be scoped to this region. @default any region */
  region?: string | undefined;
  /** Faults to inject into `POST /events` (a rate of 500s and of throttling). @default none */
  faults?: LocalEndpointFaults | undefined;
  /** Origins allowed to call the endpoint from a browser (CORS). @default '*' (every origin) */
  allowedOrigins?: string[] | '*' | undefined;
  /** Requests kept for `requests()` and the page; older ones are forgotten. Events are kept until `clear()`. @default 1000 */
  maxRequests?: number | undefined;
  /** Larger bodies are refused with 413. @default 1048576 (1 MiB) */
  maxBodyBytes?: number | undefined;
  /** How far a request's signing time may be from the endpoint's clock, in ms. @default 300000 (5 minutes, as AWS) */
  maxClockSkew?: number | undefined;
  /** The clock, in epoch ms. @default Date.now */
  now?: (() => number) | undefined;
}

/** How the endpoint judged a request's signature. */
export type SignatureVerdict = 'valid' | 'invalid' | 'missing' | 'unchecked';

/** One request the endpoint answered (preflights and its own pages aside). */
export interface LocalEndpointRequest {
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
  /** The body's `trackingId`, when it has a string one. */
  trackingId?: string | undefined;
  /** The body's `sessionId`, when it has a string one. */
  sessionId?: string | undefined;
  /** The body's `userId`, when it has a string one. */
  userId?: string | undefined;
  /** Events in the body's `eventList`. */
  eventCount: number;
  /** The validation verdict: broken rules of the PutEvents model; `[]` when the body was valid. */
  issues: ValidationIssue[];
  /** eventIds of this (accepted) request that had already arrived before. */
  duplicates: string[];
  /** The parsed JSON body, or its text when it is not JSON. */
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
  /** Every accepted event in arrival order, duplicates included (see `arrival`). */
  events(): LocalEndpointEvent[];
  /** How many times each eventId was accepted. */
  arrivals(): Map<string, number>;
  /** The requests answered, newest first, each with its status and validation verdict. */
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

class BodyTooLarge extends Error {}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.on('end', () => (size > limit ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks))));
    request.on('error', reject);
  });
}

const validationMessage = (issues: ValidationIssue[]) =>
  `${issues.length} validation error${issues.length === 1 ? '' : 's'} detected: ${issues.map((issue) => issue.message).join('; ')}`;

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
  const maxRequests = options.maxRequests ?? 1000;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const maxClockSkew = options.maxClockSkew ?? 5 * 60_000;
  const credentialsOption = options.credentials ?? LOCAL_CREDENTIALS;
  const credentials = credentialsOption === 'any' ? 'any' : ([] as LocalCredentials[]).concat(credentialsOption);
  const allowedOrigins = options.allowedOrigins ?? '*';
  let faults = createFaultInjector(options.faults);

  let requests: LocalEndpointRequest[] = [];
  let events: LocalEndpointEvent[] = [];
  let arrivals = new Map<string, number>();
  let url = '';

  const keep = (entry: LocalEndpointRequest) => {
    requests.unshift(entry);
    if (requests.length > maxRequests) requests.length = maxRequests;
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

  const summary = () => {
    const duplicates = events.filter((event) => event.arrival > 1).length;
    return {
      url,
      requests: requests.length,
      events: events.length,
      uniqueEventIds: arrivals.size,
      duplicates,
    };
  };

  const putEvents = async (request: IncomingMessage, response: ServerResponse, entry: LocalEndpointRequest) => {
    const answer = (status: number, errorType: string | undefined, message: string | undefined) => {
      entry.status = status;
      entry.errorType = errorType;
      entry.message = message;
      keep(entry);
      if (errorType && message) sendError(response, status, errorType, message);
      else send(response, status, '');
    };

    let body: Buffer;
    try {
      body = await readBody(request, maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        answer(413, 'RequestEntityTooLargeException', `Request body is larger than ${maxBodyBytes} bytes.`);
      } else {
        answer(400, 'SerializationException', 'The request body could not be read.');
      }
      return;
    }
    // Not UTF-8 is no JSON the service reads (Buffer#toString would turn the bad bytes into U+FFFD and accept it).
    let text: string;
    let parses = true;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      text = body.toString('utf8');
      parses = false;
    }
    let parsed: unknown;
    try {
      if (!parses) throw new SyntaxError('not UTF-8');
      parsed = JSON.parse(text);
      entry.body = parsed;
    } catch {
      parses = false;
      entry.body = text.length > 10_000 ? `${text.slice(0, 10_000)}…` : text;
    }
    if (parses && typeof parsed === 'object' && parsed !== null) {
      const fields = parsed as Record<string, unknown>;
      if (typeof fields.trackingId === 'string') entry.trackingId = fields.trackingId;
      if (typeof fields.sessionId === 'string') entry.sessionId = fields.sessionId;
      if (typeof fields.userId === 'string') entry.userId = fields.userId;
      if (Array.isArray(fields.eventList)) entry.eventCount = fields.eventList.length;
    }

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

    const fault = faults.next();
    if (fault) {
      entry.fault = fault;
      if (fault === 'InternalFailure')
        answer(500, 'InternalFailure', 'We encountered an internal error. Please try again.');
      else answer(400, 'ThrottlingException', 'Rate exceeded');
      return;
    }

    if (!parses) {
      entry.issues = [{ field: 'body', rule: 'must be JSON', message: 'body must be JSON' }];
      answer(400, 'SerializationException', 'Unable to parse the request body as JSON.');
      return;
    }
    entry.issues = validateBatch(parsed, { trackingId: true });
    if (entry.issues.length > 0) {
      answer(400, 'InvalidInputException', validationMessage(entry.issues));
      return;
    }

    const batch = parsed as { trackingId: string; sessionId: string; userId?: string; eventList: WireEvent[] };
    for (const event of batch.eventList) {
      let arrival = 1;
      if (event.eventId !== undefined) {
        arrival = (arrivals.get(event.eventId) ?? 0) + 1;
        arrivals.set(event.eventId, arrival);
        if (arrival > 1) entry.duplicates.push(event.eventId);
      }
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
      events.push(received);
    }
    answer(200, undefined, undefined);
  };

  const server = createServer((request, response) => {
    const requestId = randomUUID();
    response.setHeader('x-amzn-requestid', requestId);
    const method = request.method ?? 'GET';
    const path = (request.url ?? '/').split('?')[0];
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
      send(response, 200, renderRequestsPage(requests, summary()), 'text/html; charset=utf-8');
      return;
    }
    if (method === 'GET' && path === '/api/requests') {
      send(response, 200, JSON.stringify({ ...summary(), requests }, null, 2));
      return;
    }
    if (method === 'GET' && path === '/api/events') {
      send(response, 200, JSON.stringify({ ...summary(), events }, null, 2));
      return;
    }

    const entry: LocalEndpointRequest = {
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
      request.resume();
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
    }
    request.resume();
    sendError(response, 404, 'UnknownOperationException', `${method} ${path} is not an operation of this endpoint.`);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
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
    events: () => [...events],
    arrivals: () => new Map(arrivals),
    requests: () => [...requests],
    clear() {
      requests = [];
      events = [];
      arrivals = new Map();
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
