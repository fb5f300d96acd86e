// @vitest-environment node
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { type SignedRequest, verifySigV4 } from '../../src/endpoint/verifySigV4';

type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: SourceData) =>
  typeof data === 'string'
    ? data
    : ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);

/** The SHA-256 the reference signer wants, from node:crypto. */
class Sha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: SourceData) {
    this.hash.update(bytes(data));
  }
  async digest() {
    return new Uint8Array(this.hash.digest());
  }
}

const credentials = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' };
const signedAt = new Date('2025-06-01T12:00:00Z');
const now = signedAt.getTime();
const options = { credentials: [credentials], service: 'personalize', now, maxClockSkew: 5 * 60_000 };

interface Unsigned {
  path?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
}

/** Signs a request with the SDK's own SigV4 implementation and returns it as the endpoint receives it. */
async function sign(
  request: Unsigned = {},
  signer: { service?: string; region?: string; secretAccessKey?: string; sessionToken?: string } = {},
): Promise<SignedRequest> {
  const body = request.body ?? '{"trackingId":"t"}';
  const path = request.path ?? '/events';
  const v4 = new SignatureV4({
    service: signer.service ?? 'personalize',
    region: signer.region ?? 'us-east-1',
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: signer.secretAccessKey ?? credentials.secretAccessKey,
      sessionToken: signer.sessionToken,
    },
    sha256: Sha256,
  });
  const signed = await v4.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 4599,
      path,
      query: request.query ?? {},
      headers: { host: '127.0.0.1:4599', 'content-type': 'application/json', ...request.headers },
      body,
    },
    { signingDate: signedAt },
  );
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) headers[name.toLowerCase()] = value;
  const query = new URLSearchParams(request.query ?? {}).toString().replace(/\+/g, '%20');
  return { method: 'POST', url: query ? `${path}?${query}` : path, headers, body: Buffer.from(body) };
}

describe('verifySigV4', () => {
  it('accepts a request signed by the SDK signer with the right secret', async () => {
    expect(verifySigV4(await sign(), options)).toEqual({ ok: true, accessKeyId: 'AKIDLOCAL' });
  });

  it('accepts a query string, an odd path and header values with extra spaces', async () => {
    const request = await sign({
      path: '/events/a b/../c',
      query: { b: '2', a: 'x y', 'z~': '*' },
      headers: { 'x-amz-meta': '  two   spaces  ' },
    });
    expect(verifySigV4(request, options)).toMatchObject({ ok: true });
  });

  it('refuses a wrong secret with InvalidSignatureException', async () => {
    expect(verifySigV4(await sign({}, { secretAccessKey: 'nope' }), options)).toMatchObject({
      ok: false,
      code: 'InvalidSignatureException',
      message: expect.stringContaining('does not match the signature you provided'),
    });
  });

  it('refuses a body other than the one signed', async () => {
    const request = await sign();
    request.body = Buffer.from('{"trackingId":"u"}');
    expect(verifySigV4(request, options)).toMatchObject({ ok: false, code: 'InvalidSignatureException' });
  });

  it('refuses a changed signed header', async () => {
    const request = await sign();
    request.headers['content-type'] = 'text/plain';
    expect(verifySigV4(request, options)).toMatchObject({ ok: false, code: 'InvalidSignatureException' });
  });

  it('refuses a missing Authorization header with MissingAuthenticationTokenException', async () => {
    const request = await sign();
    delete request.headers.authorization;
    expect(verifySigV4(request, options)).toEqual({
      ok: false,
      code: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token',
    });
  });

  it('refuses an Authorization header that is not SigV4 with IncompleteSignatureException', async () => {
    const request = await sign();
    request.headers.authorization = 'Basic dXNlcjpwYXNz';
    expect(verifySigV4(request, options)).toMatchObject({ ok: false, code: 'IncompleteSignatureException' });
  });

  it('refuses an unknown access key with UnrecognizedClientException', async () => {
    const request = await sign();
    expect(
      verifySigV4(request, { ...options, credentials: [{ accessKeyId: 'AKIDOTHER', secretAccessKey: 'x' }] }),
    ).toMatchObject({
      ok: false,
      code: 'UnrecognizedClientException',
      accessKeyId: 'AKIDLOCAL',
    });
  });

  it('accepts any of several key pairs', async () => {
    const several = { ...options, credentials: [{ accessKeyId: 'AKIDOTHER', secretAccessKey: 'x' }, credentials] };
    expect(verifySigV4(await sign(), several)).toMatchObject({ ok: true });
  });

  it("refuses a signature scoped to another service than 'personalize'", async () => {
    expect(verifySigV4(await sign({}, { service: 'personalize-events' }), options)).toMatchObject({
      ok: false,
      code: 'InvalidSignatureException',
      message: "Credential should be scoped to correct service: 'personalize'.",
    });
  });

  it('refuses another region only when a region is required', async () => {
    const request = await sign({}, { region: 'eu-west-1' });
    expect(verifySigV4(request, options)).toMatchObject({ ok: true });
    expect(verifySigV4(request, { ...options, region: 'us-east-1' })).toMatchObject({
      ok: false,
      code: 'InvalidSignatureException',
      message: "Credential should be scoped to a valid region, not 'eu-west-1'.",
    });
  });

  it('accepts a request date within the clock skew and refuses one beyond it', async () => {
    const request = await sign();
    expect(verifySigV4(request, { ...options, now: now + 5 * 60_000 })).toMatchObject({ ok: true });
    expect(verifySigV4(request, { ...options, now: now - 5 * 60_000 })).toMatchObject({ ok: true });
    expect(verifySigV4(request, { ...options, now: now + 5 * 60_000 + 1000 })).toMatchObject({
      ok: false,
      code: 'InvalidSignatureException',
      message: expect.stringContaining('Signature expired: 20250601T120000Z'),
    });
  });

  it('requires the session token when the credentials have one', async () => {
    const temporary = { ...options, credentials: [{ ...credentials, sessionToken: 'token-1' }] };
    expect(verifySigV4(await sign({}, { sessionToken: 'token-1' }), temporary)).toMatchObject({ ok: true });
    expect(verifySigV4(await sign({}, { sessionToken: 'token-2' }), temporary)).toMatchObject({
      ok: false,
      code: 'UnrecognizedClientException',
    });
    expect(verifySigV4(await sign(), temporary)).toMatchObject({ ok: false, code: 'UnrecognizedClientException' });
  });
});
