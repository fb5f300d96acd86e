import type { ImpressionListInternals } from './createImpressionList';
import type { ImpressionItemState, ImpressionListState } from './ImpressionListState';

const pageHidden = () => globalThis.document?.visibilityState === 'hidden';

/** Why `itemId` is not in an impression yet (or that it is), judged by its own elements. */
function toItemState(internals: ImpressionListInternals, itemId: string): ImpressionItemState {
  const own = internals.watchedByItem.get(itemId);
  const elements = own ? [...own].map((watched) => watched.element) : [];
  if (internals.seen.has(itemId)) return { itemId, seen: true, elements };
  if (!own?.size) return { itemId, seen: false, reason: 'no-element', elements };
  if (pageHidden()) return { itemId, seen: false, reason: 'tab-hidden', elements };
  let dwellSince: number | undefined;
  for (const watched of own) {
    const since = internals.clocks.has(watched) ? watched.dwellSince : undefined;
    if (since !== undefined && (dwellSince === undefined || since < dwellSince)) dwellSince = since;
  }
  if (dwellSince === undefined) return { itemId, seen: false, reason: 'below-threshold', elements };
  return {
    itemId,
    seen: false,
    reason: 'dwell-not-reached',
    elements,
    dwellStartedAt: dwellSince,
    dwellDueAt: dwellSince + internals.config.minDwellMs,
  };
}

/** A mounted list's state for inspection tools, item by item, from its internals. */
export function toImpressionListState(internals: ImpressionListInternals): ImpressionListState {
  const { config, watchedByItem, now } = internals;
  const own = watchedByItem.get(undefined);
  return {
    recommendationId: config.recommendationId,
    itemIds: config.itemIds,
    threshold: config.threshold,
    minDwellMs: config.minDwellMs,
    viewEventType: config.viewEventType,
    element: own ? [...own][0]?.element : undefined,
    tabHidden: pageHidden(),
    now: now(),
    items: [...new Set(config.itemIds)].map((itemId) => toItemState(internals, itemId)),
  };
}
