/**
 * Randomized property test (fast-check, seeded, reproducible): "no event is lost while the page lives or across a
 * reload; a duplicate is harmless", for createRecorder with persistence and the page lifecycle (reloads, crashes,
 * closed and duplicated tabs, the back/forward cache, offline, failures of every kind, consent, close()). The
 * browser model is persistenceModel.ts. More cases or another seed:
 *
 *   FUZZ_RUNS=5000 FUZZ_SEED=1 npx vitest run --project unit test/core/persistenceFuzz.test.ts
 */
import fc from 'fast-check';
import { type Config, type Kind, type Op, START, World } from './persistenceModel';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 20261127);

const tab = fc.nat(1);
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      t: fc.constant('record' as const),
      tab,
      kind: fc.constantFrom('valid', 'valid', 'valid', 'explicit', 'poison', 'invalid', 'big') as fc.Arbitrary<Kind>,
      variant: fc.nat(7),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('burst' as const),
      tab,
      count: fc.integer({ min: 5, max: 70 }),
      big: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('identify' as const),
      tab,
      user: fc.constantFrom(undefined, 'u1', 'u2', ''),
    }),
  },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('flush' as const), tab }) },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant('fail' as const),
      tab,
      kind: fc.constantFrom('network', 'server', 'throttle', 'forbidden', 'invalid') as fc.Arbitrary<
        'network' | 'server' | 'throttle' | 'forbidden' | 'invalid'
      >,
      count: fc.nat(5),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('succeed' as const), tab }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('hold' as const), tab }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('release' as const), tab }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('offline' as const) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('online' as const) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('hide' as const), tab, exitRecord: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('show' as const), tab }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('navigate' as const), tab, exitRecord: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('back' as const), tab }) },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('reload' as const),
      tab,
      exitRecord: fc.boolean(),
      keepaliveArrives: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('crash' as const), tab }) },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('closeTab' as const),
      tab,
      exitRecord: fc.boolean(),
      keepaliveArrives: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('enable' as const), tab, on: fc.boolean() }) },
  {
    weight: 8,
    arbitrary: fc.record({
      t: fc.constant('advance' as const),
      ms: fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(0, 50, 199, 200, 250, 1000) },
        { weight: 3, arbitrary: fc.integer({ min: 0, max: 5000 }) },
        { weight: 2, arbitrary: fc.integer({ min: 5000, max: 180_000 }) },
        { weight: 1, arbitrary: fc.integer({ min: 300_000, max: 330_000 }) },
        { weight: 1, arbitrary: fc.integer({ min: 600_000, max: 1_500_000 }) },
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('close' as const), tab }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('duplicate' as const), tab }) },
);

/**
 * Strict: no failure the rules let the recorder give up on (forbidden, invalid, poison), no consent withdrawal, no
 * small queue, no maximum age: every accepted event must arrive (bar the documented 200 ms before a crash).
 */
const allowedInStrict = (step: Op) =>
  !(step.t === 'enable' && !step.on) &&
  !(step.t === 'fail' && (step.kind === 'forbidden' || step.kind === 'invalid')) &&
  !(step.t === 'record' && step.kind === 'poison');
const opsFor = (strict: boolean) =>
  fc
    .array(op, { minLength: 5, maxLength: 80, size: 'max' })
    .map((list) => (strict ? list.filter(allowedInStrict) : list));

const configFor = (strict: boolean): fc.Arbitrary<Config> =>
  fc.record({
    tabs: fc.constantFrom(1, 2) as fc.Arbitrary<1 | 2>,
    batchSize: fc.integer({ min: 1, max: 10 }),
    flushInterval: fc.constantFrom(0, 100, 1000, 5000),
    maxQueueSize: strict ? fc.constant(1000) : fc.constantFrom(1000, 1000, 1000, 50, 8),
    maxAttempts: fc.integer({ min: 1, max: 8 }),
    baseDelay: fc.constantFrom(0, 100, 500),
    maxDelay: fc.constantFrom(1000, 30_000),
    maxEventAge: strict ? fc.constant(undefined) : fc.constantFrom(undefined, undefined, undefined, 20 * 60_000),
    userAtCreate: fc.boolean(),
    seed: fc.nat(),
  });

/** Each page imports the recorder afresh, as a new page of the browser would (no shared module state). */
const importRecorder = async () => {
  vi.resetModules();
  return (await import('../../src/core/createRecorder')).createRecorder;
};

async function runCase(cfg: Config, steps: Op[]): Promise<World> {
  vi.useFakeTimers({ now: START });
  const world = new World(cfg, importRecorder);
  try {
    for (const tab of world.tabs) await world.openPage(tab);
    for (const step of steps) {
      await world.run(step);
      await vi.advanceTimersByTimeAsync(0);
    }
    await world.settleAndCheck();
    return world;
  } finally {
    vi.clearAllTimers();
    vi.useRealTimers();
  }
}

describe('createRecorder with persistence and the page lifecycle, at random', () => {
  it.each([
    ['every rule in play: each accepted event is delivered or reported as a drop the rules allow', false],
    ['nothing the rules allow to drop: each accepted event is delivered', true],
  ])(
    `%s (${RUNS} cases, seed ${SEED})`,
    async (_, strict) => {
      let accepted = 0;
      let delivered = 0;
      await fc.assert(
        fc.asyncProperty(configFor(strict), opsFor(strict), async (cfg, steps) => {
          const world = await runCase(cfg, steps);
          accepted += world.accepted.size;
          delivered += world.deliveredIds().size;
          if (world.problems.length) throw new Error(world.problems.slice(0, 5).join('\n'));
        }),
        { numRuns: RUNS, seed: SEED },
      );
      // Not vacuous: the cases recorded and delivered events.
      expect(accepted).toBeGreaterThan(RUNS);
      expect(delivered).toBeGreaterThan(RUNS);
    },
    300_000,
  );
});
