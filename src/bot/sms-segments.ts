/**
 * How many SMS segments a text costs. GSM-7 when every character is in the
 * GSM 03.38 basic set or its extension table (which costs two septets):
 * 160 septets in one segment, 153 per segment when concatenated. Otherwise
 * UCS-2: 70 UTF-16 units in one segment, 67 per segment when concatenated.
 * Twilio never splits a character across two segments, so a segment may
 * end a septet or a unit short.
 */

const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENSION = new Set('^{}\\[~]|€\f');

/** Septets the text takes in GSM-7, or null when it needs UCS-2. */
export function gsm7Length(text: string): number | null {
  let septets = 0;
  for (const ch of text) {
    if (GSM_BASIC.has(ch)) septets += 1;
    else if (GSM_EXTENSION.has(ch)) septets += 2;
    else return null;
  }
  return septets;
}

// What a reader sees as one character (an emoji, a flag made of two): Twilio's segment calculator splits text so.
const CHARACTERS = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * The number of segments a text is sent in (0 for the empty text): each
 * filled with whole characters, so one that does not fit in what is left
 * (an emoji, two units; €, two septets) starts the next, as Twilio bills it.
 */
export function smsSegments(text: string): number {
  if (text.length === 0) return 0;
  const septets = gsm7Length(text);
  if (septets !== null ? septets <= 160 : text.length <= 70) return 1;
  const room = septets !== null ? 153 : 67;
  // In a GSM-7 text every character has a GSM-7 length.
  const size = (ch: string) => (septets !== null ? (gsm7Length(ch) ?? 0) : ch.length);
  let segments = 1;
  let used = 0;
  for (const { segment } of CHARACTERS.segment(text)) {
    // One "character" longer than a segment (a letter under hundreds of combining marks) must be split: by code point.
    for (const part of size(segment) > room ? Array.from(segment) : [segment]) {
      if (used + size(part) > room) {
        segments++;
        used = 0;
      }
      used += size(part);
    }
  }
  return segments;
}

/** The largest n from 0 to max for which `fits(n)` holds, `fits` holding for every smaller n too (0 when none fits). */
export function longestFit(max: number, fits: (n: number) => boolean): number {
  let lo = 0;
  let hi = max;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Builds a message around free text, clipping the text (with "...") until the
 * message fits in `segments` SMS segments. The frame itself is never cut.
 */
export function fitSegments(build: (text: string) => string, text: string, segments = 2): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (smsSegments(build(flat)) <= segments) return build(flat);
  const chars = Array.from(flat);
  const clipped = (n: number) => build(`${chars.slice(0, n).join('').trimEnd()}...`);
  return clipped(longestFit(chars.length, (n) => smsSegments(clipped(n)) <= segments));
}

/**
 * Builds a message from as many leading items as fit in `segments` SMS
 * segments; `build` is told how many were left out so it can say so.
 */
export function fitItems(build: (shown: string[], hidden: number) => string, items: string[], segments = 2): string {
  for (let n = items.length; n > 0; n--) {
    const text = build(items.slice(0, n), items.length - n);
    if (smsSegments(text) <= segments) return text;
  }
  return build([], items.length);
}

/** Twilio (and carriers) refuse a message body longer than this many characters. */
export const MAX_MESSAGE_CHARS = 1600;

/**
 * Splits free text into parts of at most `room` UTF-16 units each (Twilio counts a body so), cut between words
 * where a part has a space: for a text a moderator asked to read in full, sent in as many messages as it takes.
 */
export function splitBetweenWords(text: string, room: number): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest !== '') {
    let end = 0;
    for (const ch of rest) {
      if (end + ch.length > room) break;
      end += ch.length;
    }
    // The last space up to the cut (the character after it included): a word the cut falls in goes to the next part.
    const space = end < rest.length ? rest.slice(0, end + 1).search(/\s\S*$/) : end;
    const cut = space > 0 ? space : Math.max(end, 1);
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  return parts;
}
