/** Cutting text between what a reader sees as one character, never inside it. */

// A flag (two code points), a family emoji (joined by ZWJ), a letter with its accent: each one grapheme cluster.
const CHARACTERS = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * The longest start of `text` made of whole characters (grapheme clusters) whose `size` adds up to at most `max`:
 * cut between code points, a flag at the cut left half of it, another flag's letter or a stray mark. `size`
 * counts as the caller's limit does: UTF-16 units by default (as SMS segments count), or code points.
 */
export function wholeCharactersStart(text: string, max: number, size: (character: string) => number = (c) => c.length): string {
  let kept = '';
  let used = 0;
  for (const { segment } of CHARACTERS.segment(text)) {
    used += size(segment);
    if (used > max) break;
    kept += segment;
  }
  return kept;
}

/** Code points in a character: the "characters" a limit counts when it counts as Array.from does. */
export const codePoints = (character: string): number => Array.from(character).length;
