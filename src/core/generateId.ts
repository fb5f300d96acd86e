/** A random UUID v4: `crypto.randomUUID` where it exists (secure contexts), else `crypto.getRandomValues`, else Math.random. */
export function generateId(): string {
  const cryptoApi = (globalThis as { crypto?: Crypto }).crypto;
  try {
    return (cryptoApi as Crypto).randomUUID();
  } catch {
    // No crypto, an old one, or not a secure context (plain http on a LAN address): build one from random bytes.
  }
  return '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (digit) => {
    // A byte; Math.random's fraction is cut off by the `&` below.
    const random = cryptoApi?.getRandomValues ? cryptoApi.getRandomValues(new Uint8Array(1))[0] : Math.random() * 256;
    // 0 → any hex digit; 1 → the version digit 4 stays; 8 → the variant digit is 8, 9, a or b.
    return (+digit ^ (random & (15 >> (+digit / 4)))).toString(16);
  });
}
