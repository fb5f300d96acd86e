import { act, render, screen } from '@testing-library/react';
import { Profiler } from 'react';
import { ImpressionTracker, useImpression } from 'react-personalize';
import {
  createTestRecorder,
  mockIsIntersecting,
  resetIntersectionMocking,
  setupIntersectionMocking,
} from 'react-personalize/test-utils';

function Tile({ itemId }: { itemId: string }) {
  const ref = useImpression(itemId);
  return <div ref={ref} data-testid={itemId} />;
}

beforeEach(() => {
  vi.useFakeTimers();
  setupIntersectionMocking(vi.fn);
});

afterEach(() => {
  resetIntersectionMocking();
  vi.useRealTimers();
});

describe('useImpression', () => {
  it('observes the element while it is mounted and never re-renders it when it is seen', () => {
    const { wrapper, recorded } = createTestRecorder();
    let commits = 0;
    const { unmount } = render(
      <ImpressionTracker itemIds={['a']} recommendationId="rec-1" viewEventType="view">
        <Profiler id="tile" onRender={() => commits++}>
          <Tile itemId="a" />
        </Profiler>
      </ImpressionTracker>,
      { wrapper },
    );
    const element = screen.getByTestId('a');
    const observer = vi.mocked(IntersectionObserver).mock.instances[0];
    const mounted = commits;
    mockIsIntersecting(element, 1);
    act(() => vi.advanceTimersByTime(1000));
    expect(recorded()).toHaveLength(1);
    expect(commits).toBe(mounted);
    // Seen items are no longer observed: scrolling back costs nothing.
    expect(() => mockIsIntersecting(element, 1)).toThrow(/no IntersectionObserver observes this element/);
    unmount();
    expect(observer.unobserve).toHaveBeenCalledWith(element);
    expect(recorded()).toHaveLength(1);
  });

  it('stops observing an element that unmounts before it is seen', () => {
    const { wrapper, recorded } = createTestRecorder();
    const { rerender } = render(
      <ImpressionTracker itemIds={['a']} viewEventType="view">
        <Tile itemId="a" />
      </ImpressionTracker>,
      { wrapper },
    );
    const element = screen.getByTestId('a');
    mockIsIntersecting(element, 1);
    rerender(<ImpressionTracker itemIds={['a']} viewEventType="view" />);
    act(() => vi.advanceTimersByTime(2000));
    expect(recorded()).toHaveLength(0);
    expect(() => mockIsIntersecting(element, 1)).toThrow(/no IntersectionObserver observes this element/);
  });

  it('returns a ref callback that does nothing outside an ImpressionTracker', () => {
    const { wrapper } = createTestRecorder();
    render(<Tile itemId="a" />, { wrapper });
    expect(IntersectionObserver).not.toHaveBeenCalled();
  });
});
