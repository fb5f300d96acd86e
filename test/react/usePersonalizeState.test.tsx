import { act, configure, render, screen } from '@testing-library/react';
import { Profiler } from 'react';
import { usePersonalizeState } from 'react-personalize';
import { createTestRecorder } from 'react-personalize/test-utils';

// StrictMode at the root of every render, also around `wrapper` (a StrictMode inside one only doubles renders).
configure({ reactStrictMode: true });

function Outbox() {
  const { queued, sent, userId } = usePersonalizeState();
  return <output>{`${queued} queued, ${sent} sent, user ${userId ?? 'none'}`}</output>;
}

describe('usePersonalizeState', () => {
  it('re-renders exactly once per snapshot change, from mount to unmount', async () => {
    const { recorder, wrapper } = createTestRecorder();
    // Counts the recorder's live subscriptions: the hook's must be gone after unmount.
    let listening = 0;
    const subscribe = recorder.subscribe;
    recorder.subscribe = (listener) => {
      listening++;
      const stop = subscribe(listener);
      return () => {
        listening--;
        stop();
      };
    };
    let commits = 0;
    const { unmount } = render(
      <Profiler id="outbox" onRender={() => commits++}>
        <Outbox />
      </Profiler>,
      { wrapper },
    );
    expect(screen.getByRole('status')).toHaveTextContent('0 queued, 0 sent, user none');
    const mounted = commits;

    act(() => {
      recorder.record({ eventType: 'click', itemId: 'a' });
    });
    expect(screen.getByRole('status')).toHaveTextContent('1 queued, 0 sent');
    expect(commits).toBe(mounted + 1);

    await act(() => recorder.flush());
    expect(screen.getByRole('status')).toHaveTextContent('0 queued, 1 sent');

    act(() => recorder.identify('u1'));
    expect(screen.getByRole('status')).toHaveTextContent('user u1');
    const settled = commits;
    expect(listening).toBeGreaterThan(0);
    unmount();
    act(() => {
      recorder.record({ eventType: 'click', itemId: 'b' });
    });
    expect(commits).toBe(settled);
    expect(listening).toBe(0);
  });

  it('does not re-render for activity that leaves the snapshot as it is', () => {
    const { recorder, wrapper } = createTestRecorder();
    let commits = 0;
    render(
      <Profiler id="outbox" onRender={() => commits++}>
        <Outbox />
      </Profiler>,
      { wrapper },
    );
    const mounted = commits;
    act(() => {
      recorder.record({ eventType: '' });
      recorder.identify(undefined);
    });
    expect(commits).toBe(mounted);
  });
});
