import { createRecorder } from '../../src/core/createRecorder';
import { createMemoryStorage } from '../../src/test-utils/createMemoryStorage';
import { createMemoryTransport } from '../../src/test-utils/createMemoryTransport';

// API.md: "where there is no `window` it simply has no page-lifecycle listeners and no default persistence". Deno, or
// Node with web storage turned on, has storage globals but no window: storage a whole server process shares.
describe('createRecorder without a window but with web storage globals', () => {
  const globals = globalThis as Record<string, unknown>;
  afterEach(() => {
    delete globals.localStorage;
    delete globals.sessionStorage;
  });

  it('has no default persistence and keeps no session in storage', async () => {
    expect(typeof window).toBe('undefined');
    const local = createMemoryStorage();
    const session = createMemoryStorage();
    globals.localStorage = local;
    globals.sessionStorage = session;
    const transport = createMemoryTransport();
    transport.fail('network');
    const recorder = createRecorder({ transport, retry: { maxAttempts: 1 } });
    recorder.record({ eventType: 'click', itemId: 'a' });
    await recorder.flush();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(recorder.getSnapshot().queued).toBe(1);
    expect({ local: [...local.data.keys()], session: [...session.data.keys()] }).toEqual({ local: [], session: [] });
  });
});
