export {
  createRecommendationsFetcher,
  type GetPersonalizedRankingRequest,
  type GetRecommendationsRequest,
  type PersonalizeRuntimeClientLike,
  type RecommendationsFetcher,
  type RecommendationsFetcherOptions,
  type RecommendationsQuery,
  type RuntimeCommandConstructor,
} from './createRecommendationsFetcher';
export type { RecommendationList, RecommendedItem } from './RecommendationList';
export {
  type RecommendationsQueryContext,
  type UseRecommendationsOptions,
  type UseRecommendationsResult,
  useRecommendations,
} from './useRecommendations';
