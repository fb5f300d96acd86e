/** True for IDs that a bug produced rather than a user: `"null"`, `"undefined"`, blank. */
export function isPlaceholderId(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const trimmed = value.trim();
  return trimmed === '' || trimmed === 'null' || trimmed === 'undefined';
}
