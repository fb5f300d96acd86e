'use client';
import type { ImpressionListState } from '../react/ImpressionListState';
import { DwellMeter } from './DwellMeter';
import { describeMissReason, displayStateOf } from './describeMissReason';
import { useFrameTime } from './useFrameTime';

/** Props of `ImpressionListsView`. */
export interface ImpressionListsViewProps {
  /** The mounted lists. */
  lists: readonly ImpressionListState[];
  /** The recorder's clock, which the lists' dwell times are on. */
  now: () => number;
}

/** Every mounted `ImpressionTracker`: its recommendationId, item count, and each item's state and "why not". */
export function ImpressionListsView({ lists, now }: ImpressionListsViewProps) {
  // Re-rendered on every frame while an item dwells, for its progress.
  const time = useFrameTime(
    lists.some((list) => list.items.some((item) => item.reason === 'dwell-not-reached')),
    now,
  );
  if (!lists.length) return <p className="empty">No ImpressionTracker is mounted.</p>;
  return (
    <ul className="rows" aria-label="Impression lists">
      {lists.map((list, at) => {
        const seen = list.items.filter((item) => item.seen).length;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: lists have no identity of their own; mount order is stable
          <li key={at} data-recommendation-id={list.recommendationId ?? ''}>
            <div className="line">
              <strong>{list.recommendationId ?? '(no recommendationId)'}</strong>
              <span>{list.items.length} items</span>
              <span>{seen} seen</span>
              <span className="muted">
                threshold {list.threshold}, dwell {list.minDwellMs} ms
                {list.viewEventType ? `, view event ${list.viewEventType}` : ''}
                {list.tabHidden ? ', tab hidden' : ''}
              </span>
            </div>
            <ul className="items">
              {list.items.map((item) => {
                const state = displayStateOf(item);
                return (
                  <li key={item.itemId} data-item-id={item.itemId} data-state={state} data-reason={item.reason ?? ''}>
                    <code>{item.itemId}</code>
                    <span className="badge" data-state={state}>
                      {state}
                    </span>
                    <span>
                      <span className="why">{describeMissReason(item, list, time)}</span>
                      {state === 'dwelling' && <DwellMeter item={item} list={list} time={time} />}
                    </span>
                  </li>
                );
              })}
            </ul>
          </li>
        );
      })}
    </ul>
  );
}
