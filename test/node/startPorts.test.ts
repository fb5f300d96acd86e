// `npm start` when its ports are taken (another `npm start`, a dev server left running): each service moves to the
// next free port, and the message names the service, the port and the flag that chooses another.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Holds a port on 127.0.0.1, as another program would. */
function occupy(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address ? address.port : 0 });
    });
  });
}

/** Runs scripts/start.mjs until it prints its URLs (or exits); then stops it. */
function runStart(args: string[]): Promise<{ output: string; code: number | null }> {
  const child = spawn(process.execPath, ['scripts/start.mjs', '--no-storybook', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`npm start printed no URLs in 45 s:\n${output}`));
    }, 45_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Demo: +\S+/.test(output) && /JSON at \S+\/api\/events/.test(output)) child.kill('SIGTERM');
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ output, code });
    });
  });
}

describe('scripts/start.mjs (npm start)', () => {
  it('moves a service whose port is taken to the next free one and says which flag chooses another', async () => {
    const endpointHolder = await occupy();
    const demoHolder = await occupy();
    try {
      const { output } = await runStart([
        '--endpoint-port',
        String(endpointHolder.port),
        '--demo-port',
        String(demoHolder.port),
      ]);
      const endpointPort = Number(/Endpoint: +http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
      const demoPort = Number(/Demo: +http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
      expect(output).toContain(
        `start: port ${endpointHolder.port} (local endpoint) is in use; the local endpoint uses ${endpointPort}. Choose with --endpoint-port N.`,
      );
      expect(output).toContain(
        `start: port ${demoHolder.port} (demo) is in use; the demo uses ${demoPort}. Choose with --demo-port N.`,
      );
      expect(endpointPort).toBeGreaterThan(endpointHolder.port);
      expect(demoPort).toBeGreaterThan(demoHolder.port);
      expect(output).not.toContain('EADDRINUSE');
    } finally {
      endpointHolder.server.close();
      demoHolder.server.close();
    }
  }, 60_000);
});
