import { TransportError, transportErrorFromResponse } from './TransportError';
import type { Transport } from './types';

/** Options of `createHttpTransport`. */
export interface HttpTransportOptions {
  /** Your endpoint, e.g. `/api/events` (see `createPutEventsHandler`). */
  url: string;
  /** Extra request headers, e.g. an anti-CSRF token. */
  headers?: Record<string, string>;
  /** The fetch to use. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Fetch credentials mode, so your endpoint sees the user's session cookie. @default 'same-origin' */
  credentials?: RequestCredentials;
}

function errorType(response: Response, body: string): string | undefined {
  const header = response.headers.get('x-amzn-errortype');
  if (header) return header.split(':')[0];
  try {
    const parsed = JSON.parse(body) as { __type?: string; code?: string };
    const type = parsed.__type ?? parsed.code;
    return typeof type === 'string' ? type.split('#').pop() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A transport that POSTs each batch as JSON (`{ sessionId, userId?, eventList }`) to your own endpoint.
 * Network errors, 408, 429 and 5xx are retryable; 400 is treated as invalid input.
 * @example createRecorder({ transport: createHttpTransport({ url: '/api/events' }) })
 */
export function createHttpTransport(options: HttpTransportOptions): Transport {
  return {
    async send(batch, context) {
      const doFetch = options.fetch ?? globalThis.fetch;
      let response: Response;
      try {
        response = await doFetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...options.headers },
          body: JSON.stringify(batch),
          keepalive: context.keepalive,
          credentials: options.credentials ?? 'same-origin',
          signal: context.signal,
        });
      } catch (cause) {
        throw new TransportError(`network error posting events to ${options.url}`, { retryable: true, cause });
      }
      if (response.ok) return;
      const body = await response.text().catch(() => '');
      throw transportErrorFromResponse(
        response.status,
        errorType(response, body),
        `${options.url} answered HTTP ${response.status}${body ? `: ${body.slice(0, 500)}` : ''}`,
      );
    },
  };
}
