'use client';
import { LIMITS } from '../core/limits';

/**
 * The impression of an interaction with `itemIds[position]`: the viewed items of the list in list order, at most
 * 25 (PutEvents' limit), always with the interacted item itself. From a longer list it keeps the viewed items
 * nearest the interacted one by list position (on a tie, the earlier one). Repeated IDs appear once.
 */
export function selectImpression(
  itemIds: readonly string[],
  position: number,
  isViewed: (itemId: string) => boolean,
  max: number = LIMITS.impression,
): string[] {
  const picked = [position];
  const seen = new Set([itemIds[position]]);
  const take = (at: number) => {
    const itemId = itemIds[at];
    if (seen.has(itemId) || !isViewed(itemId)) return;
    seen.add(itemId);
    picked.push(at);
  };
  for (let distance = 1; picked.length < max; distance++) {
    const before = position - distance;
    const after = position + distance;
    if (before < 0 && after >= itemIds.length) break;
    if (before >= 0) take(before);
    if (after < itemIds.length && picked.length < max) take(after);
  }
  picked.sort((a, b) => a - b);
  return picked.map((at) => itemIds[at]);
}
