import { inspectImpressionLists } from 'react-personalize/devtools';
import { mockIsIntersecting, resetIntersectionMocking, setupIntersectionMocking } from 'react-personalize/test-utils';
import type { ImpressionListConfig } from '../../src/react/createImpressionList';
import { appendElement } from '../support/appendElement';
import { createTestImpressionList } from '../support/createTestImpressionList';
import { setTabHidden } from '../support/setTabHidden';

function setup(overrides: Partial<ImpressionListConfig> = {}) {
  const { list, config, recorder } = createTestImpressionList(overrides);
  const lists = inspectImpressionLists(recorder);
  const reasons = () =>
    lists.getSnapshot()[0]?.items.map((item) => `${item.itemId}:${item.seen ? 'seen' : item.reason}`) ?? [];
  return { list, config, lists, recorder, reasons };
}

beforeEach(() => {
  vi.useFakeTimers({ now: 5_000 });
  setupIntersectionMocking(vi.fn);
});

afterEach(() => {
  setTabHidden(false);
  resetIntersectionMocking();
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('inspectImpressionLists', () => {
  it('lists a list from connect() until it disconnects, with its props', () => {
    const { list, lists } = setup();
    expect(lists.getSnapshot()).toEqual([]);
    const disconnect = list.connect();
    expect(lists.getSnapshot()).toMatchObject([
      { recommendationId: 'rec-1', itemIds: ['a', 'b', 'c'], threshold: 0.5, minDwellMs: 1000 },
    ]);
    disconnect();
    expect(lists.getSnapshot()).toEqual([]);
  });

  it('keeps the lists of each recorder apart', () => {
    const first = setup();
    const second = setup({ recommendationId: 'rec-2' });
    first.list.connect();
    second.list.connect();
    expect(first.lists.getSnapshot().map((state) => state.recommendationId)).toEqual(['rec-1']);
    expect(second.lists.getSnapshot().map((state) => state.recommendationId)).toEqual(['rec-2']);
  });

  it('answers why each item is not seen: no element, below the threshold, dwell not reached, tab hidden', () => {
    const { list, reasons, lists } = setup();
    const a = appendElement();
    const b = appendElement();
    list.elementRef('a')(a);
    list.elementRef('b')(b);
    list.connect();
    expect(reasons()).toEqual(['a:below-threshold', 'b:below-threshold', 'c:no-element']);
    mockIsIntersecting(a, 1);
    expect(reasons()).toEqual(['a:dwell-not-reached', 'b:below-threshold', 'c:no-element']);
    expect(lists.getSnapshot()[0].items[0]).toMatchObject({ dwellStartedAt: 5_000, dwellDueAt: 6_000, elements: [a] });
    setTabHidden(true);
    expect(reasons()).toEqual(['a:tab-hidden', 'b:tab-hidden', 'c:no-element']);
    setTabHidden(false);
    vi.advanceTimersByTime(1000);
    expect(reasons()).toEqual(['a:seen', 'b:below-threshold', 'c:no-element']);
  });

  it('counts an item without an element once the tracker’s own element is seen', () => {
    const { list, reasons } = setup({ minDwellMs: 0 });
    const own = appendElement();
    list.elementRef(undefined)(own);
    list.elementRef('a')(appendElement());
    list.connect();
    mockIsIntersecting(own, 1);
    expect(reasons()).toEqual(['a:below-threshold', 'b:seen', 'c:seen']);
  });

  it('notifies its subscribers of each change and keeps the snapshot between changes', () => {
    const { list, lists } = setup();
    const target = appendElement();
    list.elementRef('a')(target);
    list.connect();
    const listener = vi.fn();
    lists.subscribe(listener);
    const before = lists.getSnapshot();
    expect(lists.getSnapshot()).toBe(before);
    mockIsIntersecting(target, 1);
    expect(listener).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(listener).toHaveBeenCalledTimes(2);
    expect(lists.getSnapshot()).not.toBe(before);
  });

  it('keeps the snapshot between changes without a subscriber too (useSyncExternalStore reads before it subscribes)', () => {
    const { list, lists } = setup();
    const target = appendElement();
    list.elementRef('a')(target);
    list.connect();
    const before = lists.getSnapshot();
    expect(lists.getSnapshot()).toBe(before);
    mockIsIntersecting(target, 1);
    const after = lists.getSnapshot();
    expect(after).not.toBe(before);
    expect(after[0].items[0]).toMatchObject({ itemId: 'a', reason: 'dwell-not-reached' });
    expect(lists.getSnapshot()).toBe(after);
  });

  it('runs dwell clocks on the injected timers and clock', () => {
    let clock = 100;
    const scheduled: { callback: () => void; ms: number }[] = [];
    const timers = {
      setTimeout: (callback: () => void, ms: number) => scheduled.push({ callback, ms }),
      clearTimeout: vi.fn(),
    };
    const { list, lists, reasons } = setup({ timers, now: () => clock });
    const target = appendElement();
    list.elementRef('a')(target);
    list.connect();
    mockIsIntersecting(target, 1);
    expect(scheduled.map((timer) => timer.ms)).toEqual([1000]);
    expect(lists.getSnapshot()[0].items[0]).toMatchObject({ dwellStartedAt: 100, dwellDueAt: 1100 });
    // The global fake timers never fire it: only the injected ones do.
    vi.advanceTimersByTime(5000);
    expect(reasons()[0]).toBe('a:dwell-not-reached');
    clock = 1100;
    scheduled[0].callback();
    expect(reasons()[0]).toBe('a:seen');
  });
});
