/** An HTTP token (RFC 9110), the only thing a header name may be. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * CORS headers for a request: the request's own origin echoed back with credentials allowed when it is one of
 * `allowedOrigins`, nothing for any other origin. `Vary: Origin` whenever origins are configured, so a shared
 * cache never hands one origin's answer to another.
 */
export function corsHeaders(request: Request, allowedOrigins: readonly string[]): Record<string, string> {
  if (allowedOrigins.length === 0) return {};
  const origin = request.headers.get('origin');
  if (origin === null || !allowedOrigins.includes(origin)) return { vary: 'Origin' };
  return { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'Origin' };
}

/**
 * Headers that answer a CORS preflight from an allowed origin: POST, and the request headers it asked for
 * (`content-type` and whatever `createHttpTransport`'s `headers` add), cached for 10 minutes.
 */
export function preflightHeaders(request: Request): Record<string, string> {
  const requested = (request.headers.get('access-control-request-headers') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => TOKEN.test(name));
  const allowHeaders = [...new Set(['content-type', ...requested])].join(', ');
  return {
    'access-control-allow-methods': 'POST',
    'access-control-allow-headers': allowHeaders,
    'access-control-max-age': '600',
    vary: 'Origin, Access-Control-Request-Headers',
  };
}
