import { renderToString } from 'react-dom/server';
import {
  ImpressionTracker,
  PersonalizeProvider,
  useImpression,
  usePersonalizeState,
  useTrackEvent,
} from 'react-personalize';
import { createTestRecorder } from 'react-personalize/test-utils';

function Card({ itemId }: { itemId: string }) {
  const ref = useImpression(itemId);
  const track = useTrackEvent({ properties: { surface: 'home' } });
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
    <PersonalizeProvider recorder={recorder} userId="u1">
      <ImpressionTracker as="ul" className="grid" recommendationId="rec-1" itemIds={['a', 'b']} viewEventType="view">
        <Card itemId="a" />
        <Card itemId="b" />
      </ImpressionTracker>
      <Outbox />
    </PersonalizeProvider>
  );
}

describe('server rendering of the React bindings', () => {
  // hydration.test.tsx hydrates this markup in jsdom: keep the two in step.
  it('renders the markup of the app alone, with no DOM of its own', () => {
    expect(typeof window).toBe('undefined');
    const { recorder } = createTestRecorder();
    expect(renderToString(<App recorder={recorder} />)).toBe(
      '<ul class="grid"><li><button type="button">a</button></li><li><button type="button">b</button></li></ul><output>0</output>',
    );
  });

  it('records nothing, sends nothing, identifies nobody and is silent on the console', async () => {
    const error = vi.spyOn(console, 'error');
    const warn = vi.spyOn(console, 'warn');
    const { recorder, recorded, transport } = createTestRecorder();
    renderToString(<App recorder={recorder} />);
    await recorder.flush();
    expect(recorded()).toEqual([]);
    expect(transport.attempts).toEqual([]);
    expect(recorder.getSnapshot().userId).toBeUndefined();
    expect(error).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
  });
});
