'use client';
import type { ImpressionListState } from '../react/ImpressionListState';
import { DwellMeter } from './DwellMeter';
import { displayStateOf } from './describeMissReason';
import { useFrameTime } from './useFrameTime';

/** Props of `ImpressionOverlay`. */
export interface ImpressionOverlayProps {
  /** The mounted lists whose item elements are outlined. */
  lists: readonly ImpressionListState[];
  /** The recorder's clock, which the lists' dwell times are on. */
  now: () => number;
}

/**
 * Outlines every element of every tracked item over the page: dashed while tracked (not on screen enough yet),
 * solid amber with a progress bar while it dwells, solid green once counted. It takes no pointer events.
 */
export function ImpressionOverlay({ lists, now }: ImpressionOverlayProps) {
  // Re-drawn on every frame: the outlines follow scrolling and layout, the bars the dwell.
  const time = useFrameTime(lists.length > 0, now);
  return (
    <div className="overlay" aria-hidden="true">
      {lists.flatMap((list, listAt) =>
        list.items.flatMap((item) =>
          item.elements.map((element, elementAt) => {
            const rect = element.getBoundingClientRect();
            if (!rect.width && !rect.height) return null;
            const state = displayStateOf(item);
            return (
              <div
                // biome-ignore lint/suspicious/noArrayIndexKey: positions in the lists stand for the elements
                key={`${listAt}:${item.itemId}:${elementAt}`}
                className="outline"
                data-item-id={item.itemId}
                data-state={state}
                data-reason={item.reason ?? ''}
                style={{ left: rect.left, top: rect.top, width: rect.width, height: rect.height }}
              >
                <span className="label">
                  {item.itemId} · {state}
                </span>
                {state === 'dwelling' && <DwellMeter item={item} list={list} time={time} />}
              </div>
            );
          }),
        ),
      )}
    </div>
  );
}
