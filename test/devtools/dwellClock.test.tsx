import { act, configure, fireEvent, render } from '@testing-library/react';
import { createRecorder, ImpressionTracker, PersonalizeProvider, useImpression } from 'react-personalize';
import { PersonalizeDevtoolsPanel } from 'react-personalize/devtools';
import { createMemoryTransport, mockAllIsIntersecting, setupIntersectionMocking } from 'react-personalize/test-utils';

configure({ reactStrictMode: true });

function Card({ itemId }: { itemId: string }) {
  return <div ref={useImpression(itemId)}>{itemId}</div>;
}

beforeEach(() => {
  setupIntersectionMocking(vi.fn);
});

describe('PersonalizeDevtoolsPanel', () => {
  it("measures dwell progress on the recorder's clock, not the wall clock", () => {
    // A recorder clock far from wall time: the panel must read the same clock as the lists' dwell times.
    let clock = 1_000;
    const recorder = createRecorder({
      transport: createMemoryTransport(),
      persistence: false,
      sessionStorage: false,
      now: () => clock,
    });
    const view = render(
      <PersonalizeProvider recorder={recorder}>
        <ImpressionTracker recommendationId="rec-1" itemIds={['a']} minDwellMs={1_000}>
          <Card itemId="a" />
        </ImpressionTracker>
        <PersonalizeDevtoolsPanel />
      </PersonalizeProvider>,
    );
    const shadow = view.container.querySelector('personalize-devtools')?.shadowRoot as ShadowRoot;
    const impressionsTab = [...shadow.querySelectorAll('button')].find((button) =>
      button.textContent?.startsWith('Impressions'),
    ) as HTMLButtonElement;
    fireEvent.click(impressionsTab);
    act(() => mockAllIsIntersecting(1));
    clock = 1_400;
    // Any change of a list re-renders the panel, which reads the clock again.
    act(() => mockAllIsIntersecting(0.9));
    expect(shadow.querySelector('[data-item-id="a"] .why')?.textContent).toBe(
      'dwell not reached: on screen for 400 of 1000 ms',
    );
    const bar = shadow.querySelector<HTMLElement>('[data-item-id="a"] .meter > span');
    expect(bar?.style.width).toBe('40%');
  });
});
