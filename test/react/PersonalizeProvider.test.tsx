import { render } from '@testing-library/react';
import { StrictMode, useEffect } from 'react';
import { type PageLifecycle, PersonalizeProvider, useTrackEvent } from 'react-personalize';
import { createTestRecorder } from 'react-personalize/test-utils';

function countingLifecycle() {
  const counts = { listening: 0, listens: 0 };
  const lifecycle: PageLifecycle = {
    listen() {
      counts.listening++;
      counts.listens++;
      return () => {
        counts.listening--;
      };
    },
    isOnline: () => true,
  };
  return { lifecycle, counts };
}

function RecordsOnMount() {
  const track = useTrackEvent();
  useEffect(() => {
    track({ eventType: 'pageView' });
  }, [track]);
  return null;
}

describe('PersonalizeProvider', () => {
  it('mounts the recorder once under StrictMode and unmounts it with the provider', () => {
    const { lifecycle, counts } = countingLifecycle();
    const { recorder } = createTestRecorder({ lifecycle });
    const { unmount } = render(
      <StrictMode>
        <PersonalizeProvider recorder={recorder}>child</PersonalizeProvider>
      </StrictMode>,
    );
    expect(counts.listening).toBe(1);
    unmount();
    expect(counts.listening).toBe(0);
  });

  it('passes a changed userId to identify() exactly once per change, from mount to unmount', () => {
    const { recorder } = createTestRecorder();
    const identify = vi.spyOn(recorder, 'identify');
    const ui = (userId?: string) => (
      <StrictMode>
        <PersonalizeProvider recorder={recorder} userId={userId}>
          child
        </PersonalizeProvider>
      </StrictMode>
    );
    const { rerender, unmount } = render(ui('u1'));
    expect(identify.mock.calls).toEqual([['u1']]);
    rerender(ui('u1'));
    expect(identify).toHaveBeenCalledTimes(1);
    rerender(ui('u2'));
    rerender(ui(undefined));
    unmount();
    expect(identify.mock.calls).toEqual([['u1'], ['u2'], [undefined]]);
    expect(recorder.getSnapshot().userId).toBeUndefined();
  });

  it('keeps the session when an anonymous visitor signs in', () => {
    const { recorder } = createTestRecorder();
    const sessionId = recorder.getSnapshot().sessionId;
    const { rerender } = render(<PersonalizeProvider recorder={recorder} />);
    rerender(<PersonalizeProvider recorder={recorder} userId="u1" />);
    expect(recorder.getSnapshot()).toMatchObject({ userId: 'u1', sessionId });
  });

  it('gives the user to events its children record in their mount effects', async () => {
    const { recorder, transport } = createTestRecorder();
    render(
      <PersonalizeProvider recorder={recorder} userId="signed-in">
        <RecordsOnMount />
      </PersonalizeProvider>,
    );
    await recorder.flush();
    // StrictMode runs the mount effect twice: two events, both the signed-in user's.
    expect(transport.batches.map((batch) => [batch.userId, batch.eventList.length])).toEqual([['signed-in', 2]]);
  });

  it('leaves the user a recorder was created with when the first userId is undefined', () => {
    const { recorder } = createTestRecorder({ userId: 'known' });
    const identify = vi.spyOn(recorder, 'identify');
    render(
      <StrictMode>
        <PersonalizeProvider recorder={recorder}>child</PersonalizeProvider>
      </StrictMode>,
    );
    expect(identify).not.toHaveBeenCalled();
    expect(recorder.getSnapshot().userId).toBe('known');
  });

  it('mounts a new recorder and unmounts the old one when the recorder prop changes', () => {
    const first = countingLifecycle();
    const second = countingLifecycle();
    const a = createTestRecorder({ lifecycle: first.lifecycle }).recorder;
    const b = createTestRecorder({ lifecycle: second.lifecycle }).recorder;
    const { rerender } = render(<PersonalizeProvider recorder={a} userId="u1" />);
    rerender(<PersonalizeProvider recorder={b} userId="u1" />);
    expect([first.counts.listening, second.counts.listening]).toEqual([0, 1]);
    expect(b.getSnapshot().userId).toBe('u1');
  });

  it('renders its children and no DOM of its own', () => {
    const { recorder } = createTestRecorder();
    const { container } = render(
      <PersonalizeProvider recorder={recorder}>
        <p>hello</p>
      </PersonalizeProvider>,
    );
    expect(container.innerHTML).toBe('<p>hello</p>');
  });
});
