import { act, configure, fireEvent, render, waitFor } from '@testing-library/react';
import { createRecorder, PersonalizeProvider } from 'react-personalize';
import { PersonalizeDevtools, PersonalizeDevtoolsPanel } from 'react-personalize/devtools';
import { createMemoryTransport } from 'react-personalize/test-utils';

configure({ reactStrictMode: true });

function setup(ui: 'floating' | 'panel' = 'panel') {
  const transport = createMemoryTransport();
  const recorder = createRecorder({
    transport,
    persistence: false,
    sessionStorage: false,
    flushInterval: 60_000,
    userId: 'alice',
  });
  const view = render(
    <PersonalizeProvider recorder={recorder}>
      {ui === 'panel' ? <PersonalizeDevtoolsPanel endpointUrl="http://127.0.0.1:4599" /> : <PersonalizeDevtools />}
    </PersonalizeProvider>,
  );
  const shadow = () => {
    const root = view.container.querySelector('personalize-devtools')?.shadowRoot;
    if (!root) throw new Error('no shadow root');
    return root;
  };
  const button = (name: RegExp) => {
    const found = [...shadow().querySelectorAll('button')].find((element) => name.test(element.textContent ?? ''));
    if (!found) throw new Error(`no button ${name}`);
    return found;
  };
  const stat = (name: string) => shadow().querySelector(`[data-stat="${name}"] dd`)?.textContent;
  const rows = () => [...shadow().querySelectorAll<HTMLElement>('[data-event-key]')];
  return { transport, recorder, view, shadow, button, stat, rows };
}

afterEach(() => {
  delete (navigator as { onLine?: boolean }).onLine;
});

describe('PersonalizeDevtools', () => {
  it('shows a toggle that opens the panel, and a close button that closes it', async () => {
    const { shadow, view } = setup('floating');
    await waitFor(() => expect(shadow().querySelector('.toggle')).not.toBeNull());
    fireEvent.click(shadow().querySelector('.toggle') as Element);
    expect(shadow().querySelector('section[aria-label="Personalize devtools"]')).not.toBeNull();
    fireEvent.click(shadow().querySelector('[aria-label="Close devtools"]') as Element);
    expect(shadow().querySelector('section')).toBeNull();
    view.unmount();
  });

  it('listens to the recorder once while mounted and leaves no listener behind (StrictMode)', async () => {
    const recorder = createRecorder({ transport: createMemoryTransport(), persistence: false, sessionStorage: false });
    let live = 0;
    const subscribe = recorder.subscribe;
    recorder.subscribe = (listener) => {
      live++;
      const unsubscribe = subscribe(listener);
      let done = false;
      return () => {
        if (!done) live--;
        done = true;
        unsubscribe();
      };
    };
    const view = render(
      <PersonalizeProvider recorder={recorder}>
        <PersonalizeDevtools initialIsOpen />
      </PersonalizeProvider>,
    );
    await waitFor(() => expect(view.container.querySelector('personalize-devtools')?.shadowRoot).toBeTruthy());
    // The inspector's one subscription (the panel reads the inspector, not the recorder).
    expect(live).toBe(1);
    view.unmount();
    expect(live).toBe(0);
  });

  it('lists events recorded while the panel was closed', async () => {
    const { shadow, recorder, rows } = setup('floating');
    await waitFor(() => expect(shadow().querySelector('.toggle')).not.toBeNull());
    act(() => {
      recorder.record({ eventType: 'click', itemId: 'a' });
    });
    fireEvent.click(shadow().querySelector('.toggle') as Element);
    expect(rows().map((row) => row.dataset.delivery)).toEqual(['queued']);
  });
});

describe('PersonalizeDevtoolsPanel', () => {
  it('shows the session, user, consent and counters', async () => {
    const { stat, recorder } = setup();
    await waitFor(() => expect(stat('user')).toBe('alice'));
    expect(stat('session')).toBe(recorder.getSnapshot().sessionId);
    expect(stat('consent')).toBe('on');
    act(() => {
      recorder.record({ eventType: 'click', itemId: 'a' });
    });
    expect(stat('queued')).toBe('1');
  });

  it('flushes now, and toggles consent', async () => {
    const { button, stat, recorder, transport, rows } = setup();
    await waitFor(() => expect(stat('user')).toBe('alice'));
    act(() => {
      recorder.record({ eventType: 'click', itemId: 'a' });
    });
    await act(async () => {
      fireEvent.click(button(/Flush now/));
    });
    await waitFor(() => expect(transport.events()).toHaveLength(1));
    expect(rows()[0].dataset.delivery).toBe('sent');
    act(() => {
      fireEvent.click(button(/Consent on/));
    });
    expect(recorder.getSnapshot().enabled).toBe(false);
    expect(stat('consent')).toBe('off');
    fireEvent.click(button(/Consent off/));
    expect(recorder.getSnapshot().enabled).toBe(true);
  });

  it('simulates offline: sends are held until it is turned off, then delivered', async () => {
    const { button, recorder, transport, stat } = setup();
    await waitFor(() => expect(stat('user')).toBe('alice'));
    fireEvent.click(button(/Offline/));
    expect(navigator.onLine).toBe(false);
    act(() => {
      recorder.record({ eventType: 'click', itemId: 'a' });
    });
    void recorder.flush();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(transport.attempts).toHaveLength(0);
    await act(async () => {
      fireEvent.click(button(/Offline/));
    });
    expect(navigator.onLine).toBe(true);
    await waitFor(() => expect(transport.events().map((event) => event.itemId)).toEqual(['a']));
  });

  it('ends the simulated offline when it unmounts', async () => {
    const { button, view, stat } = setup();
    await waitFor(() => expect(stat('user')).toBe('alice'));
    fireEvent.click(button(/Offline/));
    expect(navigator.onLine).toBe(false);
    view.unmount();
    expect(navigator.onLine).toBe(true);
  });

  it('filters the events by text and by state, and pauses the list', async () => {
    const { shadow, recorder, rows, stat, button } = setup();
    await waitFor(() => expect(stat('user')).toBe('alice'));
    act(() => {
      recorder.record({ eventType: 'click', itemId: 'shoe' });
      recorder.record({ eventType: 'purchase', itemId: 'hat' });
      recorder.record({ eventType: 'click', itemId: 'x', recommendationId: '' });
    });
    const items = () => rows().map((row) => row.querySelector('code')?.textContent ?? row.dataset.delivery);
    expect(items()).toEqual(['x', 'hat', 'shoe']);
    fireEvent.change(shadow().querySelector('input[aria-label="Filter events"]') as Element, {
      target: { value: 'purch' },
    });
    expect(items()).toEqual(['hat']);
    fireEvent.change(shadow().querySelector('input[aria-label="Filter events"]') as Element, { target: { value: '' } });
    fireEvent.change(shadow().querySelector('select[aria-label="Delivery state"]') as Element, {
      target: { value: 'rejected' },
    });
    expect(items()).toEqual(['x']);
    expect(rows()[0].querySelector('[aria-label="Validation issues"]')?.textContent).toContain('recommendationId');
    fireEvent.change(shadow().querySelector('select[aria-label="Delivery state"]') as Element, {
      target: { value: 'all' },
    });
    fireEvent.click(button(/Pause/));
    act(() => {
      recorder.record({ eventType: 'click', itemId: 'later' });
    });
    expect(items()).toEqual(['x', 'hat', 'shoe']);
    fireEvent.click(button(/Resume/));
    expect(items()).toEqual(['later', 'x', 'hat', 'shoe']);
  });

  it('links to the local endpoint', async () => {
    const { shadow } = setup();
    await waitFor(() => expect(shadow().querySelector('a')).not.toBeNull());
    expect(shadow().querySelector('a')?.getAttribute('href')).toBe('http://127.0.0.1:4599');
  });
});
