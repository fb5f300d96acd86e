// Servers: createPutEventsHandler behind toNodeHandler against a bare PutEventsCommand proxy (parse, send, answer:
// no checks, no limits) on the same machine, both in one child process sending to a tiny fake PutEvents server:
// requests/s and p99 latency at 200 concurrent keep-alive connections, and the server process's memory before and
// after 20,000 requests. The load generator is this process (http.Agent with keepAlive, 127.0.0.1 only).
//   node bench/servers.mjs [--requests=20000] [--connections=200] [--seconds=60] [--rounds=1]
// Each run stops at --seconds even if not every request was sent: the table's parameters say how many were.
import { fork } from 'node:child_process';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { arg, median, output, ratio } from './lib/report.mjs';

await import('./lib/loopbackOnly.mjs');

const COMMAND = 'node bench/servers.mjs';
const REQUESTS = arg('requests', 20_000);
const CONNECTIONS = arg('connections', 200);
/** Time bound of one measured run: it stops there even if REQUESTS have not all been sent. */
const SECONDS = arg('seconds', 60);
const WARM_UP = 500;
const ROUNDS = arg('rounds', 1);

const child = fork(fileURLToPath(new URL('./lib/serversProcess.mjs', import.meta.url)), [], {
  stdio: 'inherit',
  execArgv: ['--expose-gc'],
});
const urls = await new Promise((resolve) => child.once('message', resolve));
for (const url of Object.values(urls)) {
  if (new URL(url).hostname !== '127.0.0.1') throw new Error(`bench: not 127.0.0.1: ${url}`);
}
const memory = () =>
  new Promise((resolve) => {
    child.once('message', resolve);
    child.send('memory');
  });

const body = (i) =>
  JSON.stringify({
    sessionId: `session-${i % 100}`,
    eventList: [
      { eventId: `e-${i}-a`, eventType: 'click', itemId: `item-${i % 50}`, sentAt: Date.now() / 1000 },
      { eventId: `e-${i}-b`, eventType: 'view', itemId: `item-${(i + 1) % 50}`, sentAt: Date.now() / 1000 },
    ],
  });

function post(agent, url, payload) {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - started }));
      },
    );
    req.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    req.end(payload);
  });
}

/** `count` requests over CONNECTIONS keep-alive connections, stopping at the time bound. */
async function load(url, count) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies = [];
  let next = 0;
  let failed = 0;
  const statuses = {};
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < count && performance.now() < deadline) {
        const answer = await post(agent, url, body(next++));
        latencies.push(answer.ms);
        if (answer.status !== 200) {
          failed++;
          statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    sent: latencies.length,
    failed,
    statuses,
    perSecond: latencies.length / seconds,
    p99: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))],
  };
}

const results = { handler: [], bare: [] };
const memoryOf = { handler: [], bare: [] };
for (const name of ['handler', 'bare']) await load(urls[name], WARM_UP);
for (let round = 0; round < ROUNDS; round++) {
  for (const name of ['handler', 'bare']) {
    const before = await memory();
    const result = await load(urls[name], REQUESTS);
    // The server's side of the 200 closed connections goes away first.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const after = await memory();
    console.error(
      `bench servers: ${name} round ${round + 1}: ${result.sent} requests, ${result.perSecond.toFixed(0)}/s, p99 ${result.p99.toFixed(1)} ms, non-200 ${JSON.stringify(result.statuses)}, heap ${(before.heap / 2 ** 20).toFixed(1)} → ${(after.heap / 2 ** 20).toFixed(1)} MB`,
    );
    results[name].push(result);
    memoryOf[name].push({ before, after });
  }
}
child.disconnect();

const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const sent = (name) => Math.min(...results[name].map((r) => r.sent));
const failures = (name) => results[name].map((r) => JSON.stringify(r.statuses)).join(' ');
const params = `${sent('handler')} | ${sent('bare')} requests of 2 events (of ${REQUESTS}, ${SECONDS} s bound), ${CONNECTIONS} keep-alive connections, median of ${ROUNDS} round(s), fake PutEvents upstream; answers other than 200: handler ${failures('handler')}, bare ${failures('bare')}`;
const last = (name) => memoryOf[name][ROUNDS - 1];
output([
  {
    group: 'Servers',
    measure: 'createPutEventsHandler + toNodeHandler: requests/s ÷ bare PutEventsCommand proxy',
    value: ratio(median(results.handler.map((r) => r.perSecond)) / median(results.bare.map((r) => r.perSecond))),
    params: `${params}; ${median(results.handler.map((r) => r.perSecond)).toFixed(0)} vs ${median(results.bare.map((r) => r.perSecond)).toFixed(0)} requests/s`,
    command: COMMAND,
  },
  {
    group: 'Servers',
    measure: 'createPutEventsHandler + toNodeHandler: p99 latency ÷ bare PutEventsCommand proxy',
    value: ratio(median(results.handler.map((r) => r.p99)) / median(results.bare.map((r) => r.p99))),
    params: `${params}; ${median(results.handler.map((r) => r.p99)).toFixed(1)} vs ${median(results.bare.map((r) => r.p99)).toFixed(1)} ms`,
    command: COMMAND,
  },
  {
    group: 'Servers',
    measure: 'server heap (after a full GC) after ÷ before the requests: handler | bare proxy',
    value: `${ratio(last('handler').after.heap / last('handler').before.heap)} | ${ratio(last('bare').after.heap / last('bare').before.heap)}`,
    params: `last round; handler ${mb(last('handler').before.heap)} → ${mb(last('handler').after.heap)}, bare ${mb(last('bare').before.heap)} → ${mb(last('bare').after.heap)}; process RSS ${mb(last('bare').after.rss)} at the end`,
    command: COMMAND,
  },
]);
