// examples/nextjs, built by Next.js 16 (Turbopack) against the package as npm would install it (the `npm pack`
// tarball), then served by `next start`: core functions of the root entry run in a Server Component, a route
// handler and edge code; ImpressionTracker renders from a Server Component page; createPutEventsHandler serves a
// route that sends to the local endpoint on 127.0.0.1.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LocalEndpoint, startLocalEndpoint } from 'react-personalize/endpoint';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const app = join(repo, 'examples/nextjs');
const next = join(repo, 'node_modules/next/dist/bin/next');
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

/** Packs the package (its `files`, as published) and unpacks it where the app's `node_modules` would hold it. */
function installPackedPackage() {
  const packDir = mkdtempSync(join(tmpdir(), 'rp-pack-'));
  try {
    const pack = spawnSync('npm', ['pack', '--silent', '--pack-destination', packDir], {
      cwd: repo,
      encoding: 'utf8',
    });
    if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
    const tarball = join(packDir, pack.stdout.trim().split('\n').pop() ?? '');
    const target = join(app, 'node_modules/react-personalize');
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    const untar = spawnSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'], { encoding: 'utf8' });
    if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
  } finally {
    rmSync(packDir, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitUntilServing(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${output()}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`next start did not answer at ${url} within 60 s:\n${output()}`);
}

let endpoint: LocalEndpoint;
let server: ChildProcess | undefined;
let base = '';
let buildOutput = '';

beforeAll(async () => {
  installPackedPackage();
  const build = spawnSync(process.execPath, [next, 'build'], { cwd: app, env, encoding: 'utf8' });
  buildOutput = `${build.stdout}${build.stderr}`;
  if (build.status !== 0) throw new Error(`next build failed:\n${buildOutput}`);

  endpoint = await startLocalEndpoint({ credentials: 'any' });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  let serverOutput = '';
  server = spawn(process.execPath, [next, 'start', '--port', String(port), '--hostname', '127.0.0.1'], {
    cwd: app,
    env: { ...env, PERSONALIZE_ENDPOINT: endpoint.url, PERSONALIZE_TRACKING_ID: 'tracking-next' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  server.stdout?.on('data', (chunk) => {
    serverOutput += chunk;
  });
  server.stderr?.on('data', (chunk) => {
    serverOutput += chunk;
  });
  await waitUntilServing(base, server, () => serverOutput);
}, 600_000);

afterAll(async () => {
  if (server?.pid && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.once('exit', resolve));
    process.kill(-server.pid, 'SIGTERM');
    await exited;
  }
  await endpoint?.close();
});

describe('examples/nextjs (Next.js 16, App Router, the packed package)', () => {
  it('builds without a warning about the package', () => {
    expect(buildOutput).not.toMatch(/react-personalize[^\n]*(warn|error)/i);
    expect(buildOutput).not.toMatch(/on the client|client reference/i);
  });

  it('renders a Server Component page that calls validateEvent from the root entry and renders ImpressionTracker', async () => {
    const response = await fetch(base);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('itemId: 1–256 chars (got 0)');
    expect(html).toContain('<ul><li>Two-person tent</li><li>Camping stove</li><li>Head lamp</li></ul>');
  });

  it('serves a route handler that calls validateBatch from the root entry', async () => {
    const post = (body: unknown) =>
      fetch(`${base}/api/validate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const valid = await post({
      sessionId: 'session-1',
      eventList: [{ eventId: 'e1', eventType: 'click', itemId: 'a', sentAt: 1 }],
    });
    expect({ status: valid.status, body: await valid.json() }).toEqual({ status: 200, body: { issues: [] } });
    const invalid = await post({
      sessionId: 'session-1',
      eventList: [{ eventId: 'e2', eventType: '', itemId: 'a', sentAt: 1 }],
    });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).issues.map((issue: { field: string }) => issue.field)).toContain(
      'eventList[0].eventType',
    );
  });

  it('runs createRecorder and validateEvent from the root entry in edge code', async () => {
    const response = await fetch(`${base}/api/edge`);
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 200,
      body: { issues: [], sent: ['edge-item'] },
    });
  });

  it('serves createPutEventsHandler as a route that sends to the local endpoint', async () => {
    const response = await fetch(`${base}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        sessionId: 'session-next',
        eventList: [
          { eventId: 'event-next-1', eventType: 'click', itemId: 'tent-2p', sentAt: Math.floor(Date.now() / 1000) },
        ],
      }),
    });
    expect({ status: response.status, body: await response.text() }).toEqual({ status: 200, body: expect.anything() });
    const events = await (await fetch(`${endpoint.url}/api/events`)).json();
    expect(JSON.stringify(events)).toContain('tracking-next');
    expect(JSON.stringify(events)).toContain('event-next-1');
    expect(JSON.stringify(events)).toContain('user-1');
  });
});
