// Rendering and clicks in real Chromium (Debian's, through Playwright): mount and scroll of N tracked items
// (ImpressionTracker + useImpression) against N plain items, against N plain items with one bare
// IntersectionObserver on each (the floor of any visibility tracking), and against the same list tracked with
// react-intersection-observer's useInView per item; and the cost of a tracked click (useTrackEvent inside an
// ImpressionTracker of 100 items) against a plain click handler.
//   node bench/render.mjs [--items=1000] [--rounds=7] [--frames=120] [--clicks=2000]
// Main-thread cost is the CPU time of the page's main thread (DevTools Performance metrics' ThreadTime): script,
// style, layout, paint and observer callbacks, whatever runs there; CPU time, so other busy processes on the machine
// do not count.
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright';
import { chromiumArgs, chromiumPath } from '../scripts/chromium.mjs';
import { arg, median, output, ratio } from './lib/report.mjs';
import { packagePlugin, root } from './lib/resolvePackage.mjs';

const COMMAND = 'node bench/render.mjs';
const ITEMS = arg('items', 1000);
const ROUNDS = arg('rounds', 7);
const FRAMES = arg('frames', 120);
const STEP = 100;
const CLICKS = arg('clicks', 2000);
const CLICK_ITEMS = 100;

const bundle = await build({
  entryPoints: [fileURLToPath(new URL('./render/page.tsx', import.meta.url))],
  plugins: [packagePlugin],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2020',
  jsx: 'automatic',
  write: false,
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'error',
  absWorkingDir: root,
});
const script = bundle.outputFiles[0].text;
const html = `<!doctype html><html><head><meta charset="utf-8"><title>bench</title><style>
body { margin: 0; font: 14px system-ui, sans-serif; }
.list { list-style: none; margin: 0; padding: 0; }
.item { height: 40px; box-sizing: border-box; padding: 8px 16px; border-bottom: 1px solid #ddd; }
.item button { font: inherit; border: 0; background: none; padding: 0; }
</style></head><body><div id="root"></div><script type="module" src="/page.js"></script></body></html>`;

const server = createServer((request, response) => {
  if (request.url === '/page.js') {
    response.setHeader('Content-Type', 'text/javascript');
    response.end(script);
  } else {
    response.setHeader('Content-Type', 'text/html');
    response.end(html);
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, timeout: 60_000 });
const rows = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.setDefaultTimeout(60_000);
  await page.goto(url);
  await page.waitForFunction(() => 'bench' in window);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const busy = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((metric) => metric.name === 'ThreadTime').value * 1000;
  };

  const variants = ['plain', 'observed', 'tracked', 'inView'];
  const samples = Object.fromEntries(variants.map((v) => [v, { mount: [], scroll: [], interval: [] }]));
  for (let round = 0; round < ROUNDS + 1; round++) {
    // Rotate the order so no variant always runs first; round 0 warms up and is thrown away.
    const order = variants.map((_, i) => variants[(i + round) % variants.length]);
    for (const variant of order) {
      const before = await busy();
      const mounted = await page.evaluate(([v, n]) => window.bench.mount(v, n), [variant, ITEMS]);
      const afterMount = await busy();
      if (mounted.items !== ITEMS) throw new Error(`${variant}: rendered ${mounted.items} items, expected ${ITEMS}`);
      const intervals = await page.evaluate(([f, s]) => window.bench.scroll(f, s), [FRAMES, STEP]);
      const afterScroll = await busy();
      await page.evaluate(() => window.bench.unmount());
      if (round === 0) continue;
      samples[variant].mount.push(afterMount - before);
      samples[variant].scroll.push((afterScroll - afterMount) / FRAMES);
      samples[variant].interval.push(median(intervals));
    }
  }
  const m = (variant, key) => median(samples[variant][key]);
  const params = `${ITEMS} items of 40 px, 1280×720, median of ${ROUNDS} interleaved rounds; Chromium ${browser.version()}, production React`;
  const others = [
    ['plain', 'plain'],
    ['observed', 'plain + one bare IntersectionObserver on every item'],
    ['inView', "react-intersection-observer's useInView per item"],
  ];
  for (const [other, label] of others) {
    rows.push({
      group: 'Rendering',
      measure: `mount: ImpressionTracker + useImpression ÷ ${label}`,
      value: `${ratio(m('tracked', 'mount') / m(other, 'mount'))} (${m('tracked', 'mount').toFixed(1)} ms vs ${m(other, 'mount').toFixed(1)} ms main-thread CPU)`,
      params: `${params}; render → 3 frames later, main-thread CPU time (ThreadTime)`,
      command: COMMAND,
    });
  }
  for (const [other, label] of others) {
    rows.push({
      group: 'Rendering',
      measure: `scroll frame: ImpressionTracker + useImpression ÷ ${label}`,
      value: `${ratio(m('tracked', 'scroll') / m(other, 'scroll'))} (${m('tracked', 'scroll').toFixed(2)} ms vs ${m(other, 'scroll').toFixed(2)} ms main-thread CPU per frame)`,
      params: `${params}; ${FRAMES} frames scrolling ${STEP} px each; frame interval median ${m('tracked', 'interval').toFixed(1)} / ${m(other, 'interval').toFixed(1)} ms`,
      command: COMMAND,
    });
  }
  // Clicks: the tracked list first waits past minDwellMs, so its visible items are viewed and every click carries
  // recommendationId and impression.
  const clickMs = { plain: [], tracked: [] };
  for (let round = 0; round < 4; round++) {
    for (const variant of ['plain', 'tracked']) {
      await page.evaluate(([v, n]) => window.bench.mount(v, n), [variant, CLICK_ITEMS]);
      await page.evaluate(() => window.bench.wait(1200));
      const before = await busy();
      await page.evaluate((n) => window.bench.clicks(n), CLICKS);
      const ms = (await busy()) - before;
      await page.evaluate(() => window.bench.unmount());
      if (round > 0) clickMs[variant].push(ms);
    }
  }
  const perClick = (variant) => (median(clickMs[variant]) * 1000) / CLICKS;
  rows.push({
    group: 'Main thread',
    measure: 'tracked click (useTrackEvent in an ImpressionTracker) ÷ plain click handler',
    value: `${ratio(perClick('tracked') / perClick('plain'))} (${perClick('tracked').toFixed(1)} µs vs ${perClick('plain').toFixed(1)} µs per click)`,
    params: `${CLICK_ITEMS} items, ${CLICKS} clicks via element.click() with microtasks drained after each, main-thread CPU time, median of 3; recorder with localStorage persistence; Chromium ${browser.version()}`,
    command: COMMAND,
  });
} finally {
  await browser.close();
  server.close();
}
output(rows);
