import { mockIsIntersecting, resetIntersectionMocking, setupIntersectionMocking } from 'react-personalize/test-utils';
import type { ImpressionListConfig } from '../../src/react/createImpressionList';
import { appendElement } from '../support/appendElement';
import { createTestImpressionList } from '../support/createTestImpressionList';

function setup(overrides: Partial<ImpressionListConfig> = {}) {
  const { list, config, recorded } = createTestImpressionList(overrides);
  const views = () => recorded().map((event) => `${event.itemId}@${event.recommendationId}`);
  return { list, config, views };
}

beforeEach(() => {
  vi.useFakeTimers();
  setupIntersectionMocking(vi.fn);
});

afterEach(() => {
  resetIntersectionMocking();
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('createImpressionList', () => {
  it('stops observing an element seen at once on joining (minDwellMs 0, already on screen for another list)', () => {
    const target = appendElement();
    const first = setup();
    first.list.elementRef('a')(target);
    const stopFirst = first.list.connect();
    mockIsIntersecting(target, 1);
    const second = setup({ minDwellMs: 0 });
    second.list.elementRef('a')(target);
    second.list.connect();
    expect(second.views()).toEqual(['a@rec-1']);
    vi.advanceTimersByTime(1000);
    expect(first.views()).toEqual(['a@rec-1']);
    // Both lists have seen it: nobody needs the element observed any more.
    expect(vi.mocked(IntersectionObserver).mock.instances[0].unobserve).toHaveBeenCalledWith(target);
    stopFirst();
  });

  it('touches no observer before connect()', () => {
    const { list } = setup();
    list.elementRef('a')(appendElement());
    list.elementRef(undefined)(appendElement());
    expect(IntersectionObserver).not.toHaveBeenCalled();
    const disconnect = list.connect();
    expect(vi.mocked(IntersectionObserver).mock.instances[0].observe).toHaveBeenCalledTimes(2);
    disconnect();
    disconnect();
  });

  it("starts each element's clock when that element comes on screen, even within one task", () => {
    const { list, views } = setup();
    const [a, b] = [appendElement(), appendElement()];
    list.elementRef('a')(a);
    list.elementRef('b')(b);
    list.connect();
    mockIsIntersecting(a, 1);
    vi.advanceTimersByTime(500);
    mockIsIntersecting(b, 1);
    vi.advanceTimersByTime(500);
    expect(views()).toEqual(['a@rec-1']);
    vi.advanceTimersByTime(500);
    expect(views()).toEqual(['a@rec-1', 'b@rec-1']);
  });

  it('restarts the clock of items still on screen when the recommendationId changes', () => {
    const { list, config, views } = setup();
    const a = appendElement();
    list.elementRef('a')(a);
    list.connect();
    mockIsIntersecting(a, 1);
    vi.advanceTimersByTime(500);
    list.configure({ ...config, recommendationId: 'rec-2' });
    vi.advanceTimersByTime(600);
    expect(views()).toEqual([]);
    vi.advanceTimersByTime(400);
    expect(views()).toEqual(['a@rec-2']);
  });

  it('observes again with the new threshold when the threshold changes', () => {
    const { list, config } = setup();
    const a = appendElement();
    list.elementRef('a')(a);
    list.connect();
    list.configure({ ...config, threshold: 0.8 });
    expect(vi.mocked(IntersectionObserver).mock.calls.map(([, options]) => options?.threshold)).toEqual([[0.5], [0.8]]);
    const observer = vi.mocked(IntersectionObserver).mock.instances[1];
    expect(observer.observe).toHaveBeenCalledWith(a);
  });

  it('counts an item as soon as it is on screen when minDwellMs is 0', () => {
    const { list, views } = setup({ minDwellMs: 0 });
    const a = appendElement();
    list.elementRef('a')(a);
    list.connect();
    mockIsIntersecting(a, 1);
    expect(views()).toEqual(['a@rec-1']);
  });

  it('does not observe a new element of an item already seen', () => {
    const { list } = setup({ minDwellMs: 0 });
    const first = appendElement();
    const ref = list.elementRef('a');
    ref(first);
    list.connect();
    mockIsIntersecting(first, 1);
    ref(null);
    const second = appendElement();
    ref(second);
    expect(() => mockIsIntersecting(second, 1)).toThrow(/no IntersectionObserver observes this element/);
  });

  it('stops every clock on disconnect', () => {
    const { list, views } = setup();
    const a = appendElement();
    list.elementRef('a')(a);
    const disconnect = list.connect();
    mockIsIntersecting(a, 1);
    disconnect();
    vi.advanceTimersByTime(5000);
    expect(views()).toEqual([]);
  });

  it('records views of items seen before viewEventType was set, once', () => {
    const { list, config, views } = setup({ viewEventType: undefined, minDwellMs: 0 });
    const a = appendElement();
    list.elementRef('a')(a);
    list.connect();
    mockIsIntersecting(a, 1);
    expect(views()).toEqual([]);
    list.configure({ ...config, viewEventType: 'view' });
    list.configure({ ...config, viewEventType: 'view' });
    expect(views()).toEqual(['a@rec-1']);
  });

  it('counts items added later without an element once the container has been seen', () => {
    const { list, config, views } = setup({ itemIds: ['a'], minDwellMs: 0 });
    const container = appendElement();
    list.elementRef(undefined)(container);
    list.connect();
    mockIsIntersecting(container, 1);
    list.configure({ ...config, itemIds: ['a', 'b'] });
    expect(views()).toEqual(['a@rec-1', 'b@rec-1']);
    expect(list.link({ eventType: 'click', itemId: 'b' })).toEqual({
      eventType: 'click',
      itemId: 'b',
      recommendationId: 'rec-1',
      impression: ['a', 'b'],
    });
  });
});
