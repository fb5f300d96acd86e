// @vitest-environment node
import { PersonalizeEventsClient, PutEventsCommand } from '@aws-sdk/client-personalize-events';
import { LOCAL_CREDENTIALS, type LocalEndpoint, startLocalEndpoint } from '../../src/endpoint';
import { memoryAfterGc } from '../support/memoryAfterGc';
import { type AttackLine, printAttackTable } from '../support/printAttackTable';
import { type RawAnswer, sendRawHttp } from '../support/sendRawHttp';

/**
 * Every attack tried on the local endpoint, as raw HTTP/1.1 on 127.0.0.1 (what any web page the developer visits,
 * or a process on the machine, can send): status and response size asserted, time to answer printed (never
 * asserted). Then it must still answer a real signed request, with memory back near where it started.
 */

const MiB = 1024 * 1024;
const BODY_TIMEOUT = 1_000;

let signed: LocalEndpoint;
let open: LocalEndpoint;

beforeAll(async () => {
  signed = await startLocalEndpoint({ bodyTimeout: BODY_TIMEOUT });
  open = await startLocalEndpoint({ credentials: 'any', bodyTimeout: BODY_TIMEOUT });
});
afterAll(async () => {
  await signed?.close();
  await open?.close();
});

/** Raw bytes to an endpoint, then `trickle` every 100 ms if given. */
const raw = (endpoint: LocalEndpoint, chunks: (string | Buffer)[], trickle?: string) =>
  sendRawHttp(endpoint.port, chunks, { trickle });

function request(
  endpoint: LocalEndpoint,
  method: string,
  path: string,
  body: string | Buffer = '',
  headers: Record<string, string> = {},
) {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const lines = Object.entries({
    host: `127.0.0.1:${endpoint.port}`,
    'content-length': String(bytes.length),
    ...headers,
  }).map(([name, value]) => `${name}: ${value}`);
  return raw(endpoint, [`${method} ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`, bytes]);
}

const sentAt = 1_764_000_000;
const validBody = (sessionId = 's') =>
  JSON.stringify({ trackingId: 't', sessionId, eventList: [{ eventType: 'click', itemId: 'i', sentAt }] });
/** A JSON body of about `size` bytes: `{…,"eventList":[{},{},…]}`. */
const emptyEvents = (size: number) =>
  `{"trackingId":"t","sessionId":"s","eventList":[${'{},'.repeat(Math.floor((size - 60) / 3))}{}]}`;

interface Row {
  attack: string;
  status: number;
  maxBytes: number;
  send: () => Promise<RawAnswer>;
  check?: (answer: RawAnswer) => void;
}

const noCors = (answer: RawAnswer) => expect(answer.head.toLowerCase()).not.toContain('access-control-allow-origin');

const rows: Row[] = [
  {
    attack: 'a valid batch, any credentials (baseline)',
    status: 200,
    maxBytes: 1024,
    send: () => request(open, 'POST', '/events', validBody()),
  },
  {
    attack: 'unsigned 1 MiB text/plain',
    status: 403,
    maxBytes: 1024,
    send: () => request(signed, 'POST', '/events', 'x'.repeat(MiB - 10), { 'content-type': 'text/plain' }),
  },
  {
    attack: 'unsigned 1 MiB of JSON',
    status: 403,
    maxBytes: 1024,
    send: () => request(signed, 'POST', '/events', emptyEvents(MiB - 10)),
  },
  {
    attack: 'DNS rebinding: Host evil.example reads /api/requests',
    status: 421,
    maxBytes: 1024,
    send: () => request(signed, 'GET', '/api/requests', '', { host: 'evil.example:4599' }),
  },
  {
    attack: 'DNS rebinding: Host localhost.evil.example',
    status: 421,
    maxBytes: 1024,
    send: () => request(signed, 'GET', '/', '', { host: 'localhost.evil.example' }),
  },
  {
    attack: 'DNS rebinding: Host evil.example posts events',
    status: 421,
    maxBytes: 1024,
    send: () => request(open, 'POST', '/events', validBody(), { host: 'evil.example' }),
  },
  {
    attack: 'no Host header (HTTP/1.0)',
    status: 421,
    maxBytes: 1024,
    send: () => raw(signed, ['GET /api/requests HTTP/1.0\r\n\r\n']),
  },
  {
    attack: 'another origin reads /api/requests: no CORS headers',
    status: 200,
    maxBytes: 64 * 1024,
    send: () => request(signed, 'GET', '/api/requests', '', { origin: 'https://evil.example', connection: 'close' }),
    check: noCors,
  },
  {
    attack: 'preflight for /api/requests: no CORS headers',
    status: 204,
    maxBytes: 1024,
    send: () =>
      request(signed, 'OPTIONS', '/api/requests', '', {
        origin: 'https://evil.example',
        'access-control-request-method': 'GET',
        connection: 'close',
      }),
    check: noCors,
  },
  {
    attack: 'Content-Length of 10 GB',
    status: 413,
    maxBytes: 1024,
    send: () =>
      raw(
        signed,
        [`POST /events HTTP/1.1\r\nhost: localhost\r\ncontent-length: 10000000000\r\n\r\n{`],
        'x'.repeat(4096),
      ),
  },
  {
    attack: 'chunked body past 1 MiB, never ending',
    status: 413,
    maxBytes: 1024,
    send: () =>
      raw(
        signed,
        [
          `POST /events HTTP/1.1\r\nhost: localhost\r\ntransfer-encoding: chunked\r\n\r\n`,
          `110000\r\n${'x'.repeat(0x110000)}\r\n`,
        ],
        `1000\r\n${'x'.repeat(0x1000)}\r\n`,
      ),
  },
  {
    attack: 'a body that never ends',
    status: 408,
    maxBytes: 1024,
    send: () =>
      raw(signed, [`POST /events HTTP/1.1\r\nhost: localhost\r\ntransfer-encoding: chunked\r\n\r\n`], '1\r\n \r\n'),
  },
  {
    attack: 'headers that never end',
    status: 408,
    maxBytes: 1024,
    send: () => raw(signed, ['POST /events HTTP/1.1\r\nhost: localhost\r\n'], 'x-slow: 1\r\n'),
  },
  {
    attack: 'smuggling: Content-Length and Transfer-Encoding',
    status: 400,
    maxBytes: 1024,
    send: () =>
      raw(signed, [
        'POST /events HTTP/1.1\r\nhost: localhost\r\ncontent-length: 4\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\nGET /api/requests HTTP/1.1\r\nhost: evil.example\r\n\r\n',
      ]),
  },
  {
    attack: 'smuggling: two Content-Lengths',
    status: 400,
    maxBytes: 1024,
    send: () =>
      raw(signed, ['POST /events HTTP/1.1\r\nhost: localhost\r\ncontent-length: 2\r\ncontent-length: 40\r\n\r\n{}']),
  },
  {
    attack: '1 MiB of empty events (any credentials)',
    status: 400,
    maxBytes: 16 * 1024,
    send: () => request(open, 'POST', '/events', emptyEvents(MiB - 10)),
  },
  {
    attack: 'one event with a 500 KB key name (any credentials)',
    status: 400,
    maxBytes: 16 * 1024,
    send: () =>
      request(
        open,
        'POST',
        '/events',
        JSON.stringify({
          trackingId: 't',
          sessionId: 's',
          eventList: [{ eventType: 'x', sentAt, ['k'.repeat(500_000)]: 1 }],
        }),
      ),
  },
  {
    attack: 'a 500 KB sessionId (any credentials)',
    status: 400,
    maxBytes: 16 * 1024,
    send: () =>
      request(
        open,
        'POST',
        '/events',
        JSON.stringify({ trackingId: 't', sessionId: 's'.repeat(500_000), eventList: [] }),
      ),
  },
  {
    attack: 'nesting 500,000 deep (any credentials)',
    status: 400,
    maxBytes: 1024,
    send: () => request(open, 'POST', '/events', `${'['.repeat(500_000)}${']'.repeat(500_000)}`),
  },
  {
    attack: '__proto__ key (any credentials)',
    status: 400,
    maxBytes: 1024,
    send: () =>
      request(
        open,
        'POST',
        '/events',
        `{"trackingId":"t","sessionId":"s","__proto__":{"x":1},"eventList":[{"eventType":"x","sentAt":${sentAt}}]}`,
      ),
  },
  {
    attack: 'not UTF-8 (any credentials)',
    status: 400,
    maxBytes: 1024,
    send: () => request(open, 'POST', '/events', Buffer.from([0x7b, 0xff, 0x7d])),
  },
  {
    attack: 'POST elsewhere with 10 GB Content-Length',
    status: 404,
    maxBytes: 1024,
    send: () =>
      raw(signed, ['POST /x HTTP/1.1\r\nhost: localhost\r\ncontent-length: 10000000000\r\n\r\n'], 'x'.repeat(4096)),
  },
];

async function signedSend(sessionId: string) {
  const client = new PersonalizeEventsClient({
    region: 'us-east-1',
    endpoint: signed.url,
    credentials: { ...LOCAL_CREDENTIALS },
    maxAttempts: 1,
  });
  try {
    return await client.send(
      new PutEventsCommand({ trackingId: 't', sessionId, eventList: [{ eventType: 'click', sentAt: new Date() }] }),
    );
  } finally {
    client.destroy();
  }
}

describe('startLocalEndpoint under hostile requests', () => {
  it('answers every attack with a bounded answer, keeps its memory bounded and stays healthy', async () => {
    const before = memoryAfterGc();
    const table: AttackLine[] = [];
    const line = (attack: string, answer: RawAnswer, note?: string) => table.push({ attack, answer, note });
    const answers: RawAnswer[] = [];
    for (const row of rows) {
      const answer = await row.send();
      answers.push(answer);
      line(row.attack, answer);
    }

    // 200 unsigned 1 MiB posts, 20 at a time, half text and half JSON, then the log read back.
    let peak = 0;
    const sample = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const flood: RawAnswer[] = [];
    const started = performance.now();
    for (let wave = 0; wave < 10; wave++) {
      flood.push(
        ...(await Promise.all(
          Array.from({ length: 20 }, (_, index) =>
            index % 2 === 0
              ? request(signed, 'POST', '/events', 'x'.repeat(MiB - 10), { 'content-type': 'text/plain' })
              : request(signed, 'POST', '/events', emptyEvents(MiB - 10)),
          ),
        )),
      );
    }
    clearInterval(sample);
    line('200 unsigned 1 MiB posts, 20 at a time', flood[0], ` (all, ${(performance.now() - started).toFixed(0)} ms)`);
    const log = await request(signed, 'GET', '/api/requests', '', { connection: 'close' });
    line('then GET /api/requests', log);

    printAttackTable(table);
    console.log(`peak RSS during the flood: ${(peak / MiB).toFixed(0)} MB`);

    rows.forEach((row, index) => {
      expect({ attack: row.attack, status: answers[index].status }).toEqual({ attack: row.attack, status: row.status });
      expect(answers[index].bytes, row.attack).toBeLessThanOrEqual(row.maxBytes);
      row.check?.(answers[index]);
    });
    expect(new Set(flood.map((answer) => answer.status))).toEqual(new Set([403]));
    expect(log.status).toBe(200);
    // 200 requests kept as 2 KB prefixes, not 200 MiB of bodies.
    expect(log.bytes).toBeLessThan(2 * MiB);
    expect(signed.requests().every((entry) => JSON.stringify(entry).length < 8 * 1024)).toBe(true);
    expect(peak).toBeLessThan(400 * MiB);

    // Still healthy: a real signed request answers and is kept; memory back near the start.
    const sent = await signedSend('after-the-attacks');
    expect(sent.$metadata.httpStatusCode).toBe(200);
    expect(signed.events().map((event) => event.sessionId)).toEqual(['after-the-attacks']);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const growth = memoryAfterGc() - before;
    console.log(`memory growth after the table: ${(growth / MiB).toFixed(1)} MB`);
    expect(growth).toBeLessThan(40 * MiB);
  });

  it('lists at most 20 issues of a refused batch in its answer and its log, and counts the rest', async () => {
    const response = await fetch(`${open.url}/events`, {
      method: 'POST',
      body: JSON.stringify({
        trackingId: 't',
        sessionId: 's',
        eventList: Array(10).fill({ eventType: '', itemId: '' }),
      }),
    });
    const { message } = await response.json();
    expect(response.status).toBe(400);
    expect(message).toMatch(/^30 validation errors detected: eventList\[0\]\.eventType: 1–256 chars \(got 0\); /);
    expect(message).toMatch(/; and 10 more$/);
    const [entry] = open.requests();
    expect([entry.issues.length, entry.moreIssues]).toEqual([20, 10]);
  });
});
