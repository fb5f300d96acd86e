/** Host names that always mean this machine. */
const LOCAL_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/** The host name of a `Host` header, without its port, lower-cased: `[::1]:4599` → `[::1]`. */
function hostName(header: string): string {
  const host = header.trim().toLowerCase();
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.indexOf(':');
  return colon < 0 ? host : host.slice(0, colon);
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
  return LOCAL_NAMES.includes(name) || extraHosts.some((host) => asHostName(host) === name);
}
