// @vitest-environment node
import { createFaultInjector } from '../../src/endpoint/createFaultInjector';

const draw = (injector: ReturnType<typeof createFaultInjector>, times: number) =>
  Array.from({ length: times }, () => injector.next());

describe('createFaultInjector', () => {
  it('injects nothing by default', () => {
    expect(draw(createFaultInjector(), 100)).toEqual(Array(100).fill(undefined));
  });

  it('injects each fault at its rate', () => {
    const faults = draw(createFaultInjector({ failRate: 0.3, throttleRate: 0.1, seed: 1 }), 10_000);
    const share = (fault: string | undefined) => faults.filter((f) => f === fault).length / faults.length;
    expect(share('InternalFailure')).toBeCloseTo(0.3, 1);
    expect(share('ThrottlingException')).toBeCloseTo(0.1, 1);
    expect(share(undefined)).toBeCloseTo(0.6, 1);
  });

  it('repeats the same sequence for the same seed and another for another seed', () => {
    const a = draw(createFaultInjector({ failRate: 0.5, seed: 99 }), 50);
    expect(draw(createFaultInjector({ failRate: 0.5, seed: 99 }), 50)).toEqual(a);
    expect(draw(createFaultInjector({ failRate: 0.5, seed: 100 }), 50)).not.toEqual(a);
  });

  it('fails every request at rate 1', () => {
    expect(draw(createFaultInjector({ throttleRate: 1 }), 20)).toEqual(Array(20).fill('ThrottlingException'));
  });

  it.each([
    [{ failRate: -0.1 }, 'startLocalEndpoint: faults.failRate must be a number from 0 to 1 (got -0.1)'],
    [{ throttleRate: 2 }, 'startLocalEndpoint: faults.throttleRate must be a number from 0 to 1 (got 2)'],
    [{ failRate: Number.NaN }, 'startLocalEndpoint: faults.failRate must be a number from 0 to 1 (got NaN)'],
    [
      { failRate: 0.6, throttleRate: 0.6 },
      'startLocalEndpoint: faults.failRate + faults.throttleRate must be at most 1 (got 1.2)',
    ],
  ])('refuses %o with a RangeError', (faults, message) => {
    expect(() => createFaultInjector(faults)).toThrow(new RangeError(message));
  });
});
