// Nothing lost, in a real Chromium: page exit, reload while the endpoint is down, several tabs, offline, a crash
// and the back/forward cache. The page loads the core bundled from src/ by esbuild; the endpoint speaks
// createHttpTransport's format ({ sessionId, userId?, eventList }) and can be switched down (503) and up.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright';
import { waitFor } from '../../bench/lib/deliveryLab.mjs';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { validateBatch } from '../../src/core/validateBatch';

interface PageApi {
  record(count: number, prefix: string): string[];
  attempts(): number;
  queued(): number;
}
declare global {
  interface Window {
    rp?: PageApi;
    shownFromCache?: boolean;
  }
}

const PAGE = (query: URLSearchParams) => `<!doctype html>
<html><head><meta charset="utf-8"><title>recorder</title></head><body>
<script type="module">
  import { createRecorder, createHttpTransport } from '/core.js';
  let attempts = 0;
  const transport = createHttpTransport({
    url: '/events',
    headers: { 'x-tab': ${JSON.stringify(query.get('tab') ?? '')} },
    fetch: (...args) => {
      attempts++;
      return fetch(...args);
    },
  });
  const recorder = createRecorder({
    transport,
    flushInterval: ${Number(query.get('flushInterval') ?? 200)},
    retry: { baseDelay: 100, maxDelay: 400, maxAttempts: 1000 },
  });
  recorder.mount();
  addEventListener('pageshow', (event) => { if (event.persisted) window.shownFromCache = true; });
  window.rp = {
    record: (count, prefix) =>
      Array.from({ length: count }, (_, i) => {
        const result = recorder.record({ eventType: 'click', itemId: prefix + i });
        if (!result.ok) throw result.error;
        return result.eventId;
      }),
    attempts: () => attempts,
    queued: () => recorder.getSnapshot().queued + recorder.getSnapshot().inFlight,
  };
</script></body></html>`;

let server: Server;
let base: string;
let browser: Browser;
let core: string;
let up = true;
/**
 * The endpoint answers after this many ms and keeps only the events of requests still open by then: a request the
 * browser cancels when the page goes away (one without keepalive) delivers nothing.
 */
let answerAfter = 0;
/** Every event the endpoint accepted, with the tab that sent it. */
const received: { eventId: string; tab: string }[] = [];
let refused = 0;

function listen(): Promise<void> {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (url.pathname === '/core.js') {
        response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
        response.end(core);
      } else if (url.pathname === '/page') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        response.end(PAGE(url.searchParams));
      } else if (url.pathname === '/plain') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end('<!doctype html><title>elsewhere</title><p>no recorder here</p>');
      } else if (url.pathname === '/events' && request.method === 'POST') {
        if (!up) {
          refused++;
          response.writeHead(503, { 'content-type': 'application/json' });
          response.end('{"message":"down for the test"}');
          return;
        }
        const batch = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { eventList: { eventId: string }[] };
        const issues = validateBatch(batch);
        if (issues.length > 0) {
          response.writeHead(400, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ issues }));
          return;
        }
        const tab = String(request.headers['x-tab'] ?? '');
        let cancelled = false;
        response.on('close', () => {
          cancelled = !response.writableFinished;
        });
        setTimeout(() => {
          if (cancelled) return;
          for (const event of batch.eventList) received.push({ eventId: event.eventId, tab });
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end('{}');
        }, answerAfter);
      } else {
        response.writeHead(404);
        response.end();
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
}

const arrived = (eventIds: string[]) => () => {
  const ids = new Set(received.map((entry) => entry.eventId));
  return eventIds.every((id) => ids.has(id));
};

async function open(context: BrowserContext, query: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base}/page?${query}`);
  await page.waitForFunction(() => window.rp !== undefined);
  return page;
}

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('../../src/core/index.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  core = bundle.outputFiles[0].text;
  await listen();
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: chromiumArgs,
    // Playwright turns the back/forward cache off by default; one test needs it.
    ignoreDefaultArgs: ['--disable-back-forward-cache'],
    timeout: 30_000,
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

let context: BrowserContext;
beforeEach(async () => {
  up = true;
  answerAfter = 0;
  refused = 0;
  received.length = 0;
  context = await browser.newContext();
});
afterEach(async () => {
  await context.close();
});

describe('createRecorder', () => {
  it('delivers events recorded just before navigating away, with keepalive', async () => {
    // A flush interval of a minute: only the page exit can send these events.
    const page = await open(context, 'tab=a&flushInterval=60000');
    answerAfter = 300;
    const eventIds = await page.evaluate(() => window.rp?.record(3, 'exit') ?? []);
    // location.replace: the page cannot go into the back/forward cache, where even a plain request would live on.
    await page.evaluate((url) => location.replace(url), `${base}/plain`);
    await page.waitForURL(`${base}/plain`);
    await waitFor(arrived(eventIds), 'the events sent at page exit');
    expect(received.map((entry) => entry.eventId).sort()).toEqual([...eventIds].sort());
  });

  it('delivers events recorded just before the tab is closed, with keepalive', async () => {
    const page = await open(context, 'tab=a&flushInterval=60000');
    answerAfter = 300;
    const eventIds = await page.evaluate(() => window.rp?.record(12, 'close') ?? []);
    await page.close({ runBeforeUnload: true });
    await waitFor(arrived(eventIds), 'the events sent as the tab closed');
    expect(received).toHaveLength(12);
  });

  it('keeps events recorded while the endpoint is down across a reload and delivers them after it', async () => {
    up = false;
    const page = await open(context, 'tab=a');
    const eventIds = await page.evaluate(() => window.rp?.record(5, 'down') ?? []);
    await waitFor(() => refused > 0, 'a refused attempt');
    await page.reload();
    await page.waitForFunction(() => window.rp !== undefined);
    expect(await page.evaluate(() => window.rp?.queued())).toBe(5);
    up = true;
    await waitFor(arrived(eventIds), 'the events after the reload');
    expect(new Set(received.map((entry) => entry.eventId))).toEqual(new Set(eventIds));
    // Each once: the reloaded page sends what the last one left, and nothing sends it again.
    expect(received).toHaveLength(eventIds.length);
  });

  it('delivers the union of two tabs recording at once, each event from the tab that recorded it', async () => {
    // Tab a holds unsent events when tab b opens: b must leave a live tab's queue alone.
    up = false;
    const a = await open(context, 'tab=a');
    const early = await a.evaluate(() => window.rp?.record(5, 'early') ?? []);
    await waitFor(() => refused > 0, 'a refused attempt');
    const b = await open(context, 'tab=b');
    const recordIn = async (page: Page, prefix: string) => {
      const ids: string[] = [];
      for (let round = 0; round < 8; round++) {
        ids.push(...(await page.evaluate((name) => window.rp?.record(5, name) ?? [], `${prefix}${round}-`)));
        if (round === 2) up = true;
        if (round === 4) up = false;
        if (round === 6) up = true;
        await page.waitForTimeout(40);
      }
      return ids;
    };
    const [fromA, fromB] = await Promise.all([recordIn(a, 'a'), recordIn(b, 'b')]);
    up = true;
    await waitFor(arrived([...early, ...fromA, ...fromB]), 'every event of both tabs');
    const senders = new Map<string, Set<string>>();
    for (const entry of received) senders.set(entry.eventId, (senders.get(entry.eventId) ?? new Set()).add(entry.tab));
    for (const id of [...early, ...fromA]) expect([...(senders.get(id) ?? [])]).toEqual(['a']);
    for (const id of fromB) expect([...(senders.get(id) ?? [])]).toEqual(['b']);
    // Each once: refused requests are retried, nothing is delivered twice.
    expect(received).toHaveLength(early.length + fromA.length + fromB.length);
  });

  it('attempts nothing while offline and delivers everything once back online', async () => {
    const page = await open(context, 'tab=a');
    await context.setOffline(true);
    const eventIds = await page.evaluate(() => window.rp?.record(12, 'offline') ?? []);
    await page.waitForTimeout(1_500);
    expect(await page.evaluate(() => window.rp?.attempts())).toBe(0);
    expect(received).toEqual([]);
    await context.setOffline(false);
    await waitFor(arrived(eventIds), 'the events after going back online');
    // Two requests (10 + 2 events), and at most a retry each if the network was not quite back yet.
    expect(await page.evaluate(() => window.rp?.attempts())).toBeLessThanOrEqual(4);
  });

  it('lets a live tab deliver what a crashed tab left unsent', async () => {
    await context.clock.install();
    up = false;
    const live = await open(context, 'tab=live');
    const crashing = await open(context, 'tab=crashing');
    const eventIds = await crashing.evaluate(() => window.rp?.record(4, 'orphan') ?? []);
    await waitFor(() => refused > 0, 'a refused attempt');
    let crashed = false;
    crashing.on('crash', () => {
      crashed = true;
    });
    await crashing.goto('chrome://crash').catch(() => {});
    await waitFor(() => crashed, 'the renderer crash');
    await crashing.close();
    up = true;
    // Six minutes later the live tab's heartbeat finds the crashed tab's queue orphaned and takes it over.
    await context.clock.fastForward('06:00');
    await waitFor(arrived(eventIds), 'the orphaned events from the live tab');
    expect(new Set(received.filter((entry) => eventIds.includes(entry.eventId)).map((entry) => entry.tab))).toEqual(
      new Set(['live']),
    );
    expect(received.filter((entry) => eventIds.includes(entry.eventId))).toHaveLength(eventIds.length);
    expect(await live.evaluate(() => window.rp?.queued())).toBe(0);
  });

  it('carries on after the page comes back from the back/forward cache', async () => {
    up = false;
    const page = await open(context, 'tab=a');
    const before = await page.evaluate(() => window.rp?.record(3, 'before') ?? []);
    await waitFor(() => refused > 0, 'a refused attempt');
    await page.goto(`${base}/plain`);
    await page.goBack({ waitUntil: 'commit' });
    await page.waitForFunction(() => window.shownFromCache === true, undefined, { timeout: 20_000 });
    up = true;
    const after = await page.evaluate(() => window.rp?.record(2, 'after') ?? []);
    await waitFor(arrived([...before, ...after]), 'the events recorded before and after the cache');
  });
});
