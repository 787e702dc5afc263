/**
 * A LIKE pattern finding `text` anywhere, case-insensitively (compare with `lower(col) LIKE ? ESCAPE '\'`):
 * `%` and `_` typed by a person are letters, not wildcards.
 */
export function toContainsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
