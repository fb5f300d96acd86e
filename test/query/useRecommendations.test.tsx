import { keepPreviousData, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import { type ReactNode, StrictMode } from 'react';
import { createRecorder } from '../../src/core/createRecorder';
import type { Recorder } from '../../src/core/types';
import type { RecommendationList } from '../../src/query/RecommendationList';
import {
  type RecommendationsQueryContext,
  type UseRecommendationsOptions,
  useRecommendations,
} from '../../src/query/useRecommendations';
import { ImpressionTracker } from '../../src/react/ImpressionTracker';
import { PersonalizeProvider } from '../../src/react/PersonalizeProvider';
import { useImpression } from '../../src/react/useImpression';
import { createMemoryTransport, type MemoryTransport } from '../../src/test-utils/createMemoryTransport';
import {
  mockAllIsIntersecting,
  resetIntersectionMocking,
  setupIntersectionMocking,
} from '../../src/test-utils/setupIntersectionMocking';
import { expectNothingRefetched } from '../support/expectNothingRefetched';

/** A fake backend: each call answers a new recommendationId, and lists what it was asked for. */
function fakeFetcher(items: string[] = ['a', 'b', 'c']) {
  const calls: { userId?: string; sessionId?: string; queryKey: readonly unknown[] }[] = [];
  const queryFn = vi.fn(async (context: RecommendationsQueryContext): Promise<RecommendationList> => {
    calls.push({ userId: context.userId, sessionId: context.sessionId, queryKey: context.queryKey });
    const who = context.userId ?? 'anonymous';
    return {
      recommendationId: `rec-${who}-${calls.length}`,
      itemList: items.map((itemId, index) => ({ itemId: `${who}-${itemId}`, score: 1 - index / 10 })),
    };
  });
  return { queryFn, calls };
}

function setup(options: { userId?: string } = {}) {
  const transport = createMemoryTransport();
  const recorder = createRecorder({
    transport,
    persistence: false,
    sessionStorage: false,
    lifecycle: false,
    flushInterval: 0,
    userId: options.userId,
  });
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Number.POSITIVE_INFINITY } },
  });
  return { transport, recorder, queryClient };
}

function Providers({
  recorder,
  queryClient,
  userId,
  children,
}: {
  recorder: Recorder;
  queryClient: QueryClient;
  userId?: string;
  children?: ReactNode;
}) {
  return (
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <PersonalizeProvider recorder={recorder} userId={userId}>
          {children}
        </PersonalizeProvider>
      </QueryClientProvider>
    </StrictMode>
  );
}

function renderRecommendations(
  { recorder, queryClient }: { recorder: Recorder; queryClient: QueryClient },
  options: UseRecommendationsOptions,
  initialUserId?: string,
) {
  return renderHook(
    (props: { userId?: string; options: UseRecommendationsOptions }) => useRecommendations(props.options),
    {
      initialProps: { userId: initialUserId, options },
      wrapper: ({ children }) => (
        <Providers recorder={recorder} queryClient={queryClient} userId={recorder.getSnapshot().userId}>
          {children}
        </Providers>
      ),
    },
  );
}

function Twice({ options }: { options: UseRecommendationsOptions }) {
  const first = useRecommendations(options);
  const second = useRecommendations(options);
  return (
    <p>
      {first.recommendationId} {second.recommendationId}
    </p>
  );
}

function Card({ itemId }: { itemId: string }) {
  const ref = useImpression(itemId);
  return <li ref={ref}>{itemId}</li>;
}
function Shelf({ queryFn }: { queryFn: UseRecommendationsOptions['queryFn'] }) {
  const recs = useRecommendations({ queryKey: ['shelf'], queryFn });
  return (
    <>
      <p>{recs.status}</p>
      <ImpressionTracker
        as="ul"
        recommendationId={recs.recommendationId}
        itemIds={recs.itemIds}
        minDwellMs={0}
        viewEventType="view"
      >
        {recs.itemList.map((item) => (
          <Card key={item.itemId} itemId={item.itemId} />
        ))}
      </ImpressionTracker>
    </>
  );
}

/** Records an event and waits until the transport has acknowledged it. */
async function send(recorder: Recorder, eventType: string, itemId: string) {
  recorder.record({ eventType, itemId });
  await act(() => recorder.flush());
}

afterEach(() => {
  resetIntersectionMocking();
});

describe('useRecommendations', () => {
  it('returns the list with its recommendationId and item IDs in list order', async () => {
    const { recorder, queryClient } = setup({ userId: 'alice' });
    const { queryFn } = fakeFetcher();
    const { result } = renderRecommendations({ recorder, queryClient }, { queryKey: ['recs', 'home'], queryFn });
    expect(result.current.isPending).toBe(true);
    expect(result.current.itemIds).toEqual([]);
    expect(result.current.recommendationId).toBeUndefined();
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.recommendationId).toBe('rec-alice-1');
    expect(result.current.itemIds).toEqual(['alice-a', 'alice-b', 'alice-c']);
    expect(result.current.itemList[0]).toEqual({ itemId: 'alice-a', score: 1 });
    expect(result.current.data?.recommendationId).toBe('rec-alice-1');
  });

  it('fetches once on mount under StrictMode; a purchase sent while unmounted fetches nothing until shown again', async () => {
    const { recorder, queryClient } = setup({ userId: 'alice' });
    const { queryFn } = fakeFetcher();
    const options = { queryKey: ['recs', 'home'], queryFn, refetchOnEventTypes: ['purchase'] };
    const { result, unmount } = renderRecommendations({ recorder, queryClient }, options);
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(queryFn).toHaveBeenCalledTimes(1);
    // The user goes to the product page and buys: the shelf is not on screen when the purchase is delivered.
    unmount();
    await send(recorder, 'click', 'alice-a');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(queryClient.getQueryState(['recs', 'home', { userId: 'alice' }])?.isInvalidated).toBe(false);
    await send(recorder, 'purchase', 'alice-a');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(queryFn).toHaveBeenCalledTimes(1);
    expect(queryClient.getQueryState(['recs', 'home', { userId: 'alice' }])?.isInvalidated).toBe(true);
    // Back on the home page: the stale list is refetched, even with an infinite staleTime.
    const back = renderRecommendations({ recorder, queryClient }, options);
    await waitFor(() => expect(back.result.current.recommendationId).toBe('rec-alice-2'));
  });

  it('forgets a list the query cache let go of, and stops listening once it watches none', async () => {
    const { recorder, queryClient } = setup({ userId: 'alice' });
    // Counts the recorder's listeners still subscribed.
    let listening = 0;
    const subscribe = recorder.subscribe;
    recorder.subscribe = (listener) => {
      listening++;
      const stop = subscribe(listener);
      return () => {
        listening--;
        stop();
      };
    };
    const { queryFn } = fakeFetcher();
    const { result, unmount } = renderRecommendations(
      { recorder, queryClient },
      { queryKey: ['recs'], queryFn, refetchOnEventTypes: ['purchase'] },
    );
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    unmount();
    // Still watched after unmount (the provider and the hook's own listeners are gone).
    expect(listening).toBe(1);
    queryClient.removeQueries();
    await send(recorder, 'purchase', 'alice-a');
    expect(listening).toBe(0);
  });

  it('refetches on the event types of every component showing the same list', async () => {
    const { recorder, queryClient } = setup({ userId: 'alice' });
    const { queryFn } = fakeFetcher();
    const shelf = (refetchOnEventTypes?: string[]) => (
      <Twice options={{ queryKey: ['recs'], queryFn, refetchOnEventTypes }} />
    );
    render(
      <Providers recorder={recorder} queryClient={queryClient}>
        {shelf(['purchase'])}
        {shelf()}
        {shelf(['add-to-cart'])}
      </Providers>,
    );
    await waitFor(() => expect(queryFn).toHaveBeenCalledTimes(1));
    // A component without types neither cancels another's nor replaces its types.
    await send(recorder, 'purchase', 'alice-a');
    await waitFor(() => expect(queryFn).toHaveBeenCalledTimes(2));
    await send(recorder, 'add-to-cart', 'alice-a');
    await waitFor(() => expect(queryFn).toHaveBeenCalledTimes(3));
  });

  it('still calls a placeholderData function on the first load, without a previous list', () => {
    const { recorder, queryClient } = setup({ userId: 'alice' });
    const skeleton: RecommendationList = { itemList: [{ itemId: 'skeleton' }] };
    const queryFn = vi.fn(() => new Promise<RecommendationList>(() => {}));
    const placeholderData = vi.fn((previous?: RecommendationList) => previous ?? skeleton);
    const { result } = renderRecommendations(
      { recorder, queryClient },
      { queryKey: ['recs'], queryFn, placeholderData },
    );
    expect(result.current).toMatchObject({ isPlaceholderData: true, itemIds: ['skeleton'] });
  });

  it("never shows a user the last user's list, even with placeholderData: keepPreviousData", async () => {
    const { recorder, queryClient } = setup({ userId: 'alice' });
    const { queryFn } = fakeFetcher();
    const { result } = renderRecommendations(
      { recorder, queryClient },
      { queryKey: ['recs'], queryFn, placeholderData: keepPreviousData },
    );
    await waitFor(() => expect(result.current.recommendationId).toBe('rec-alice-1'));
    act(() => recorder.identify('bob'));
    expect(result.current.itemIds).toEqual([]);
    expect(result.current.recommendationId).toBeUndefined();
    await waitFor(() => expect(result.current.recommendationId).toBe('rec-bob-2'));
  });

  it('keeps the previous list as a placeholder for the same user when the key changes', async () => {
    const { recorder, queryClient } = setup({ userId: 'alice' });
    const { queryFn } = fakeFetcher();
    const options = (page: string) => ({ queryKey: ['recs', page], queryFn, placeholderData: keepPreviousData });
    const { result, rerender } = renderRecommendations({ recorder, queryClient }, options('home'), 'alice');
    await waitFor(() => expect(result.current.recommendationId).toBe('rec-alice-1'));
    rerender({ userId: 'alice', options: options('cart') });
    expect(result.current).toMatchObject({ isPlaceholderData: true, recommendationId: 'rec-alice-1' });
    await waitFor(() => expect(result.current.recommendationId).toBe('rec-alice-2'));
  });

  it('keeps the item IDs array the same between renders of the same list', async () => {
    const { recorder, queryClient } = setup({ userId: 'alice' });
    const { queryFn } = fakeFetcher();
    const { result, rerender } = renderRecommendations({ recorder, queryClient }, { queryKey: ['recs'], queryFn });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    const first = result.current.itemIds;
    rerender({ userId: 'alice', options: { queryKey: ['recs'], queryFn } });
    expect(result.current.itemIds).toBe(first);
  });

  it('caches per user: another user never sees the first user’s list', async () => {
    const { recorder, queryClient } = setup({ userId: 'alice' });
    const { queryFn, calls } = fakeFetcher();
    const { result } = renderRecommendations({ recorder, queryClient }, { queryKey: ['recs', 'home'], queryFn });
    await waitFor(() => expect(result.current.recommendationId).toBe('rec-alice-1'));

    act(() => recorder.identify('bob'));
    expect(result.current.itemIds).toEqual([]);
    await waitFor(() => expect(result.current.recommendationId).toBe('rec-bob-2'));
    expect(result.current.itemIds).toEqual(['bob-a', 'bob-b', 'bob-c']);

    act(() => recorder.identify('alice'));
    expect(result.current.recommendationId).toBe('rec-alice-1');
    expect(calls.map((call) => call.userId)).toEqual(['alice', 'bob']);
    expect(calls.map((call) => call.queryKey)).toEqual([
      ['recs', 'home', { userId: 'alice' }],
      ['recs', 'home', { userId: 'bob' }],
    ]);
  });

  it('keys an anonymous user by the session and gives the queryFn that sessionId', async () => {
    const { recorder, queryClient } = setup();
    const { queryFn, calls } = fakeFetcher();
    const { result } = renderRecommendations({ recorder, queryClient }, { queryKey: ['recs'], queryFn });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    const { sessionId } = recorder.getSnapshot();
    expect(calls).toEqual([{ userId: undefined, sessionId, queryKey: ['recs', { sessionId }] }]);

    act(() => recorder.identify('alice'));
    await waitFor(() => expect(result.current.recommendationId).toBe('rec-alice-2'));
    expect(calls[1]).toEqual({ userId: 'alice', sessionId, queryKey: ['recs', { userId: 'alice' }] });
  });

  it('never shares a cache entry between different filters', async () => {
    const { recorder, queryClient } = setup({ userId: 'alice' });
    const { queryFn } = fakeFetcher();
    const { result, rerender } = renderRecommendations(
      { recorder, queryClient },
      { queryKey: ['recs', { filter: 'shoes' }], queryFn },
    );
    await waitFor(() => expect(result.current.recommendationId).toBe('rec-alice-1'));
    rerender({ userId: 'alice', options: { queryKey: ['recs', { filter: 'hats' }], queryFn } });
    await waitFor(() => expect(result.current.recommendationId).toBe('rec-alice-2'));
  });

  it('refetches after the recorder has sent a purchase, not when it is only recorded', async () => {
    const { recorder, queryClient, transport } = setup({ userId: 'alice' });
    const { queryFn } = fakeFetcher();
    const { result } = renderRecommendations(
      { recorder, queryClient },
      { queryKey: ['recs', 'home'], queryFn, refetchOnEventTypes: ['purchase'] },
    );
    await waitFor(() => expect(result.current.recommendationId).toBe('rec-alice-1'));

    transport.hold();
    recorder.record({ eventType: 'purchase', itemId: 'alice-a' });
    const flushed = recorder.flush();
    await waitFor(() => expect(recorder.getSnapshot().inFlight).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Invalidation follows the 'sent' activity at once: nothing is invalidated or fetching, not only not yet.
    expectNothingRefetched(queryClient, queryFn);

    await act(async () => {
      transport.release();
      await flushed;
    });
    await waitFor(() => expect(result.current.recommendationId).toBe('rec-alice-2'));
    expect(queryFn).toHaveBeenCalledTimes(2);
  });

  it('does not refetch after events of other types are sent', async () => {
    const { recorder, queryClient } = setup({ userId: 'alice' });
    const { queryFn } = fakeFetcher();
    const { result } = renderRecommendations(
      { recorder, queryClient },
      { queryKey: ['recs'], queryFn, refetchOnEventTypes: ['purchase'] },
    );
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    await send(recorder, 'click', 'alice-a');
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Invalidation follows the 'sent' activity at once: nothing is invalidated or fetching, not only not yet.
    expectNothingRefetched(queryClient, queryFn);
  });

  it('does not refetch when a purchase fails to send', async () => {
    const { recorder, queryClient, transport } = setup({ userId: 'alice' });
    const { queryFn } = fakeFetcher();
    const { result } = renderRecommendations(
      { recorder, queryClient },
      { queryKey: ['recs'], queryFn, refetchOnEventTypes: ['purchase'] },
    );
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    transport.fail('forbidden');
    await send(recorder, 'purchase', 'alice-a');
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Invalidation follows the 'sent' activity at once: nothing is invalidated or fetching, not only not yet.
    expectNothingRefetched(queryClient, queryFn);
  });

  it('refetches a list shown by several components once per sent batch', async () => {
    const { recorder, queryClient } = setup({ userId: 'alice' });
    const { queryFn } = fakeFetcher();
    const options: UseRecommendationsOptions = { queryKey: ['recs'], queryFn, refetchOnEventTypes: ['purchase'] };
    render(
      <Providers recorder={recorder} queryClient={queryClient}>
        <Twice options={options} />
      </Providers>,
    );
    await screen.findByText('rec-alice-1 rec-alice-1');
    await send(recorder, 'purchase', 'alice-a');
    await screen.findByText('rec-alice-2 rec-alice-2');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(queryFn).toHaveBeenCalledTimes(2);
  });

  it('surfaces the queryFn’s error with an empty list', async () => {
    const { recorder, queryClient } = setup({ userId: 'alice' });
    const queryFn = vi.fn(async (): Promise<RecommendationList> => {
      throw new Error('GetRecommendations: ResourceNotFoundException');
    });
    const { result } = renderRecommendations({ recorder, queryClient }, { queryKey: ['recs'], queryFn });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error?.message).toBe('GetRecommendations: ResourceNotFoundException');
    expect(result.current.itemIds).toEqual([]);
    expect(result.current.itemList).toEqual([]);
    expect(result.current.recommendationId).toBeUndefined();
  });

  it('takes useQuery options such as enabled', async () => {
    const { recorder, queryClient } = setup({ userId: 'alice' });
    const { queryFn } = fakeFetcher();
    const { result } = renderRecommendations(
      { recorder, queryClient },
      { queryKey: ['recs'], queryFn, enabled: false },
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(queryFn).not.toHaveBeenCalled();
    expect(result.current.fetchStatus).toBe('idle');
  });

  it('throws an error naming PersonalizeProvider outside one', () => {
    const queryClient = new QueryClient();
    const { queryFn } = fakeFetcher();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() =>
      renderHook(() => useRecommendations({ queryKey: ['recs'], queryFn }), {
        wrapper: ({ children }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>,
      }),
    ).toThrow(/PersonalizeProvider/);
    vi.mocked(console.error).mockRestore();
  });

  describe('with ImpressionTracker', () => {
    async function views(transport: MemoryTransport, recorder: Recorder) {
      await act(() => recorder.flush());
      return transport.events().filter((event) => event.eventType === 'view');
    }

    it('records no view while loading, after an error or for an empty list', async () => {
      setupIntersectionMocking();
      const { recorder, queryClient, transport } = setup({ userId: 'alice' });
      let answer: () => Promise<RecommendationList> = () => new Promise(() => {});
      const queryFn = () => answer();
      const { unmount } = render(
        <Providers recorder={recorder} queryClient={queryClient}>
          <Shelf queryFn={queryFn} />
        </Providers>,
      );
      await screen.findByText('pending');
      mockAllIsIntersecting(1);
      expect(await views(transport, recorder)).toEqual([]);
      unmount();

      answer = async () => {
        throw new Error('down');
      };
      queryClient.clear();
      const errored = render(
        <Providers recorder={recorder} queryClient={queryClient}>
          <Shelf queryFn={queryFn} />
        </Providers>,
      );
      await screen.findByText('error');
      mockAllIsIntersecting(1);
      expect(await views(transport, recorder)).toEqual([]);
      errored.unmount();

      answer = async () => ({ recommendationId: 'rec-empty', itemList: [] });
      queryClient.clear();
      render(
        <Providers recorder={recorder} queryClient={queryClient}>
          <Shelf queryFn={queryFn} />
        </Providers>,
      );
      await screen.findByText('success');
      mockAllIsIntersecting(1);
      expect(await views(transport, recorder)).toEqual([]);
    });

    it('records one view per shown item with the list’s recommendationId once it has loaded', async () => {
      setupIntersectionMocking();
      const { recorder, queryClient, transport } = setup({ userId: 'alice' });
      const { queryFn } = fakeFetcher(['a', 'b']);
      render(
        <Providers recorder={recorder} queryClient={queryClient}>
          <Shelf queryFn={queryFn} />
        </Providers>,
      );
      await screen.findByText('alice-b');
      mockAllIsIntersecting(1);
      const seen = await views(transport, recorder);
      expect(seen.map((event) => [event.itemId, event.recommendationId])).toEqual([
        ['alice-a', 'rec-alice-1'],
        ['alice-b', 'rec-alice-1'],
      ]);
    });
  });
});
