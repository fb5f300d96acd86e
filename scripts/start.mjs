// `npm start`: the demo storefront, the local Personalize-compatible endpoint it sends to (through the real AWS
// SDK, with fake credentials) and this repo's Storybook — no AWS account, no setup beyond a clone. Installs the
// dependencies when they are missing or stale, prints the three URLs, and Ctrl-C stops everything.
//
//   node scripts/start.mjs [--no-storybook] [--endpoint-port N] [--demo-port N] [--storybook-port N]
//
// Port 0 picks a free port. A port in use is replaced by the next free one above it, and said so with the flag that
// chooses another. The URLs are printed as `Demo: …`, `Endpoint: …`, `Storybook: …`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const mtime = (path) => (existsSync(root + path) ? statSync(root + path).mtimeMs : 0);

function installIfNeeded() {
  if (mtime('node_modules/.package-lock.json') >= mtime('package-lock.json')) return;
  console.info('start: installing dependencies (npm ci)');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('start: npm ci failed');
}

/** A port free on 127.0.0.1 now (Storybook's --exact-port takes no 0). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Whether something can listen on 127.0.0.1:`port` now. */
function isFree(port) {
  return new Promise((resolve) => {
    const server = createNetServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** How many ports above a taken one are tried before giving up. */
const PORTS_TRIED = 20;

/**
 * The port a service will listen on: the one asked for when it is free, else the next free one above it (said on
 * stderr, with the flag that chooses another); 0 picks any free port.
 * @param {{ service: string, flag: string, port: number }} wanted
 */
async function choosePort({ service, flag, port }) {
  if (port === 0) return freePort();
  for (let candidate = port; candidate < port + PORTS_TRIED && candidate <= 65535; candidate++) {
    if (!(await isFree(candidate))) continue;
    if (candidate !== port) {
      console.warn(
        `start: port ${port} (${service}) is in use; the ${service} uses ${candidate}. Choose with ${flag} N.`,
      );
    }
    return candidate;
  }
  throw new Error(
    `start: ports ${port}–${port + PORTS_TRIED - 1} (${service}) are all in use. Choose a free one with ${flag} N, or ${flag} 0 for any.`,
  );
}

/** Runs `listen()`; a port taken meanwhile becomes an error naming the service and its flag. */
async function listening(listen, { service, flag, port }) {
  try {
    return await listen();
  } catch (error) {
    if (error?.code !== 'EADDRINUSE' && !/EADDRINUSE|already in use/i.test(String(error?.message))) throw error;
    throw new Error(
      `start: port ${port} (${service}) is in use. Choose a free one with ${flag} N, or ${flag} 0 for any.`,
    );
  }
}

async function waitForHttp(url, child, timeoutMs, signal) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    signal?.throwIfAborted();
    if (child.exitCode !== null) throw new Error(`start: Storybook exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`start: ${url} did not answer within ${timeoutMs / 1000} s`);
}

function startStorybook(port) {
  // The binary itself, not npx: stopping npx's pid would leave Storybook's node running.
  const child = spawn(
    `${root}node_modules/.bin/storybook`,
    ['dev', '--port', String(port), '--host', '127.0.0.1', '--ci', '--no-open', '--exact-port', '--quiet'],
    {
      cwd: root,
      env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' },
      stdio: ['ignore', 'ignore', 'inherit'],
      detached: true,
    },
  );
  return child;
}

function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    try {
      // Its own process group (detached): the signal reaches the workers it started too.
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      child.kill('SIGTERM');
    }
    setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      resolve();
    }, 5000).unref();
  });
}

/**
 * Starts the local endpoint, the demo's Vite dev server and (unless `storybook: false`) Storybook. Aborting `signal`
 * while it starts stops what already started (Storybook runs in its own process group: Ctrl-C does not reach it).
 * @param {{ storybook?: boolean, endpointPort?: number, demoPort?: number, storybookPort?: number, signal?: AbortSignal }} [options]
 * @returns {Promise<{ urls: { demo: string, endpoint: string, events: string, storybook?: string }, close(): Promise<void> }>}
 */
export async function start(options = {}) {
  const { storybook = true, endpointPort = 4599, demoPort = 5173, storybookPort = 6006, signal } = options;
  installIfNeeded();
  const { createServer, runnerImport } = await import('vite');

  // The endpoint's sources, loaded through Vite: no build needed.
  const { module: endpointModule } = await runnerImport(`${root}src/endpoint/index.ts`, {
    configFile: false,
    logLevel: 'error',
  });
  const closers = [];
  const close = async () => {
    await Promise.allSettled(closers.reverse().map((closeOne) => closeOne()));
  };
  try {
    const endpointService = { service: 'local endpoint', flag: '--endpoint-port', port: endpointPort };
    endpointService.port = await choosePort(endpointService);
    const endpoint = await listening(
      () => endpointModule.startLocalEndpoint({ port: endpointService.port }),
      endpointService,
    );
    closers.push(() => endpoint.close());

    const demoService = { service: 'demo', flag: '--demo-port', port: demoPort };
    demoService.port = await choosePort(demoService);
    const demo = await createServer({
      configFile: `${root}examples/storefront/vite.config.ts`,
      define: { __PERSONALIZE_ENDPOINT__: JSON.stringify(endpoint.url) },
      server: { port: demoService.port, strictPort: true, host: '127.0.0.1' },
      logLevel: 'warn',
    });
    closers.push(() => demo.close());
    await listening(() => demo.listen(), demoService);
    const demoUrl = demo.resolvedUrls?.local[0] ?? `http://127.0.0.1:${demoService.port}/`;

    const urls = { demo: demoUrl, endpoint: endpoint.url, events: `${endpoint.url}/` };
    signal?.throwIfAborted();
    if (storybook) {
      const port = await choosePort({ service: 'Storybook', flag: '--storybook-port', port: storybookPort });
      const child = startStorybook(port);
      closers.push(() => stopChild(child));
      urls.storybook = `http://127.0.0.1:${port}/`;
      await waitForHttp(urls.storybook, child, 120_000, signal);
    }
    return { urls, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      storybook: { type: 'boolean', default: true },
      'no-storybook': { type: 'boolean', default: false },
      'endpoint-port': { type: 'string', default: '4599' },
      'demo-port': { type: 'string', default: '5173' },
      'storybook-port': { type: 'string', default: '6006' },
    },
  });
  // Ctrl-C works from the first moment, also while Storybook is still starting.
  const controller = new AbortController();
  const starting = start({
    storybook: values.storybook && !values['no-storybook'],
    endpointPort: Number(values['endpoint-port']),
    demoPort: Number(values['demo-port']),
    storybookPort: Number(values['storybook-port']),
    signal: controller.signal,
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    controller.abort();
    // Started: close everything. Still starting: start() stops what it started when it sees the abort.
    await starting.then(({ close }) => close()).catch(() => {});
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Aborted while starting: stop() exits once start() has cleaned up.
  const { urls } = await starting.catch((error) => (stopping ? new Promise(() => {}) : Promise.reject(error)));
  console.info(`
  react-personalize — the demo, with no AWS account

  Demo:       ${urls.demo}
  Endpoint:   ${urls.events}   (the events it received; JSON at ${urls.endpoint}/api/events)
${urls.storybook ? `  Storybook:  ${urls.storybook}\n` : ''}
  Ctrl-C stops everything.
`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
