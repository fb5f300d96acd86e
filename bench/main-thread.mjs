// Main-thread cost of record() in Node, against the simplest queue one could write by hand (push the event and
// its JSON onto an array), and the bytes allocated per event (recorded, batched and handed to a transport).
//   node bench/main-thread.mjs [--events=100000]
// Re-runs itself with --expose-gc and a young generation large enough that no collection happens while the
// allocation is measured (checked: the row says so if one did).
import { spawnSync } from 'node:child_process';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { arg, output, ratio } from './lib/report.mjs';
import { distFile } from './lib/resolvePackage.mjs';

const FLAGS = ['--expose-gc', '--min-semi-space-size=64', '--max-semi-space-size=64'];
if (typeof globalThis.gc !== 'function') {
  const self = fileURLToPath(new URL(import.meta.url));
  const child = spawnSync(process.execPath, [...FLAGS, self, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}

const COMMAND = 'node bench/main-thread.mjs';
const EVENTS = arg('events', 100_000);
const { createRecorder } = await import(distFile('./core'));

const impression = Array.from({ length: 10 }, (_, i) => `item-${i}`);
/** A tracked click as the React bindings record it: item, recommendation, impressions and properties. */
const makeEvent = (i) => ({
  eventType: 'click',
  itemId: `item-${i % 10}`,
  recommendationId: 'RID-0123456789abcdef',
  impression,
  properties: { position: i % 10, surface: 'home' },
});

const turn = () => new Promise((resolve) => setImmediate(resolve));
const newRecorder = () =>
  createRecorder({ transport: { send: async () => {} }, persistence: false, lifecycle: false, sessionStorage: false });

/**
 * Runs `recordOne` EVENTS times, 100 at a time with a turn of the event loop between (so batches go out); returns
 * the CPU µs per call, counted only around the calls (process.cpuUsage: other busy processes do not count).
 */
async function timeRecording(recordOne) {
  let spent = 0;
  for (let i = 0; i < EVENTS; i += 100) {
    const start = process.cpuUsage();
    for (let j = i; j < i + 100; j++) recordOne(makeEvent(j));
    const used = process.cpuUsage(start);
    spent += used.user + used.system;
    await turn();
  }
  return spent / EVENTS;
}

async function recordCost() {
  const recorder = newRecorder();
  const queue = [];
  const byHand = (event) => {
    queue.push({ event, json: JSON.stringify(event) });
    if (queue.length >= 100) queue.length = 0;
  };
  // Warm both up, then alternate to share the machine's noise.
  await timeRecording((event) => recorder.record(event));
  await timeRecording(byHand);
  const ours = [];
  const baseline = [];
  for (let round = 0; round < 3; round++) {
    ours.push(await timeRecording((event) => recorder.record(event)));
    baseline.push(await timeRecording(byHand));
  }
  await recorder.close();
  return { ours: Math.min(...ours), baseline: Math.min(...baseline) };
}

async function allocationPerEvent(count) {
  const recorder = newRecorder();
  for (let i = 0; i < 2000; i++) {
    recorder.record(makeEvent(i));
    if (i % 10 === 9) await turn();
  }
  const collections = [];
  const observer = new PerformanceObserver((list) => collections.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  globalThis.gc();
  await turn();
  const from = performance.now();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < count; i++) {
    recorder.record(makeEvent(i));
    if (i % 10 === 9) await Promise.resolve();
  }
  await Promise.resolve();
  await Promise.resolve();
  const after = process.memoryUsage().heapUsed;
  const to = performance.now();
  await turn();
  observer.disconnect();
  await recorder.close();
  const collected = collections.some((entry) => entry.startTime >= from && entry.startTime <= to);
  return { bytes: (after - before) / count, collected };
}

const cost = await recordCost();
const allocation = await allocationPerEvent(1000);
output([
  {
    group: 'Main thread',
    measure: 'record() ÷ pushing the event and its JSON onto an array',
    value: `${ratio(cost.ours / cost.baseline)} (${cost.ours.toFixed(2)} µs vs ${cost.baseline.toFixed(2)} µs per event)`,
    params: `${EVENTS} tracked clicks (itemId, recommendationId, 10 impressions, properties), 100 per turn, CPU time, best of 3; Node ${process.version}; dist/core.js`,
    command: COMMAND,
  },
  {
    group: 'Main thread',
    measure: 'bytes allocated per event (record → batch → transport)',
    value: `${Math.round(allocation.bytes)} B${allocation.collected ? ' (a GC ran during the measure: rerun)' : ''}`,
    params: '1000 events after 2000 warm-up, heapUsed before/after, no GC in between (--min-semi-space-size=64)',
    command: COMMAND,
  },
]);
