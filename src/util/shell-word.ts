/**
 * A path as one shell word, in single quotes, for a command printed to an
 * operator to paste: a folder with a space or a quote in its name then
 * names only what is meant.
 */
export function shellWord(p: string): string {
  return `'${p.replace(/'/g, `'\\''`)}'`;
}
