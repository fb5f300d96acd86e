// Values that may be undefined, passed where the package takes an optional prop or option: each line is one a user
// writes (`userId={user?.id}`), and each must type-check under exactOptionalPropertyTypes.
import {
  createHttpTransport,
  createRecorder,
  ImpressionTracker,
  PersonalizeProvider,
  useImpression,
  useTrackEvent,
} from 'react-personalize';
import { createPersonalizeTransport } from 'react-personalize/aws';
import { createAttribution, createRecorder as createCoreRecorder } from 'react-personalize/core';
import { createRecommendationsFetcher, type RecommendationList, useRecommendations } from 'react-personalize/query';
import { createPutEventsHandler } from 'react-personalize/server';
import { withPersonalize } from 'react-personalize/storybook';
import { createMemoryTransport, createTestRecorder } from 'react-personalize/test-utils';

declare const currentUser: { id: string } | undefined;
declare const maybeNumber: number | undefined;
declare const maybeString: string | undefined;
declare const maybeStrings: string[] | undefined;

// README, "The core recorder".
const recorder = createCoreRecorder({
  transport: createHttpTransport({ url: '/api/events', credentials: undefined, headers: undefined }),
  userId: currentUser?.id,
  batchSize: maybeNumber,
  flushInterval: maybeNumber,
  onError: undefined,
  attribution: createAttribution({ eventTypes: ['purchase'], maxItems: maybeNumber }),
});
recorder.record({ eventType: 'click', itemId: maybeString, recommendationId: maybeString, impression: maybeStrings });

// README, "React".
export function App({ user }: { user?: { id: string } }) {
  return (
    <PersonalizeProvider recorder={createRecorder({ transport: createHttpTransport({ url: '/e' }) })} userId={user?.id}>
      <ForYou rec={{ itemList: [{ itemId: 'sku-1' }] }} />
    </PersonalizeProvider>
  );
}

function ForYou({ rec }: { rec: { recommendationId?: string; itemList: { itemId: string }[] } }) {
  return (
    <ImpressionTracker
      as="ul"
      recommendationId={rec.recommendationId}
      itemIds={rec.itemList.map((i) => i.itemId)}
      threshold={maybeNumber}
      minDwellMs={maybeNumber}
      viewEventType={maybeString}
    >
      {rec.itemList.map((item) => (
        <Card key={item.itemId} itemId={item.itemId} />
      ))}
    </ImpressionTracker>
  );
}

function Card({ itemId }: { itemId: string }) {
  const ref = useImpression(itemId);
  const track = useTrackEvent({ recommendationId: maybeString });
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: a type test, never rendered
    <li ref={ref} onClick={() => track({ eventType: 'click', itemId, eventValue: maybeNumber })}>
      {itemId}
    </li>
  );
}

// README, "Recommendations with TanStack Query".
export function HomeShelf({ category }: { category: string }) {
  const recs = useRecommendations({
    queryKey: ['recommendations', 'home', { category }],
    queryFn: ({ signal }) =>
      fetch(`/api/recs?category=${category}`, { signal }).then((r) => r.json() as Promise<RecommendationList>),
    refetchOnEventTypes: maybeStrings,
  });
  return <ImpressionTracker as="ul" recommendationId={recs.recommendationId} itemIds={recs.itemIds} />;
}

declare const runtimeClient: { send(command: unknown): Promise<unknown> };
const personalize = createRecommendationsFetcher({ client: runtimeClient, commands: undefined });
personalize.getRecommendations({ recommenderArn: maybeString, numResults: maybeNumber, filterValues: undefined });

// Server, AWS, test utilities, Storybook.
export const POST = createPutEventsHandler({
  trackingId: 'tracking-id',
  region: maybeString,
  endpoint: maybeString,
  maxBodyBytes: maybeNumber,
  allowedOrigins: maybeStrings,
  resolveUser: () => ({ userId: currentUser?.id }),
  onError: undefined,
});
createPersonalizeTransport({
  trackingId: 'tracking-id',
  region: maybeString,
  endpoint: maybeString,
  credentials: undefined,
});
createTestRecorder({ transport: createMemoryTransport(), userId: currentUser?.id });
withPersonalize({ transport: undefined, recorder: { userId: currentUser?.id }, actions: undefined });
