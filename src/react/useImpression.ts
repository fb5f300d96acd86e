'use client';
import { useContext, useMemo } from 'react';
import { ImpressionListContext } from './ImpressionListContext';

/** The ref callback outside a tracker. */
const ignore = () => {};

/**
 * Marks the element that shows `itemId` inside an `ImpressionTracker`: the item counts as seen once at least the
 * tracker's `threshold` of this element has been on screen for `minDwellMs` in a visible tab. Returns a ref
 * callback that keeps its identity while `itemId` stays the same; it never re-renders the component. Outside a
 * tracker it does nothing, so a card can be reused anywhere.
 * @example
 * function Card({ item }: { item: { itemId: string; title: string } }) {
 *   const ref = useImpression(item.itemId);
 *   return <li ref={ref}>{item.title}</li>;
 * }
 */
export function useImpression(itemId: string): (element: Element | null) => void {
  const list = useContext(ImpressionListContext);
  // React 18 calls the ref with null on detach, React 19 too (the ref returns no cleanup): the list forgets it then.
  return useMemo(() => (list ? list.elementRef(itemId) : ignore), [list, itemId]);
}
