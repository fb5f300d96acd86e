import { cleanup, configure, render, screen } from '@testing-library/react';
import { ImpressionTracker, useImpression, useTrackEvent } from 'react-personalize';
import { createTestRecorder } from 'react-personalize/test-utils';
import { afterTwoFrames } from '../support/afterTwoFrames';
import { scrollViewport } from '../support/scrollViewport';
import { setTabHidden } from '../support/setTabHidden';

// Real Chromium, real layout, real IntersectionObserver and real time. On a busy CI machine only what must stay
// short is timed: a brief visit lasts ~100 ms (SHORT plus a few frames), a tenth of the dwell. What must count is
// awaited by its view event (never a fixed sleep), and an item's dwell clock runs out in order, so once a later item
// is viewed, an earlier brief visit would have been too.
configure({ reactStrictMode: true });

const DWELL = 1000;
/** Far shorter than the dwell. */
const SHORT = 40;
/** Only bounds waits for something that happens after DWELL; generous for a busy 2-core machine. */
const WAIT = { timeout: 15_000, interval: 50 };
const ITEM_HEIGHT = 100;
const VIEWPORT_HEIGHT = 300;

const itemIds = Array.from({ length: 50 }, (_, i) => `item-${i}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function Card({ itemId }: { itemId: string }) {
  const ref = useImpression(itemId);
  const track = useTrackEvent();
  return (
    <li ref={ref} style={{ height: ITEM_HEIGHT, margin: 0, boxSizing: 'border-box' }}>
      <button type="button" onClick={() => track({ eventType: 'click', itemId })}>
        {itemId}
      </button>
    </li>
  );
}

function renderList(recommendationId: string) {
  const testRecorder = createTestRecorder();
  render(
    <div data-testid="viewport" style={{ height: VIEWPORT_HEIGHT, overflowY: 'auto' }}>
      <ImpressionTracker
        as="ul"
        recommendationId={recommendationId}
        itemIds={itemIds}
        minDwellMs={DWELL}
        threshold={0.5}
        viewEventType="view"
        style={{ listStyle: 'none', margin: 0, padding: 0 }}
      >
        {itemIds.map((itemId) => (
          <Card key={itemId} itemId={itemId} />
        ))}
      </ImpressionTracker>
    </div>,
    { wrapper: testRecorder.wrapper },
  );
  const viewport = screen.getByTestId('viewport');
  const scrollTo = (top: number) => scrollViewport(viewport, top);
  const clickImpression = (itemId: string) => {
    screen.getByText(itemId).click();
    return testRecorder.recorded().at(-1)?.impression;
  };
  /** The items viewed so far, in the order their view events were recorded. */
  const viewed = () =>
    testRecorder
      .recorded()
      .filter((event) => event.eventType === 'view')
      .map((event) => event.itemId);
  /** Waits until each of `itemIds` has been viewed. */
  const untilViewed = (...itemIds: string[]) =>
    vi.waitFor(() => expect(viewed()).toEqual(expect.arrayContaining(itemIds)), WAIT);
  return { scrollTo, clickImpression, viewed, untilViewed };
}

afterEach(() => {
  cleanup();
  setTabHidden(false);
});

describe('ImpressionTracker in a real browser', () => {
  it('puts in the impression only items that stayed on screen past the threshold for the dwell time', async () => {
    expect(document.visibilityState).toBe('visible');
    const { scrollTo, clickImpression, viewed, untilViewed } = renderList('rec-scroll');
    await untilViewed('item-0', 'item-1', 'item-2'); // items 0–2 fill the viewport

    await scrollTo(740); // item 7 is 60% on screen, briefly (its clock started with 8's and 9's)
    await sleep(SHORT);
    await scrollTo(760); // then 40% (under the threshold, still intersecting); 8 and 9 fully, 10 at 60%
    await untilViewed('item-8', 'item-9', 'item-10');

    await scrollTo(2000); // items 20–22, but only briefly
    await sleep(SHORT);

    await scrollTo(4000); // items 40–42
    await untilViewed('item-40', 'item-41', 'item-42');

    const expected = ['item-0', 'item-1', 'item-2', 'item-8', 'item-9', 'item-10', 'item-40', 'item-41', 'item-42'];
    expect([...viewed()].sort()).toEqual([...expected].sort());
    expect(clickImpression('item-41')).toEqual([
      'item-0',
      'item-1',
      'item-2',
      'item-8',
      'item-9',
      'item-10',
      'item-40',
      'item-41',
      'item-42',
    ]);
  });

  it('does not count time while the tab is hidden', async () => {
    const { scrollTo, clickImpression, viewed, untilViewed } = renderList('rec-hidden');
    setTabHidden(true);
    await afterTwoFrames();
    await scrollTo(1000); // items 10–12 come on screen in a hidden tab
    await sleep(2 * DWELL); // twice the dwell: had the hidden time counted, they would be viewed by now
    expect(viewed()).toEqual([]);
    expect(clickImpression('item-11')).toEqual(['item-11']);

    setTabHidden(false);
    await untilViewed('item-10', 'item-11', 'item-12');
    expect(clickImpression('item-11')).toEqual(['item-10', 'item-11', 'item-12']);
  });
});
