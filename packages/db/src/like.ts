/**
 * A LIKE pattern that finds `text` anywhere, with `%`, `_` and `\` in it matched literally
 * (PostgreSQL's default LIKE escape character is the backslash).
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
}
