import { createRecorder } from '../../src/core/createRecorder';
import type { QueuedEvent, QueueStore, RecorderError } from '../../src/core/types';
import { createMemoryTransport } from '../../src/test-utils/createMemoryTransport';

/** A synchronous store of the app's own, as React Native's MMKV would be: it keeps one JSON string. */
function ownStore(initial: QueuedEvent[] = []) {
  let saved = JSON.stringify(initial);
  const store: QueueStore = {
    restore: () => JSON.parse(saved),
    save: (events) => {
      saved = JSON.stringify(events);
    },
  };
  return { store, saved: () => JSON.parse(saved) as QueuedEvent[] };
}

describe('createRecorder with a QueueStore of the app', () => {
  beforeEach(() => localStorage.clear());

  it('keeps unsent events in it, not in localStorage, and sends what it restores', async () => {
    const left: QueuedEvent = {
      event: { eventId: 'left-1', eventType: 'click', sentAt: Date.now() / 1000 },
      sessionId: 'previous',
      recordedAt: Date.now(),
    };
    const { store, saved } = ownStore([left]);
    const transport = createMemoryTransport();
    const recorder = createRecorder({ transport, persistence: store, lifecycle: false });
    expect(recorder.getSnapshot().queued).toBe(1);
    recorder.record({ eventType: 'click', itemId: 'a', eventId: 'new-1' });
    await Promise.resolve();
    await Promise.resolve();
    expect(saved().map((item) => item.event.eventId)).toEqual(['left-1', 'new-1']);
    expect(localStorage.length).toBe(0);
    await recorder.flush();
    expect(
      transport
        .events()
        .map((event) => event.eventId)
        .sort(),
    ).toEqual(['left-1', 'new-1']);
    await vi.waitFor(() => expect(saved()).toEqual([]));
    await recorder.close();
  });
});

describe('createRecorder with a QueueStore of the app that fails', () => {
  it('reports storage once and delivers every event from memory when save() and restore() throw', async () => {
    const store: QueueStore = {
      restore: () => {
        throw new Error('disk gone');
      },
      save: () => {
        throw new Error('disk full');
      },
    };
    const errors: RecorderError[] = [];
    const transport = createMemoryTransport();
    const recorder = createRecorder({
      transport,
      persistence: store,
      lifecycle: false,
      onError: (error) => errors.push(error),
    });
    for (const itemId of ['a', 'b', 'c']) expect(recorder.record({ eventType: 'click', itemId }).ok).toBe(true);
    await Promise.resolve();
    await Promise.resolve();
    await recorder.flush();
    expect(transport.events().map((event) => event.itemId)).toEqual(['a', 'b', 'c']);
    expect(errors.map((error) => error.code)).toEqual(['storage']);
    expect(errors[0].message).toBe('persistence: QueueStore.restore() failed; events kept in memory');
    expect(errors[0].cause).toEqual(new Error('disk gone'));
    await recorder.close();
  });

  it('treats a restore() that returns no array as nothing stored, and says so', () => {
    const errors: RecorderError[] = [];
    const recorder = createRecorder({
      transport: createMemoryTransport(),
      persistence: { restore: () => 'oops' as unknown as QueuedEvent[], save: () => {} },
      lifecycle: false,
      onError: (error) => errors.push(error),
    });
    expect(recorder.getSnapshot().queued).toBe(0);
    expect(errors.map((error) => error.message)).toEqual([
      'persistence: QueueStore.restore() failed; events kept in memory',
    ]);
    expect(errors[0].cause).toEqual(new TypeError('restore() must return an array'));
    expect(recorder.record({ eventType: 'click', itemId: 'a' }).ok).toBe(true);
  });
});
