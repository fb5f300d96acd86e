/**
 * Characters of `text` as the PutEvents model counts them (Unicode scalar values, not UTF-16 units). They are counted
 * one by one only when the units pass `max`, as the units never undercount: below it the unit count is the answer.
 */
export function countCharacters(text: string, max: number): number {
  return text.length > max ? [...text].length : text.length;
}
