import { createRecorder } from 'react-personalize/core';
import { createRecorderInspector } from 'react-personalize/devtools';
import { createMemoryTransport } from 'react-personalize/test-utils';

let clock = 1_000_000;
const now = () => clock;

function setup(options: { maxEvents?: number; retry?: { maxAttempts?: number } } = {}) {
  const transport = createMemoryTransport();
  const recorder = createRecorder({
    transport,
    persistence: false,
    sessionStorage: false,
    lifecycle: false,
    flushInterval: 100,
    retry: { baseDelay: 1000, maxDelay: 1000, ...options.retry },
    random: () => 0.5,
    now,
    sessionId: 'session-1',
    userId: 'user-1',
  });
  const inspector = createRecorderInspector(recorder, { now, maxEvents: options.maxEvents });
  const disconnect = inspector.connect();
  const deliveries = () => inspector.getSnapshot().events.map((entry) => `${entry.event.itemId}:${entry.delivery}`);
  return { transport, recorder, inspector, disconnect, deliveries };
}

beforeEach(() => {
  vi.useFakeTimers();
  clock = 1_000_000;
});

afterEach(() => {
  vi.useRealTimers();
});

describe('createRecorderInspector', () => {
  it('lists a recorded event as queued with its wire form, session and user', () => {
    const { recorder, inspector } = setup();
    recorder.record({ eventType: 'click', itemId: 'a', recommendationId: 'rec-1', impression: ['a', 'b'] });
    const [entry] = inspector.getSnapshot().events;
    expect(entry).toMatchObject({
      delivery: 'queued',
      sessionId: 'session-1',
      userId: 'user-1',
      recordedAt: 1_000_000,
      attempts: 0,
      issues: [],
      event: { eventType: 'click', itemId: 'a', recommendationId: 'rec-1', impression: ['a', 'b'] },
    });
    expect(entry.key).toBe((entry.event as { eventId: string }).eventId);
  });

  it('follows a batch that fails once: retrying with its attempt and next try, then sent', async () => {
    const { recorder, inspector, transport, deliveries } = setup();
    transport.fail('server', 1);
    recorder.record({ eventType: 'click', itemId: 'a' });
    recorder.record({ eventType: 'click', itemId: 'b' });
    clock += 100;
    await vi.advanceTimersByTimeAsync(100);
    expect(deliveries()).toEqual(['a:retrying', 'b:retrying']);
    expect(inspector.getSnapshot().events[0]).toMatchObject({ attempts: 1, nextAttemptAt: 1_000_100 + 750 });
    expect(inspector.getSnapshot().retries).toBe(1);
    // The delay is half the ceiling plus random() × half of it: 500 + 0.5 × 500.
    clock += 750;
    await vi.advanceTimersByTimeAsync(750);
    expect(deliveries()).toEqual(['a:sent', 'b:sent']);
    expect(inspector.getSnapshot().events[0]).toMatchObject({
      attempts: 1,
      sentAt: 1_000_850,
      nextAttemptAt: undefined,
    });
    expect(inspector.getSnapshot().recorder).toMatchObject({ sent: 2, queued: 0, inFlight: 0 });
  });

  it('lists input refused at record() as rejected with its issues, and counts it', () => {
    const { recorder, inspector } = setup();
    recorder.record({ eventType: 'click', itemId: 'a', recommendationId: 'x'.repeat(41) });
    const [entry] = inspector.getSnapshot().events;
    expect(entry).toMatchObject({ delivery: 'rejected', reason: 'invalid-event', key: 'invalid:1' });
    expect(entry.issues.map((issue) => issue.field)).toEqual(['recommendationId']);
    expect(inspector.getSnapshot().invalid).toBe(1);
  });

  it('marks an event the service refuses as rejected, and its batch companion as sent', async () => {
    const { recorder, transport, deliveries } = setup();
    transport.rejectWhen((event) => event.itemId === 'bad');
    recorder.record({ eventType: 'click', itemId: 'good' });
    recorder.record({ eventType: 'click', itemId: 'bad' });
    await vi.advanceTimersByTimeAsync(100);
    expect(deliveries()).toEqual(['good:sent', 'bad:rejected']);
  });

  it('marks events dropped with the reason when consent is withdrawn', () => {
    const { recorder, inspector } = setup();
    recorder.record({ eventType: 'click', itemId: 'a' });
    recorder.setEnabled(false);
    expect(inspector.getSnapshot().events[0]).toMatchObject({ delivery: 'dropped', reason: 'disabled' });
    expect(inspector.getSnapshot().recorder.enabled).toBe(false);
  });

  it('freezes the list while paused and shows what happened meanwhile on resume; counters stay live', () => {
    const { recorder, inspector, deliveries } = setup();
    recorder.record({ eventType: 'click', itemId: 'a' });
    inspector.pause();
    recorder.record({ eventType: 'click', itemId: 'b' });
    expect(deliveries()).toEqual(['a:queued']);
    expect(inspector.getSnapshot()).toMatchObject({ paused: true, recorder: { queued: 2 } });
    inspector.resume();
    expect(deliveries()).toEqual(['a:queued', 'b:queued']);
  });

  it('keeps at most maxEvents, forgetting the oldest', () => {
    const { recorder, deliveries } = setup({ maxEvents: 2 });
    for (const itemId of ['a', 'b', 'c']) recorder.record({ eventType: 'click', itemId });
    expect(deliveries()).toEqual(['b:queued', 'c:queued']);
  });

  it('keeps its snapshot between changes and notifies on each change', () => {
    const { recorder, inspector } = setup();
    const listener = vi.fn();
    inspector.subscribe(listener);
    const before = inspector.getSnapshot();
    expect(inspector.getSnapshot()).toBe(before);
    recorder.record({ eventType: 'click', itemId: 'a' });
    expect(listener).toHaveBeenCalled();
    expect(inspector.getSnapshot()).not.toBe(before);
  });

  it('stops following the recorder once disconnected (twice is safe)', () => {
    const { recorder, disconnect, deliveries } = setup();
    disconnect();
    disconnect();
    recorder.record({ eventType: 'click', itemId: 'a' });
    expect(deliveries()).toEqual([]);
  });

  it('clear() forgets the events and its own counters', () => {
    const { recorder, inspector } = setup();
    recorder.record({ eventType: 'click', itemId: 'a', recommendationId: '' });
    inspector.clear();
    expect(inspector.getSnapshot()).toMatchObject({ events: [], invalid: 0, retries: 0 });
  });
});
