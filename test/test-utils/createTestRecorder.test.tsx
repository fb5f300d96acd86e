import { act, fireEvent, render, screen } from '@testing-library/react';
import { ImpressionTracker, usePersonalize } from 'react-personalize';
import {
  createTestRecorder,
  mockAllIsIntersecting,
  resetIntersectionMocking,
  setupIntersectionMocking,
} from 'react-personalize/test-utils';
import { Card } from '../support/Card';

function Probe({ onRecorder }: { onRecorder: (recorder: unknown) => void }) {
  onRecorder(usePersonalize());
  return null;
}

describe('createTestRecorder', () => {
  it('tests a tracked list in three lines', async () => {
    vi.useFakeTimers();
    setupIntersectionMocking(vi.fn);
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
    fireEvent.click(screen.getByText('open hat'));
    expect(recorded()).toMatchObject([{ eventType: 'click', itemId: 'hat', impression: ['socks', 'hat'] }]);

    vi.useRealTimers();
    await recorder.flush();
    expect(transport.events()).toMatchObject([{ itemId: 'hat', recommendationId: 'rec-1' }]);
    resetIntersectionMocking();
  });

  it('wraps the UI in a PersonalizeProvider with its recorder', () => {
    const { wrapper, recorder } = createTestRecorder();
    const seen: unknown[] = [];
    render(<Probe onRecorder={(recorder) => seen.push(recorder)} />, { wrapper });
    expect(seen[0]).toBe(recorder);
  });

  it('stores nothing and listens to no page events', async () => {
    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    const addEventListener = vi.spyOn(window, 'addEventListener');
    const { recorder, wrapper } = createTestRecorder({ userId: 'u1' });
    render(<p>app</p>, { wrapper });
    recorder.record({ eventType: 'click', itemId: 'a' });
    await new Promise((resolve) => setTimeout(resolve, 0)); // the recorder persists in a microtask
    expect(setItem).not.toHaveBeenCalled();
    expect(addEventListener).not.toHaveBeenCalledWith('pagehide', expect.anything());
    expect(recorder.getSnapshot().userId).toBe('u1');
  });
});
