import { resolveRecorderConfig } from '../../src/core/resolveRecorderConfig';
import type { Transport } from '../../src/core/types';

const transport: Transport = { send: async () => {} };

describe('resolveRecorderConfig', () => {
  it('applies the documented defaults', () => {
    const config = resolveRecorderConfig({ transport });
    expect(config).toMatchObject({
      batchSize: 10,
      flushInterval: 1000,
      maxQueueSize: 1000,
      maxAttempts: 8,
      baseDelay: 500,
      maxDelay: 30_000,
      maxEventAge: 86_400_000,
      sessionTimeout: 1_800_000,
    });
    vi.useFakeTimers({ now: 42 });
    try {
      // Looked up at each call: a fake clock installed after the recorder was made applies.
      expect(config.now()).toBe(42);
    } finally {
      vi.useRealTimers();
    }
    expect(config.timers).toBe(globalThis);
  });

  it('clamps numbers to their bounds, takes Infinity as no limit and defaults what is not a number', () => {
    const config = resolveRecorderConfig({
      transport,
      batchSize: 50,
      flushInterval: -5,
      maxQueueSize: Number.NaN,
      retry: { maxAttempts: Infinity, baseDelay: 2.7, maxDelay: Infinity },
    });
    expect(config).toMatchObject({
      batchSize: 10,
      flushInterval: 0,
      maxQueueSize: 1000,
      maxAttempts: Infinity,
      baseDelay: 2,
      maxDelay: 2 ** 31 - 1,
    });
  });

  it('has no lifecycle or session storage when they are turned off', () => {
    const config = resolveRecorderConfig({ transport, lifecycle: false, persistence: false, sessionStorage: false });
    expect(config.lifecycle).toBeUndefined();
    expect(config.tabStorage).toBeUndefined();
  });
});
