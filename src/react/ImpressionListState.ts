/**
 * Why an item is not in an impression (not seen) yet:
 * - `below-threshold`: none of its elements has at least the tracker's `threshold` on screen;
 * - `dwell-not-reached`: one is on screen enough, and its dwell clock (`minDwellMs`) is still running;
 * - `tab-hidden`: the tab is hidden, which stops every dwell clock;
 * - `no-element`: no element is marked for it with `useImpression(itemId)`; it counts when the tracker's own
 *   element does.
 */
export type ImpressionMissReason = 'below-threshold' | 'dwell-not-reached' | 'tab-hidden' | 'no-element';

/** One item of a mounted impression list, as `inspectImpressionLists` reports it. */
export interface ImpressionItemState {
  /** The item. */
  itemId: string;
  /** Whether it is seen: it goes into the impression of the list's events. */
  seen: boolean;
  /** Why it is not seen yet; absent when seen. */
  reason?: ImpressionMissReason | undefined;
  /** Its elements marked with `useImpression(itemId)` (none when it is judged by the tracker's own element). */
  elements: Element[];
  /** While its dwell clock runs: when it started, on the list's clock (epoch ms). */
  dwellStartedAt?: number | undefined;
  /** While its dwell clock runs: when it will count as seen, on the list's clock (epoch ms). */
  dwellDueAt?: number | undefined;
}

/** One mounted `ImpressionTracker`, as `inspectImpressionLists` reports it. */
export interface ImpressionListState {
  /** The tracker's `recommendationId`. */
  recommendationId: string | undefined;
  /** The tracker's `itemIds`, in the order shown. */
  itemIds: readonly string[];
  /** Share of an element (0–1) that must be on screen. */
  threshold: number;
  /** Dwell needed, in ms. */
  minDwellMs: number;
  /** The view event type, if the tracker records view events. */
  viewEventType: string | undefined;
  /** The tracker's own element. */
  element: Element | undefined;
  /** Whether the tab is hidden (every dwell clock is stopped). */
  tabHidden: boolean;
  /** The list's clock when this state was taken (epoch ms), to turn dwell times into progress. */
  now: number;
  /** Each distinct item, in list order. */
  items: ImpressionItemState[];
}
