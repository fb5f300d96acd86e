import { createGatheredReport } from '../../src/core/createGatheredReport';

describe('createGatheredReport', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('hands over one burst at once, a window after its first IDs', () => {
    const delivered: string[][] = [];
    const report = createGatheredReport(globalThis, 1000, (ids) => delivered.push(ids));
    report.add(['a']);
    vi.advanceTimersByTime(600);
    report.add(['b', 'c']);
    vi.advanceTimersByTime(399);
    expect(delivered).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(delivered).toEqual([['a', 'b', 'c']]);
    report.add(['d']);
    vi.advanceTimersByTime(1000);
    expect(delivered).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('flush() hands over at once, and nothing when nothing was gathered', () => {
    const delivered: string[][] = [];
    const report = createGatheredReport(globalThis, 1000, (ids) => delivered.push(ids));
    report.flush();
    report.add(['a']);
    report.flush();
    vi.advanceTimersByTime(5000);
    expect(delivered).toEqual([['a']]);
  });
});
