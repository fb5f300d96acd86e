'use client';
import type { ImpressionItemState, ImpressionListState } from '../react/ImpressionListState';
import { dwellProgress } from './describeMissReason';

/** Props of `DwellMeter`. */
export interface DwellMeterProps {
  item: ImpressionItemState;
  list: ImpressionListState;
  /** Now, on the list's clock. */
  time: number;
}

/** The bar of how much of its dwell an item has done. */
export function DwellMeter({ item, list, time }: DwellMeterProps) {
  return (
    <span className="meter">
      <span style={{ width: `${dwellProgress(item, list, time) * 100}%` }} />
    </span>
  );
}
