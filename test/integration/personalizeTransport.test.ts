import { createPersonalizeTransport } from 'react-personalize/aws';
import { createRecorder, type Recorder, type RecorderError } from 'react-personalize/core';
import { LOCAL_CREDENTIALS, type LocalEndpoint, startLocalEndpoint } from 'react-personalize/endpoint';

const USERS = 4;
const EVENTS_PER_USER = 250;

let endpoint: LocalEndpoint;
beforeAll(async () => {
  endpoint = await startLocalEndpoint({
    region: 'us-east-1',
    faults: { failRate: 0.3, throttleRate: 0.1, seed: 20250601 },
    maxRequests: 100_000,
  });
});
afterAll(() => endpoint.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createPersonalizeTransport with the real SDK, against the local endpoint', () => {
  it('delivers 1,000 events exactly once through 30% 500s and 10% throttling, ≤ 10 per request, none refused', async () => {
    const accepted = new Set<string>();
    const expectedBatchOf = new Map<string, { sessionId: string; userId?: string }>();
    const errors: RecorderError[] = [];
    const recorders: Recorder[] = [];

    for (let u = 0; u < USERS; u++) {
      const recorder = createRecorder({
        transport: createPersonalizeTransport({
          trackingId: 'tracking-integration',
          region: 'us-east-1',
          endpoint: endpoint.url,
          credentials: LOCAL_CREDENTIALS,
        }),
        persistence: false,
        lifecycle: false,
        sessionStorage: false,
        flushInterval: 20,
        retry: { baseDelay: 5, maxDelay: 40, maxAttempts: 60 },
        onError: (error) => errors.push(error),
      });
      recorder.subscribe((activity) => {
        if (activity.type === 'recorded') {
          expectedBatchOf.set(activity.event.eventId, { sessionId: activity.sessionId, userId: activity.userId });
        }
      });
      recorders.push(recorder);
    }

    // Each visitor browses anonymously, signs in (same session), and later another user signs in (new session).
    for (let i = 0; i < EVENTS_PER_USER; i++) {
      recorders.forEach((recorder, u) => {
        if (i === 60) recorder.identify(`user-${u}`);
        if (i === 180) recorder.identify(`user-${u}-b`);
        const result = recorder.record({
          eventType: i % 7 === 0 ? 'purchase' : 'click',
          itemId: `item-${(i * 13 + u) % 97}`,
          eventValue: i % 5 === 0 ? i / 4 : undefined,
          properties: i % 3 === 0 ? { color: 'red', size: i % 4 } : undefined,
          impression: i % 4 === 0 ? [`item-${(i * 13 + u) % 97}`, 'item-x', 'item-y'] : undefined,
          recommendationId: i % 4 === 0 ? `rec-${u}-${i}` : undefined,
        });
        if (result.ok) accepted.add(result.eventId);
      });
      if (i % 25 === 0) await sleep(5);
    }
    expect(accepted.size).toBe(USERS * EVENTS_PER_USER);

    const deadline = Date.now() + 15_000;
    await Promise.all(recorders.map((recorder) => recorder.flush()));
    while (
      recorders.some((recorder) => recorder.getSnapshot().queued + recorder.getSnapshot().inFlight > 0) &&
      Date.now() < deadline
    ) {
      await sleep(20);
    }
    await Promise.all(recorders.map((recorder) => recorder.close()));

    const requests = endpoint.requests();
    const events = endpoint.events();
    // The faults really happened, so the retries were exercised.
    expect(requests.filter((request) => request.errorType === 'InternalFailure').length).toBeGreaterThan(20);
    expect(requests.filter((request) => request.errorType === 'ThrottlingException').length).toBeGreaterThan(5);

    // Exactly once by eventId: the delivered set is the accepted set, and nothing arrived twice.
    expect(new Set(events.map((event) => event.eventId))).toEqual(accepted);
    expect(events).toHaveLength(accepted.size);
    expect([...endpoint.arrivals().values()].every((count) => count === 1)).toBe(true);

    // Each event went out with the session and user it was recorded under.
    for (const event of events) {
      const expected = expectedBatchOf.get(event.eventId as string);
      expect({ sessionId: event.sessionId, userId: event.userId }).toEqual(expected);
    }
    expect(new Set(events.map((event) => event.sessionId)).size).toBe(USERS * 2);
    expect(new Set(events.map((event) => event.userId)).size).toBe(USERS * 2 + 1);

    expect(Math.max(...requests.map((request) => request.eventCount))).toBeLessThanOrEqual(10);
    expect(requests.filter((request) => request.errorType === 'InvalidInputException')).toEqual([]);
    expect(requests.every((request) => request.signature === 'valid')).toBe(true);
    expect(errors.filter((error) => error.code !== 'send-failed' || !error.retryable)).toEqual([]);
    expect(recorders.map((recorder) => recorder.getSnapshot().sent)).toEqual(Array(USERS).fill(EVENTS_PER_USER));
  });
});
