// Safety net for benchmarks that run third-party clients (Amplify, the AWS SDK): any host name other than
// localhost fails to resolve, so nothing can leave 127.0.0.1 even if a client ignores its endpoint setting.
import dns from 'node:dns';

const allowed = (hostname) => hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '::1';
const refuse = (hostname) => {
  const error = new Error(`bench: refused to resolve ${hostname}: benchmarks only talk to 127.0.0.1`);
  error.code = 'ENOTFOUND';
  return error;
};
const lookup = dns.lookup;
dns.lookup = (hostname, options, callback) => {
  const done = typeof options === 'function' ? options : callback;
  if (!allowed(hostname)) return process.nextTick(() => done(refuse(hostname)));
  return lookup(hostname, options, callback);
};
const promisesLookup = dns.promises.lookup;
dns.promises.lookup = (hostname, options) =>
  allowed(hostname) ? promisesLookup(hostname, options) : Promise.reject(refuse(hostname));
