import { createRetryPolicy } from '../../src/core/createRetryPolicy';

const policy = (maxAttempts = 3) => createRetryPolicy({ maxAttempts, baseDelay: 100, maxDelay: 1000, random: () => 1 });

describe('createRetryPolicy', () => {
  it('classifies a failure as split, reject, drop or retry', () => {
    const retry = policy();
    expect(retry.classify({ invalid: true }, 4)).toBe('split');
    expect(retry.classify({ invalid: true }, 1)).toBe('reject');
    expect(retry.classify({ retryable: false }, 4)).toBe('drop');
    expect(retry.classify({ retryable: true }, 4)).toBe('retry');
    // Anything unknown may pass by itself: a thrown string, undefined, a plain Error.
    for (const cause of ['boom', undefined, null, new Error('x')]) expect(retry.classify(cause, 2)).toBe('retry');
  });

  it('backs off exponentially up to maxDelay, and the last attempt parks', () => {
    const retry = policy(6);
    const delays = [1, 2, 3, 4, 5].map(() => retry.fail(['e1']).delay);
    expect(delays).toEqual([100, 200, 400, 800, 1000]);
    expect(retry.fail(['e1'])).toEqual({ attempt: 6, last: true, delay: 0 });
  });

  it('jitters between half the ceiling and the ceiling', () => {
    const low = createRetryPolicy({ maxAttempts: 9, baseDelay: 100, maxDelay: 1000, random: () => 0 });
    expect(low.fail(['e1']).delay).toBe(50);
  });

  it("counts a batch's attempt as its most tried event's, and forgets settled events", () => {
    const retry = policy(9);
    retry.fail(['a']);
    retry.fail(['a']);
    expect(retry.fail(['a', 'b']).attempt).toBe(3);
    retry.forget(['a', 'b']);
    expect(retry.fail(['a']).attempt).toBe(1);
    retry.reset();
    expect(retry.fail(['a']).attempt).toBe(1);
  });

  it('stays finite with Infinity attempts and no base delay', () => {
    const retry = createRetryPolicy({ maxAttempts: Infinity, baseDelay: 0, maxDelay: 1000, random: () => 0.5 });
    for (let i = 0; i < 2000; i++) expect(Number.isNaN(retry.fail(['a']).delay)).toBe(false);
  });
});
