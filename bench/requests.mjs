// Requests per event: N events through the recorder into the local Personalize-compatible endpoint (real HTTP on
// 127.0.0.1), with and without injected faults, counted against the ideal ceil(N / 10) (PutEvents takes 10 events):
// - the AWS transport (the real SDK's PutEventsCommand, SigV4) straight into the endpoint;
// - the HTTP transport into an app server running createPutEventsHandler, which forwards to the endpoint;
// - Amplify's Personalize provider, pointed at the endpoint through the SDK's AWS_ENDPOINT_URL_PERSONALIZE_EVENTS.
//   node bench/requests.mjs [--events=1000] [--fail-rate=0.1] [--throttle-rate=0.1]
import './lib/loopbackOnly.mjs';
import { createServer } from 'node:http';
import { ensureAmplify } from './lib/amplify.mjs';
import { load } from './lib/load.mjs';
import { arg, output, ratio } from './lib/report.mjs';

const COMMAND = 'node bench/requests.mjs';
const N = arg('events', 1000);
const FAULTS = { failRate: arg('fail-rate', 0.1), throttleRate: arg('throttle-rate', 0.1), seed: 7 };
const IDEAL = Math.ceil(N / 10);
const TRACKING_ID = 'bench-tracking-id';
const REGION = 'us-east-1';
/** Recorder retry delays, shortened so a faulty run takes seconds; the counts do not depend on them. */
const RETRY = { baseDelay: 20, maxDelay: 500 };
const DEADLINE_MS = 60_000;
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const core = await load('core');
const endpointModule = await load('endpoint');
const { startLocalEndpoint, LOCAL_CREDENTIALS } = endpointModule.module;
const endpoint = await startLocalEndpoint({ maxRequests: 1_000_000 });
process.env.AWS_ENDPOINT_URL_PERSONALIZE_EVENTS = endpoint.url;

const faultText = `${FAULTS.failRate * 100}% HTTP 500 + ${FAULTS.throttleRate * 100}% ThrottlingException (seed ${FAULTS.seed})`;
const event = (i) => ({
  eventId: `bench-${i}-${Math.random().toString(36).slice(2)}`,
  eventType: 'click',
  itemId: `item-${i % 50}`,
  properties: { position: i % 10 },
});

/** What the endpoint saw: PutEvents requests, events accepted once, duplicates. */
function tally(ids) {
  const arrivals = endpoint.arrivals();
  let delivered = 0;
  for (const id of ids) if (arrivals.has(id)) delivered++;
  const duplicates = endpoint.events().filter((e) => e.arrival > 1).length;
  return { requests: endpoint.requests().length, delivered, duplicates };
}

async function throughRecorder(transport) {
  const recorder = core.module.createRecorder({
    transport,
    retry: RETRY,
    persistence: false,
    lifecycle: false,
    sessionStorage: false,
    maxQueueSize: N * 2,
  });
  const ids = [];
  for (let i = 0; i < N; i++) {
    const result = recorder.record(event(i));
    if (result.ok) ids.push(result.eventId);
    if (i % 100 === 99) await new Promise((resolve) => setImmediate(resolve));
  }
  const deadline = Date.now() + DEADLINE_MS;
  while (Date.now() < deadline) {
    await recorder.flush();
    const snapshot = recorder.getSnapshot();
    if (snapshot.queued === 0 && snapshot.inFlight === 0) break;
  }
  await recorder.close();
  return ids;
}

const rows = [];
const row = (path, faulty, result, extra = '') =>
  rows.push({
    group: 'Requests per event',
    measure: `${path}${faulty ? ', with faults' : ''}: requests ÷ ceil(N/10)`,
    value: `${ratio(result.requests / IDEAL)} (${result.requests} / ${IDEAL}; delivered ${result.delivered}/${N}, duplicates ${result.duplicates})`,
    params: `N=${N}${faulty ? `; ${faultText}` : '; no faults'}${extra}; local endpoint ${endpointModule.from}`,
    command: COMMAND,
  });

// 1. The AWS transport: the SDK signs and sends PutEvents straight to the endpoint.
let aws;
try {
  aws = await load('aws');
} catch {
  aws = undefined;
}
if (aws) {
  for (const faulty of [false, true]) {
    endpoint.clear();
    endpoint.setFaults(faulty ? FAULTS : {});
    const transport = aws.module.createPersonalizeTransport({
      trackingId: TRACKING_ID,
      region: REGION,
      endpoint: endpoint.url,
      credentials: LOCAL_CREDENTIALS,
    });
    const ids = await throughRecorder(transport);
    row('AWS transport (SDK PutEvents)', faulty, tally(ids), `; recorder retry ${JSON.stringify(RETRY)}`);
  }
}

// 2. The HTTP transport into the app's own endpoint (createPutEventsHandler), which calls PutEvents.
let server;
try {
  server = await load('server');
} catch {
  server = undefined;
}
if (server) {
  const { createPutEventsHandler, toNodeHandler } = server.module;
  let appRequests = 0;
  const handler = toNodeHandler(
    createPutEventsHandler({
      trackingId: TRACKING_ID,
      region: REGION,
      endpoint: endpoint.url,
      credentials: LOCAL_CREDENTIALS,
    }),
  );
  const app = createServer((request, response) => {
    appRequests++;
    void handler(request, response);
  });
  await new Promise((resolve) => app.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${app.address().port}/api/events`;
  for (const faulty of [false, true]) {
    endpoint.clear();
    endpoint.setFaults(faulty ? FAULTS : {});
    appRequests = 0;
    const ids = await throughRecorder(core.module.createHttpTransport({ url }));
    const result = tally(ids);
    row(
      'HTTP transport → createPutEventsHandler',
      faulty,
      { ...result, requests: appRequests },
      `; counted at the app server (${result.requests} PutEvents behind it); recorder retry ${JSON.stringify(RETRY)}`,
    );
  }
  app.closeAllConnections();
  await new Promise((resolve) => app.close(resolve));
}

// 3. Amplify's Personalize provider with its defaults and with the largest flushSize it allows (10).
await ensureAmplify();
const { Amplify } = await import('./amplify/node_modules/aws-amplify/dist/esm/index.mjs');
const { record } = await import(
  './amplify/node_modules/@aws-amplify/analytics/dist/esm/providers/personalize/index.mjs'
);
/** Waits until `done()` and a quiet second, or until no request arrived for `quiet` ms (Amplify gave up). */
async function waitForQuiet(quiet, done) {
  const deadline = Date.now() + DEADLINE_MS;
  let count = endpoint.requests().length;
  let since = Date.now();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = endpoint.requests().length;
    if (now !== count) {
      count = now;
      since = Date.now();
    }
    if (Date.now() - since >= (done() ? 1000 : quiet)) return;
  }
}

for (const flushSize of [undefined, 10]) {
  for (const faulty of [false, true]) {
    // Our recorder's default flush interval, so both wait as long for companions.
    const flushInterval = 1000;
    Amplify.configure(
      {
        Analytics: {
          Personalize: { trackingId: TRACKING_ID, region: REGION, flushInterval, ...(flushSize ? { flushSize } : {}) },
        },
      },
      {
        Auth: {
          credentialsProvider: {
            getCredentialsAndIdentityId: async () => ({
              credentials: LOCAL_CREDENTIALS,
              identityId: `bench-${flushSize}-${faulty}`,
            }),
            clearCredentialsAndIdentityId: () => {},
          },
        },
      },
    );
    // Warm up: Amplify makes its session ID on the first record(); a burst before that would scatter over sessions.
    endpoint.setFaults({});
    record({ eventId: `warm-up-${flushSize}-${faulty}`, eventType: 'click', properties: { itemId: 'warm-up' } });
    await waitForQuiet(flushInterval + 1000, () => endpoint.events().length > 0);
    endpoint.clear();
    endpoint.setFaults(faulty ? FAULTS : {});
    const ids = [];
    for (let i = 0; i < N; i++) {
      const input = event(i);
      ids.push(input.eventId);
      record({
        eventId: input.eventId,
        eventType: input.eventType,
        properties: { itemId: input.itemId, ...input.properties },
      });
      if (i % 100 === 99) await new Promise((resolve) => setImmediate(resolve));
    }
    await waitForQuiet(flushInterval * 3, () => tally(ids).delivered === N);
    const result = tally(ids);
    const refused = endpoint.requests().filter((r) => r.status === 400 && !r.fault).length;
    row(
      `Amplify record() (flushSize ${flushSize ?? '5, its default'})`,
      faulty,
      result,
      `; flushInterval ${flushInterval} ms; ${refused} request(s) refused as invalid; its SDK client retries (3 attempts), failed events are not kept; aws-amplify 6.22.1`,
    );
  }
}

await endpoint.close();
output(rows);
// Amplify's event buffers keep an interval timer running forever.
process.exit(0);
