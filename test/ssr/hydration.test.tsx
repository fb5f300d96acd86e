// @vitest-environment jsdom
import { act, StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import {
  ImpressionTracker,
  PersonalizeProvider,
  useImpression,
  usePersonalizeState,
  useTrackEvent,
} from 'react-personalize';
import {
  createTestRecorder,
  mockAllIsIntersecting,
  resetIntersectionMocking,
  setupIntersectionMocking,
} from 'react-personalize/test-utils';

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

function Outbox() {
  const { queued } = usePersonalizeState();
  return <output>{queued}</output>;
}

function App({ recorder }: { recorder: ReturnType<typeof createTestRecorder>['recorder'] }) {
  return (
    <StrictMode>
      <PersonalizeProvider recorder={recorder} userId="u1">
        <ImpressionTracker as="ul" className="grid" recommendationId="rec-1" itemIds={['a', 'b']} viewEventType="view">
          <Card itemId="a" />
          <Card itemId="b" />
        </ImpressionTracker>
        <Outbox />
      </PersonalizeProvider>
    </StrictMode>
  );
}

/** What `renderToString` gives for <App> in node (asserted in reactBindings.test.tsx). */
const SERVER_MARKUP =
  '<ul class="grid"><li><button type="button">a</button></li><li><button type="button">b</button></li></ul><output>0</output>';

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

afterEach(() => {
  resetIntersectionMocking();
  vi.useRealTimers();
});

describe('hydration of server-rendered React bindings', () => {
  it('hydrates without a mismatch or a console message, then tracks as usual', () => {
    vi.useFakeTimers();
    setupIntersectionMocking(vi.fn);
    const container = document.createElement('div');
    container.innerHTML = SERVER_MARKUP;
    document.body.appendChild(container);

    const error = vi.spyOn(console, 'error');
    const warn = vi.spyOn(console, 'warn');
    const onRecoverableError = vi.fn();
    const client = createTestRecorder();
    let root: ReturnType<typeof hydrateRoot> | undefined;
    act(() => {
      root = hydrateRoot(container, <App recorder={client.recorder} />, { onRecoverableError });
    });
    expect(container.innerHTML).toBe(SERVER_MARKUP);
    expect(onRecoverableError).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
    expect(client.recorded()).toEqual([]);
    expect(client.recorder.getSnapshot().userId).toBe('u1');

    mockAllIsIntersecting(1);
    act(() => vi.advanceTimersByTime(1000));
    expect(client.recorded().map((event) => event.itemId)).toEqual(['a', 'b']);
    expect(container.querySelector('output')?.textContent).toBe('2');
    act(() => root?.unmount());
  });

  it("hydrates counts of zero, as the server rendered, when the browser's recorder already holds events", () => {
    setupIntersectionMocking(vi.fn);
    const container = document.createElement('div');
    container.innerHTML = SERVER_MARKUP;
    document.body.appendChild(container);
    const onRecoverableError = vi.fn();
    const error = vi.spyOn(console, 'error');
    // Restored from storage at createRecorder(), or recorded before hydration: the server knew nothing of them.
    const client = createTestRecorder();
    client.transport.hold();
    client.recorder.record({ eventType: 'click', itemId: 'a' });
    client.recorder.record({ eventType: 'click', itemId: 'b' });
    let root: ReturnType<typeof hydrateRoot> | undefined;
    act(() => {
      root = hydrateRoot(container, <App recorder={client.recorder} />, { onRecoverableError });
    });
    expect(onRecoverableError).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
    // Right after hydration, the real count.
    expect(container.querySelector('output')?.textContent).toBe('2');
    act(() => root?.unmount());
  });
});
