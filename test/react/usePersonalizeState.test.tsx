import { act, render, screen } from '@testing-library/react';
import { Profiler, useState } from 'react';
import { renderToString } from 'react-dom/server';
import { usePersonalizeState } from 'react-personalize';
import { createTestRecorder } from 'react-personalize/test-utils';

function Outbox() {
  const { queued, sent, userId } = usePersonalizeState();
  return <output>{`${queued} queued, ${sent} sent, user ${userId ?? 'none'}`}</output>;
}

function Sent() {
  const sent = usePersonalizeState((state) => state.sent);
  return <output>{`${sent} sent`}</output>;
}

/** Renders of Waiting, counted by the test that renders it. */
const waitingRenders = { count: 0 };
function Waiting() {
  waitingRenders.count++;
  const { waiting } = usePersonalizeState((state) => ({ waiting: state.queued + state.inFlight }));
  return <output>{`${waiting} waiting`}</output>;
}

function Threshold({ over }: { over: number }) {
  const above = usePersonalizeState((state) => state.queued > over);
  return <output>{above ? 'above' : 'below'}</output>;
}

function LowerThreshold() {
  const [over, setOver] = useState(1);
  return (
    <>
      <button type="button" onClick={() => setOver(0)}>
        lower
      </button>
      <Threshold over={over} />
    </>
  );
}

function Queued() {
  return <output>{usePersonalizeState((state) => state.queued)}</output>;
}

describe('usePersonalizeState', () => {
  it('re-renders exactly once per snapshot change, from mount to unmount', async () => {
    const { recorder, wrapper } = createTestRecorder();
    // Counts the recorder's live state subscriptions: the hook's must be gone after unmount.
    let listening = 0;
    const subscribeState = recorder.subscribeState;
    recorder.subscribeState = (onChange) => {
      listening++;
      const stop = subscribeState(onChange);
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

  it('with a selector, re-renders only when the selected slice changes (Object.is)', async () => {
    const { recorder, wrapper } = createTestRecorder();
    let commits = 0;
    render(
      <Profiler id="sent" onRender={() => commits++}>
        <Sent />
      </Profiler>,
      { wrapper },
    );
    expect(screen.getByRole('status')).toHaveTextContent('0 sent');
    const mounted = commits;
    act(() => {
      recorder.record({ eventType: 'click', itemId: 'a' });
      recorder.identify('u1');
    });
    // queued and userId changed, sent did not.
    expect(recorder.getSnapshot()).toMatchObject({ queued: 1, userId: 'u1' });
    expect(commits).toBe(mounted);
    await act(() => recorder.flush());
    expect(screen.getByRole('status')).toHaveTextContent('1 sent');
    expect(commits).toBe(mounted + 1);
  });

  it('keeps a selector that builds a new object from looping, and re-selects on each snapshot change', () => {
    const { recorder, wrapper } = createTestRecorder();
    waitingRenders.count = 0;
    render(<Waiting />, { wrapper });
    expect(screen.getByRole('status')).toHaveTextContent('0 waiting');
    act(() => {
      recorder.record({ eventType: 'click', itemId: 'a' });
    });
    expect(screen.getByRole('status')).toHaveTextContent('1 waiting');
    // StrictMode renders twice: a mount and one update, never a render loop.
    expect(waitingRenders.count).toBeLessThanOrEqual(4);
  });

  it("selects with this render's selector, so one reading props sees the new props at once", () => {
    const { recorder, wrapper } = createTestRecorder();
    render(<LowerThreshold />, { wrapper });
    act(() => {
      recorder.record({ eventType: 'click', itemId: 'a' });
    });
    expect(screen.getByRole('status')).toHaveTextContent('below');
    act(() => screen.getByRole('button').click());
    expect(screen.getByRole('status')).toHaveTextContent('above');
  });

  it("selects from the server's snapshot (counts of zero) when rendered on the server", () => {
    const { recorder, wrapper: Wrapper } = createTestRecorder();
    recorder.record({ eventType: 'click', itemId: 'a' });
    expect(
      renderToString(
        <Wrapper>
          <Queued />
        </Wrapper>,
      ),
    ).toContain('<output>0</output>');
  });

  it('subscribes to the state alone, not to the activity stream', () => {
    const { recorder, wrapper } = createTestRecorder();
    const subscribe = vi.spyOn(recorder, 'subscribe');
    render(<Sent />, { wrapper });
    expect(subscribe).not.toHaveBeenCalled();
  });
});
