import { isLocalHost } from '../../src/endpoint/isLocalHost';

describe('isLocalHost', () => {
  it('takes the names of this machine, with any port', () => {
    for (const host of ['localhost', 'LOCALHOST:4599', '127.0.0.1', '127.0.0.1:80', '[::1]', '[::1]:4599']) {
      expect(isLocalHost(host)).toBe(true);
    }
  });

  it('refuses any other name, a missing Host and look-alikes (DNS rebinding)', () => {
    for (const host of [
      undefined,
      '',
      'evil.example',
      'evil.example:4599',
      'localhost.evil.example',
      '127.0.0.1.nip.io',
      'localhost.',
      'localhost:4599@evil.example',
      '127.0.0.1:80:evil.example',
      'localhost:x',
      '[::1]x',
      '[::ffff:127.0.0.1]',
      '[::2]',
      '0.0.0.0',
    ]) {
      expect(isLocalHost(host)).toBe(false);
    }
  });

  it('takes the extra hosts given (the address listened on), IPv6 written with or without brackets', () => {
    expect(isLocalHost('192.168.1.20:4599', ['192.168.1.20'])).toBe(true);
    expect(isLocalHost('[fd00::1]:4599', ['fd00::1'])).toBe(true);
    expect(isLocalHost('192.168.1.21', ['192.168.1.20'])).toBe(false);
  });
});
