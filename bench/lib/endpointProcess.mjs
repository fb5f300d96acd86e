// A child process holding the local endpoint (and an app server with createPutEventsHandler in front of it), so
// that a throughput benchmark's recorder has the other core to itself. Started by bench/scale.mjs.
// Prints one JSON line { endpoint, app } with the URLs; answers 'count' messages with events accepted so far;
// forgets stored events every 200 ms so that memory stays flat however long it runs.
import './loopbackOnly.mjs';
import { createServer } from 'node:http';
import { load } from './load.mjs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { startLocalEndpoint, LOCAL_CREDENTIALS } = (await load('endpoint')).module;
const { createPutEventsHandler, toNodeHandler } = (await load('server')).module;

const endpoint = await startLocalEndpoint({ maxRequests: 10, credentials: 'any' });
let accepted = 0;
const collect = () => {
  accepted += endpoint.events().length;
  endpoint.clear();
};
setInterval(collect, 200).unref();

const handler = toNodeHandler(
  createPutEventsHandler({
    trackingId: 'bench-tracking-id',
    region: 'us-east-1',
    endpoint: endpoint.url,
    credentials: LOCAL_CREDENTIALS,
  }),
);
const app = createServer((request, response) => void handler(request, response));
await new Promise((resolve) => app.listen(0, '127.0.0.1', resolve));

process.on('message', (message) => {
  if (message === 'count') {
    collect();
    process.send({ accepted });
  }
});
process.on('disconnect', () => process.exit(0));
process.send({ endpoint: endpoint.url, app: `http://127.0.0.1:${app.address().port}/api/events` });
