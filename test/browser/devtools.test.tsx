import { cleanup, configure, render, screen } from '@testing-library/react';
import { createRecorder, ImpressionTracker, PersonalizeProvider, useImpression } from 'react-personalize';
import { PersonalizeDevtools, PersonalizeDevtoolsPanel } from 'react-personalize/devtools';
import { createMemoryTransport, createTestRecorder } from 'react-personalize/test-utils';
import { afterTwoFrames } from '../support/afterTwoFrames';
import { scrollViewport } from '../support/scrollViewport';
import { setTabHidden } from '../support/setTabHidden';

// Real Chromium, real layout, real IntersectionObserver, real time. What must happen is awaited (never a fixed
// sleep); only what must stay short is timed.
configure({ reactStrictMode: true });

const DWELL = 1000;
const WAIT = { timeout: 15_000, interval: 20 };
const ITEM_HEIGHT = 100;
const VIEWPORT_HEIGHT = 300;
const itemIds = Array.from({ length: 30 }, (_, i) => `item-${i}`);

/** The devtools' shadow root (one devtools on the page). */
function shadow(): ShadowRoot {
  const root = document.querySelector('personalize-devtools')?.shadowRoot;
  if (!root) throw new Error('no devtools shadow root');
  return root;
}
const outline = (itemId: string) => shadow().querySelector<HTMLElement>(`.outline[data-item-id="${itemId}"]`);
const panelItem = (itemId: string) => shadow().querySelector<HTMLElement>(`.items li[data-item-id="${itemId}"]`);

function Card({ itemId }: { itemId: string }) {
  const ref = useImpression(itemId);
  return (
    <li ref={ref} style={{ height: ITEM_HEIGHT, margin: 0 }}>
      {itemId}
    </li>
  );
}

/** A scrolling list of 30 cards (three on screen), plus `item-x` in the list with no card, and the devtools. */
function renderListWithDevtools() {
  const testRecorder = createTestRecorder();
  render(
    <>
      <div data-testid="viewport" style={{ height: VIEWPORT_HEIGHT, overflowY: 'auto' }}>
        <ImpressionTracker
          as="ul"
          recommendationId="rec-devtools"
          itemIds={[...itemIds, 'item-x']}
          minDwellMs={DWELL}
          threshold={0.5}
          style={{ listStyle: 'none', margin: 0, padding: 0 }}
        >
          {itemIds.map((itemId) => (
            <Card key={itemId} itemId={itemId} />
          ))}
        </ImpressionTracker>
      </div>
      <PersonalizeDevtools initialIsOpen />
    </>,
    { wrapper: testRecorder.wrapper },
  );
  const viewport = screen.getByTestId('viewport');
  const scrollTo = (top: number) => scrollViewport(viewport, top);
  return { scrollTo };
}

afterEach(() => {
  cleanup();
  setTabHidden(false);
  for (const style of document.querySelectorAll('style[data-hostile]')) style.remove();
});

describe('PersonalizeDevtools in a real browser', () => {
  it('outlines each tracked item: tracked, dwelling with progress, counted; the outlines follow scrolling', async () => {
    const { scrollTo } = renderListWithDevtools();
    // Items 0–2 fill the viewport: dwelling first (with a progress bar), then counted.
    await vi.waitFor(() => expect(outline('item-1')?.dataset.state).toBe('dwelling'), WAIT);
    expect(outline('item-1')?.querySelector('.meter')).not.toBeNull();
    expect(outline('item-10')?.dataset.state).toBe('tracked');
    await vi.waitFor(() => expect(outline('item-1')?.dataset.state).toBe('counted'), WAIT);

    // Item 10 comes on screen: its outline moves into the viewport and dwells, then counts.
    const topBefore = outline('item-10')?.getBoundingClientRect().top ?? 0;
    await scrollTo(1000);
    await vi.waitFor(() => expect(outline('item-10')?.dataset.state).toBe('dwelling'), WAIT);
    const viewportTop = screen.getByTestId('viewport').getBoundingClientRect().top;
    await vi.waitFor(() => {
      const top = outline('item-10')?.getBoundingClientRect().top ?? 0;
      expect(top).toBeLessThan(topBefore);
      expect(Math.abs(top - viewportTop)).toBeLessThan(2);
    }, WAIT);
    // Scrolled away before the dwell: back to tracked; the counted items stay counted.
    await scrollTo(2000);
    await vi.waitFor(() => expect(outline('item-10')?.dataset.state).toBe('tracked'), WAIT);
    expect(outline('item-1')?.dataset.state).toBe('counted');
    await vi.waitFor(() => expect(outline('item-21')?.dataset.state).toBe('counted'), WAIT);
    expect(outline('item-10')?.dataset.state).toBe('tracked');
  });

  it('answers why an item is not in the impression: below the threshold, dwell not reached, tab hidden, no element', async () => {
    renderListWithDevtools();
    [...shadow().querySelectorAll('button')].find((button) => button.textContent?.startsWith('Impressions'))?.click();
    await vi.waitFor(() => expect(panelItem('item-1')?.dataset.reason).toBe('dwell-not-reached'), WAIT);
    expect(panelItem('item-1')?.textContent).toMatch(/dwell not reached: on screen for \d+ of 1000 ms/);
    expect(panelItem('item-10')?.dataset.reason).toBe('below-threshold');
    expect(panelItem('item-10')?.textContent).toContain(
      'below the threshold: less than 50% of its element is on screen',
    );
    expect(panelItem('item-x')?.dataset.reason).toBe('no-element');
    expect(panelItem('item-x')?.textContent).toContain("nothing is marked with useImpression('item-x')");

    setTabHidden(true);
    await vi.waitFor(() => expect(panelItem('item-1')?.dataset.reason).toBe('tab-hidden'), WAIT);
    expect(panelItem('item-1')?.textContent).toContain('the tab is hidden');
    setTabHidden(false);

    await vi.waitFor(() => expect(panelItem('item-1')?.dataset.state).toBe('counted'), WAIT);
    expect(panelItem('item-1')?.dataset.reason).toBe('');
    expect(panelItem('item-1')?.textContent).toContain('in the impression');
    expect(shadow().querySelector('[data-recommendation-id="rec-devtools"]')?.textContent).toContain('31 items');
  });

  it('lists a batch that fails once as retrying with its attempt, then as sent after two attempts', async () => {
    const transport = createMemoryTransport();
    transport.fail('server', 1);
    const recorder = createRecorder({
      transport,
      persistence: false,
      sessionStorage: false,
      flushInterval: 50,
      retry: { baseDelay: 600, maxDelay: 600 },
    });
    render(
      <PersonalizeProvider recorder={recorder}>
        <PersonalizeDevtoolsPanel />
      </PersonalizeProvider>,
    );
    await vi.waitFor(() => expect(shadow().querySelector('.panel')).not.toBeNull(), WAIT);
    recorder.record({ eventType: 'click', itemId: 'shoe', recommendationId: 'rec-1', impression: ['shoe', 'hat'] });
    recorder.record({ eventType: 'purchase', itemId: 'hat', properties: { price: 12 } });
    const rows = () => [...shadow().querySelectorAll<HTMLElement>('[data-event-key]')];
    await vi.waitFor(() => expect(rows().map((row) => row.dataset.delivery)).toEqual(['retrying', 'retrying']), WAIT);
    expect(rows()[1].textContent).toMatch(/retrying: attempt 1 failed, next try at \d\d:\d\d:\d\d\.\d{3}/);
    expect(rows()[1].textContent).toContain('impression shoe, hat');
    expect(rows()[0].textContent).toContain('properties {"price":12}');
    expect(shadow().querySelector('[data-stat="retries"] dd')?.textContent).toBe('1');
    await vi.waitFor(() => expect(rows().map((row) => row.dataset.delivery)).toEqual(['sent', 'sent']), WAIT);
    expect(rows().map((row) => row.querySelector('.badge')?.textContent)).toEqual([
      'sent after 2 attempts',
      'sent after 2 attempts',
    ]);
    expect(shadow().querySelector('[data-stat="sent"] dd')?.textContent).toBe('2');
    expect(transport.attempts).toHaveLength(2);
    await recorder.close();
  });

  it("does not change the page's styles", async () => {
    render(
      <div>
        <h1>Shop</h1>
        <p>
          Some <a href="#top">text</a>
        </p>
        <button type="button">Buy</button>
      </div>,
    );
    const probe = () =>
      ['h1', 'p', 'a', 'button', 'body'].map((selector) => {
        const style = getComputedStyle(document.querySelector(selector) as Element);
        return [style.color, style.font, style.backgroundColor, style.margin, style.padding, style.border].join('|');
      });
    const before = probe();
    const sheets = document.styleSheets.length;
    const { recorder, wrapper: Wrapper } = createTestRecorder();
    render(
      <Wrapper>
        <PersonalizeDevtools initialIsOpen />
      </Wrapper>,
    );
    await vi.waitFor(() => expect(shadow().querySelector('.panel')).not.toBeNull(), WAIT);
    recorder.record({ eventType: 'click', itemId: 'a' });
    await afterTwoFrames();
    expect(probe()).toEqual(before);
    expect(document.styleSheets.length).toBe(sheets);
  });

  it('is not changed by the page’s styles', async () => {
    const { wrapper: Wrapper } = createTestRecorder();
    render(
      <Wrapper>
        <PersonalizeDevtools initialIsOpen />
      </Wrapper>,
    );
    await vi.waitFor(() => expect(shadow().querySelector('.panel')).not.toBeNull(), WAIT);
    const probe = () =>
      ['personalize-devtools', '.panel', '.bar button', '.stats dd', 'h2'].map((selector) => {
        const element =
          selector === 'personalize-devtools' ? document.querySelector(selector) : shadow().querySelector(selector);
        const style = getComputedStyle(element as Element);
        const box = element?.getBoundingClientRect();
        return [
          style.color,
          style.font,
          style.backgroundColor,
          style.padding,
          style.border,
          style.display,
          box?.width,
          box?.height,
        ].join('|');
      });
    const before = probe();
    const hostile = document.createElement('style');
    hostile.dataset.hostile = '';
    hostile.textContent = `
      * { color: rgb(255, 0, 0) !important; font: italic 30px serif !important; padding: 20px !important;
          border: 5px solid lime !important; background: yellow !important; }
      body { font-size: 40px; line-height: 3; letter-spacing: 4px; }
      personalize-devtools, section, button { display: none !important; }
    `;
    document.head.append(hostile);
    await afterTwoFrames();
    expect(probe()).toEqual(before);
  });
});
