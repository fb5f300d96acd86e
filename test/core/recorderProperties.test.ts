import fc from 'fast-check';
import { createRecorder } from '../../src/core/createRecorder';
import type { EventInput } from '../../src/core/types';
import { validateBatch } from '../../src/core/validateBatch';
import { createMemoryTransport, type MemoryFailure } from '../../src/test-utils/createMemoryTransport';

type Operation =
  | { kind: 'record'; input: unknown }
  | { kind: 'identify'; userId: string | undefined }
  | { kind: 'fail'; failure: MemoryFailure; times: number }
  | { kind: 'wait'; ms: number }
  | { kind: 'flush' };

const itemId = fc.oneof(fc.constantFrom('a', 'b', 'c', 'poison'), fc.string({ maxLength: 300 }));
const validEvent = fc.record(
  {
    eventType: fc.constantFrom('click', 'view', 'purchase'),
    itemId,
    eventValue: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(Number.NaN)),
    impression: fc.array(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 0, maxLength: 30 }),
    recommendationId: fc.string({ minLength: 0, maxLength: 45 }),
    properties: fc.dictionary(fc.constantFrom('color', 'size', 'userId', 'note'), fc.string({ maxLength: 400 }), {
      maxKeys: 3,
    }),
  },
  { requiredKeys: ['eventType'] },
);
const junk = fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.object());

const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 8, arbitrary: fc.oneof(validEvent, junk).map((input) => ({ kind: 'record' as const, input })) },
  {
    weight: 1,
    arbitrary: fc
      .option(fc.constantFrom('ann', 'bob', 'null', ''), { nil: undefined })
      .map((userId) => ({ kind: 'identify' as const, userId })),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('fail' as const),
      failure: fc.constantFrom<MemoryFailure>('network', 'throttle', 'server'),
      times: fc.integer({ min: 1, max: 4 }),
    }),
  },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 5000 }).map((ms) => ({ kind: 'wait' as const, ms })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'flush' as const }) },
);

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-27T12:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createRecorder', () => {
  it('hands the transport only valid batches and delivers every accepted event exactly once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { maxLength: 80 }), async (operations) => {
        const transport = createMemoryTransport();
        // The service refuses items named "poison": the recorder must isolate them and deliver the rest.
        transport.rejectWhen((event) => event.itemId === 'poison');
        const recorder = createRecorder({
          transport,
          persistence: false,
          sessionStorage: false,
          lifecycle: false,
          maxQueueSize: 10_000,
          retry: { baseDelay: 10, maxDelay: 200 },
        });
        const accepted = new Map<string, EventInput>();
        for (const op of operations) {
          if (op.kind === 'record') {
            const result = recorder.record(op.input as EventInput);
            if (result.ok) accepted.set(result.eventId, op.input as EventInput);
          } else if (op.kind === 'identify') recorder.identify(op.userId);
          else if (op.kind === 'fail') transport.fail(op.failure, op.times);
          else if (op.kind === 'wait') await vi.advanceTimersByTimeAsync(op.ms);
          else void recorder.flush();
        }
        transport.succeed();
        for (let i = 0; i < 5 && recorder.getSnapshot().queued + recorder.getSnapshot().inFlight > 0; i++) {
          const done = recorder.flush();
          await vi.advanceTimersByTimeAsync(60_000);
          await done;
        }

        for (const attempt of transport.attempts) {
          expect(validateBatch(attempt.batch)).toEqual([]);
        }
        const delivered = transport.events().map((event) => event.eventId);
        expect(new Set(delivered).size).toBe(delivered.length);
        const expected = [...accepted].filter(([, input]) => input.itemId !== 'poison').map(([id]) => id);
        expect(new Set(delivered)).toEqual(new Set(expected));
        expect(recorder.getSnapshot()).toMatchObject({ queued: 0, inFlight: 0 });
      }),
      { numRuns: 150 },
    );
  });
});
