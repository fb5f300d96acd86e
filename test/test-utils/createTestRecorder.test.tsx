import { act, fireEvent, render, screen } from '@testing-library/react';
import { useEffect } from 'react';
import { ImpressionTracker, useImpression, useTrackEvent } from 'react-personalize';
import {
  createTestRecorder,
  mockAllIsIntersecting,
  resetIntersectionMocking,
  setupIntersectionMocking,
} from 'react-personalize/test-utils';

describe('createTestRecorder', () => {
  it('tests a tracked list in three lines', async () => {
    vi.useFakeTimers();
    setupIntersectionMocking(vi.fn);
    function Card({ itemId }: { itemId: string }) {
      const ref = useImpression(itemId);
      const track = useTrackEvent();
      return (
        <li ref={ref}>
          <button type="button" onClick={() => track({ eventType: 'click', itemId })}>
            {itemId}
          </button>
        </li>
      );
    }
    const { wrapper, recorded, recorder, transport } = createTestRecorder();
    render(
      <ImpressionTracker as="ul" recommendationId="rec-1" itemIds={['socks', 'hat']}>
        <Card itemId="socks" />
        <Card itemId="hat" />
      </ImpressionTracker>,
      { wrapper },
    );

    mockAllIsIntersecting(1);
    act(() => vi.advanceTimersByTime(1000));
    fireEvent.click(screen.getByText('hat'));
    expect(recorded()).toMatchObject([{ eventType: 'click', itemId: 'hat', impression: ['socks', 'hat'] }]);

    vi.useRealTimers();
    await recorder.flush();
    expect(transport.events()).toMatchObject([{ itemId: 'hat', recommendationId: 'rec-1' }]);
    resetIntersectionMocking();
  });

  it('renders the wrapper in StrictMode', () => {
    const { wrapper } = createTestRecorder();
    let effects = 0;
    function Probe() {
      useEffect(() => {
        effects++;
      }, []);
      return null;
    }
    render(<Probe />, { wrapper });
    expect(effects).toBe(2);
  });

  it('stores nothing and listens to no page events', () => {
    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    const addEventListener = vi.spyOn(window, 'addEventListener');
    const { recorder, wrapper } = createTestRecorder({ userId: 'u1' });
    render(<p>app</p>, { wrapper });
    recorder.record({ eventType: 'click', itemId: 'a' });
    expect(setItem).not.toHaveBeenCalled();
    expect(addEventListener).not.toHaveBeenCalledWith('pagehide', expect.anything());
    expect(recorder.getSnapshot().userId).toBe('u1');
  });
});
