/** Host names that always mean this machine. */
const LOCAL_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/** A `Host` header: a name or an IPv6 address in brackets, then at most a port of digits. */
const HOST_HEADER = /^(\[[^\]]*\]|[^:[\]]*)(?::\d{0,5})?$/;

/**
 * The host name of a `Host` header, without its port, lower-cased: `[::1]:4599` → `[::1]`. `undefined` when
 * anything but a port follows the name (`localhost:80@evil.example`): no browser sends such a header.
 */
function hostName(header: string): string | undefined {
  return HOST_HEADER.exec(header.trim().toLowerCase())?.[1];
}

/** `::1` → `[::1]`, as a Host header writes an IPv6 address. */
function asHostName(address: string): string {
  const host = address.toLowerCase();
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/**
 * Whether a request's `Host` header names this machine: `localhost`, `127.0.0.1`, `[::1]` or one of `extraHosts`
 * (the address the endpoint listens on), with any port. Anything else is a page on another name reaching the
 * endpoint through DNS rebinding, or a request meant for another server.
 */
export function isLocalHost(header: string | undefined, extraHosts: readonly string[] = []): boolean {
  if (header === undefined || header === '') return false;
  const name = hostName(header);
  if (name === undefined) return false;
  return LOCAL_NAMES.includes(name) || extraHosts.some((host) => asHostName(host) === name);
}
