// @vitest-environment node
import { CLI_USAGE, type CliResult, runCli } from '../../src/endpoint/runCli';

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

  it('passes fault rates, seed and credentials on to the endpoint', async () => {
    const { output, io } = capture();
    result = await runCli(
      [
        'endpoint',
        '--port',
        '0',
        '--fail-rate',
        '1',
        '--throttle-rate',
        '0',
        '--seed',
        '3',
        '--access-key-id',
        'AKIDME',
        '--secret-access-key',
        's3cret',
      ],
      io,
    );
    expect(output.out).toContain('Credentials: AKIDME / s3cret');
    expect(output.out).toContain('Faults:      100% 500 InternalFailure');
    const response = await fetch(`${result.endpoint?.url}/events`, { method: 'POST', body: '{}' });
    // Signature first: unsigned requests are refused before any fault is drawn.
    expect(response.status).toBe(403);
  });

  it('accepts unsigned requests with --any-credentials', async () => {
    const { io } = capture();
    result = await runCli(['endpoint', '--port', '0', '--any-credentials', '--fail-rate', '0.07'], io);
    const response = await fetch(`${result.endpoint?.url}/events`, {
      method: 'POST',
      body: JSON.stringify({ trackingId: 't', sessionId: 's', eventList: [{ eventType: 'click', sentAt: 1 }] }),
    });
    expect([200, 500]).toContain(response.status);
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
