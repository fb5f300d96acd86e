// A child process holding the servers bench/servers.mjs loads: a tiny fake PutEvents upstream, createPutEventsHandler
// behind toNodeHandler, and a bare PutEventsCommand proxy (parse, send, answer: no checks, no limits), both sending
// to the fake upstream with the same SDK client settings. Prints one JSON message { handler, bare } with their URLs;
// answers 'memory' messages with its memory after a full GC. Run with --expose-gc.
import './loopbackOnly.mjs';
import { createServer } from 'node:http';
import { PersonalizeEventsClient, PutEventsCommand } from '@aws-sdk/client-personalize-events';
import { load } from './load.mjs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { createPutEventsHandler, toNodeHandler } = (await load('server')).module;
const { LOCAL_CREDENTIALS } = (await load('endpoint')).module;

const listen = (server) =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`)));

// PutEvents answers 200 with an empty body; the upstream reads the request and answers at once.
let upstreamRequests = 0;
const upstream = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    upstreamRequests++;
    response.writeHead(200, { 'content-length': '0', 'x-amzn-requestid': String(upstreamRequests) });
    response.end();
  });
});
// Longer than the SDK keeps an idle socket: otherwise a socket closing as the SDK reuses it fails a request.
upstream.keepAliveTimeout = 120_000;
const upstreamUrl = await listen(upstream);
// As many sockets to PutEvents as connections come in (the SDK's default of 50 would queue the rest).
const clientOptions = {
  region: 'us-east-1',
  endpoint: upstreamUrl,
  credentials: { ...LOCAL_CREDENTIALS },
  maxAttempts: 1,
  requestHandler: { httpAgent: { keepAlive: true, maxSockets: 256 } },
};

const handler = toNodeHandler(
  createPutEventsHandler({
    trackingId: 'bench-tracking-id',
    client: new PersonalizeEventsClient(clientOptions),
    // The bare proxy has no deadline: on a busy machine 200 queued connections wait seconds for the event loop.
    upstreamTimeout: 120_000,
  }),
);
const handlerUrl = await listen(createServer((request, response) => void handler(request, response)));

const bareClient = new PersonalizeEventsClient(clientOptions);
const bare = createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', async () => {
    try {
      const batch = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      await bareClient.send(
        new PutEventsCommand({
          trackingId: 'bench-tracking-id',
          sessionId: batch.sessionId,
          eventList: batch.eventList.map((event) => ({ ...event, sentAt: new Date(event.sentAt * 1000) })),
        }),
      );
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    } catch {
      response.writeHead(502).end();
    }
  });
});
const bareUrl = await listen(bare);

process.on('message', (message) => {
  if (message === 'memory') {
    globalThis.gc();
    const { rss, heapUsed, arrayBuffers } = process.memoryUsage();
    process.send({ rss, heap: heapUsed + arrayBuffers, upstreamRequests });
  }
});
process.on('disconnect', () => process.exit(0));
process.send({ handler: `${handlerUrl}/api/events`, bare: `${bareUrl}/api/events` });
