import { act, fireEvent, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { createAttribution } from '../../src/core/createAttribution';
import { createRecorder } from '../../src/core/createRecorder';
import type { Recorder, StorageLike } from '../../src/core/types';
import { ImpressionTracker } from '../../src/react/ImpressionTracker';
import { PersonalizeProvider } from '../../src/react/PersonalizeProvider';
import { useTrackEvent } from '../../src/react/useTrackEvent';
import { createMemoryTransport, type MemoryTransport } from '../../src/test-utils/createMemoryTransport';
import { resetIntersectionMocking, setupIntersectionMocking } from '../../src/test-utils/setupIntersectionMocking';
import { Card } from '../support/Card';

function memoryStorage(): StorageLike {
  const data = new Map<string, string>();
  return {
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
    get length() {
      return data.size;
    },
    key: (index) => [...data.keys()][index] ?? null,
  };
}

function Home() {
  return (
    <ImpressionTracker as="ul" recommendationId="RID-home" itemIds={['sku-1', 'sku-2']}>
      <Card itemId="sku-1" />
      <Card itemId="sku-2" />
    </ImpressionTracker>
  );
}

function Checkout({ itemId }: { itemId: string }) {
  const track = useTrackEvent();
  return (
    <button type="button" onClick={() => track({ eventType: 'purchase', itemId, eventValue: 49.9 })}>
      buy {itemId}
    </button>
  );
}

/** A page load: a fresh recorder over the same localStorage. */
function load(storage: StorageLike): { recorder: Recorder; transport: MemoryTransport } {
  const transport = createMemoryTransport();
  const recorder = createRecorder({
    transport,
    persistence: storage,
    sessionStorage: false,
    lifecycle: false,
    attribution: createAttribution({ eventTypes: ['purchase'] }),
  });
  return { recorder, transport };
}

beforeEach(() => {
  setupIntersectionMocking();
});
afterEach(() => {
  resetIntersectionMocking();
});

describe('RecorderOptions.attribution', () => {
  it('credits a purchase on another page to the list the item was clicked in', async () => {
    const storage = memoryStorage();
    const home = load(storage);
    const homePage = render(
      <StrictMode>
        <PersonalizeProvider recorder={home.recorder}>
          <Home />
        </PersonalizeProvider>
      </StrictMode>,
    );
    fireEvent.click(screen.getByText('open sku-1'));
    await act(() => home.recorder.close());
    homePage.unmount();
    expect(home.transport.events()).toMatchObject([
      { eventType: 'click', itemId: 'sku-1', recommendationId: 'RID-home', impression: ['sku-1'] },
    ]);

    const checkout = load(storage);
    render(
      <StrictMode>
        <PersonalizeProvider recorder={checkout.recorder}>
          <Checkout itemId="sku-1" />
          <Checkout itemId="sku-3" />
        </PersonalizeProvider>
      </StrictMode>,
    );
    fireEvent.click(screen.getByText('buy sku-1'));
    fireEvent.click(screen.getByText('buy sku-3'));
    await act(() => checkout.recorder.flush());
    const [bought, other] = checkout.transport.events();
    expect(bought).toMatchObject({ eventType: 'purchase', itemId: 'sku-1', recommendationId: 'RID-home' });
    expect(bought.impression).toBeUndefined();
    expect(other.recommendationId).toBeUndefined();
  });
});
