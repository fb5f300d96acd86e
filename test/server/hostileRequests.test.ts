// @vitest-environment node
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PersonalizeEventsClient, PutEventsCommandInput } from '@aws-sdk/client-personalize-events';
import { createPutEventsHandler, toNodeHandler } from 'react-personalize/server';
import { memoryAfterGc } from '../support/memoryAfterGc';
import { type AttackLine, printAttackTable } from '../support/printAttackTable';
import { type RawAnswer, sendRawHttp } from '../support/sendRawHttp';

/**
 * Every attack tried on createPutEventsHandler behind toNodeHandler on 127.0.0.1, as raw HTTP/1.1: status and
 * response size asserted, time to answer printed (never asserted). Then the server must still answer a real
 * request, with memory back near where it started.
 */

const MAX_BODY = 64 * 1024;
const BODY_TIMEOUT = 1_000;
const UPSTREAM_TIMEOUT = 300;

let server: Server;
let port: number;
const delivered: PutEventsCommandInput[] = [];

/** A PutEvents client that answers at once, or never for the session 'hang' (it ignores the abort signal too). */
const client = {
  send(command: { input: PutEventsCommandInput }) {
    if (command.input.sessionId === 'hang') return new Promise(() => {});
    delivered.push(command.input);
    return Promise.resolve({ $metadata: { httpStatusCode: 200 } });
  },
} as unknown as PersonalizeEventsClient;

beforeAll(async () => {
  const handler = createPutEventsHandler({
    trackingId: 'tracker',
    client,
    maxBodyBytes: MAX_BODY,
    bodyTimeout: BODY_TIMEOUT,
    upstreamTimeout: UPSTREAM_TIMEOUT,
    allowedOrigins: ['https://shop.example'],
  });
  const events = toNodeHandler(handler);
  server = createServer((req, res) => void events(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

/** Raw bytes to the server; one that never answers shows as status 0 after 8 s, within the test's timeout. */
const raw = (chunks: (string | Buffer)[], trickle?: string) =>
  sendRawHttp(port, chunks, { trickle, backstopMs: 8_000 });

const post = (body: string | Buffer, headers: Record<string, string> = {}) => {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const lines = Object.entries({
    host: `127.0.0.1:${port}`,
    'content-type': 'application/json',
    'content-length': String(bytes.length),
    ...headers,
  }).map(([name, value]) => `${name}: ${value}`);
  return raw([`POST /api/events HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`, bytes]);
};

const sentAt = 1_764_000_000;
const valid = (sessionId = 's') =>
  JSON.stringify({ sessionId, eventList: [{ eventType: 'click', itemId: 'i', sentAt }] });
/** A body of `size` bytes: `{"sessionId":"s","eventList":[{},{},…]}`. */
const emptyEvents = (size: number) => `{"sessionId":"s","eventList":[${'{},'.repeat((size - 34) / 3)}{}]}`;
const manyKeys = (size: number) =>
  `{"sessionId":"s",${Array.from({ length: size / 12 }, (_, i) => `"k${String(i).padStart(6, '0')}":1`).join(',')},"eventList":[]}`;

interface Row {
  attack: string;
  status: number | number[];
  maxBytes: number;
  send: () => Promise<RawAnswer>;
  check?: (answer: RawAnswer) => void;
}

const rows: Row[] = [
  { attack: 'a valid batch (baseline)', status: 200, maxBytes: 1024, send: () => post(valid()) },
  { attack: '64 KB of empty events', status: 400, maxBytes: 16 * 1024, send: () => post(emptyEvents(MAX_BODY - 100)) },
  { attack: '64 KB of unknown top-level keys', status: 400, maxBytes: 16 * 1024, send: () => post(manyKeys(60_000)) },
  {
    attack: 'one event with a 60 KB key name',
    status: 400,
    maxBytes: 16 * 1024,
    send: () =>
      post(JSON.stringify({ sessionId: 's', eventList: [{ eventType: 'x', sentAt, ['k'.repeat(60_000)]: 1 }] })),
  },
  {
    attack: 'keys of control characters (escaped 6× in JSON)',
    status: 400,
    maxBytes: 16 * 1024,
    send: () =>
      post(
        JSON.stringify({
          sessionId: 's',
          eventList: [
            Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`\u0001${i}`.padEnd(400, '\u0002'), 1])),
          ],
        }),
      ),
  },
  {
    attack: '11 events',
    status: 400,
    maxBytes: 2048,
    send: () => post(JSON.stringify({ sessionId: 's', eventList: Array(11).fill({ eventType: 'x', sentAt }) })),
  },
  {
    attack: 'nesting 10,000 deep',
    status: 400,
    maxBytes: 1024,
    send: () => post(`${'['.repeat(10_000)}${']'.repeat(10_000)}`),
  },
  {
    attack: '__proto__ key',
    status: 400,
    maxBytes: 1024,
    send: () => post(`{"sessionId":"s","__proto__":{"admin":true},"eventList":[{"eventType":"x","sentAt":${sentAt}}]}`),
  },
  {
    attack: 'constructor.prototype keys',
    status: 400,
    maxBytes: 1024,
    send: () =>
      post(`{"sessionId":"s","eventList":[{"eventType":"x","sentAt":${sentAt},"constructor":{"prototype":{"x":1}}}]}`),
  },
  {
    attack: 'a trackingId in the body',
    status: 400,
    maxBytes: 2048,
    send: () => post(JSON.stringify({ trackingId: 'other', ...JSON.parse(valid()) })),
  },
  { attack: 'not UTF-8', status: 400, maxBytes: 1024, send: () => post(Buffer.from([0x7b, 0xff, 0xfe, 0x7d])) },
  {
    attack: 'UTF-16 body declared as such',
    status: 415,
    maxBytes: 1024,
    send: () => post(Buffer.from(valid(), 'utf16le'), { 'content-type': 'application/json; charset=utf-16le' }),
  },
  {
    attack: 'text/plain (a cross-site form)',
    status: 415,
    maxBytes: 1024,
    send: () => post(valid(), { 'content-type': 'text/plain' }),
  },
  {
    attack: 'a BOM before the JSON (UTF-8 allows it)',
    status: 200,
    maxBytes: 1024,
    send: () => post(`\ufeff${valid()}`),
  },
  {
    attack: 'Content-Length of 10 GB',
    status: 413,
    maxBytes: 1024,
    send: () =>
      raw(
        [
          `POST /api/events HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 10000000000\r\n\r\n{"sessionId":`,
        ],
        'x'.repeat(1000),
      ),
  },
  {
    attack: 'chunked body past maxBodyBytes',
    status: 413,
    maxBytes: 1024,
    send: () =>
      raw(
        [
          `POST /api/events HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n`,
          `20000\r\n${'x'.repeat(0x20000)}\r\n`,
        ],
        `10\r\n${'x'.repeat(16)}\r\n`,
      ),
  },
  {
    attack: 'a body that never ends',
    status: 408,
    maxBytes: 1024,
    send: () =>
      raw(
        [
          `POST /api/events HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n`,
        ],
        '1\r\n \r\n',
      ),
  },
  {
    attack: 'smuggling: Content-Length and Transfer-Encoding',
    status: 400,
    maxBytes: 1024,
    send: () =>
      raw([
        `POST /api/events HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 4\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\nGET /api/events HTTP/1.1\r\nhost: x\r\n\r\n`,
      ]),
  },
  {
    attack: 'smuggling: two Content-Lengths',
    status: 400,
    maxBytes: 1024,
    send: () =>
      raw([
        `POST /api/events HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 2\r\ncontent-length: 40\r\n\r\n{}`,
      ]),
  },
  {
    attack: 'GET',
    status: 405,
    maxBytes: 1024,
    send: () => raw([`GET /api/events HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n`]),
  },
  {
    attack: 'TRACE',
    status: 405,
    maxBytes: 1024,
    send: () => raw([`TRACE /api/events HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n`]),
  },
  {
    attack: 'preflight from an origin not allowed',
    status: 403,
    maxBytes: 1024,
    send: () =>
      raw([
        `OPTIONS /api/events HTTP/1.1\r\nhost: x\r\norigin: https://evil.example\r\naccess-control-request-method: POST\r\nconnection: close\r\n\r\n`,
      ]),
    check: (answer) => expect(answer.head.toLowerCase()).not.toContain('access-control-allow-origin'),
  },
  {
    attack: 'post from an origin not allowed: no CORS headers',
    status: 200,
    maxBytes: 1024,
    send: () => post(valid(), { origin: 'https://evil.example' }),
    check: (answer) => expect(answer.head.toLowerCase()).not.toContain('access-control-allow-origin'),
  },
  {
    attack: 'header block over 16 KB',
    status: 431,
    maxBytes: 1024,
    send: () =>
      raw([`POST /api/events HTTP/1.1\r\nhost: x\r\nx-pad: ${'a'.repeat(20_000)}\r\ncontent-length: 0\r\n\r\n`]),
  },
  {
    attack: 'PutEvents accepts and never answers',
    status: 503,
    maxBytes: 1024,
    send: () => post(valid('hang')),
    check: (answer) => expect(answer.head.toLowerCase()).toContain('retry-after: 2'),
  },
];

describe('createPutEventsHandler behind toNodeHandler, under hostile requests', () => {
  it('answers every attack with a bounded answer and stays healthy', async () => {
    const before = memoryAfterGc();
    delivered.length = 0;
    const table: AttackLine[] = [];
    const answers: RawAnswer[] = [];
    for (const row of rows) {
      const answer = await row.send();
      answers.push(answer);
      table.push({ attack: row.attack, answer });
    }

    // 40 hostile bodies at once: every answer bounded.
    const started = performance.now();
    const storm = await Promise.all(Array.from({ length: 40 }, () => post(emptyEvents(MAX_BODY - 100))));
    table.push({
      attack: '40 × 64 KB of empty events at once',
      answer: {
        status: storm[0].status,
        bytes: Math.max(...storm.map((answer) => answer.bytes)),
        ms: performance.now() - started,
      },
      note: ' (all)',
    });

    printAttackTable(table);
    rows.forEach((row, index) => {
      expect({ attack: row.attack, status: answers[index].status }).toEqual({ attack: row.attack, status: row.status });
      expect(answers[index].bytes, row.attack).toBeLessThanOrEqual(row.maxBytes);
      row.check?.(answers[index]);
    });
    expect(new Set(storm.map((answer) => answer.status))).toEqual(new Set([400]));
    // Only the requests answered 200 reached PutEvents, each as the one valid event it carried, under the server's
    // tracking ID: no hostile body got through, not even alongside its refusal.
    const accepted = rows.filter((row) => row.status === 200).length;
    expect(delivered.map((input) => [input.trackingId, input.eventList?.length])).toEqual(
      Array.from({ length: accepted }, () => ['tracker', 1]),
    );
    expect(Math.max(...storm.map((answer) => answer.bytes))).toBeLessThanOrEqual(16 * 1024);

    // Still healthy: a real request answers, nothing lost or doubled, memory back near the start.
    delivered.length = 0;
    const after = await post(valid('after'));
    expect(after.status).toBe(200);
    expect(delivered.map((input) => input.sessionId)).toEqual(['after']);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const growth = memoryAfterGc() - before;
    console.log(`memory growth after the table: ${(growth / 2 ** 20).toFixed(1)} MB`);
    expect(growth).toBeLessThan(30 * 2 ** 20);
  });

  it('lists at most 20 issues and counts the rest', async () => {
    const answer = await fetch(`http://127.0.0.1:${port}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sessionId: 's', eventList: Array(10).fill({ eventType: '' }) }),
    });
    const body = await answer.json();
    expect(answer.status).toBe(400);
    expect(body.message).toBe('invalid events: 20 issue(s)');
    expect(body.issues).toHaveLength(20);
    expect(body.moreIssues).toBe(0);
    const many = await fetch(`http://127.0.0.1:${port}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sessionId: 's', eventList: Array(10).fill({ eventType: '', itemId: '', eventId: '' }) }),
    });
    const manyBody = await many.json();
    expect(manyBody.message).toBe('invalid events: 40 issue(s)');
    expect(manyBody.issues).toHaveLength(20);
    expect(manyBody.issues[0]).toEqual({
      field: 'eventList[0].eventType',
      rule: '1–256 chars (got 0)',
      message: 'eventList[0].eventType: 1–256 chars (got 0)',
    });
    expect(manyBody.moreIssues).toBe(20);
  });
});
