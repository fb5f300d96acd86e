/** Failures the local endpoint injects into `POST /events`, as rates between 0 and 1. */
export interface LocalEndpointFaults {
  /** Share of requests answered with HTTP 500 `InternalFailure`. @default 0 */
  failRate?: number | undefined;
  /** Share of requests answered with HTTP 400 `ThrottlingException`. @default 0 */
  throttleRate?: number | undefined;
  /** Seed of the random draws, so a run can be repeated exactly. @default a random seed */
  seed?: number | undefined;
}

/** The fault drawn for one request. */
export type InjectedFault = 'InternalFailure' | 'ThrottlingException';

/** Draws, request by request, whether to inject a fault. */
export interface FaultInjector {
  /** The fault for the next request, or `undefined` to serve it normally. */
  next(): InjectedFault | undefined;
}

/** mulberry32: a small, fast PRNG that is good enough for test traffic and repeatable from its seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function checkRate(name: string, value: number | undefined): number {
  const rate = value ?? 0;
  if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) {
    throw new RangeError(`startLocalEndpoint: faults.${name} must be a number from 0 to 1 (got ${String(value)})`);
  }
  return rate;
}

/** Makes a fault injector. Throws a RangeError when a rate is outside 0–1 or the rates add up to more than 1. */
export function createFaultInjector(faults: LocalEndpointFaults = {}): FaultInjector {
  const failRate = checkRate('failRate', faults.failRate);
  const throttleRate = checkRate('throttleRate', faults.throttleRate);
  if (failRate + throttleRate > 1) {
    throw new RangeError(
      `startLocalEndpoint: faults.failRate + faults.throttleRate must be at most 1 (got ${failRate + throttleRate})`,
    );
  }
  const random = seededRandom(faults.seed ?? Math.floor(Math.random() * 2 ** 32));
  return {
    next() {
      if (failRate === 0 && throttleRate === 0) return undefined;
      const draw = random();
      if (draw < failRate) return 'InternalFailure';
      if (draw < failRate + throttleRate) return 'ThrottlingException';
      return undefined;
    },
  };
}
