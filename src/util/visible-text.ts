/**
 * What of a text shows: members' words (a report, a buddy's name, a check-in's details) go to moderators and
 * strangers without what could hide or reorder them. Pure.
 */

// Format characters (bidirectional overrides and isolates, zero-width
// spaces and joiners, the BOM, soft hyphens, …): invisible, they can make a
// number display normally while hiding it from the screening index, or
// reorder what a moderator reads.
const FORMAT_CHARS = /\p{Cf}/gu;
// Control characters other than whitespace (a bell, an escape, NUL, DEL, C1
// controls): nothing a member should receive. Tabs and line breaks stay (cleanAlertText makes them spaces).
const CONTROL_CHARS = /(?!\s)\p{Cc}/gu;
// Invisible too, though no format character: the combining grapheme joiner, Mongolian and Khmer invisible
// marks, the variation selectors but an emoji's own (U+FE0F): "628͏555͏0177" reads as a number to a moderator
// and to members, never to CHECK.
const INVISIBLE_MARKS = /[\u034F\u17B4\u17B5\u180B-\u180F\uFE00-\uFE0E\u{E0100}-\u{E01EF}]/gu;
// Blank fillers (Hangul, half-width Hangul, a blank braille cell) social media use as invisible spaces: spaces.
const BLANK_FILLERS = /[\u115F\u1160\u2800\u3164\uFFA0]/gu;
// An emoji's own selector after a bare digit (no keycap after it: "6️2️8️…") shows nothing, and hid the number from CHECK.
const SELECTOR_AFTER_DIGIT = /(?<=[0-9])\uFE0F+(?!\u20E3)/gu;

// The zero-width non-joiner and joiner between letters, marks or emoji: they spell Persian and Indic words and join
// emoji families (👩‍👩‍👧), and reorder nothing. Beside a digit, a space or punctuation they only hide what is there.
const JOINER_KEPT = /(?<=[\p{L}\p{M}\p{Extended_Pictographic}\p{Emoji_Modifier}])[\u200C\u200D](?=[\p{L}\p{M}\p{Extended_Pictographic}])/uy;

/** Text without anything invisible: format, control and the marks above; blank fillers as spaces. */
export function visible(text: string): string {
  return shown(text.replace(FORMAT_CHARS, ''));
}

/**
 * As visible(), but the joiners between letters, marks or emoji stay: for a buddy's name and a check-in's details,
 * words read by people, never screened. A report's text keeps visible(): a joiner inside a handle or a plate
 * ("sara\u200Dxo") would show it whole to members and hide it from CHECK.
 */
export function visibleWithJoiners(text: string): string {
  return shown(
    text.replace(FORMAT_CHARS, (ch: string, at: number) => {
      JOINER_KEPT.lastIndex = at;
      return JOINER_KEPT.test(text) ? ch : '';
    }),
  );
}

/** The rest of visible(), after the format characters. */
function shown(text: string): string {
  return text.replace(CONTROL_CHARS, '').replace(INVISIBLE_MARKS, '').replace(SELECTOR_AFTER_DIGIT, '').replace(BLANK_FILLERS, ' ');
}
