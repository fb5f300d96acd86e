import { mockIsIntersecting, resetIntersectionMocking, setupIntersectionMocking } from 'react-personalize/test-utils';
import { observeIntersection } from '../../src/react/observeIntersection';
import { appendElement } from '../support/appendElement';

beforeEach(() => {
  setupIntersectionMocking(vi.fn);
});

afterEach(() => {
  resetIntersectionMocking();
  document.body.innerHTML = '';
});

describe('observeIntersection', () => {
  it('shares one IntersectionObserver per threshold between all elements', () => {
    const stops = [0.5, 0.5, 0.5, 0.8].map((threshold) => observeIntersection(appendElement(), threshold, () => {}));
    expect(IntersectionObserver).toHaveBeenCalledTimes(2);
    expect(vi.mocked(IntersectionObserver).mock.calls.map(([, options]) => options?.threshold)).toEqual([[0.5], [0.8]]);
    for (const stop of stops) stop();
  });

  it('reports visible only when at least the threshold of the element is on screen', () => {
    const target = appendElement();
    const listener = vi.fn();
    const stop = observeIntersection(target, 0.5, listener);
    mockIsIntersecting(target, 0.49);
    mockIsIntersecting(target, 0.5);
    mockIsIntersecting(target, 0);
    expect(listener.mock.calls).toEqual([[false], [true], [false]]);
    stop();
  });

  it('accepts the rounding of a fully visible element at threshold 1', () => {
    const target = appendElement();
    const listener = vi.fn();
    const stop = observeIntersection(target, 1, listener);
    mockIsIntersecting(target, 0.999999);
    mockIsIntersecting(target, 0.99);
    expect(listener.mock.calls).toEqual([[true], [false]]);
    stop();
  });

  it('tells a listener that joins an element already on screen', () => {
    const target = appendElement();
    const first = observeIntersection(target, 0.5, () => {});
    mockIsIntersecting(target, 1);
    const late = vi.fn();
    const second = observeIntersection(target, 0.5, late);
    expect(late.mock.calls).toEqual([[true]]);
    first();
    second();
  });

  it('keeps the observer through an unobserve and observe in one task, and disconnects it once unused', async () => {
    const target = appendElement();
    observeIntersection(target, 0.5, () => {})();
    const stop = observeIntersection(target, 0.5, () => {});
    const observer = vi.mocked(IntersectionObserver).mock.instances[0];
    await Promise.resolve();
    expect(IntersectionObserver).toHaveBeenCalledTimes(1);
    expect(observer.disconnect).not.toHaveBeenCalled();
    stop();
    stop();
    expect(observer.unobserve).toHaveBeenCalledTimes(2);
    await Promise.resolve();
    expect(observer.disconnect).toHaveBeenCalledTimes(1);
  });

  it('never calls the listener where IntersectionObserver does not exist', () => {
    resetIntersectionMocking();
    const listener = vi.fn();
    const stop = observeIntersection(appendElement(), 0.5, listener);
    stop();
    expect(listener).not.toHaveBeenCalled();
  });
});
