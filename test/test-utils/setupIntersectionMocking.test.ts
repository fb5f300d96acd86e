import {
  mockAllIsIntersecting,
  mockIsIntersecting,
  resetIntersectionMocking,
  setupIntersectionMocking,
} from 'react-personalize/test-utils';

afterEach(() => {
  resetIntersectionMocking();
});

describe('setupIntersectionMocking', () => {
  it('installs a fake IntersectionObserver and puts back what was there before', () => {
    expect(globalThis.IntersectionObserver).toBeUndefined();
    const reset = setupIntersectionMocking();
    expect(typeof IntersectionObserver).toBe('function');
    reset();
    expect('IntersectionObserver' in globalThis).toBe(false);
  });

  it('makes the constructor and its methods mocks when given vi.fn', () => {
    setupIntersectionMocking(vi.fn);
    const observer = new IntersectionObserver(() => {}, { threshold: 0.5 });
    const target = document.createElement('div');
    observer.observe(target);
    expect(IntersectionObserver).toHaveBeenCalledTimes(1);
    expect(observer.observe).toHaveBeenCalledWith(target);
    expect(observer.thresholds).toEqual([0.5]);
  });

  it('works with a mock function that calls its implementation with apply, as jest.fn does', () => {
    // What jest-mock does: a plain function that runs the implementation with `apply(this, arguments)`.
    const applyingMock = (implementation: (...args: unknown[]) => unknown) =>
      function mock(this: unknown, ...args: unknown[]) {
        return implementation.apply(this, args);
      };
    setupIntersectionMocking(applyingMock as never);
    const callback = vi.fn();
    const observer = new IntersectionObserver(callback, { threshold: 0.5 });
    const target = document.createElement('div');
    observer.observe(target);
    mockIsIntersecting(target, 1);
    expect(observer.thresholds).toEqual([0.5]);
    expect(callback).toHaveBeenCalledTimes(1);
  });
});

describe('mockAllIsIntersecting', () => {
  it('reports every observed element once per observer, in one callback', () => {
    setupIntersectionMocking();
    const callback = vi.fn();
    const observer = new IntersectionObserver(callback);
    const [a, b] = [document.createElement('div'), document.createElement('div')];
    observer.observe(a);
    observer.observe(b);
    mockAllIsIntersecting(0.75);
    expect(callback).toHaveBeenCalledTimes(1);
    const [entries, reportedBy] = callback.mock.calls[0];
    expect(reportedBy).toBe(observer);
    expect(
      entries.map((entry: IntersectionObserverEntry) => [entry.target, entry.isIntersecting, entry.intersectionRatio]),
    ).toEqual([
      [a, true, 0.75],
      [b, true, 0.75],
    ]);
  });

  it('reports nothing for elements no longer observed', () => {
    setupIntersectionMocking();
    const callback = vi.fn();
    const observer = new IntersectionObserver(callback);
    const a = document.createElement('div');
    observer.observe(a);
    observer.unobserve(a);
    mockAllIsIntersecting(true);
    observer.observe(a);
    observer.disconnect();
    mockAllIsIntersecting(true);
    expect(callback).not.toHaveBeenCalled();
  });

  it('throws an Error naming setupIntersectionMocking when it was not called', () => {
    expect(() => mockAllIsIntersecting(1)).toThrow(
      'mockAllIsIntersecting(): IntersectionObserver is not mocked. Call setupIntersectionMocking() (e.g. in beforeEach) before rendering.',
    );
  });
});

describe('mockIsIntersecting', () => {
  it('reports one element, false as not intersecting', () => {
    setupIntersectionMocking();
    const callback = vi.fn();
    const observer = new IntersectionObserver(callback);
    const [a, b] = [document.createElement('div'), document.createElement('div')];
    observer.observe(a);
    observer.observe(b);
    mockIsIntersecting(b, false);
    expect(callback).toHaveBeenCalledTimes(1);
    expect(callback.mock.calls[0][0]).toMatchObject([{ target: b, isIntersecting: false, intersectionRatio: 0 }]);
  });

  it('throws when nothing observes the element', () => {
    setupIntersectionMocking();
    expect(() => mockIsIntersecting(document.createElement('div'), 1)).toThrow(
      /^mockIsIntersecting\(\): no IntersectionObserver observes this element/,
    );
  });
});
