import { countCharacters } from './countCharacters';
import { hasLoneSurrogate } from './hasLoneSurrogate';

/**
 * Whether `value` is a string PutEvents takes for a field of 1–`max` characters: counted as Unicode characters,
 * without a lone surrogate. The same rule validation reports issues for; used where a value is kept or left out
 * rather than reported (user and session IDs, impression neighbours, a tracker's recommendationId).
 */
export function isValidString(value: unknown, max: number): value is string {
  if (typeof value !== 'string') return false;
  const length = countCharacters(value, max);
  return length > 0 && length <= max && !hasLoneSurrogate(value);
}
