import { createRecorder } from 'react-personalize/core';
import { createMemoryTransport } from 'react-personalize/test-utils';

describe('createRecorder', () => {
  it("schedules with the window's own setTimeout and clearTimeout passed as plain functions", async () => {
    const transport = createMemoryTransport();
    const errors: unknown[] = [];
    const recorder = createRecorder({
      transport,
      persistence: false,
      sessionStorage: false,
      lifecycle: false,
      flushInterval: 10,
      // Chromium throws "Illegal invocation" when these run with a `this` other than the window.
      timers: { setTimeout, clearTimeout },
      onError: (error) => errors.push(error),
    });
    expect(recorder.record({ eventType: 'click', itemId: 'a' })).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(transport.events().map((event) => event.itemId)).toEqual(['a']));
    await recorder.close();
    expect(errors).toEqual([]);
  });
});
