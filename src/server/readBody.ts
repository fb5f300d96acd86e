/** The outcome of reading a request body under a size limit and a deadline. */
export type ReadBodyResult =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; reason: 'too-large' | 'timeout' | 'unreadable' };

/**
 * Reads a request body chunk by chunk. Stops reading and cancels the stream as soon as it grows past `maxBytes`,
 * or when the whole body has not arrived within `timeout` ms, so neither a huge nor a dribbling body holds memory
 * or the handler.
 */
export async function readBody(request: Request, maxBytes: number, timeout: number): Promise<ReadBodyResult> {
  if (!request.body) return { ok: true, bytes: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeout);
  });
  const stop = (reason: 'too-large' | 'timeout' | 'unreadable'): ReadBodyResult => {
    reader.cancel().catch(() => {});
    return { ok: false, reason };
  };
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), deadline]);
      if (next === 'timeout') return stop('timeout');
      if (next.done) break;
      const chunk = next.value;
      if (!(chunk instanceof Uint8Array)) return stop('unreadable');
      size += chunk.byteLength;
      if (size > maxBytes) return stop('too-large');
      chunks.push(chunk);
    }
  } catch {
    return stop('unreadable');
  } finally {
    clearTimeout(timer);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}
