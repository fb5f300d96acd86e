/** One recommended item, in Amazon Personalize's own words (`PredictedItem` of GetRecommendations). */
export interface RecommendedItem {
  /** The item's ID: what `ImpressionTracker`'s `itemIds` and the events' `itemId` take. */
  itemId: string;
  /** The item's score, when the recipe gives one. */
  score?: number | undefined;
  /** The promotion that included the item, if any. */
  promotionName?: string | undefined;
  /** The item metadata asked for with `metadataColumns`. */
  metadata?: Record<string, string> | undefined;
  /** Why the item was included (e.g. `Promoted item`, `Exploration item`). */
  reason?: string[] | undefined;
}

/**
 * A recommendation list as `useRecommendations` takes it from its `queryFn`: what GetRecommendations (or your
 * backend) answered. `recommendationId` is what `ImpressionTracker` attaches to the events of its items.
 */
export interface RecommendationList<TItem extends { itemId: string } = RecommendedItem> {
  /** The ID of this response, 1–40 characters; absent when your backend does not have one. */
  recommendationId?: string | undefined;
  /** The items, in the order shown. */
  itemList: TItem[];
}
