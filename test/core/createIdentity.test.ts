import { createIdentity, type IdentityOptions } from '../../src/core/createIdentity';
import type { RecorderError } from '../../src/core/types';
import { createMemoryStorage } from '../../src/test-utils/createMemoryStorage';

function setup(options: Partial<IdentityOptions> = {}) {
  let ids = 0;
  const errors: RecorderError[] = [];
  const signedIn: string[] = [];
  const identity = createIdentity({
    userId: undefined,
    sessionId: undefined,
    tabStorage: undefined,
    sessionTimeout: 1000,
    now: () => 0,
    generateId: () => `s${++ids}`,
    report: (error) => errors.push(error),
    onSignIn: (userId) => signedIn.push(userId),
    ...options,
  });
  return { identity, errors, signedIn };
}

describe('createIdentity', () => {
  it('anonymous → known keeps the session and signs the user in', () => {
    const { identity, signedIn } = setup();
    const session = identity.touch();
    expect(identity.identify('u1')).toBe(true);
    expect(identity.userId).toBe('u1');
    expect(identity.touch()).toBe(session);
    expect(signedIn).toEqual(['u1']);
  });

  it('another user, or signing out, starts a new session', () => {
    const { identity } = setup({ userId: 'u1' });
    const first = identity.touch();
    identity.identify('u2');
    const second = identity.touch();
    identity.identify(undefined);
    expect(new Set([first, second, identity.touch()]).size).toBe(3);
  });

  it('the same user again changes nothing', () => {
    const { identity } = setup({ userId: 'u1' });
    const session = identity.touch();
    expect(identity.identify('u1')).toBe(false);
    expect(identity.touch()).toBe(session);
  });

  it('reports an invalid user or session ID and goes on without it', () => {
    const { identity, errors, signedIn } = setup({ userId: 'null', sessionId: '' });
    expect(identity.userId).toBeUndefined();
    expect(identity.touch()).toBe('s1');
    expect(errors.map((error) => error.code)).toEqual(['invalid-session', 'invalid-user']);
    identity.identify('x'.repeat(257));
    expect(errors.map((error) => error.code)).toEqual(['invalid-session', 'invalid-user', 'invalid-user']);
    expect(signedIn).toEqual([]);
  });

  it('a user given at start is signed in at once, and keeps a fixed session ID', () => {
    const { identity, signedIn } = setup({ userId: 'u1', sessionId: 'fixed' });
    expect(signedIn).toEqual(['u1']);
    expect(identity.touch()).toBe('fixed');
    expect(identity.refresh()).toBe('fixed');
  });

  it("stores no session without consent, and the new user's session at once when consent returns", () => {
    const tabStorage = createMemoryStorage();
    const { identity } = setup({ tabStorage, userId: 'u1', storing: false });
    identity.touch();
    identity.identify('u2');
    expect(tabStorage.getItem('react-personalize:session')).toBeNull();
    identity.setStoring(true);
    expect(JSON.parse(tabStorage.getItem('react-personalize:session') as string)).toMatchObject({
      id: identity.refresh(),
      userId: 'u2',
    });
  });
});
