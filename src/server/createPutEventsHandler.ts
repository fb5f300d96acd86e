import type { PersonalizeEventsClient } from '@aws-sdk/client-personalize-events';
import { createPersonalizeTransport, type PersonalizeTransportOptions } from '../aws/createPersonalizeTransport';
import { loadPersonalizeEvents } from '../aws/loadPersonalizeEvents';
import { createIssue } from '../core/createIssue';
import { isPlaceholderId } from '../core/isPlaceholderId';
import { isValidString } from '../core/isValidString';
import { MAX_ID } from '../core/limits';
import type { EventBatch, ValidationIssue, WireEvent } from '../core/types';
import { validateBatch } from '../core/validateBatch';
import { boundIssues } from './boundIssues';
import { corsHeaders, preflightHeaders } from './corsHeaders';
import { parseJsonSafely } from './parseJsonSafely';
import { readBody } from './readBody';

/** Who sends the events, as your server knows it. `{}` (no `userId`) means an anonymous visitor. */
export interface ResolvedUser {
  /** The signed-in user's ID (1–256 characters), from your own session, never from the request body. */
  userId?: string | undefined;
}

/** Options of `createPutEventsHandler`. */
export interface PutEventsHandlerOptions {
  /** The tracking ID of your event tracker. Events are sent with this one only; a body that names one is refused. */
  trackingId: string;
  /**
   * A configured `PersonalizeEventsClient` (its retry settings are kept).
   * @default one built from `region`, `credentials` and `endpoint`, making one attempt: the browser retries
   */
  client?: PersonalizeEventsClient | undefined;
  /** AWS region of the event tracker, when no `client` is given. @default the SDK's (AWS_REGION) */
  region?: string | undefined;
  /** AWS credentials, when no `client` is given. @default the SDK's default provider chain */
  credentials?: PersonalizeTransportOptions['credentials'] | undefined;
  /** PutEvents endpoint URL, when no `client` is given (e.g. the local endpoint). @default the region's */
  endpoint?: string | undefined;
  /**
   * Decides who sends the request, from your own session (a cookie, a bearer token). Return `{ userId }` for a
   * signed-in user, `{}` for an anonymous visitor, `null` to refuse (401). Throwing refuses with 403; throwing a
   * `Response` answers with it. It must not read the request body.
   * @default every request is anonymous
   */
  resolveUser?: ((request: Request) => ResolvedUser | null | Promise<ResolvedUser | null>) | undefined;
  /** Largest body accepted, in bytes; checked while the body streams in. @default 65536 */
  maxBodyBytes?: number | undefined;
  /** Time the whole body may take to arrive, in ms; a slower one gets 408. @default 10000 */
  bodyTimeout?: number | undefined;
  /**
   * Time PutEvents (credentials included) has to answer, in ms. Past it the request is aborted (through the SDK's
   * `abortSignal`, for your own `client` too) and the browser gets 503 with `Retry-After`, keeping its events.
   * @default 5000
   */
  upstreamTimeout?: number | undefined;
  /** Origins allowed to post from another origin (CORS, with credentials), e.g. `['https://shop.example']`. @default [] */
  allowedOrigins?: string[] | undefined;
  /**
   * Called with each failure the client only sees as a short generic message (PutEvents errors, a throwing or
   * misbehaving `resolveUser`), so you can log it.
   */
  onError?: ((error: unknown, request: Request) => void) | undefined;
}

const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
const DEFAULT_BODY_TIMEOUT = 10_000;
const DEFAULT_UPSTREAM_TIMEOUT = 5_000;
/**
 * Issues looked for in a refused body: enough to count what a real batch can break, few enough that a hostile body
 * costs a few ms (validation stops there, and skips the events of a batch of more than 10).
 */
const COUNTED_ISSUES = 1000;
/** Seconds a client should wait after a retryable PutEvents failure. */
const RETRY_AFTER_SECONDS = '2';
/** Errors of the SDK's credential providers: the server's configuration to fix, not the browser's to retry sooner. */
const CREDENTIAL_ERRORS = new Set(['CredentialsProviderError', 'TokenProviderError']);

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new TypeError(`createPutEventsHandler: ${name} must be a positive integer (got ${String(value)})`);
  }
  return value;
}

function isJsonContentType(header: string | null): boolean {
  if (header === null) return false;
  const [type, ...parameters] = header.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return parameters.every((parameter) => !parameter.startsWith('charset=') || isUtf8Label(parameter.slice(8)));
}

/** Whether a charset label names UTF-8 (`utf-8`, `utf8`, `unicode-1-1-utf-8`: the labels TextDecoder takes). */
function isUtf8Label(label: string): boolean {
  try {
    return new TextDecoder(label.replace(/^"|"$/g, '')).encoding === 'utf-8';
  } catch {
    return false;
  }
}

/** Copies only the fields of the PutEvents model, so nothing else the client sent travels further. */
function toEvent(input: WireEvent): WireEvent {
  const event = { eventType: input.eventType, sentAt: input.sentAt } as WireEvent;
  if (input.eventId !== undefined) event.eventId = input.eventId;
  if (input.itemId !== undefined) event.itemId = input.itemId;
  if (input.eventValue !== undefined) event.eventValue = input.eventValue;
  if (input.properties !== undefined) event.properties = input.properties;
  if (input.impression !== undefined) event.impression = [...input.impression];
  if (input.recommendationId !== undefined) event.recommendationId = input.recommendationId;
  if (input.metricAttribution !== undefined) {
    event.metricAttribution = { eventAttributionSource: input.metricAttribution.eventAttributionSource };
  }
  return event;
}

/**
 * Creates a fetch-style handler for your own events endpoint: it takes exactly what `createHttpTransport` posts,
 * sets the user from `resolveUser` (never from the body) and the tracking ID from its options, checks everything
 * against the PutEvents model and forwards the batch with `PutEventsCommand`. Runs wherever `Request`/`Response`
 * exist (Node 18+, Next.js route handlers, edge runtimes); `toNodeHandler` adapts it to `(req, res)`.
 *
 * Answers: 200 sent; 400 invalid (`{ message, issues, moreIssues }`: at most 20 issues listed); 401 `resolveUser` returned null; 403 `resolveUser`
 * threw; 405 not POST; 408 body too slow; 413 body over `maxBodyBytes`;
 * 415 not `application/json`; 502 PutEvents refused the server (credentials, configuration); 503 PutEvents
 * failed retryably (throttling, 5xx, network, no answer within `upstreamTimeout`), with `Retry-After`. 5xx answers are retried by the browser.
 * @example
 * // app/api/events/route.ts (Next.js)
 * const handler = createPutEventsHandler({ trackingId: process.env.TRACKING_ID!, resolveUser: getUserFromSession });
 * export { handler as POST, handler as OPTIONS };
 */
export function createPutEventsHandler(options: PutEventsHandlerOptions): (request: Request) => Promise<Response> {
  const { trackingId, resolveUser, onError } = options;
  if (typeof trackingId !== 'string' || trackingId.length < 1 || trackingId.length > MAX_ID) {
    throw new TypeError('createPutEventsHandler: trackingId is required (1–256 characters, your event tracker’s ID)');
  }
  const maxBodyBytes = positiveInteger('maxBodyBytes', options.maxBodyBytes, DEFAULT_MAX_BODY_BYTES);
  const bodyTimeout = positiveInteger('bodyTimeout', options.bodyTimeout, DEFAULT_BODY_TIMEOUT);
  const upstreamTimeout = positiveInteger('upstreamTimeout', options.upstreamTimeout, DEFAULT_UPSTREAM_TIMEOUT);
  const allowedOrigins = [...(options.allowedOrigins ?? [])];
  const transport = createPersonalizeTransport({
    trackingId,
    client: options.client,
    region: options.region,
    credentials: options.credentials,
    endpoint: options.endpoint,
  });

  const report = (error: unknown, request: Request) => {
    try {
      // An async onError that rejects (its log service down) must not become an unhandled rejection: that ends a
      // Node process by default.
      Promise.resolve(onError?.(error, request) as unknown).catch(() => {});
    } catch {
      // A logging bug must not turn into a different answer.
    }
  };

  const handle = async (request: Request, cors: Record<string, string>): Promise<Response> => {
    const answer = (status: number, message: string, issues: ValidationIssue[] = [], headers = {}) =>
      new Response(JSON.stringify(issues.length > 0 ? { message, ...boundIssues(issues) } : { message, issues }), {
        status,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
          ...cors,
          ...headers,
        },
      });

    if (request.method === 'OPTIONS') {
      const isPreflight = request.headers.has('origin') && request.headers.has('access-control-request-method');
      if (!isPreflight) return new Response(null, { status: 204, headers: { allow: 'POST, OPTIONS', ...cors } });
      const allowed = 'access-control-allow-origin' in cors;
      const method = request.headers.get('access-control-request-method');
      if (!allowed || method !== 'POST') return answer(403, 'origin or method not allowed');
      return new Response(null, { status: 204, headers: { ...cors, ...preflightHeaders(request) } });
    }
    if (request.method !== 'POST') {
      return answer(405, 'method not allowed: send events with POST', [], { allow: 'POST, OPTIONS' });
    }
    if (!isJsonContentType(request.headers.get('content-type'))) {
      return answer(415, 'content-type must be application/json');
    }
    const declaredLength = Number(request.headers.get('content-length') ?? 0);
    if (declaredLength > maxBodyBytes) return answer(413, `body must be at most ${maxBodyBytes} bytes`);

    let user: ResolvedUser | null;
    try {
      user = resolveUser ? await resolveUser(request) : {};
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      report(thrown, request);
      return answer(403, 'forbidden');
    }
    if (user === null) return answer(401, 'not signed in');
    // A Response returned (rather than thrown) is the answer too.
    if (user instanceof Response) return user;
    if (typeof user !== 'object' || user === undefined || Array.isArray(user)) {
      report(
        new TypeError(
          `createPutEventsHandler: resolveUser returned ${Array.isArray(user) ? 'an array' : typeof user}; return { userId }, {} (anonymous) or null (refuse)`,
        ),
        request,
      );
      return answer(500, 'internal error');
    }
    const userId = user.userId;
    if (userId !== undefined && (!isValidString(userId, MAX_ID) || isPlaceholderId(userId))) {
      report(
        new TypeError(
          'createPutEventsHandler: resolveUser returned an invalid userId; return { userId } with 1–256 characters, {} or null',
        ),
        request,
      );
      return answer(500, 'internal error');
    }

    const body = await readBody(request, maxBodyBytes, bodyTimeout);
    if (!body.ok) {
      if (body.reason === 'too-large') return answer(413, `body must be at most ${maxBodyBytes} bytes`);
      if (body.reason === 'timeout') return answer(408, 'the body took too long to arrive');
      return answer(400, 'the body could not be read', [createIssue('body', 'could not be read')]);
    }
    const parsed = parseJsonSafely(body.bytes);
    if (!parsed.ok) return answer(400, 'invalid events', parsed.issues);
    const issues = validateBatch(parsed.value, { maxIssues: COUNTED_ISSUES });
    if (issues.length > 0) {
      const count = issues.length >= COUNTED_ISSUES ? `at least ${COUNTED_ISSUES}` : String(issues.length);
      return answer(400, `invalid events: ${count} issue(s)`, issues);
    }

    const claimed = parsed.value as EventBatch;
    const batch: EventBatch = { sessionId: claimed.sessionId, eventList: claimed.eventList.map(toEvent) };
    // The user comes from resolveUser only. A batch claiming someone else (queued before a sign-out, or forged) is
    // still delivered, by its session alone: refusing it would lose events, relabelling it would mix two histories.
    if (userId !== undefined && (claimed.userId === undefined || claimed.userId === userId)) batch.userId = userId;

    try {
      await loadPersonalizeEvents();
    } catch (cause) {
      report(
        new Error(
          'createPutEventsHandler: could not load @aws-sdk/client-personalize-events; install it (npm install @aws-sdk/client-personalize-events)',
          { cause },
        ),
        request,
      );
      return answer(502, 'sending the events failed');
    }
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Raced as well as aborted: a client that ignores the signal must not hold the answer either.
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), upstreamTimeout);
    });
    try {
      const sent = transport.send(batch, { keepalive: false, signal: controller.signal }).then(() => 'sent' as const);
      if ((await Promise.race([sent, deadline])) === 'timeout') {
        const error = new Error(`createPutEventsHandler: PutEvents did not answer within ${upstreamTimeout} ms`);
        controller.abort(error);
        report(error, request);
        return answer(503, 'sending the events timed out; try again later', [], { 'retry-after': RETRY_AFTER_SECONDS });
      }
    } catch (error) {
      report(error, request);
      const info = (error ?? {}) as { retryable?: unknown; invalid?: unknown; code?: unknown; cause?: unknown };
      const causeName = (info.cause as { name?: unknown } | undefined)?.name;
      if (CREDENTIAL_ERRORS.has(String(info.code)) || CREDENTIAL_ERRORS.has(String(causeName))) {
        return answer(502, 'sending the events failed');
      }
      if (info.invalid === true) {
        return answer(400, 'Amazon Personalize refused the events as invalid', [
          createIssue('eventList', 'was refused by Amazon Personalize'),
        ]);
      }
      if (info.retryable === true) {
        return answer(503, 'sending the events failed; try again later', [], { 'retry-after': RETRY_AFTER_SECONDS });
      }
      return answer(502, 'sending the events failed');
    } finally {
      clearTimeout(timer);
    }
    return answer(200, `sent ${batch.eventList.length} event(s)`);
  };

  return async function handlePutEvents(request: Request): Promise<Response> {
    const cors = corsHeaders(request, allowedOrigins);
    try {
      const response = await handle(request, cors);
      if (response.status >= 400) await request.body?.cancel().catch(() => {});
      return withHeaders(response, cors);
    } catch (error) {
      report(error, request);
      return new Response(JSON.stringify({ message: 'internal error', issues: [] }), {
        status: 500,
        headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...cors },
      });
    }
  };
}

/** Adds CORS headers to a response `resolveUser` threw, whose headers may be immutable. */
function withHeaders(response: Response, headers: Record<string, string>): Response {
  const missing = Object.entries(headers).filter(([name]) => !response.headers.has(name));
  if (missing.length === 0) return response;
  const copy = new Response(response.body, response);
  for (const [name, value] of missing) copy.headers.set(name, value);
  return copy;
}
