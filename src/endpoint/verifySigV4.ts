import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** A key pair the local endpoint accepts. Use fake ones: the endpoint never talks to AWS. */
export interface LocalCredentials {
  /** The access key ID, e.g. `AKIDLOCAL`. */
  accessKeyId: string;
  /** The secret the request must be signed with, e.g. `local-secret`. */
  secretAccessKey: string;
  /** When set, requests must carry it in `x-amz-security-token` (as temporary credentials do). */
  sessionToken?: string | undefined;
}

/** What `verifySigV4` needs of a request. */
export interface SignedRequest {
  /** HTTP method, e.g. `POST`. */
  method: string;
  /** The path and query as received, e.g. `/events?x=1`. */
  url: string;
  /** Header names in lower case; repeated headers joined with `,`. */
  headers: Record<string, string | string[] | undefined>;
  /** The raw body, exactly as received. */
  body: Buffer;
}

/** How `verifySigV4` checks a request. */
export interface VerifySigV4Options {
  /** The key pairs accepted. */
  credentials: LocalCredentials[];
  /** The SigV4 signing name the credential scope must name. */
  service: string;
  /** When set, the credential scope must name this region. */
  region?: string | undefined;
  /** The clock, in epoch ms. */
  now: number;
  /** How far the request's date may be from `now`, in ms. */
  maxClockSkew: number;
}

/** The verdict: the caller's access key, or the 403 answer AWS would give. */
export type SigV4Verdict =
  | { ok: true; accessKeyId: string }
  | { ok: false; code: string; message: string; accessKeyId?: string };

const ALGORITHM = 'AWS4-HMAC-SHA256';

function header(headers: SignedRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** RFC 3986 escaping, as the SDK's `escapeUri` does it. */
function escapeUri(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const normalized = `/${segments.join('/')}${segments.length > 0 && path.endsWith('/') ? '/' : ''}`;
  return escapeUri(normalized).replace(/%2F/g, '/');
}

function canonicalQuery(query: string): string {
  const pairs: string[] = [];
  for (const [key, value] of new URLSearchParams(query)) {
    if (key.toLowerCase() !== 'x-amz-signature') pairs.push(`${escapeUri(key)}=${escapeUri(value)}`);
  }
  return pairs.sort().join('&');
}

function parseAuthorization(
  value: string,
): { credential: string; signedHeaders: string; signature: string } | undefined {
  if (!value.startsWith(`${ALGORITHM} `)) return undefined;
  const fields = new Map<string, string>();
  for (const part of value.slice(ALGORITHM.length + 1).split(',')) {
    const at = part.indexOf('=');
    if (at > 0) fields.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!credential || !signedHeaders || !signature) return undefined;
  return { credential, signedHeaders, signature };
}

/** `20250101T120000Z` → epoch ms, or NaN. */
function parseAmzDate(value: string): number {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return Number.NaN;
  const [, y, mo, d, h, mi, s] = match.map(Number);
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

const mismatch = (accessKeyId: string): SigV4Verdict => ({
  ok: false,
  accessKeyId,
  code: 'InvalidSignatureException',
  message:
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
});

/**
 * Checks an AWS Signature Version 4 `Authorization` header the way AWS does: known access key, credential scope
 * (date, region, service), request date within the allowed skew, and the signature over the canonical request.
 */
export function verifySigV4(request: SignedRequest, options: VerifySigV4Options): SigV4Verdict {
  const authorization = header(request.headers, 'authorization');
  if (!authorization)
    return { ok: false, code: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' };
  const parsed = parseAuthorization(authorization);
  if (!parsed) {
    return {
      ok: false,
      code: 'IncompleteSignatureException',
      message: `Authorization header requires the ${ALGORITHM} algorithm and 'Credential', 'SignedHeaders' and 'Signature' parameters.`,
    };
  }
  const [accessKeyId, scopeDate, scopeRegion, scopeService, terminator, ...rest] = parsed.credential.split('/');
  if (!scopeService || terminator !== 'aws4_request' || rest.length > 0) {
    return {
      ok: false,
      accessKeyId,
      code: 'IncompleteSignatureException',
      message: `Credential must have the form <access key>/<date>/<region>/<service>/aws4_request (got '${parsed.credential}').`,
    };
  }
  const credentials = options.credentials.find((candidate) => candidate.accessKeyId === accessKeyId);
  if (!credentials) {
    return {
      ok: false,
      accessKeyId,
      code: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    };
  }
  if (
    credentials.sessionToken !== undefined &&
    header(request.headers, 'x-amz-security-token') !== credentials.sessionToken
  ) {
    return {
      ok: false,
      accessKeyId,
      code: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    };
  }
  if (scopeService !== options.service) {
    return {
      ok: false,
      accessKeyId,
      code: 'InvalidSignatureException',
      message: `Credential should be scoped to correct service: '${options.service}'.`,
    };
  }
  if (options.region !== undefined && scopeRegion !== options.region) {
    return {
      ok: false,
      accessKeyId,
      code: 'InvalidSignatureException',
      message: `Credential should be scoped to a valid region, not '${scopeRegion}'.`,
    };
  }
  const amzDate = header(request.headers, 'x-amz-date') ?? '';
  const signedAt = parseAmzDate(amzDate);
  if (Number.isNaN(signedAt)) {
    return {
      ok: false,
      accessKeyId,
      code: 'IncompleteSignatureException',
      message: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    };
  }
  if (amzDate.slice(0, 8) !== scopeDate) {
    return {
      ok: false,
      accessKeyId,
      code: 'InvalidSignatureException',
      message: `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate.slice(0, 8)}'.`,
    };
  }
  if (Math.abs(options.now - signedAt) > options.maxClockSkew) {
    const minutes = Math.round(options.maxClockSkew / 60_000);
    return {
      ok: false,
      accessKeyId,
      code: 'InvalidSignatureException',
      message: `Signature expired: ${amzDate} is outside the ${minutes} min window around the server's time ${new Date(options.now).toISOString()}.`,
    };
  }
  const signedHeaders = parsed.signedHeaders.split(';');
  if (!signedHeaders.includes('host')) {
    return { ok: false, accessKeyId, code: 'InvalidSignatureException', message: "'Host' must be a signed header." };
  }
  const query = request.url.indexOf('?');
  const path = query < 0 ? request.url : request.url.slice(0, query);
  const canonicalHeaders = [...signedHeaders]
    .sort()
    .map((name) => `${name}:${(header(request.headers, name) ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const payloadHash = header(request.headers, 'x-amz-content-sha256') ?? sha256Hex(request.body);
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalPath(path),
    canonicalQuery(query < 0 ? '' : request.url.slice(query + 1)),
    canonicalHeaders,
    parsed.signedHeaders,
    payloadHash,
  ].join('\n');
  const scope = `${scopeDate}/${scopeRegion}/${scopeService}/aws4_request`;
  const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  let key = hmac(`AWS4${credentials.secretAccessKey}`, scopeDate);
  for (const part of [scopeRegion, scopeService, 'aws4_request']) key = hmac(key, part);
  const expected = Buffer.from(createHmac('sha256', key).update(stringToSign).digest('hex'));
  const given = Buffer.from(parsed.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return mismatch(accessKeyId);
  // The body must be the one that was signed, even when the signer put its hash in a header.
  if (payloadHash !== sha256Hex(request.body)) return mismatch(accessKeyId);
  return { ok: true, accessKeyId };
}
