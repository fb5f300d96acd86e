/** True for IDs that a bug produced rather than a user: `"null"`, `"undefined"`, blank. */
export function isPlaceholderId(value: unknown): boolean {
  return typeof value === 'string' && ['', 'null', 'undefined'].includes(value.trim());
}
