import { createRecorder } from '../../src/core/createRecorder';
import { createMemoryTransport } from '../../src/test-utils/createMemoryTransport';

describe('createRecorder subscribeState', () => {
  it('calls back after each snapshot change, never for activity that leaves it as it is, until unsubscribed', async () => {
    const recorder = createRecorder({ transport: createMemoryTransport(), persistence: false, lifecycle: false });
    const seen: unknown[] = [];
    const stop = recorder.subscribeState(() => seen.push(recorder.getSnapshot()));
    recorder.record({ eventType: 'click', itemId: 'a' });
    expect(seen).toEqual([expect.objectContaining({ queued: 1 })]);
    // Refused at record(): activity (`rejected`), no change of state.
    recorder.record({ eventType: '' });
    expect(seen).toHaveLength(1);
    await recorder.flush();
    expect(seen.at(-1)).toEqual(expect.objectContaining({ queued: 0, inFlight: 0, sent: 1 }));
    const count = seen.length;
    stop();
    recorder.identify('u1');
    expect(seen).toHaveLength(count);
  });

  it('works unbound, as useSyncExternalStore calls it', () => {
    const recorder = createRecorder({ transport: createMemoryTransport(), persistence: false, lifecycle: false });
    const { subscribeState } = recorder;
    const onChange = vi.fn();
    subscribeState(onChange);
    recorder.identify('u1');
    expect(onChange).toHaveBeenCalledTimes(1);
  });
});
