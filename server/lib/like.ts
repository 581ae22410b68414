/**
 * A case-insensitive "contains" pattern for `ilike`, with the user's `%`, `_` and `\` taken
 * literally: a search for "100%" must not match everything.
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A "starts with" pattern for `like`, e.g. an IP range typed as `10.72.`. */
export function prefixPattern(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
