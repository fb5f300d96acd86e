// The delivery lab: real Chromium (Playwright) pages recording into the local Personalize-compatible endpoint, which
// counts the deliveries of every eventId. Shared by the fault suite (test/node/deliveryFaults.test.ts, from the
// sources) and the delivery benchmark (bench/delivery.mjs, from the build), so both run the same scenarios.
//
// A page server on 127.0.0.1 serves the page, the library bundled for the browser by esbuild (the AWS SDK in a lazy
// chunk of its own, as an app's bundler makes it) and `/events` for the HTTP transport: createPutEventsHandler in
// front of the endpoint, or a request held open without an answer (`hang`). The AWS transport posts to the endpoint
// itself, across origins (real CORS preflights).
import { createServer } from 'node:http';
import { build } from 'esbuild';
import { chromium } from 'playwright';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

const REGION = 'us-east-1';

const PAGE = (endpointUrl, credentials) => `<!doctype html>
<html><head><meta charset="utf-8"><title>delivery lab</title></head><body>
<script type="module">
  import { createRecorder, createHttpTransport } from '/js/core.js';
  import { createPersonalizeTransport } from '/js/aws.js';
  const query = new URLSearchParams(location.search);
  const number = (name, fallback) => (query.has(name) ? Number(query.get(name)) : fallback);
  const errors = [];
  const transport =
    query.get('transport') === 'aws'
      ? createPersonalizeTransport({
          trackingId: 'lab',
          region: ${JSON.stringify(REGION)},
          endpoint: ${JSON.stringify(endpointUrl)},
          credentials: ${JSON.stringify(credentials)},
          preload: query.get('preload') !== 'false',
        })
      : createHttpTransport({ url: '/events' });
  const recorder = createRecorder({
    transport,
    flushInterval: number('flushInterval', 200),
    maxQueueSize: number('maxQueueSize', 1000),
    requestTimeout: number('requestTimeout', 10000),
    retry: { baseDelay: 100, maxDelay: 1000, maxAttempts: 1000 },
    onError: (error) => errors.push({ code: error.code, message: error.message, eventIds: error.eventIds.length }),
  });
  recorder.mount();
  window.lab = {
    record: (count, prefix) =>
      Array.from({ length: count }, (_, i) => {
        const result = recorder.record({ eventType: 'click', itemId: prefix + i });
        if (!result.ok) throw result.error;
        return result.eventId;
      }),
    errors: () => errors,
    snapshot: () => recorder.getSnapshot(),
  };
</script></body></html>`;

/** Bundles the library's core and AWS entries for the browser; returns the files by URL path (`/js/<name>`). */
async function bundle(sources) {
  const result = await build({
    entryPoints: { core: sources.core, aws: sources.aws },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    write: false,
    outdir: '/lab-out',
    logLevel: 'silent',
  });
  return new Map(result.outputFiles.map((file) => [`/js/${file.path.slice('/lab-out/'.length)}`, file.text]));
}

/** Waits until `check` is true, polling; fails after `timeout` ms (a bound for a busy machine, not a measurement). */
export async function waitFor(check, what, timeout = 30_000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
}

/**
 * Starts the endpoint, the page server and Chromium.
 * @param {{ sources: { core: string; aws: string }, endpoint: any, server: any }} options
 */
export async function startDeliveryLab({ sources, endpoint: endpointModule, server: serverModule }) {
  const { startLocalEndpoint, LOCAL_CREDENTIALS } = endpointModule;
  const endpoint = await startLocalEndpoint({ region: REGION, maxRequests: 1_000 });
  const handle = serverModule.toNodeHandler(
    serverModule.createPutEventsHandler({
      trackingId: 'lab',
      region: REGION,
      endpoint: endpoint.url,
      credentials: LOCAL_CREDENTIALS,
    }),
  );
  const files = await bundle(sources);
  const page = PAGE(endpoint.url, LOCAL_CREDENTIALS);
  /** Requests to /events still to hold open without an answer. */
  let toHang = 0;
  const held = new Set();

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/events') {
      if (toHang > 0 && request.method === 'POST') {
        toHang--;
        held.add(response);
        request.resume();
        response.on('close', () => held.delete(response));
        return;
      }
      void handle(request, response);
      return;
    }
    const body =
      url.pathname === '/page'
        ? page
        : url.pathname === '/plain'
          ? '<!doctype html><p>elsewhere</p>'
          : files.get(url.pathname);
    if (body === undefined) {
      response.writeHead(404);
      response.end();
      return;
    }
    const type = url.pathname.startsWith('/js/') ? 'text/javascript' : 'text/html';
    response.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
    response.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, timeout: 30_000 });

  const arrivals = () => endpoint.arrivals();
  const lab = {
    base,
    endpoint,
    browser,
    /** Holds the next `count` requests to /events open, never answered (until the page gives up on them). */
    hang(count) {
      toHang = count;
    },
    /** Makes the endpoint refuse every request (HTTP 500 InternalFailure), or serve them again. */
    down(isDown) {
      endpoint.setFaults(isDown ? { failRate: 1, seed: 1 } : {});
    },
    /** Opens the lab page in `context` with the given query (transport=aws|http, flushInterval, …). */
    async open(context, query = '') {
      const tab = await context.newPage();
      await tab.goto(`${base}/page?${query}`);
      await tab.waitForFunction(() => window.lab !== undefined);
      return tab;
    },
    record: (tab, count, prefix) => tab.evaluate(([n, p]) => window.lab.record(n, p), [count, prefix]),
    errors: (tab) => tab.evaluate(() => window.lab.errors()),
    /** Deliveries of each of `ids` at the endpoint (0 for one that never arrived). */
    deliveries: (ids) => {
      const counts = arrivals();
      return ids.map((id) => counts.get(id) ?? 0);
    },
    /** When the last of `ids` first arrived (ms since epoch), or undefined while one is missing. */
    lastArrival: (ids) => {
      // The endpoint stamps each event with the time it was accepted, and counts its copies (`arrival`).
      const firsts = new Map();
      for (const event of endpoint.events()) {
        if (event.arrival === 1 && event.eventId) firsts.set(event.eventId, Date.parse(event.receivedAt));
      }
      let last = 0;
      for (const id of ids) {
        const at = firsts.get(id);
        if (at === undefined) return undefined;
        last = Math.max(last, at);
      }
      return last;
    },
    arrived: (ids) => () => {
      const counts = arrivals();
      return ids.every((id) => counts.has(id));
    },
    reset() {
      toHang = 0;
      lab.down(false);
      endpoint.clear();
    },
    async close() {
      for (const response of held) response.destroy();
      await browser.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await endpoint.close();
    },
  };
  return lab;
}

/** Fills the origin's localStorage before the page's own scripts run, so every write of the recorder is refused. */
export const FILL_STORAGE = () => {
  try {
    localStorage.setItem('lab:probe', 'x');
    localStorage.removeItem('lab:probe');
  } catch {
    return;
  }
  const chunk = 'x'.repeat(256 * 1024);
  for (let i = 0; ; i++) {
    try {
      localStorage.setItem(`lab:filler:${i}`, chunk);
    } catch {
      break;
    }
  }
  for (let size = 128 * 1024; size >= 1; size = Math.floor(size / 2)) {
    try {
      localStorage.setItem(`lab:tail:${size}`, 'x'.repeat(size));
    } catch {
      // Full at this size: try a smaller one.
    }
  }
};

/** Makes reading `localStorage` throw, as it does in Chromium with cookies blocked or in a sandboxed iframe. */
export const BLOCK_STORAGE = () => {
  Object.defineProperty(window, 'localStorage', {
    configurable: true,
    get() {
      throw new DOMException(
        "Failed to read the 'localStorage' property from 'Window': Access is denied.",
        'SecurityError',
      );
    },
  });
};

/**
 * Reload as the network returns (AWS transport): 46 events recorded offline, the network back, the page reloaded
 * at once. Resolves with the deliveries of each event.
 */
export async function reloadDuringReconnect(lab, { transport = 'aws', delay = 30 } = {}) {
  const context = await lab.browser.newContext();
  try {
    const tab = await lab.open(context, `transport=${transport}&flushInterval=200`);
    // Mounted for a moment: the SDK and credentials are preloaded.
    await tab.waitForTimeout(2_500);
    await context.setOffline(true);
    const ids = await lab.record(tab, 46, 'reconnect-');
    await tab.waitForTimeout(500);
    await context.setOffline(false);
    await tab.waitForTimeout(delay);
    await tab.reload();
    await tab.waitForFunction(() => window.lab !== undefined);
    await waitFor(lab.arrived(ids), 'every event after the reload');
    // Late copies, if any, have time to arrive before they are counted.
    await tab.waitForTimeout(2_000);
    return { ids, deliveries: lab.deliveries(ids) };
  } finally {
    await context.close();
  }
}

/**
 * A tab that holds unsent events (the endpoint down) is closed, or crashed through CDP, while another tab of the
 * origin stays open; the endpoint comes back a second later. Resolves with the deliveries of the tab's events and
 * the seconds from the close to the last one's arrival.
 */
export async function deadTab(lab, { how = 'close' } = {}) {
  const context = await lab.browser.newContext();
  try {
    const live = await lab.open(context, 'flushInterval=200');
    const dying = await lab.open(context, 'flushInterval=200');
    lab.down(true);
    const ids = await lab.record(dying, 12, `${how}-`);
    const own = await lab.record(live, 3, 'live-');
    await waitFor(() => lab.endpoint.requests().some((request) => request.fault), 'a refused request');
    // Stored (the write waits at most 200 ms).
    await dying.waitForTimeout(400);
    const gone = Date.now();
    if (how === 'crash') {
      const crashed = dying.waitForEvent('crash');
      const cdp = await context.newCDPSession(dying);
      // A crashed page never answers the CDP call itself.
      void cdp.send('Page.crash').catch(() => {});
      await crashed;
    } else {
      await dying.close();
    }
    // Whatever the page sent as it went meets the endpoint still down.
    await live.waitForTimeout(1_000);
    lab.down(false);
    await waitFor(lab.arrived([...ids, ...own]), `the ${how}d tab's events from the other tab`, 60_000);
    const seconds = ((lab.lastArrival(ids) ?? Date.now()) - gone) / 1000;
    await live.waitForTimeout(1_000);
    return { ids, own, deliveries: lab.deliveries(ids), seconds };
  } finally {
    await context.close();
  }
}

/**
 * Hung requests: the first four requests are held open without an answer while 250 events are recorded over five
 * seconds (maxQueueSize 100, requestTimeout 2 s). Resolves with the deliveries, what was lost and the errors.
 */
export async function hungRequests(lab, { requestTimeout = 2_000, events = 250 } = {}) {
  const context = await lab.browser.newContext();
  try {
    const tab = await lab.open(context, `flushInterval=200&maxQueueSize=100&requestTimeout=${requestTimeout}`);
    lab.hang(4);
    const ids = [];
    for (let i = 0; i < events / 10; i++) {
      ids.push(...(await lab.record(tab, 10, `hung-${i}-`)));
      await tab.waitForTimeout(200);
    }
    await waitFor(lab.arrived(ids), 'every event past the hung requests', 60_000).catch(() => {});
    const deliveries = lab.deliveries(ids);
    return {
      ids,
      deliveries,
      lost: deliveries.filter((count) => count === 0).length,
      errors: await lab.errors(tab),
    };
  } finally {
    await context.close();
  }
}
