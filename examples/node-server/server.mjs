// A plain Node server with its own events endpoint: the browser posts to /api/events with createHttpTransport, the
// server decides who the user is from its own session cookie and forwards the events with its own tracking ID.
//
//   npm run build
//   PERSONALIZE_TRACKING_ID=… AWS_REGION=us-east-1 node examples/node-server/server.mjs
//
// Environment: PORT (default 3000; 0 picks a free one), PERSONALIZE_TRACKING_ID (required), AWS_REGION,
// PERSONALIZE_ENDPOINT (e.g. the local endpoint: npx react-personalize endpoint), ALLOWED_ORIGINS (comma-separated),
// and AWS credentials the usual way (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a profile, an instance role).
import { createServer } from 'node:http';
import { createPutEventsHandler, toNodeHandler } from 'react-personalize/server';

/** Stands in for your session store: session cookie → signed-in user. */
const sessions = new Map([
  ['session-alice', 'alice'],
  ['session-bob', 'bob'],
]);

function readCookie(request, name) {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

const handler = createPutEventsHandler({
  trackingId: process.env.PERSONALIZE_TRACKING_ID,
  region: process.env.AWS_REGION ?? 'us-east-1',
  endpoint: process.env.PERSONALIZE_ENDPOINT || undefined,
  allowedOrigins: process.env.ALLOWED_ORIGINS ? process.env.ALLOWED_ORIGINS.split(',') : [],
  resolveUser(request) {
    const session = readCookie(request, 'session');
    if (session === undefined) return {}; // an anonymous visitor
    const userId = sessions.get(session);
    return userId === undefined ? null : { userId }; // an unknown or expired session: 401
  },
  onError(error) {
    console.error('events endpoint:', error);
  },
});

const events = toNodeHandler(handler);

const server = createServer((req, res) => {
  if (new URL(req.url ?? '/', 'http://localhost').pathname === '/api/events') {
    void events(req, res);
    return;
  }
  res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
});

server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  console.info(`events endpoint listening on http://127.0.0.1:${server.address().port}/api/events`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections();
  });
}
