import { connect } from 'node:net';

/** What a server answered to raw bytes: its status (0 when it answered nothing), its head, size and time. */
export interface RawAnswer {
  status: number;
  head: string;
  bytes: number;
  ms: number;
}

/** Options of {@link sendRawHttp}. */
export interface SendRawHttpOptions {
  /** Written every 100 ms once the chunks are sent, keeping the connection open (a slow or endless sender). */
  trickle?: string;
  /** How long to wait for an answer before giving up; the answer then has the status 0. @default 15_000 */
  backstopMs?: number;
}

/**
 * Sends raw bytes to a server on 127.0.0.1 and reads the answer until the server closes the connection or a complete
 * response (by Content-Length or a last chunk) has arrived.
 */
export function sendRawHttp(
  port: number,
  chunks: (string | Buffer)[],
  { trickle, backstopMs = 15_000 }: SendRawHttpOptions = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    let timer: ReturnType<typeof setInterval> | undefined;
    let settled = false;
    // A server that never answers shows as status 0 in the table, rather than hanging the test.
    const backstop = setTimeout(() => finish(), backstopMs);
    const finish = () => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      clearTimeout(backstop);
      socket.destroy();
      const all = Buffer.concat(received);
      const text = all.toString('latin1');
      const head = text.slice(0, Math.max(0, text.indexOf('\r\n\r\n')));
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, head, bytes: all.length, ms: performance.now() - started });
    };
    const complete = () => {
      const all = Buffer.concat(received);
      const end = all.indexOf('\r\n\r\n');
      if (end < 0) return false;
      const head = all.subarray(0, end).toString('latin1');
      const length = /\r\ncontent-length: (\d+)/i.exec(head);
      if (length !== null) return all.length >= end + 4 + Number(length[1]);
      return /\r\ntransfer-encoding: chunked/i.test(head) && all.subarray(-5).toString() === '0\r\n\r\n';
    };
    socket.on('data', (chunk) => {
      received.push(chunk);
      if (complete()) finish();
    });
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', (error) => (received.length > 0 ? finish() : reject(error)));
    socket.on('connect', () => {
      for (const chunk of chunks) socket.write(chunk);
      if (trickle !== undefined) timer = setInterval(() => socket.write(trickle), 100);
    });
  });
}
