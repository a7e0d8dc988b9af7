/**
 * The reporter's own number masked out of what she wrote, every way it is
 * written ("[-]"): it must reach no moderator, member or index. Pure.
 */
import type { CountryCode } from 'libphonenumber-js';
import { digitForms, phoneNumbersEitherWay } from './numbers-in-text';

// The part of a 00 prefix before where numberReadable reads its "+": a 0, or both, in keycaps too, and a space;
// nothing glued before it ("room 10 (415) …" keeps its 0).
const PREFIX_BEFORE = /(?<![\p{L}\p{N}\uFE0F\u20E3])0[\uFE0F\u20E3]{0,2}\s?(?:0[\uFE0F\u20E3]{0,2}\s?)?$/u;

/** Replaces every way `e164` is written in a text by "[-]": the reporter's own number never goes out. */
export function maskNumber(text: string, e164: string | null, country: CountryCode): string {
  if (!e164) return text;
  let out = '';
  let at = 0;
  // Read as identifiersIn reads numbers (letters for digits, commas, a count after one), or the number would be
  // masked less than it is found; in either reading, and where the two overlap, both spans go.
  for (const m of phoneNumbersEitherWay(text, country)) {
    if (m.number.number !== e164) continue;
    // A number after a 00 prefix starts at the "+" read in the prefix's place, a 0 or a space: the prefix goes with it ("0️⃣0️⃣1️⃣…").
    const start = /[0\s\uFE0F\u20E3]/u.test(text[m.startsAt] ?? '') ? m.startsAt - (PREFIX_BEFORE.exec(text.slice(0, m.startsAt))?.[0].length ?? 0) : m.startsAt;
    if (start >= at) out += `${text.slice(at, start)}[-]`;
    // A number in keycap digits ends with its last digit: the keycap's marks after it go with it.
    at = Math.max(at, m.endsAt + (/^\uFE0F?\u20E3/u.exec(text.slice(m.endsAt))?.[0].length ?? 0));
  }
  // After other digits ("room 20 415 555 0105") libphonenumber reads one longer number, no number: her digits in
  // groups (up to three characters other than letters and digits between two) go, unless a digit is glued to an end.
  const forms = [...digitForms(e164)].sort((a, b) => b.length - a.length);
  let masked = out + text.slice(at);
  for (const form of forms) masked = masked.replace(new RegExp(`(?<!\\d)${Array.from(form).join('[^\\p{L}\\p{N}]{0,3}')}(?!\\d)`, 'gu'), '[-]');
  // Glued to letters ("@sara4155550105", "onlyfans.com/sara4155550105") no number is found: a run of digits that is hers goes too.
  return masked.replace(/\d+/g, (run) => (forms.includes(run) ? '[-]' : run));
}
