/**
 * Phone numbers: parsing to E.164, the NANP area code of a number, and which
 * 3-digit codes are real geographic area codes. libphonenumber-js's full
 * metadata does the work; nothing here is hand-rolled number logic.
 */
import { findPhoneNumbersInText, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export type { CountryCode };

// +1, an area code, then a 7-digit line whose exchange does not start with 0 or 1.
const NANP_E164 = /^\+1[2-9]\d\d[2-9]\d{6}$/;

/** Parses free text ("(415) 555-0100", "+1 415…"; national formats read as `defaultCountry`'s) to E.164, or null if it is not a valid number. */
export function toE164(text: string, defaultCountry: CountryCode = 'US'): string | null {
  if (text.length > 40) return null;
  // Fast path for what providers send (the hot path of every webhook): an E.164 NANP number in a real area code.
  if (NANP_E164.test(text) && isAreaCode(text.slice(2, 5))) return text;
  const parsed = parsePhoneNumberFromString(text, defaultCountry);
  return parsed && parsed.isValid() ? parsed.number : null;
}

/**
 * A sender's number as a provider states it (Twilio's From, Signal's
 * sourceNumber). The carrier has already routed it, so a number of a possible
 * length for its country is taken in international form even when the
 * metadata does not list its range yet (a new allocation): refusing it would
 * leave that member unable to reach the line at all.
 */
export function providerNumber(text: string): string | null {
  const known = toE164(text);
  if (known || text.length > 40) return known;
  // No default country: only a number written with its + prefix is read here.
  const parsed = parsePhoneNumberFromString(text);
  return parsed && parsed.isPossible() ? parsed.number : null;
}

/** The NANP area code (NPA) of an E.164 number, or null outside North America. */
export function areaCodeOf(e164: string): string | null {
  if (NANP_E164.test(e164)) return isAreaCode(e164.slice(2, 5)) ? e164.slice(2, 5) : null;
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed || parsed.countryCallingCode !== '1') return null;
  const npa = parsed.nationalNumber.slice(0, 3);
  return isAreaCode(npa) ? npa : null;
}

const areaCodeCache = new Map<string, boolean>();
const SAMPLE_LINES = ['2345678', '5550100', '2001234', '5551234', '7001234', '9001234'];

// A place's numbers: not toll-free, premium (900), personal (5XX, Canada's 622) or Canada's non-geographic 600.
const PLACE_TYPES: ReadonlySet<string | undefined> = new Set(['FIXED_LINE', 'MOBILE', 'FIXED_LINE_OR_MOBILE']);

/** Whether a 3-digit string is a geographic NANP area code (toll-free and service codes are not). */
export function isAreaCode(npa: string): boolean {
  if (!/^[2-9]\d\d$/.test(npa)) return false;
  const cached = areaCodeCache.get(npa);
  if (cached !== undefined) return cached;
  const ok = SAMPLE_LINES.some((line) => {
    const p = parsePhoneNumberFromString(`+1${npa}${line}`);
    return !!p && p.isValid() && PLACE_TYPES.has(p.getType());
  });
  areaCodeCache.set(npa, ok);
  return ok;
}

/** The most words a phone number is written in ("+1 415 555 01 77"). */
const NUMBER_WORDS = 5;

/**
 * Whether a text starts with a phone number (national formats read as
 * `defaultCountry`'s): some of its first words make one. Areas lead REPORT
 * and ALERT as 3-digit words too: read as an area, the first group of
 * "(628) 555-0177" or "020 7946 0958" would send the report to the wrong
 * area and cut the number out of its text, where CHECK finds it.
 */
export function startsWithNumber(text: string, defaultCountry: CountryCode = 'US'): boolean {
  const words = text.trim().split(/\s+/, NUMBER_WORDS);
  // Word by word: a search of the whole text reads "628 555 0177 415 555 0188" as one number, which is none.
  // Not extracted: "london 020 7946 0958" starts with a word, and "london" is an area.
  return words.some((_, n) => {
    const candidate = words.slice(0, n + 1).join(' ').replace(/[,;:!?]+$/, '');
    return parsePhoneNumberFromString(candidate, { defaultCountry, extract: false })?.isValid() === true;
  });
}

/** Every valid phone number written in a text (national formats read as `defaultCountry`'s), as unique E.164 strings. */
export function numbersInText(text: string, defaultCountry: CountryCode = 'US'): string[] {
  const found = findPhoneNumbersInText(text, defaultCountry).map((m) => m.number.number as string);
  return [...new Set(found)];
}

/** A number written with its currency sign before or after it ("$650", "250$", "250€"): an amount, never an area. */
export function isAmount(word: string): boolean {
  return /^\p{Sc}|\d\p{Sc}/u.test(word);
}
