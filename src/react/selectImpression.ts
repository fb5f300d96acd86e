'use client';
import { isValidString } from '../core/isValidString';
import { MAX_ID, MAX_IMPRESSION } from '../core/limits';

/**
 * The impression of an interaction with `itemIds[position]`: the viewed items of the list in list order, at most
 * 25 (PutEvents' limit), always with the interacted item itself. From a longer list it keeps the viewed items
 * nearest the interacted one by list position (on a tie, the earlier one). Repeated IDs appear once; IDs that are
 * not 1–256 characters (or not valid Unicode) are left out.
 */
export function selectImpression(
  itemIds: readonly string[],
  position: number,
  viewed: { has(itemId: string): boolean },
  max: number = MAX_IMPRESSION,
): string[] {
  /** Picked items and their positions. */
  const picked = new Map([[itemIds[position], position]]);
  const take = (at: number) => {
    const itemId = itemIds[at];
    // undefined: outside the list. An item already picked was picked at a nearer position. An ID PutEvents would
    // refuse is left out: a neighbour's bad ID must not make the interacted item's event invalid.
    if (isValidString(itemId, MAX_ID) && !picked.has(itemId) && viewed.has(itemId)) picked.set(itemId, at);
  };
  for (let distance = 1; distance < itemIds.length && picked.size < max; distance++) {
    take(position - distance);
    if (picked.size < max) take(position + distance);
  }
  return [...picked.values()].sort((a, b) => a - b).map((at) => itemIds[at]);
}
