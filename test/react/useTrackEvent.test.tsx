import { act, fireEvent, render, screen } from '@testing-library/react';
import { Profiler, StrictMode, useEffect, useState } from 'react';
import { type EventInput, ImpressionTracker, PersonalizeProvider, useTrackEvent } from 'react-personalize';
import {
  createTestRecorder,
  mockAllIsIntersecting,
  mockIsIntersecting,
  resetIntersectionMocking,
  setupIntersectionMocking,
} from 'react-personalize/test-utils';
import { Card } from '../support/Card';

function List({ itemIds, clickable = itemIds }: { itemIds: string[]; clickable?: string[] }) {
  return (
    <ImpressionTracker as="ul" recommendationId="rec-1" itemIds={itemIds} minDwellMs={0}>
      {clickable.map((itemId) => (
        <Card key={itemId} itemId={itemId} />
      ))}
    </ImpressionTracker>
  );
}

/** A button that records `event` through useTrackEvent(defaults), and reports the function each commit holds. */
function TrackButton({
  label,
  event,
  defaults,
  onIdentity,
}: {
  label: string;
  event: EventInput;
  defaults?: Partial<EventInput>;
  onIdentity?: (track: unknown) => void;
}) {
  const track = useTrackEvent(defaults);
  // Reported from commits: React 18's StrictMode throws away the first of its two mount renders, state included.
  useEffect(() => {
    onIdentity?.(track);
  });
  return (
    <button type="button" onClick={() => track(event)}>
      {label}
    </button>
  );
}

function Growing() {
  const [itemIds, setItemIds] = useState(['a']);
  useEffect(() => setItemIds(['a', 'b']), []);
  return <List itemIds={itemIds} clickable={['a', 'b']} />;
}

function Orphan() {
  useTrackEvent();
  return null;
}

const click: EventInput = { eventType: 'click', itemId: 'a' };

beforeEach(() => {
  setupIntersectionMocking(vi.fn);
});

afterEach(() => {
  resetIntersectionMocking();
});

describe('useTrackEvent', () => {
  it('records exactly one event per call from mount to unmount, and none while rendering', () => {
    const { recorder, recorded } = createTestRecorder();
    const { unmount } = render(
      <StrictMode>
        <PersonalizeProvider recorder={recorder}>
          <TrackButton label="go" event={click} />
        </PersonalizeProvider>
      </StrictMode>,
    );
    expect(recorded()).toHaveLength(0);
    fireEvent.click(screen.getByText('go'));
    fireEvent.click(screen.getByText('go'));
    fireEvent.click(screen.getByText('go'));
    unmount();
    expect(recorded()).toHaveLength(3);
    expect(recorded().map((event) => event.eventType)).toEqual(['click', 'click', 'click']);
  });

  it('returns a function whose identity never changes and re-renders nothing when it records', () => {
    const { wrapper, recorder } = createTestRecorder();
    const identities = new Set<unknown>();
    let commits = 0;
    const ui = (label: string) => (
      <Profiler id="button" onRender={() => commits++}>
        <TrackButton
          label={label}
          event={click}
          defaults={{ properties: { label } }}
          onIdentity={(track) => identities.add(track)}
        />
      </Profiler>
    );
    const { rerender } = render(ui('one'), { wrapper });
    rerender(ui('two'));
    rerender(ui('three'));
    expect(identities.size).toBe(1);
    const before = commits;
    fireEvent.click(screen.getByText('three'));
    act(() => {
      recorder.record({ eventType: 'other' });
    });
    expect(commits).toBe(before);
  });

  it('merges the latest defaults under the event, without letting undefined erase a default', () => {
    const { wrapper, recorded } = createTestRecorder();
    const ui = (surface: string) => (
      <TrackButton
        label="go"
        event={{ eventType: 'click', itemId: 'a', eventValue: undefined }}
        defaults={{ eventValue: 3, properties: { surface } }}
      />
    );
    const { rerender } = render(ui('home'), { wrapper });
    rerender(ui('cart'));
    fireEvent.click(screen.getByText('go'));
    expect(recorded()).toMatchObject([
      { eventType: 'click', itemId: 'a', eventValue: 3, properties: '{"surface":"cart"}' },
    ]);
  });

  it('fills recommendationId and the seen items of the list, in list order, always with its own item', () => {
    const { wrapper, recorded } = createTestRecorder();
    render(<List itemIds={['a', 'b', 'c', 'd', 'e']} />, { wrapper });
    mockIsIntersecting(screen.getByTestId('d'), 1);
    mockIsIntersecting(screen.getByTestId('b'), 1);
    fireEvent.click(screen.getByText('open e'));
    expect(recorded()).toMatchObject([{ itemId: 'e', recommendationId: 'rec-1', impression: ['b', 'd', 'e'] }]);
  });

  it('keeps the 25 seen items nearest the interacted one when more were seen', () => {
    const { wrapper, recorded } = createTestRecorder();
    const itemIds = Array.from({ length: 40 }, (_, i) => `item-${i}`);
    render(<List itemIds={itemIds} />, { wrapper });
    mockAllIsIntersecting(1);
    fireEvent.click(screen.getByText('open item-30'));
    fireEvent.click(screen.getByText('open item-2'));
    const [nearEnd, nearStart] = recorded().map((event) => event.impression);
    expect(nearEnd).toEqual(itemIds.slice(15, 40));
    expect(nearStart).toEqual(itemIds.slice(0, 25));
  });

  it("keeps the caller's recommendationId and impression", () => {
    const { wrapper, recorded } = createTestRecorder();
    render(
      <ImpressionTracker recommendationId="rec-1" itemIds={['a', 'b']} minDwellMs={0}>
        <Card itemId="b" />
        <TrackButton
          label="custom"
          event={{ eventType: 'click', itemId: 'a', recommendationId: 'mine', impression: ['x', 'a'] }}
        />
      </ImpressionTracker>,
      { wrapper },
    );
    mockAllIsIntersecting(1);
    fireEvent.click(screen.getByText('custom'));
    expect(recorded()).toMatchObject([{ itemId: 'a', recommendationId: 'mine', impression: ['x', 'a'] }]);
  });

  it('leaves events for items outside the list, or without an item, untouched', () => {
    const { wrapper, recorded } = createTestRecorder();
    render(
      <ImpressionTracker recommendationId="rec-1" itemIds={['a']} minDwellMs={0}>
        <Card itemId="a" />
        <TrackButton label="outside" event={{ eventType: 'click', itemId: 'elsewhere' }} />
        <TrackButton label="search" event={{ eventType: 'search' }} />
      </ImpressionTracker>,
      { wrapper },
    );
    mockAllIsIntersecting(1);
    fireEvent.click(screen.getByText('outside'));
    fireEvent.click(screen.getByText('search'));
    for (const event of recorded()) {
      expect(event.recommendationId).toBeUndefined();
      expect(event.impression).toBeUndefined();
    }
    expect(recorded()).toHaveLength(2);
  });

  it('hands an event for an item of an outer tracker, not of the nearest, to the outer one', () => {
    const { wrapper, recorded } = createTestRecorder();
    render(
      <ImpressionTracker recommendationId="outer" itemIds={['x', 'y']} minDwellMs={0}>
        <ImpressionTracker recommendationId="inner" itemIds={['a']} minDwellMs={0}>
          <Card itemId="a" />
          <TrackButton label="y inside inner" event={{ eventType: 'click', itemId: 'y' }} />
          <TrackButton label="z" event={{ eventType: 'click', itemId: 'z' }} />
        </ImpressionTracker>
      </ImpressionTracker>,
      { wrapper },
    );
    fireEvent.click(screen.getByText('open a'));
    fireEvent.click(screen.getByText('y inside inner'));
    fireEvent.click(screen.getByText('z'));
    expect(recorded().map((event) => [event.itemId, event.recommendationId, event.impression])).toEqual([
      ['a', 'inner', ['a']],
      ['y', 'outer', ['y']],
      ['z', undefined, undefined],
    ]);
  });

  it('links against the itemIds of the last commit', () => {
    const { wrapper, recorded } = createTestRecorder();
    render(<Growing />, { wrapper });
    mockAllIsIntersecting(1);
    fireEvent.click(screen.getByText('open b'));
    expect(recorded()).toMatchObject([{ itemId: 'b', recommendationId: 'rec-1', impression: ['a', 'b'] }]);
  });

  it('throws an Error naming PersonalizeProvider outside one', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => render(<Orphan />)).toThrow(/^useTrackEvent\(\): no <PersonalizeProvider> above$/);
  });
});
