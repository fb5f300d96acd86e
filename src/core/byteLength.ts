/**
 * The size of `text` in UTF-8 bytes, as a request body: what the browser's keepalive budget counts. Where there is
 * no TextEncoder, three bytes per UTF-16 unit: never less than the real size.
 */
export function byteLength(text: string): number {
  return typeof TextEncoder === 'function' ? new TextEncoder().encode(text).length : text.length * 3;
}
