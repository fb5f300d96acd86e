'use client';
import {
  type DefaultError,
  hashKey,
  type QueryClient,
  type QueryFunctionContext,
  type QueryKey,
  type UseQueryOptions,
  type UseQueryResult,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { Recorder } from '../core/types';
import { usePersonalize } from '../react/usePersonalize';
import type { RecommendationList } from './RecommendationList';

/** What a `useRecommendations` `queryFn` receives: TanStack Query's context plus who the list is for. */
export type RecommendationsQueryContext = QueryFunctionContext<QueryKey> & {
  /** The recorder's signed-in user, if any (also the last element of `queryKey`). */
  userId?: string | undefined;
  /** The recorder's session; Amazon Personalize takes it as the `userId` of an anonymous user. */
  sessionId?: string | undefined;
};

/** Options of `useRecommendations`: TanStack Query's `useQuery` options plus `refetchOnEventTypes`. */
export type UseRecommendationsOptions<
  TList extends RecommendationList<{ itemId: string }> = RecommendationList,
  TError = DefaultError,
> = Omit<UseQueryOptions<TList, TError, TList, QueryKey>, 'queryKey' | 'queryFn'> & {
  /**
   * What the list depends on besides the user: page, filters, context, the item it is related to. The recorder's
   * user (or, while anonymous, its session) is appended, so two users never share a cached list.
   */
  queryKey: QueryKey;
  /** Fetches the list: your backend, or `createRecommendationsFetcher(…).getRecommendations(…)`. */
  queryFn: (context: RecommendationsQueryContext) => Promise<TList>;
  /** Event types (e.g. `['purchase']`) after whose delivery the list is refetched: the recorder has *sent* them. */
  refetchOnEventTypes?: string[] | undefined;
};

/** What `useRecommendations` returns: `useQuery`'s result plus the list in the shape `ImpressionTracker` takes. */
export type UseRecommendationsResult<
  TList extends RecommendationList<{ itemId: string }> = RecommendationList,
  TError = DefaultError,
> = UseQueryResult<TList, TError> & {
  /** The list's `recommendationId`, for `ImpressionTracker`; undefined while there is no list. */
  recommendationId: string | undefined;
  /** The items, for rendering; empty while loading, after an error with no earlier list, or when none came back. */
  itemList: TList['itemList'];
  /** The item IDs in list order, for `ImpressionTracker`'s `itemIds`; the same array until the list changes. */
  itemIds: string[];
};

/** Who the list is for: the known user, else the anonymous session. Appended to every key. */
type Audience = { userId: string } | { sessionId: string };

/**
 * A list watched for `refetchOnEventTypes`: its full key, and the event types whose delivery makes it stale, per hook
 * that asked (several components may show one list, each with its own types).
 */
interface Watch {
  queryKey: QueryKey;
  typesByHook: Map<object, Set<string>>;
}

/**
 * The lists each (recorder, query client) invalidates after delivering events of their types, by key hash; one
 * recorder listener per client. A list stays watched after its component unmounts, so a purchase sent while it is
 * off screen still makes it stale and it is refetched when shown again (nothing is fetched meanwhile), until the
 * query cache lets it go.
 */
const watchers = new WeakMap<Recorder, WeakMap<QueryClient, Map<string, Watch>>>();

/** Watches the list `queryKey` (hashed: `keyHash`) for the event types `hook` asks for (none: stops that hook's watch). */
function watchList(
  recorder: Recorder,
  client: QueryClient,
  keyHash: string,
  queryKey: QueryKey,
  hook: object,
  types: readonly string[],
) {
  const byClient = watchers.get(recorder) ?? new WeakMap<QueryClient, Map<string, Watch>>();
  watchers.set(recorder, byClient);
  let lists = byClient.get(client);
  if (!types.length) return lists?.get(keyHash)?.typesByHook.delete(hook);
  if (!lists) {
    const watched = new Map<string, Watch>();
    lists = watched;
    byClient.set(client, watched);
    const stop = recorder.subscribe((activity) => {
      if (activity.type !== 'sent') return;
      const sent = new Set(activity.batch.eventList.map((event) => event.eventType));
      for (const [hash, { queryKey: key, typesByHook }] of watched) {
        if (!client.getQueryCache().find({ queryKey: key, exact: true })) watched.delete(hash);
        else if ([...typesByHook.values()].some((wanted) => [...wanted].some((type) => sent.has(type)))) {
          void client.invalidateQueries({ queryKey: key, exact: true });
        }
      }
      if (!watched.size) {
        stop();
        byClient.delete(client);
      }
    });
  }
  const watch = lists.get(keyHash) ?? { queryKey, typesByHook: new Map() };
  lists.set(keyHash, watch);
  watch.typesByHook.set(hook, new Set(types));
}

function useAudienceKey(recorder: Recorder): string {
  const subscribe = useCallback((onChange: () => void) => recorder.subscribeState(onChange), [recorder]);
  // A primitive, so the component re-renders when the user or session changes, not when events are queued or sent.
  const getKey = useCallback(() => {
    const { userId, sessionId } = recorder.getSnapshot();
    return JSON.stringify(userId !== undefined ? { userId } : { sessionId });
  }, [recorder]);
  return useSyncExternalStore(subscribe, getKey, getKey);
}

const EMPTY: never[] = [];

/**
 * A recommendation list through TanStack Query's `useQuery`, cached per user, ready for `ImpressionTracker`.
 * The recorder's user (or, while anonymous, its session) is appended to `queryKey`, so a sign-in, sign-out or
 * switch of user never shows someone else's list. With `refetchOnEventTypes`, the list is refetched once the
 * recorder has delivered such an event (so a purchased item leaves a list filtered on purchases). Needs a
 * `PersonalizeProvider` and a `QueryClientProvider` (or a `queryClient` as second argument).
 * @example
 * const recs = useRecommendations({
 *   queryKey: ['recommendations', 'home'],
 *   queryFn: () => fetch('/api/recommendations?page=home').then((r) => r.json() as Promise<RecommendationList>),
 *   refetchOnEventTypes: ['purchase'],
 * });
 * if (recs.isPending) return <Spinner />;
 * if (recs.isError) return <p>Could not load recommendations</p>;
 * if (recs.itemIds.length === 0) return null;
 * return (
 *   <ImpressionTracker recommendationId={recs.recommendationId} itemIds={recs.itemIds} as="ul">
 *     {recs.itemList.map((item) => <Card key={item.itemId} item={item} />)}
 *   </ImpressionTracker>
 * );
 */
export function useRecommendations<
  TList extends RecommendationList<{ itemId: string }> = RecommendationList,
  TError = DefaultError,
>(
  options: UseRecommendationsOptions<TList, TError>,
  queryClient?: QueryClient,
): UseRecommendationsResult<TList, TError> {
  const { queryKey, queryFn, refetchOnEventTypes, ...rest } = options;
  const recorder = usePersonalize();
  const client = useQueryClient(queryClient);
  const audienceKey = useAudienceKey(recorder);
  const audience = useMemo(() => JSON.parse(audienceKey) as Audience, [audienceKey]);
  const fullKey: QueryKey = [...queryKey, audience];
  const keyHash = hashKey(fullKey);

  const { placeholderData } = rest;
  const query = useQuery(
    {
      ...rest,
      // A placeholder made from the previous query (`keepPreviousData`) only within the same audience: a new user
      // must never be shown, or record impressions against, the last user's list.
      placeholderData:
        typeof placeholderData === 'function'
          ? (previous, previousQuery) =>
              previousQuery && JSON.stringify(previousQuery.queryKey[previousQuery.queryKey.length - 1]) === audienceKey
                ? placeholderData(previous, previousQuery)
                : placeholderData(undefined, undefined)
          : placeholderData,
      queryKey: fullKey,
      queryFn: (context) =>
        // The context's `signal` is a getter TanStack uses to know whether the fetch can be aborted: extend the
        // object in place rather than spread it.
        queryFn(
          Object.assign(context, {
            userId: 'userId' in audience ? audience.userId : undefined,
            sessionId: recorder.getSnapshot().sessionId,
          }),
        ),
    },
    client,
  );

  const typesKey = (refetchOnEventTypes ?? EMPTY).join('\u0000');
  const [hook] = useState(() => ({}));
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyHash stands for fullKey, a new array every render.
  useEffect(() => {
    watchList(recorder, client, keyHash, fullKey, hook, typesKey ? typesKey.split('\u0000') : EMPTY);
  }, [recorder, client, typesKey, keyHash, hook]);

  const data = query.data;
  const itemList = data?.itemList ?? (EMPTY as TList['itemList']);
  const itemIds = useMemo(() => itemList.map((item) => item.itemId), [itemList]);
  return withList(query, { recommendationId: data?.recommendationId, itemList, itemIds });
}

/**
 * The query result plus the list. `useQuery` tracks which fields a component reads and re-renders only when those
 * change; copying its result would read them all, so the copy reads through getters instead.
 */
function withList<TResult extends object, TExtra extends object>(result: TResult, extra: TExtra): TResult & TExtra {
  const combined = {} as TResult & TExtra;
  for (const key of Object.keys(result) as (keyof TResult)[]) {
    Object.defineProperty(combined, key, { enumerable: true, get: () => result[key] });
  }
  return Object.assign(combined, extra);
}
