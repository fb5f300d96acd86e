// @vitest-environment node

import { request as httpRequest } from 'node:http';
import { PersonalizeEventsClient, PutEventsCommand } from '@aws-sdk/client-personalize-events';
import { CLI_USAGE, type CliResult, runCli } from '../../src/endpoint/runCli';

/** The status of a GET sent with a Host header of our choosing (fetch sets its own). */
function statusWithHost(url: string, host: string) {
  return new Promise<number>((resolve, reject) => {
    const req = httpRequest(`${url}/api/requests`, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

function capture() {
  const output = { out: '', err: '' };
  return {
    output,
    io: {
      out: (text: string) => {
        output.out += text;
      },
      err: (text: string) => {
        output.err += text;
      },
    },
  };
}

let result: CliResult | undefined;
afterEach(async () => {
  await result?.endpoint?.close();
  result = undefined;
});

describe('runCli', () => {
  it('starts the endpoint and prints its URLs', async () => {
    const { output, io } = capture();
    result = await runCli(['endpoint', '--port', '0'], io);
    const url = result.endpoint?.url;
    expect(result.exitCode).toBe(0);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(output.out).toContain(`POST ${url}/events`);
    expect(output.out).toContain(`${url}/api/requests`);
    expect(output.out).toContain('Credentials: AKIDLOCAL / local-secret');
    expect(output.out).toContain('Faults:      none');
    expect((await fetch(`${url}/`)).status).toBe(200);
  });

  it('answers the Host names given with --allowed-host, and keeps --max-requests requests', async () => {
    const { io } = capture();
    result = await runCli(
      ['endpoint', '--port', '0', '--any-credentials', '--allowed-host', 'dev.test', '--max-requests', '1'],
      io,
    );
    const url = result.endpoint?.url ?? '';
    expect(await statusWithHost(url, 'dev.test:4599')).toBe(200);
    expect(await statusWithHost(url, 'other.test')).toBe(421);
    for (const n of [1, 2]) await fetch(`${url}/events`, { method: 'POST', body: `{"n":${n}}` });
    expect(result.endpoint?.requests().map((request) => request.body)).toEqual(['{"n":2}']);
  });

  it('passes fault rates and seed on to the endpoint', async () => {
    const { output, io } = capture();
    result = await runCli(['endpoint', '--port', '0', '--any-credentials', '--fail-rate', '1', '--seed', '3'], io);
    expect(output.out).toContain('Faults:      100% 500 InternalFailure');
    const response = await fetch(`${result.endpoint?.url}/events`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(500);
    expect(response.headers.get('x-amzn-errortype')).toBe('InternalFailure');
  });

  it('checks signatures against the key pair given', async () => {
    const { output, io } = capture();
    result = await runCli(
      ['endpoint', '--port', '0', '--access-key-id', 'AKIDME', '--secret-access-key', 's3cret'],
      io,
    );
    expect(output.out).toContain('Credentials: AKIDME / s3cret');
    const send = (credentials: { accessKeyId: string; secretAccessKey: string }) =>
      new PersonalizeEventsClient({ region: 'us-east-1', endpoint: result?.endpoint?.url, credentials, maxAttempts: 1 })
        .send(
          new PutEventsCommand({
            trackingId: 't',
            sessionId: 's',
            eventList: [{ eventType: 'click', sentAt: new Date() }],
          }),
        )
        .then(
          (answer) => answer.$metadata.httpStatusCode,
          (error: { $metadata: { httpStatusCode: number } }) => error.$metadata.httpStatusCode,
        );
    expect(await send({ accessKeyId: 'AKIDME', secretAccessKey: 's3cret' })).toBe(200);
    expect(await send({ accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' })).toBe(403);
  });

  it('accepts unsigned requests with --any-credentials', async () => {
    const { output, io } = capture();
    result = await runCli(['endpoint', '--port', '0', '--any-credentials'], io);
    expect(output.out).toContain('Credentials: any (signatures not checked)');
    const response = await fetch(`${result.endpoint?.url}/events`, {
      method: 'POST',
      body: JSON.stringify({ trackingId: 't', sessionId: 's', eventList: [{ eventType: 'click', sentAt: 1 }] }),
    });
    expect(response.status).toBe(200);
  });

  it('prints the usage for --help', async () => {
    const { output, io } = capture();
    result = await runCli(['--help'], io);
    expect(result).toEqual({ exitCode: 0 });
    expect(output.out).toBe(CLI_USAGE);
  });

  it.each([
    [[], "unknown command ''"],
    [['serve'], "unknown command 'serve'"],
    [['endpoint', '--prot', '1'], "Unknown option '--prot'"],
    [['endpoint', '--port', 'abc'], "--port must be a number (got 'abc')"],
    [['endpoint', '--fail-rate', '2'], 'faults.failRate must be a number from 0 to 1 (got 2)'],
    [['endpoint', '--access-key-id', 'A'], 'give both --access-key-id and --secret-access-key, or neither'],
  ])('refuses %j with exit code 2 or 1 and says why', async (args, message) => {
    const { output, io } = capture();
    result = await runCli(args, io);
    expect(result.endpoint).toBeUndefined();
    expect(result.exitCode).toBeGreaterThan(0);
    expect(output.err).toContain(message);
  });
});
