import type { IncomingMessage } from 'node:http';

/** The outcome of reading a request body under a size limit and a deadline. */
export type RequestBodyResult =
  | { ok: true; body: Buffer }
  | { ok: false; reason: 'too-large' | 'timeout' | 'unreadable' };

/**
 * Reads a Node request body, giving up as soon as it passes `maxBytes` (at once when `Content-Length` says so) or
 * has not ended within `timeout` ms. It stops listening then, so nothing more of the body is kept; the caller
 * answers and closes the connection.
 */
export function readRequestBody(
  request: IncomingMessage,
  maxBytes: number,
  timeout: number,
): Promise<RequestBodyResult> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve({ ok: false, reason: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: RequestBodyResult) => {
      clearTimeout(timer);
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      if (!result.ok) request.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) finish({ ok: false, reason: 'too-large' });
      else chunks.push(chunk);
    };
    const onEnd = () => finish({ ok: true, body: Buffer.concat(chunks, size) });
    const onError = () => finish({ ok: false, reason: 'unreadable' });
    const timer = setTimeout(() => finish({ ok: false, reason: 'timeout' }), timeout);
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });
}
