import { createRecorder } from '../../src/core/createRecorder';
import { createMemoryStorage } from '../../src/test-utils/createMemoryStorage';
import { createMemoryTransport } from '../../src/test-utils/createMemoryTransport';

describe('createMemoryStorage', () => {
  it('behaves like localStorage: get, set, remove, length and key()', () => {
    const storage = createMemoryStorage();
    storage.setItem('a', '1');
    storage.setItem('b', '2');
    storage.removeItem('a');
    expect([storage.getItem('a'), storage.getItem('b'), storage.length, storage.key(0), storage.key(1)]).toEqual([
      null,
      '2',
      1,
      'b',
      null,
    ]);
    expect(storage.data).toEqual(new Map([['b', '2']]));
  });

  it('shows what a recorder keeps for the next page', async () => {
    const storage = createMemoryStorage();
    const transport = createMemoryTransport();
    transport.fail('network');
    const recorder = createRecorder({ transport, persistence: storage, sessionStorage: false, lifecycle: false });
    const result = recorder.record({ eventType: 'click', itemId: 'a' });
    await Promise.resolve();
    const stored = [...storage.data.values()].join('');
    expect(result.ok && stored.includes(result.eventId)).toBe(true);
  });
});
