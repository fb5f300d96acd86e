import { dehydrate, HydrationBoundary, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { ImpressionTracker, PersonalizeProvider } from 'react-personalize';
import { createRecorder } from 'react-personalize/core';
import { type RecommendationList, useRecommendations } from 'react-personalize/query';
import { createMemoryTransport } from 'react-personalize/test-utils';

function Shelf({ queryFn }: { queryFn: () => Promise<RecommendationList> }) {
  const recs = useRecommendations({ queryKey: ['shelf'], queryFn });
  if (recs.isPending) return <p>loading</p>;
  return (
    <ImpressionTracker as="ul" recommendationId={recs.recommendationId} itemIds={recs.itemIds} viewEventType="view">
      {recs.itemList.map((item) => (
        <li key={item.itemId}>{item.itemId}</li>
      ))}
    </ImpressionTracker>
  );
}

describe('useRecommendations on the server', () => {
  it('renders without fetching, recording or warnings, and renders a prefetched list keyed by the user', async () => {
    const errors = vi.spyOn(console, 'error');
    const warnings = vi.spyOn(console, 'warn');
    const transport = createMemoryTransport();
    const recorder = createRecorder({ transport, userId: 'alice', persistence: false, lifecycle: false });
    const queryFn = vi.fn(async (): Promise<RecommendationList> => ({ recommendationId: 'RID-1', itemList: [] }));
    const render = (queryClient: QueryClient) =>
      renderToString(
        <StrictMode>
          <QueryClientProvider client={queryClient}>
            <PersonalizeProvider recorder={recorder} userId="alice">
              <Shelf queryFn={queryFn} />
            </PersonalizeProvider>
          </QueryClientProvider>
        </StrictMode>,
      );

    expect(render(new QueryClient())).toBe('<p>loading</p>');
    expect(queryFn).not.toHaveBeenCalled();

    const server = new QueryClient();
    await server.prefetchQuery({
      queryKey: ['shelf', { userId: 'alice' }],
      queryFn: async () => ({ recommendationId: 'RID-1', itemList: [{ itemId: 'sku-1' }] }),
    });
    const client = new QueryClient();
    const html = renderToString(
      <QueryClientProvider client={client}>
        <HydrationBoundary state={dehydrate(server)}>
          <PersonalizeProvider recorder={recorder}>
            <Shelf queryFn={queryFn} />
          </PersonalizeProvider>
        </HydrationBoundary>
      </QueryClientProvider>,
    );
    expect(html).toBe('<ul><li>sku-1</li></ul>');
    await recorder.flush();
    expect(transport.attempts).toEqual([]);
    expect(errors).not.toHaveBeenCalled();
    expect(warnings).not.toHaveBeenCalled();
    errors.mockRestore();
    warnings.mockRestore();
  });
});
