import type { QueryKey } from '@tanstack/react-query';
import type { RecommendationList, RecommendedItem } from './RecommendationList';
import type { RecommendationsQueryContext } from './useRecommendations';

/** The input of GetRecommendations (`@aws-sdk/client-personalize-runtime`); `userId` defaults to the recorder's. */
export interface GetRecommendationsRequest {
  /** The campaign to ask (custom solutions); give this or `recommenderArn`. */
  campaignArn?: string | undefined;
  /** The recommender to ask (domain dataset groups); give this or `campaignArn`. */
  recommenderArn?: string | undefined;
  /** The item to find related items for (related-items recipes). */
  itemId?: string | undefined;
  /** The user to recommend for. @default the recorder's user, or its sessionId while the user is anonymous */
  userId?: string | undefined;
  /** How many items to return. @default 25 (the service's) */
  numResults?: number | undefined;
  /** Contextual metadata, e.g. `{ DEVICE: 'mobile' }`. */
  context?: Record<string, string> | undefined;
  /** A filter to apply. */
  filterArn?: string | undefined;
  /** Values of the filter's placeholders, each a JSON-quoted string such as `"\"shoes\""`. */
  filterValues?: Record<string, string> | undefined;
  /** Promotions to mix in. */
  promotions?:
    | {
        /** The promotion's name, returned as `promotionName` on the items it adds. */
        name?: string | undefined;
        /** The percentage of the recommended items given to the promotion. */
        percentPromotedItems?: number | undefined;
        /** The filter that picks the promoted items. */
        filterArn?: string | undefined;
        /** Values of that filter's placeholders. */
        filterValues?: Record<string, string> | undefined;
      }[]
    | undefined;
  /** Item metadata columns to return per dataset, e.g. `{ ITEMS: ['TITLE'] }`. */
  metadataColumns?: Record<string, string[]> | undefined;
}

/** The input of GetPersonalizedRanking; `userId` defaults to the recorder's. */
export interface GetPersonalizedRankingRequest {
  /** The personalized-ranking campaign. */
  campaignArn: string;
  /** The item IDs to rank (at most 500). */
  inputList: string[];
  /** The user to rank for. @default the recorder's user, or its sessionId while the user is anonymous */
  userId?: string | undefined;
  /** Contextual metadata, e.g. `{ DEVICE: 'mobile' }`. */
  context?: Record<string, string> | undefined;
  /** A filter to apply. */
  filterArn?: string | undefined;
  /** Values of the filter's placeholders. */
  filterValues?: Record<string, string> | undefined;
  /** Item metadata columns to return per dataset. */
  metadataColumns?: Record<string, string[]> | undefined;
}

/** GetPersonalizedRanking as sent: the SDK's input type lists `userId` as a key that may hold undefined. */
type PersonalizedRankingInput = Omit<GetPersonalizedRankingRequest, 'userId'> & { userId: string | undefined };

/** A command class of `@aws-sdk/client-personalize-runtime`, such as `GetRecommendationsCommand`. */
export type RuntimeCommandConstructor<TInput> = new (input: TInput) => unknown;

/**
 * A Personalize Runtime client: `PersonalizeRuntimeClient` (give `commands` too) or the aggregated
 * `PersonalizeRuntime`, whose methods need no command classes.
 */
export interface PersonalizeRuntimeClientLike {
  /** Sends a command (used with `commands`). */
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  /** GetRecommendations of the aggregated `PersonalizeRuntime` client (used when no command class is given). */
  getRecommendations?(input: GetRecommendationsRequest, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  /** GetPersonalizedRanking of the aggregated `PersonalizeRuntime` client (used when no command class is given). */
  getPersonalizedRanking?(input: PersonalizedRankingInput, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

/** Options of `createRecommendationsFetcher`. */
export interface RecommendationsFetcherOptions {
  /** Your configured client (region, credentials, endpoint); this library never imports the SDK itself. */
  client: PersonalizeRuntimeClientLike;
  /** The command classes to send with a bare `PersonalizeRuntimeClient`; only those you use. */
  commands?:
    | {
        /** `GetRecommendationsCommand`, for `getRecommendations()`. */
        GetRecommendationsCommand?: RuntimeCommandConstructor<GetRecommendationsRequest> | undefined;
        /** `GetPersonalizedRankingCommand`, for `getPersonalizedRanking()`. */
        GetPersonalizedRankingCommand?: RuntimeCommandConstructor<PersonalizedRankingInput> | undefined;
      }
    | undefined;
}

/**
 * Options for `useRecommendations`: a key holding the whole request, and the function that sends it. The user (or
 * the anonymous session) comes from `useRecommendations`; with plain `useQuery`, put `userId` in the request yourself,
 * and in the key.
 */
export interface RecommendationsQuery {
  /** `['react-personalize', operation, request]`: filters, context and ARNs are all part of it. */
  queryKey: QueryKey;
  /** Sends the request and maps the answer to `{ recommendationId, itemList }`. */
  queryFn: (context?: Partial<RecommendationsQueryContext>) => Promise<RecommendationList>;
}

/** Builds `useRecommendations` options for GetRecommendations and GetPersonalizedRanking. */
export interface RecommendationsFetcher {
  /** GetRecommendations: a user's recommendations, or items related to `itemId`. */
  getRecommendations(request: GetRecommendationsRequest): RecommendationsQuery;
  /** GetPersonalizedRanking: `inputList` reordered for the user. */
  getPersonalizedRanking(request: GetPersonalizedRankingRequest): RecommendationsQuery;
}

interface PredictedItem {
  itemId?: string | undefined;
  score?: number | undefined;
  promotionName?: string | undefined;
  metadata?: Record<string, string> | undefined;
  reason?: string[] | undefined;
}

function toList(items: unknown, recommendationId: unknown): RecommendationList {
  const itemList: RecommendedItem[] = [];
  for (const predicted of Array.isArray(items) ? (items as PredictedItem[]) : []) {
    if (typeof predicted?.itemId !== 'string' || predicted.itemId === '') continue;
    const item: RecommendedItem = { itemId: predicted.itemId };
    if (typeof predicted.score === 'number') item.score = predicted.score;
    if (typeof predicted.promotionName === 'string') item.promotionName = predicted.promotionName;
    if (predicted.metadata) item.metadata = predicted.metadata;
    if (Array.isArray(predicted.reason)) item.reason = predicted.reason;
    itemList.push(item);
  }
  const list: RecommendationList = { itemList };
  if (typeof recommendationId === 'string' && recommendationId !== '') list.recommendationId = recommendationId;
  return list;
}

/** The request's own userId, else the recorder's user, else (anonymous) its session, as Personalize advises. */
function withUser<TRequest extends { userId?: string }>(
  request: TRequest,
  context: Partial<RecommendationsQueryContext> | undefined,
): TRequest {
  const userId = request.userId ?? context?.userId ?? context?.sessionId;
  return userId === undefined ? request : { ...request, userId };
}

/**
 * Query options for recommendation lists from Amazon Personalize, through a `@aws-sdk/client-personalize-runtime`
 * client you configure. This library never imports the SDK: pass the aggregated `PersonalizeRuntime`, or a
 * `PersonalizeRuntimeClient` with the command classes you use, so your bundler keeps only those. Answers are mapped
 * to `{ recommendationId, itemList: [{ itemId, score, promotionName, metadata, reason }] }`.
 * @example
 * import { GetRecommendationsCommand, PersonalizeRuntimeClient } from '@aws-sdk/client-personalize-runtime';
 * const personalize = createRecommendationsFetcher({
 *   client: new PersonalizeRuntimeClient({ region: 'eu-west-1', credentials }),
 *   commands: { GetRecommendationsCommand },
 * });
 * const recs = useRecommendations({
 *   ...personalize.getRecommendations({ recommenderArn, numResults: 12 }),
 *   refetchOnEventTypes: ['purchase'],
 * });
 */
export function createRecommendationsFetcher(options: RecommendationsFetcherOptions): RecommendationsFetcher {
  const { client, commands = {} } = options;

  const call = (
    operation: 'GetRecommendations' | 'GetPersonalizedRanking',
    input: GetRecommendationsRequest | GetPersonalizedRankingRequest,
    signal: AbortSignal | undefined,
  ): Promise<unknown> => {
    const sendOptions = signal ? { abortSignal: signal } : undefined;
    const Command = commands[`${operation}Command`] as RuntimeCommandConstructor<typeof input> | undefined;
    if (Command) return client.send(new Command(input), sendOptions);
    const method = operation === 'GetRecommendations' ? client.getRecommendations : client.getPersonalizedRanking;
    if (typeof method === 'function') return method.call(client, input as never, sendOptions);
    return Promise.reject(
      new Error(
        `createRecommendationsFetcher: cannot send ${operation}: pass commands: { ${operation}Command } from @aws-sdk/client-personalize-runtime, or a PersonalizeRuntime client.`,
      ),
    );
  };

  /** One operation's query options; `listField` is where its answer holds the items. */
  const queryFor =
    <TRequest extends GetRecommendationsRequest | GetPersonalizedRankingRequest>(
      operation: 'GetRecommendations' | 'GetPersonalizedRanking',
      listField: 'itemList' | 'personalizedRanking',
    ) =>
    (request: TRequest): RecommendationsQuery => ({
      queryKey: ['react-personalize', operation, request],
      queryFn: async (context) => {
        const answer = (await call(operation, withUser(request, context), context?.signal)) as
          | Record<string, unknown>
          | undefined;
        return toList(answer?.[listField], answer?.recommendationId);
      },
    });

  return {
    getRecommendations: queryFor<GetRecommendationsRequest>('GetRecommendations', 'itemList'),
    getPersonalizedRanking: queryFor<GetPersonalizedRankingRequest>('GetPersonalizedRanking', 'personalizedRanking'),
  };
}
