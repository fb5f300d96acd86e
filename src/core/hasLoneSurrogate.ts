/**
 * Whether `text` holds a lone surrogate: no Unicode character, so it cannot be sent as UTF-8. Checked where the
 * runtime has `String.prototype.isWellFormed` (ES2024); elsewhere the text passes.
 */
export function hasLoneSurrogate(text: string): boolean {
  return (text as { isWellFormed?: () => boolean }).isWellFormed?.() === false;
}
