import { createSession } from '../../src/core/createSession';
import { createMemoryStorage } from '../../src/test-utils/createMemoryStorage';

function setup(timeout = 1000, { storing }: { storing?: boolean } = {}) {
  let clock = 1_000_000;
  let ids = 0;
  const storage = createMemoryStorage();
  const session = createSession({
    storage,
    key: 'session',
    timeout,
    now: () => clock,
    generateId: () => `s${++ids}`,
    storing,
  });
  return { session, storage, advance: (ms: number) => (clock += ms) };
}

describe('createSession', () => {
  it('keeps one session while events come within the timeout', () => {
    const { session, advance } = setup();
    expect(session.touch(undefined)).toBe('s1');
    advance(900);
    expect(session.touch(undefined)).toBe('s1');
    advance(900);
    expect(session.touch(undefined)).toBe('s1');
  });

  it('refresh() starts a new session once the old one idled past the timeout, without counting as activity', () => {
    const { session, advance } = setup();
    session.touch(undefined);
    advance(600);
    // Not activity: the idle clock still runs from the touch.
    expect(session.refresh(undefined)).toBe('s1');
    advance(600);
    expect(session.refresh(undefined)).toBe('s2');
    expect(session.touch(undefined)).toBe('s2');
  });

  it("refresh() never gives another user a signed-in user's session", () => {
    const { session } = setup();
    session.touch('u1');
    expect(session.refresh('u1')).toBe('s1');
    expect(session.refresh('u2')).toBe('s2');
  });

  it('renew() starts a new session at once', () => {
    const { session } = setup();
    session.touch(undefined);
    expect(session.renew(undefined)).toBe('s2');
  });

  it("resumes the tab's stored session on the next page", () => {
    const { session, storage } = setup();
    session.touch(undefined);
    const next = createSession({ storage, key: 'session', timeout: 1000, now: () => 1_000_100, generateId: () => 'x' });
    expect(next.touch(undefined)).toBe('s1');
  });

  it('stores nothing while storing is off, and what was held back at once when it is on again', () => {
    const { session, storage } = setup(1000, { storing: false });
    session.touch('u1');
    session.renew('u2');
    expect(storage.getItem('session')).toBeNull();
    session.setStoring(true);
    expect(JSON.parse(storage.getItem('session') as string)).toMatchObject({ id: 's2', userId: 'u2' });
  });

  it('writes nothing when storing comes back with nothing held back', () => {
    const { session, storage } = setup();
    session.touch('u1');
    const stored = storage.getItem('session');
    session.setStoring(false);
    storage.removeItem('session');
    session.setStoring(true);
    expect(storage.getItem('session')).toBeNull();
    session.renew('u2');
    expect(storage.getItem('session')).not.toBe(stored);
  });
});
