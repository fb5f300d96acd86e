import { act, fireEvent, render, screen } from '@testing-library/react';
import { createRef, forwardRef, type ReactNode, type Ref, StrictMode, useEffect, useState } from 'react';
import { renderToString } from 'react-dom/server';
import { ImpressionTracker, PersonalizeProvider, type Recorder, type Timers, useTrackEvent } from 'react-personalize';
import { inspectImpressionLists } from 'react-personalize/devtools';
import {
  createTestRecorder,
  mockAllIsIntersecting,
  mockIsIntersecting,
  resetIntersectionMocking,
  setupIntersectionMocking,
} from 'react-personalize/test-utils';
import { Card } from '../support/Card';

function PlainCard({ itemId }: { itemId: string }) {
  const track = useTrackEvent();
  return (
    <button type="button" onClick={() => track({ eventType: 'click', itemId })}>
      {`open ${itemId}`}
    </button>
  );
}

/** A component given as `as` that renders one element or another. */
const Switching = forwardRef<HTMLElement, { wide?: boolean; children?: ReactNode }>(({ wide, children }, ref) =>
  wide ? <section ref={ref}>{children}</section> : <div ref={ref as Ref<HTMLDivElement>}>{children}</div>,
);

/** A component given as `as` that renders its element only after mounting (client-only wrappers). */
const AfterMount = forwardRef<HTMLElement, { children?: ReactNode }>(({ children }, ref) => {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted ? <article ref={ref}>{children}</article> : null;
});

const items = ['a', 'b', 'c'];

function setPageHidden(hidden: boolean) {
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => (hidden ? 'hidden' : 'visible'),
  });
  act(() => {
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

const clicks = (recorded: ReturnType<ReturnType<typeof createTestRecorder>['recorded']>) =>
  recorded.filter((event) => event.eventType === 'click');

beforeEach(() => {
  vi.useFakeTimers();
  setupIntersectionMocking(vi.fn);
});

afterEach(() => {
  resetIntersectionMocking();
  vi.useRealTimers();
  delete (document as { visibilityState?: string }).visibilityState;
});

describe('ImpressionTracker', () => {
  it('records one view event per seen item under StrictMode, once through re-renders, scrolling back and remounts', () => {
    const { recorder, recorded } = createTestRecorder();
    const ui = (recommendationId: string) => (
      <StrictMode>
        <PersonalizeProvider recorder={recorder}>
          <ImpressionTracker as="ul" recommendationId={recommendationId} itemIds={items} viewEventType="view">
            {items.map((itemId) => (
              <Card key={itemId} itemId={itemId} />
            ))}
          </ImpressionTracker>
        </PersonalizeProvider>
      </StrictMode>
    );
    const views = () => recorded().filter((event) => event.eventType === 'view');
    const { rerender, unmount } = render(ui('rec-1'));

    mockAllIsIntersecting(1);
    act(() => vi.advanceTimersByTime(1000));
    expect(views()).toHaveLength(3);
    expect(views().map((event) => [event.itemId, event.recommendationId])).toEqual([
      ['a', 'rec-1'],
      ['b', 'rec-1'],
      ['c', 'rec-1'],
    ]);

    rerender(ui('rec-1'));
    mockAllIsIntersecting(0);
    mockAllIsIntersecting(1);
    act(() => vi.advanceTimersByTime(5000));
    expect(views()).toHaveLength(3);

    rerender(ui('rec-2'));
    mockAllIsIntersecting(1);
    act(() => vi.advanceTimersByTime(1000));
    expect(views()).toHaveLength(6);
    expect(
      views()
        .slice(3)
        .every((event) => event.recommendationId === 'rec-2'),
    ).toBe(true);

    unmount();
    render(ui('rec-2'));
    mockAllIsIntersecting(1);
    act(() => vi.advanceTimersByTime(1000));
    expect(views()).toHaveLength(9);
  });

  it('does not record the views of an earlier recommendationId again when the list goes back to it', () => {
    const { wrapper, recorded } = createTestRecorder();
    const ui = (recommendationId: string) => (
      <ImpressionTracker recommendationId={recommendationId} itemIds={['a']} viewEventType="view">
        <Card itemId="a" />
      </ImpressionTracker>
    );
    const { rerender } = render(ui('rec-1'), { wrapper });
    for (const recommendationId of ['rec-2', 'rec-1', 'rec-2']) {
      mockAllIsIntersecting(1);
      act(() => vi.advanceTimersByTime(1000));
      rerender(ui(recommendationId));
    }
    expect(recorded().map((event) => `${event.itemId}@${event.recommendationId}`)).toEqual(['a@rec-1', 'a@rec-2']);
  });

  it('keeps the dwell clock of its own element through re-renders with a new ref callback each time', () => {
    const { wrapper, recorded } = createTestRecorder();
    const refs: (Element | null)[] = [];
    const ui = (tick: number) => (
      // An inline (or merged) ref: a new function on every render.
      <ImpressionTracker
        ref={(element) => void refs.push(element)}
        data-tick={tick}
        itemIds={['a']}
        viewEventType="view"
      >
        <PlainCard itemId="a" />
      </ImpressionTracker>
    );
    const { rerender, container } = render(ui(0), { wrapper });
    const own = container.firstElementChild as Element;
    mockIsIntersecting(own, 1);
    act(() => vi.advanceTimersByTime(600));
    rerender(ui(1));
    // A real IntersectionObserver reports an element it is asked to observe again: the mock does the same.
    mockAllIsIntersecting(1);
    act(() => vi.advanceTimersByTime(400));
    expect(recorded().map((event) => event.itemId)).toEqual(['a']);
    // The new ref callback was given the element, and the old one let go of it.
    expect(refs.at(-1)).toBe(own);
    expect(refs.at(-2)).toBeNull();
  });

  it('keeps its forwarded ref on the element a component given as `as` renders, whenever it renders another', () => {
    const { wrapper } = createTestRecorder();
    const ref = createRef<HTMLElement>();
    const { container, rerender } = render(<ImpressionTracker as={Switching} ref={ref} itemIds={[]} />, { wrapper });
    expect(ref.current?.tagName).toBe('DIV');
    rerender(<ImpressionTracker as={Switching} ref={ref} itemIds={[]} wide />);
    expect(ref.current?.tagName).toBe('SECTION');
    expect(ref.current).toBe(container.firstElementChild);
    const late = createRef<HTMLElement>();
    render(<ImpressionTracker as={AfterMount} ref={late} itemIds={[]} />, { wrapper });
    expect(late.current?.tagName).toBe('ARTICLE');
  });

  it('counts to a changed minDwellMs from the change, for clocks already running', () => {
    const { recorded, wrapper } = createTestRecorder();
    const ui = (minDwellMs: number) => (
      <ImpressionTracker as="ul" recommendationId="r" itemIds={['a']} minDwellMs={minDwellMs} viewEventType="view">
        <Card itemId="a" />
      </ImpressionTracker>
    );
    const { rerender } = render(ui(1000), { wrapper });
    mockAllIsIntersecting(1);
    act(() => vi.advanceTimersByTime(500));
    rerender(ui(5000));
    act(() => vi.advanceTimersByTime(4999));
    expect(recorded()).toEqual([]);
    act(() => vi.advanceTimersByTime(1));
    expect(recorded().map((event) => event.itemId)).toEqual(['a']);
  });

  it('leaves no timer behind when it unmounts mid-dwell', () => {
    const { wrapper } = createTestRecorder();
    const { unmount } = render(
      <ImpressionTracker as="ul" recommendationId="r" itemIds={['a', 'b']} viewEventType="view">
        <Card itemId="a" />
        <Card itemId="b" />
      </ImpressionTracker>,
      { wrapper },
    );
    const before = vi.getTimerCount();
    mockAllIsIntersecting(1);
    act(() => vi.advanceTimersByTime(500));
    expect(vi.getTimerCount()).toBeGreaterThan(before);
    unmount();
    expect(vi.getTimerCount()).toBe(before);
  });

  it('records clicks and views without a recommendationId PutEvents would refuse, instead of losing them', () => {
    for (const recommendationId of ['x'.repeat(41), '']) {
      const { recorded, wrapper } = createTestRecorder();
      const { unmount } = render(
        <ImpressionTracker as="ul" recommendationId={recommendationId} itemIds={['a']} viewEventType="view">
          <Card itemId="a" />
        </ImpressionTracker>,
        { wrapper },
      );
      mockAllIsIntersecting(1);
      act(() => vi.advanceTimersByTime(1000));
      fireEvent.click(screen.getByText('open a'));
      expect(recorded().map((event) => [event.eventType, event.recommendationId, event.impression])).toEqual([
        ['view', undefined, undefined],
        ['click', undefined, ['a']],
      ]);
      unmount();
    }
  });

  it("judges an outer list's item shown inside a nested tracker by its own element, not the outer container", () => {
    const { recorded, wrapper } = createTestRecorder();
    render(
      <ImpressionTracker data-testid="outer" recommendationId="outer" itemIds={['x', 'y']} viewEventType="view">
        <ul>
          <Card itemId="x" />
        </ul>
        <ImpressionTracker as="ul" recommendationId="inner" itemIds={['i1']} viewEventType="view">
          <Card itemId="i1" />
          <Card itemId="y" />
        </ImpressionTracker>
      </ImpressionTracker>,
      { wrapper },
    );
    mockIsIntersecting(screen.getByTestId('outer'), 1);
    mockIsIntersecting(screen.getByTestId('x'), 1);
    act(() => vi.advanceTimersByTime(2000));
    expect(recorded().map((event) => `${event.itemId}@${event.recommendationId}`)).toEqual(['x@outer']);
    mockIsIntersecting(screen.getByTestId('y'), 1);
    act(() => vi.advanceTimersByTime(1000));
    expect(recorded().map((event) => `${event.itemId}@${event.recommendationId}`)).toEqual(['x@outer', 'y@outer']);
  });

  it("judges a nested list's items that arrive after mount by their own elements, in the nested list", () => {
    const { recorded, wrapper } = createTestRecorder();
    const ui = (inner: string[]) => (
      <ImpressionTracker data-testid="outer" recommendationId="outer" itemIds={['x']} viewEventType="view">
        <ImpressionTracker as="ul" data-testid="inner" recommendationId="inner" itemIds={inner} viewEventType="view">
          {inner.map((itemId) => (
            <Card key={itemId} itemId={itemId} />
          ))}
        </ImpressionTracker>
      </ImpressionTracker>
    );
    // Loading, then loaded: React attaches the new item's ref before the tracker learns its new itemIds. Without
    // StrictMode, whose second ref call comes after the tracker's layout effect and would hide it.
    const { rerender } = render(ui([]), { wrapper, reactStrictMode: false });
    rerender(ui(['i1']));
    const views = () => recorded().map((event) => `${event.itemId}@${event.recommendationId}`);
    mockIsIntersecting(screen.getByTestId('inner'), 1);
    act(() => vi.advanceTimersByTime(2000));
    expect(views()).toEqual([]);
    mockIsIntersecting(screen.getByTestId('i1'), 1);
    act(() => vi.advanceTimersByTime(1000));
    expect(views()).toEqual(['i1@inner']);
  });

  it('renders with itemIds missing (a JavaScript caller while the list loads) as an empty list', () => {
    const { wrapper, recorded } = createTestRecorder();
    const missing = undefined as unknown as string[];
    render(
      <ImpressionTracker itemIds={missing} viewEventType="view" minDwellMs={0}>
        <PlainCard itemId="a" />
      </ImpressionTracker>,
      { wrapper },
    );
    mockAllIsIntersecting(1);
    fireEvent.click(screen.getByText('open a'));
    expect(recorded()).toEqual([expect.objectContaining({ eventType: 'click', itemId: 'a' })]);
    expect(recorded()[0].impression).toBeUndefined();
  });

  it('counts an item only after it stayed on screen for minDwellMs', () => {
    const { wrapper, recorded } = createTestRecorder();
    render(
      <ImpressionTracker as="ul" recommendationId="rec-1" itemIds={items} minDwellMs={1000}>
        {items.map((itemId) => (
          <Card key={itemId} itemId={itemId} />
        ))}
      </ImpressionTracker>,
      { wrapper },
    );
    mockAllIsIntersecting(1);
    act(() => vi.advanceTimersByTime(999));
    fireEvent.click(screen.getByText('open b'));
    act(() => vi.advanceTimersByTime(1));
    fireEvent.click(screen.getByText('open b'));
    expect(clicks(recorded()).map((event) => event.impression)).toEqual([['b'], ['a', 'b', 'c']]);
  });

  it('restarts the dwell clock when an item leaves the screen before minDwellMs', () => {
    const { wrapper, recorded } = createTestRecorder();
    render(
      <ImpressionTracker as="ul" recommendationId="rec-1" itemIds={items} minDwellMs={1000}>
        {items.map((itemId) => (
          <Card key={itemId} itemId={itemId} />
        ))}
      </ImpressionTracker>,
      { wrapper },
    );
    const a = screen.getByTestId('a');
    mockIsIntersecting(a, 1);
    act(() => vi.advanceTimersByTime(600));
    mockIsIntersecting(a, 0);
    mockIsIntersecting(a, 1);
    act(() => vi.advanceTimersByTime(600));
    fireEvent.click(screen.getByText('open c'));
    act(() => vi.advanceTimersByTime(400));
    fireEvent.click(screen.getByText('open c'));
    expect(clicks(recorded()).map((event) => event.impression)).toEqual([['c'], ['a', 'c']]);
  });

  it('does not count an item whose visible share stays under the threshold', () => {
    const { wrapper, recorded } = createTestRecorder();
    render(
      <ImpressionTracker as="ul" recommendationId="rec-1" itemIds={items} threshold={0.5} viewEventType="view">
        {items.map((itemId) => (
          <Card key={itemId} itemId={itemId} />
        ))}
      </ImpressionTracker>,
      { wrapper },
    );
    mockIsIntersecting(screen.getByTestId('a'), 0.49);
    mockIsIntersecting(screen.getByTestId('b'), 0.5);
    act(() => vi.advanceTimersByTime(2000));
    expect(recorded().map((event) => event.itemId)).toEqual(['b']);
  });

  it('does not count time while the tab is hidden, and starts the clock again when it is visible', () => {
    const { wrapper, recorded } = createTestRecorder();
    render(
      <ImpressionTracker as="ul" recommendationId="rec-1" itemIds={items} viewEventType="view">
        {items.map((itemId) => (
          <Card key={itemId} itemId={itemId} />
        ))}
      </ImpressionTracker>,
      { wrapper },
    );
    mockAllIsIntersecting(1);
    act(() => vi.advanceTimersByTime(900));
    setPageHidden(true);
    act(() => vi.advanceTimersByTime(5000));
    expect(recorded()).toHaveLength(0);

    setPageHidden(false);
    act(() => vi.advanceTimersByTime(999));
    expect(recorded()).toHaveLength(0);
    act(() => vi.advanceTimersByTime(1));
    expect(recorded()).toHaveLength(3);
  });

  it('does not start the clock for items that come on screen while the tab is hidden', () => {
    setPageHidden(true);
    const { wrapper, recorded } = createTestRecorder();
    render(
      <ImpressionTracker as="ul" recommendationId="rec-1" itemIds={items} viewEventType="view">
        {items.map((itemId) => (
          <Card key={itemId} itemId={itemId} />
        ))}
      </ImpressionTracker>,
      { wrapper },
    );
    mockAllIsIntersecting(1);
    act(() => vi.advanceTimersByTime(3000));
    expect(recorded()).toHaveLength(0);
  });

  it('counts items without an element of their own when its own element has been seen', () => {
    const { wrapper, recorded } = createTestRecorder();
    const { container } = render(
      <ImpressionTracker recommendationId="rec-1" itemIds={['a', 'b', 'c', 'd']} viewEventType="view">
        <Card itemId="a" />
        <PlainCard itemId="b" />
        <PlainCard itemId="c" />
        <PlainCard itemId="d" />
      </ImpressionTracker>,
      { wrapper },
    );
    mockIsIntersecting(container.firstElementChild!, 1);
    act(() => vi.advanceTimersByTime(1000));
    expect(recorded().map((event) => event.itemId)).toEqual(['b', 'c', 'd']);
    fireEvent.click(screen.getByText('open c'));
    expect(clicks(recorded())[0].impression).toEqual(['b', 'c', 'd']);
  });

  it('uses one IntersectionObserver per threshold for every item of every list', () => {
    const many = Array.from({ length: 200 }, (_, i) => `item-${i}`);
    const { wrapper } = createTestRecorder();
    const list = (prefix: string, threshold: number) => (
      <ImpressionTracker
        as="ul"
        recommendationId={prefix}
        itemIds={many.map((id) => `${prefix}${id}`)}
        threshold={threshold}
      >
        {many.map((id) => (
          <Card key={id} itemId={`${prefix}${id}`} />
        ))}
      </ImpressionTracker>
    );
    const { rerender } = render(
      <>
        {list('x', 0.5)}
        {list('y', 0.5)}
      </>,
      { wrapper },
    );
    expect(IntersectionObserver).toHaveBeenCalledTimes(1);
    rerender(
      <>
        {list('x', 0.5)}
        {list('y', 0.8)}
      </>,
    );
    expect(IntersectionObserver).toHaveBeenCalledTimes(2);
  });

  it('counts nothing as seen where IntersectionObserver does not exist', () => {
    resetIntersectionMocking();
    expect(typeof globalThis.IntersectionObserver).toBe('undefined');
    const { wrapper, recorded } = createTestRecorder();
    render(
      <ImpressionTracker as="ul" recommendationId="rec-1" itemIds={items} viewEventType="view">
        {items.map((itemId) => (
          <Card key={itemId} itemId={itemId} />
        ))}
      </ImpressionTracker>,
      { wrapper },
    );
    act(() => vi.advanceTimersByTime(5000));
    fireEvent.click(screen.getByText('open b'));
    expect(recorded()).toMatchObject([
      { eventType: 'click', itemId: 'b', recommendationId: 'rec-1', impression: ['b'] },
    ]);
  });

  it('renders one element of the given type, forwards its ref and spreads the other props', () => {
    const { wrapper } = createTestRecorder();
    const ref = createRef<HTMLUListElement>();
    const { container } = render(
      <ImpressionTracker as="ul" ref={ref} itemIds={[]} className="grid" aria-label="For you" data-section="home" />,
      { wrapper },
    );
    expect(container.childNodes).toHaveLength(1);
    expect(container.firstElementChild).toBe(ref.current);
    expect(ref.current?.tagName).toBe('UL');
    expect(ref.current).toHaveClass('grid');
    expect(ref.current).toHaveAttribute('aria-label', 'For you');
    expect(ref.current).toHaveAttribute('data-section', 'home');
    expect(ImpressionTracker.displayName).toBe('ImpressionTracker');
  });

  it('renders a div with no attributes of its own, the same on the server as on the client', () => {
    // renderToString here runs in jsdom, where a window exists, so the layout effects stay layout effects: React 18
    // says they do nothing on the server (a real server has no window: test/ssr renders without a message).
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { wrapper, recorder } = createTestRecorder();
    const ui = (
      <ImpressionTracker itemIds={['a']} recommendationId="rec-1">
        <Card itemId="a" />
      </ImpressionTracker>
    );
    const server = renderToString(<PersonalizeProvider recorder={recorder}>{ui}</PersonalizeProvider>);
    const { container } = render(ui, { wrapper });
    expect(container.innerHTML).toBe(server);
    expect(container.innerHTML).toBe('<div><li data-testid="a"><button type="button">open a</button></li></div>');
    const messages = consoleError.mock.calls.map(([message]) => String(message));
    consoleError.mockRestore();
    if (process.env.REACT_MAJOR === '18') {
      expect(messages.length).toBeGreaterThan(0);
      expect(messages.filter((message) => !message.includes('useLayoutEffect does nothing on the server'))).toEqual([]);
    } else {
      expect(messages).toEqual([]);
    }
  });

  it('throws an Error naming PersonalizeProvider outside one', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => render(<ImpressionTracker itemIds={[]} />)).toThrow(
      /^<ImpressionTracker>: no <PersonalizeProvider> above$/,
    );
  });
});

describe("ImpressionTracker on the recorder's clock and timers", () => {
  interface Scheduled {
    callback: () => void;
    ms: number;
    cleared: boolean;
  }

  /** A clock that moves only when told, and timers that fire only when told: nothing of the global ones. */
  function manualTime() {
    let clock = 5_000;
    const scheduled: Scheduled[] = [];
    const timers: Timers = {
      setTimeout(callback, ms) {
        const timer = { callback, ms, cleared: false };
        scheduled.push(timer);
        return timer;
      },
      clearTimeout(handle) {
        if (handle) (handle as Scheduled).cleared = true;
      },
    };
    /** Moves the clock by `ms` and fires the timers due by then. */
    const advance = (ms: number) => {
      clock += ms;
      for (const timer of scheduled.filter((entry) => !entry.cleared && entry.ms <= ms)) {
        timer.cleared = true;
        act(() => timer.callback());
      }
    };
    return { now: () => clock, timers, advance, live: () => scheduled.filter((timer) => !timer.cleared) };
  }

  const realDelay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  function renderList(recorder: Recorder) {
    return render(
      <StrictMode>
        <PersonalizeProvider recorder={recorder}>
          <ImpressionTracker as="ul" recommendationId="rec-1" itemIds={items} minDwellMs={30} viewEventType="view">
            {items.map((itemId) => (
              <Card key={itemId} itemId={itemId} />
            ))}
          </ImpressionTracker>
        </PersonalizeProvider>
      </StrictMode>,
    );
  }

  // Real global timers: a list that ignored the recorder's timers would count items as the real time passes.
  beforeEach(() => vi.useRealTimers());

  it('counts dwell on the injected clock and timers only, never on the real time that passes', async () => {
    const time = manualTime();
    const { recorder, recorded } = createTestRecorder({ now: time.now, timers: time.timers });
    const views = () => recorded().filter((event) => event.eventType === 'view');
    renderList(recorder);

    mockAllIsIntersecting(1);
    expect(time.live().map((timer) => timer.ms)).toEqual([30]);
    expect(inspectImpressionLists(recorder).getSnapshot()[0].items[0]).toMatchObject({
      reason: 'dwell-not-reached',
      dwellStartedAt: 5_000,
      dwellDueAt: 5_030,
    });
    await realDelay(100);
    expect(views()).toEqual([]);

    time.advance(30);
    expect(views().map((event) => event.itemId)).toEqual(items);
    expect(views().every((event) => event.sentAt === 5.03)).toBe(true);
  });

  it('stops the injected timers when an item leaves the screen or the tab is hidden', () => {
    const time = manualTime();
    const { recorder, recorded } = createTestRecorder({ now: time.now, timers: time.timers });
    renderList(recorder);

    mockAllIsIntersecting(1);
    mockAllIsIntersecting(0);
    expect(time.live()).toEqual([]);
    mockAllIsIntersecting(1);
    setPageHidden(true);
    expect(time.live()).toEqual([]);
    setPageHidden(false);
    time.advance(30);
    expect(recorded().filter((event) => event.eventType === 'view')).toHaveLength(items.length);
  });

  it('runs on Date.now and the global timers under a recorder without a clock (a hand-written one)', async () => {
    const time = manualTime();
    const { recorder: made, recorded } = createTestRecorder({ now: time.now, timers: time.timers });
    const recorder: Recorder = { ...made, clock: undefined };
    renderList(recorder);

    mockAllIsIntersecting(1);
    expect(time.live()).toEqual([]);
    await vi.waitFor(() => expect(recorded().filter((event) => event.eventType === 'view')).toHaveLength(items.length));
  });
});
