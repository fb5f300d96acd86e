import type { ImpressionItemState, ImpressionListState } from '../react/ImpressionListState';

/** The state an item is shown in: on its way (`tracked`), on screen with its clock running, or in the impression. */
export type ItemDisplayState = 'tracked' | 'dwelling' | 'counted';

/** How an item is shown, from its inspected state. */
export function displayStateOf(item: ImpressionItemState): ItemDisplayState {
  if (item.seen) return 'counted';
  return item.reason === 'dwell-not-reached' ? 'dwelling' : 'tracked';
}

/** Share (0–1) of the dwell an item has done at `time`; 1 once seen, 0 without a running clock. */
export function dwellProgress(item: ImpressionItemState, list: ImpressionListState, time: number): number {
  if (item.seen) return 1;
  if (item.dwellStartedAt === undefined || list.minDwellMs <= 0) return 0;
  return Math.min(1, Math.max(0, (time - item.dwellStartedAt) / list.minDwellMs));
}

/** The answer to "why is this item not in the impression?", in plain words. */
export function describeMissReason(item: ImpressionItemState, list: ImpressionListState, time: number): string {
  switch (item.reason) {
    case undefined:
      return 'in the impression';
    case 'below-threshold':
      return `below the threshold: less than ${Math.round(list.threshold * 100)}% of its element is on screen`;
    case 'dwell-not-reached': {
      const done = dwellProgress(item, list, time) * list.minDwellMs;
      return `dwell not reached: on screen for ${Math.round(done)} of ${list.minDwellMs} ms`;
    }
    case 'tab-hidden':
      return 'the tab is hidden: dwell clocks are stopped until it is visible';
    case 'no-element':
      return `no element: nothing is marked with useImpression('${item.itemId}'); it counts when the list's own element does`;
  }
}
