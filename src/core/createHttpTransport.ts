import { TransportError, transportErrorFromResponse } from './TransportError';
import type { Transport } from './types';

/** Options of `createHttpTransport`. */
export interface HttpTransportOptions {
  /** Your endpoint, e.g. `/api/events` (see `createPutEventsHandler`). */
  url: string;
  /** Extra request headers, e.g. an anti-CSRF token. */
  headers?: Record<string, string> | undefined;
  /** The fetch to use. @default globalThis.fetch */
  fetch?: typeof fetch | undefined;
  /** Fetch credentials mode, so your endpoint sees the user's session cookie. @default 'same-origin' */
  credentials?: RequestCredentials | undefined;
}

/**
 * A transport that POSTs each batch as JSON (`{ sessionId, userId?, eventList }`) to your own endpoint.
 * Network errors, 408, 429 and 5xx are retryable; 400 is treated as invalid input.
 * @example createRecorder({ transport: createHttpTransport({ url: '/api/events' }) })
 */
export function createHttpTransport({
  url,
  headers,
  fetch: doFetch,
  credentials = 'same-origin',
}: HttpTransportOptions): Transport {
  return {
    async send(batch, { keepalive, signal }) {
      let response: Response;
      try {
        response = await (doFetch ?? fetch)(url, {
          method: 'POST',
          // Header names are case-insensitive: a caller's own `Content-Type` replaces ours rather than joining it
          // (`application/json, application/json` is refused by createPutEventsHandler with 415).
          headers:
            headers && Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')
              ? headers
              : { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(batch),
          keepalive,
          credentials,
          signal,
        });
      } catch (cause) {
        throw new TransportError(`${url}: network error`, { retryable: true, cause });
      }
      if (response.ok) return;
      const body = await response.text().catch(() => '');
      // The service's error type: the x-amzn-errortype header (`Type:…`), or `__type` / `code` of a JSON body.
      let code = response.headers.get('x-amzn-errortype')?.split(':')[0];
      try {
        const parsed = JSON.parse(body);
        code ||= parsed.__type?.split('#').pop() ?? parsed.code;
      } catch {
        // Not JSON: no error type.
      }
      throw transportErrorFromResponse(
        response.status,
        typeof code === 'string' ? code : undefined,
        `${url}: HTTP ${response.status}${body ? `: ${body.slice(0, 500)}` : ''}`,
      );
    },
  };
}
