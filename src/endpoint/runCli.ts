import { parseArgs } from 'node:util';
import {
  LOCAL_CREDENTIALS,
  type LocalEndpoint,
  type LocalEndpointOptions,
  startLocalEndpoint,
} from './startLocalEndpoint';

/** Where the command writes. */
export interface CliOutput {
  /** Normal output (the URLs, the help). */
  out(text: string): void;
  /** Errors. */
  err(text: string): void;
}

/** What the command did: a running endpoint (stop it with `close()`), or an exit code. */
export interface CliResult {
  /** 0 on success, 2 for a usage error, 1 when the endpoint could not start. */
  exitCode: number;
  /** The running endpoint, for `endpoint`. */
  endpoint?: LocalEndpoint | undefined;
}

/** The command's help text. */
export const CLI_USAGE = `Usage: react-personalize endpoint [options]

Starts a local Amazon Personalize PutEvents endpoint (restJson1, SigV4, CORS) and lists what arrives.

Options:
  --port <n>                 port to listen on (default 4599; 0 picks a free one)
  --host <address>           interface to listen on (default 127.0.0.1)
  --allowed-host <name>      answer this Host name too (repeatable; default: localhost, 127.0.0.1, [::1], --host)
  --max-requests <n>         requests kept for the page and /api/requests (default 1000)
  --fail-rate <0..1>         share of requests answered with 500 InternalFailure (default 0)
  --throttle-rate <0..1>     share of requests answered with 400 ThrottlingException (default 0)
  --seed <n>                 seed of the fault draws, to repeat a run exactly
  --access-key-id <id>       access key accepted (default ${LOCAL_CREDENTIALS.accessKeyId})
  --secret-access-key <key>  its secret (default ${LOCAL_CREDENTIALS.secretAccessKey})
  --any-credentials          accept every request without checking its signature
  --region <region>          require signatures scoped to this region (default: any)
  --allowed-origin <origin>  allow only this browser origin (repeatable; default: every origin)
  -h, --help                 show this help
`;

const defaultOutput: CliOutput = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

function number(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed))
    throw new RangeError(`--${name} must be a number (got '${value}')`);
  return parsed;
}

/**
 * Runs the `react-personalize` command line (the package's `bin`). `endpoint` starts a local endpoint and
 * prints its URLs; the caller keeps the process alive and closes the endpoint on exit.
 * @example const { endpoint } = await runCli(['endpoint', '--port', '0']);
 */
export async function runCli(args: string[], output: CliOutput = defaultOutput): Promise<CliResult> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    output.err(`react-personalize: ${(error as Error).message}\n\n${CLI_USAGE}`);
    return { exitCode: 2 };
  }
  const { values, positionals } = parsed;
  if (values.help) {
    output.out(CLI_USAGE);
    return { exitCode: 0 };
  }
  if (positionals[0] !== 'endpoint' || positionals.length > 1) {
    output.err(`react-personalize: unknown command '${positionals.join(' ')}'\n\n${CLI_USAGE}`);
    return { exitCode: 2 };
  }
  if ((values['access-key-id'] === undefined) !== (values['secret-access-key'] === undefined)) {
    output.err('react-personalize: give both --access-key-id and --secret-access-key, or neither\n');
    return { exitCode: 2 };
  }
  let options: LocalEndpointOptions;
  try {
    options = {
      port: number('port', values.port) ?? 4599,
      host: values.host,
      allowedHosts: values['allowed-host'],
      maxRequests: number('max-requests', values['max-requests']),
      region: values.region,
      allowedOrigins: values['allowed-origin'] ?? '*',
      faults: {
        failRate: number('fail-rate', values['fail-rate']),
        throttleRate: number('throttle-rate', values['throttle-rate']),
        seed: number('seed', values.seed),
      },
      credentials: values['any-credentials']
        ? 'any'
        : values['access-key-id'] !== undefined && values['secret-access-key'] !== undefined
          ? { accessKeyId: values['access-key-id'], secretAccessKey: values['secret-access-key'] }
          : LOCAL_CREDENTIALS,
    };
  } catch (error) {
    output.err(`react-personalize: ${(error as Error).message}\n`);
    return { exitCode: 2 };
  }
  let endpoint: LocalEndpoint;
  try {
    endpoint = await startLocalEndpoint(options);
  } catch (error) {
    output.err(`react-personalize: could not start the endpoint: ${(error as Error).message}\n`);
    return { exitCode: 1 };
  }
  const credentials = options.credentials;
  const faults = [
    options.faults?.failRate ? `${Math.round(options.faults.failRate * 1000) / 10}% 500 InternalFailure` : '',
    options.faults?.throttleRate
      ? `${Math.round(options.faults.throttleRate * 1000) / 10}% 400 ThrottlingException`
      : '',
  ].filter(Boolean);
  output.out(
    [
      'Local Personalize endpoint running',
      `  PutEvents:   POST ${endpoint.url}/events  (the SDK's endpoint: ${endpoint.url})`,
      `  Requests:    ${endpoint.url}/  (page)   ${endpoint.url}/api/requests  (JSON)`,
      `  Credentials: ${credentials === 'any' ? 'any (signatures not checked)' : `${(credentials as { accessKeyId: string }).accessKeyId} / ${(credentials as { secretAccessKey: string }).secretAccessKey}`}`,
      `  Faults:      ${faults.length > 0 ? faults.join(', ') : 'none'}`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  return { exitCode: 0, endpoint };
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'allowed-host': { type: 'string', multiple: true },
      'max-requests': { type: 'string' },
      'fail-rate': { type: 'string' },
      'throttle-rate': { type: 'string' },
      seed: { type: 'string' },
      'access-key-id': { type: 'string' },
      'secret-access-key': { type: 'string' },
      'any-credentials': { type: 'boolean' },
      region: { type: 'string' },
      'allowed-origin': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
