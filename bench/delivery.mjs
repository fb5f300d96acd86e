// Delivery under faults, in real Chromium against the local endpoint (which counts deliveries per eventId), with
// the built package bundled for the browser (see bench/lib/deliveryLab.mjs, shared with test/node/deliveryFaults):
// - deliveries per event when the page reloads as the network returns (AWS transport; PutEvents trains on the
//   first of an eventId, so a second delivery is harmless; the goal is at most 2);
// - seconds from a tab's close to the delivery of its unsent events by another open tab (goal: 15 s or less);
// - events lost while four requests hang without an answer (goal 0).
//   node bench/delivery.mjs [--rounds=3]
import './lib/loopbackOnly.mjs';
import { deadTab, hungRequests, reloadDuringReconnect, startDeliveryLab } from './lib/deliveryLab.mjs';
import { load } from './lib/load.mjs';
import { arg, median, output } from './lib/report.mjs';
import { distFile } from './lib/resolvePackage.mjs';

const COMMAND = 'node bench/delivery.mjs';
const ROUNDS = arg('rounds', 3);
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const endpoint = (await load('endpoint')).module;
const server = (await load('server')).module;
const lab = await startDeliveryLab({ sources: { core: distFile('./core'), aws: distFile('./aws') }, endpoint, server });

const reload = [];
const close = [];
const hung = [];
try {
  for (let round = 0; round < ROUNDS; round++) {
    lab.reset();
    reload.push((await reloadDuringReconnect(lab)).deliveries);
    lab.reset();
    close.push((await deadTab(lab, { how: 'close' })).seconds);
    lab.reset();
    hung.push(await hungRequests(lab));
  }
} finally {
  await lab.close();
}

const deliveries = reload.flat();
const mean = deliveries.reduce((sum, count) => sum + count, 0) / deliveries.length;
const lost = hung.reduce((sum, run) => sum + run.lost, 0);
const recorded = hung.reduce((sum, run) => sum + run.ids.length, 0);
const missing = deliveries.filter((count) => count === 0).length;
output([
  {
    group: 'Delivery',
    measure: 'deliveries per event, page reloaded as the network returns (AWS transport; goal ≤ 2)',
    value: `${mean.toFixed(2)}× mean, ${Math.max(...deliveries)}× max${missing ? `, ${missing} never delivered` : ''}`,
    params: `46 events recorded offline, online, reload 30 ms later; ${ROUNDS} rounds`,
    command: COMMAND,
  },
  {
    group: 'Delivery',
    measure: "seconds from a tab's close to its events' delivery by another open tab (goal ≤ 15 s)",
    value: `${median(close).toFixed(1)} s median, ${Math.max(...close).toFixed(1)} s max`,
    params: `12 unsent events, endpoint back 1 s after the close; Web Locks; ${ROUNDS} rounds`,
    command: COMMAND,
  },
  {
    group: 'Delivery',
    measure: 'events lost with hung requests (goal 0)',
    value: `${lost} of ${recorded}`,
    params: `4 requests never answered, 250 events over 5 s, maxQueueSize 100, requestTimeout 2 s; ${ROUNDS} rounds`,
    command: COMMAND,
  },
]);
