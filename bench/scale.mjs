// Scale: the events per second one recorder sustains into the local endpoint before its queue grows, against what
// the bare client pushes through the same endpoint with the same 4 requests in flight; and the memory one queued
// event holds. The endpoint (and the app server of the HTTP transport) runs in a child process.
//   node bench/scale.mjs [--seconds=2]
import { fork, spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { load } from './lib/load.mjs';
import { arg, output, ratio } from './lib/report.mjs';

if (typeof globalThis.gc !== 'function') {
  const self = new URL(import.meta.url).pathname;
  const child = spawnSync(process.execPath, ['--expose-gc', self, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}
await import('./lib/loopbackOnly.mjs');
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const COMMAND = 'node bench/scale.mjs';
const SECONDS = arg('seconds', 2);
/** Requests the recorder keeps in flight (CONCURRENCY in createRecorder.ts); the bare clients get as many. */
const IN_FLIGHT = 4;
/** Queued events past which a step counts as "the queue grows" (it also must be growing at the end). */
const GROWTH = 200;

const core = await load('core');
const aws = await load('aws');
const { LOCAL_CREDENTIALS } = (await load('endpoint')).module;

const child = fork(new URL('./lib/endpointProcess.mjs', import.meta.url).pathname, [], { stdio: 'inherit' });
const urls = await new Promise((resolve) => child.once('message', resolve));
const accepted = () =>
  new Promise((resolve) => {
    child.once('message', (message) => resolve(message.accepted));
    child.send('count');
  });

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const event = (i) => ({ eventType: 'click', itemId: `item-${i % 50}`, properties: { position: i % 10 } });
const wireEvent = (i) => ({
  eventId: `e-${i}-${Math.random()}`,
  eventType: 'click',
  itemId: `item-${i % 50}`,
  sentAt: Date.now() / 1000,
});

/** Offers `rate` events/s to a fresh recorder for SECONDS; says whether its queue grew, and the rate delivered. */
async function step(transport, rate) {
  const recorder = core.module.createRecorder({
    transport,
    persistence: false,
    lifecycle: false,
    sessionStorage: false,
    maxQueueSize: 10_000_000,
  });
  const start = performance.now();
  let recorded = 0;
  let queuedAtHalf = 0;
  let elapsed = 0;
  while (elapsed < SECONDS * 1000) {
    await sleep(10);
    elapsed = performance.now() - start;
    const due = Math.floor((rate * elapsed) / 1000);
    while (recorded < due) recorder.record(event(recorded++));
    if (queuedAtHalf === 0 && elapsed >= (SECONDS * 1000) / 2) queuedAtHalf = recorder.getSnapshot().queued;
  }
  const { queued, sent } = recorder.getSnapshot();
  const delivered = (sent * 1000) / elapsed;
  // Discard the backlog rather than drain it: past capacity, draining would take longer than the step.
  recorder.setEnabled(false);
  await recorder.close();
  await sleep(200);
  const grows = queued > GROWTH && queued > queuedAtHalf;
  console.error(
    `scale: ${rate}/s offered → ${Math.round(delivered)}/s sent, ${queued} queued${grows ? ' (grows)' : ''}`,
  );
  return { grows, delivered, queued };
}

/** Doubles the offered rate until the queue grows, then bisects three times. */
async function sustained(transport) {
  let low = 0;
  let high = 0;
  let best = { delivered: 0 };
  for (let rate = 1000; rate <= 256_000; rate *= 2) {
    const result = await step(transport, rate);
    if (result.grows) {
      high = rate;
      break;
    }
    low = rate;
    best = result;
  }
  if (high === 0) return { rate: low, delivered: best.delivered, capped: true };
  for (let i = 0; i < 3; i++) {
    const rate = Math.round((low + high) / 2);
    const result = await step(transport, rate);
    if (result.grows) high = rate;
    else {
      low = rate;
      best = result;
    }
  }
  return { rate: low, delivered: best.delivered, capped: false };
}

/** Events/s through `sendBatch` (10 events per call) with IN_FLIGHT calls at once, for SECONDS. */
async function bare(sendBatch) {
  const until = performance.now() + SECONDS * 1000;
  let events = 0;
  let i = 0;
  const lane = async () => {
    while (performance.now() < until) {
      const eventList = Array.from({ length: 10 }, () => wireEvent(i++));
      await sendBatch(eventList);
      events += 10;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  return (events * 1000) / (performance.now() - start);
}

async function memoryPerQueuedEvent(count) {
  const recorder = core.module.createRecorder({
    transport: { send: () => new Promise(() => {}) },
    persistence: false,
    lifecycle: false,
    sessionStorage: false,
    maxQueueSize: count * 2,
  });
  for (let i = 0; i < 100; i++) recorder.record(event(i));
  await sleep(10);
  globalThis.gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < count; i++) recorder.record(event(i));
  await sleep(10);
  globalThis.gc();
  const after = process.memoryUsage().heapUsed;
  const queued = recorder.getSnapshot().queued;
  return { bytes: (after - before) / count, queued };
}

const rows = [];
try {
  const transports = [
    {
      name: 'AWS transport (SDK PutEvents)',
      transport: aws.module.createPersonalizeTransport({
        trackingId: 'bench-tracking-id',
        region: 'us-east-1',
        endpoint: urls.endpoint,
        credentials: LOCAL_CREDENTIALS,
      }),
      bareName: 'PersonalizeEventsClient.send(PutEventsCommand)',
      bare: async () => {
        const sdk = await import('@aws-sdk/client-personalize-events');
        const client = new sdk.PersonalizeEventsClient({
          region: 'us-east-1',
          endpoint: urls.endpoint,
          credentials: LOCAL_CREDENTIALS,
          maxAttempts: 1,
        });
        return bare((eventList) =>
          client.send(
            new sdk.PutEventsCommand({
              trackingId: 'bench-tracking-id',
              sessionId: 'bench-session',
              eventList: eventList.map((e) => ({ ...e, sentAt: new Date(e.sentAt * 1000) })),
            }),
          ),
        );
      },
    },
    {
      name: 'HTTP transport → createPutEventsHandler',
      transport: core.module.createHttpTransport({ url: urls.app }),
      bareName: 'fetch POST of the same JSON',
      bare: () =>
        bare(async (eventList) => {
          const response = await fetch(urls.app, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ sessionId: 'bench-session', eventList }),
          });
          await response.arrayBuffer();
          if (!response.ok) throw new Error(`app server answered ${response.status}`);
        }),
    },
  ];
  for (const { name, transport, bareName, bare: runBare } of transports) {
    await step(transport, 500); // warm-up: loads the SDK, opens connections
    const before = await accepted();
    const result = await sustained(transport);
    const bareRate = await runBare();
    if ((await accepted()) <= before) throw new Error(`${name}: the endpoint accepted nothing`);
    rows.push({
      group: 'Scale',
      measure: `${name}: events/s one recorder sustains ÷ bare client with ${IN_FLIGHT} requests in flight`,
      value: `${ratio(result.rate / bareRate)} (${Math.round(result.rate)}${result.capped ? '+' : ''} vs ${Math.round(bareRate)} events/s)`,
      params: `offered rate doubled from 1000/s then bisected, ${SECONDS} s per step, "grows" = over ${GROWTH} queued and rising; bare: ${bareName}, 10 events per call; endpoint (signature check off) in a child process; 2 cores`,
      command: COMMAND,
    });
  }
  const memory = await memoryPerQueuedEvent(20_000);
  rows.push({
    group: 'Scale',
    measure: 'heap per queued event',
    value: `${Math.round(memory.bytes)} B`,
    params: `20000 events queued behind a transport that never answers (${memory.queued} queued, 40 in flight), heapUsed after gc(), no persistence (Node)`,
    command: COMMAND,
  });
} finally {
  child.disconnect();
}
output(rows);
