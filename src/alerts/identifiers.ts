/**
 * Identifiers of a client named in a report: phone numbers, licence plates,
 * email addresses, handles (@name) and ad or profile links. Pure: each kind
 * has one normaliser, so "(415) 555-0123", "415.555.0123" and "+1 415 555
 * 0123" are one value, and the screening index (one blind-index purpose per
 * kind) matches them whatever way a member wrote them. Plates are read in
 * plates.ts.
 */
import type { CountryCode } from 'libphonenumber-js';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { bareHandlesIn } from './bare-handles';
import { DEFAULT_COUNTRY, digitForms, localDigits, normalizePhone, northAmericanNumbersIn, numberReadable, phoneNumbersIn } from './numbers-in-text';
import { plateQuery } from './plate-query';
import { platesIn } from './plates';
import { profileHandle, profileIdLink } from './profile-links';

export { DEFAULT_COUNTRY, digitForms, normalizePhone, numberReadable };

export type IdentifierKind = 'phone' | 'plate' | 'email' | 'handle' | 'link';

export const IDENTIFIER_KINDS: readonly IdentifierKind[] = ['phone', 'plate', 'email', 'handle', 'link'];

/**
 * One normalised identifier. `region` (a plate's state or province, when given) is shown, never indexed; so
 * is `shown`, a link as written (its path's case kept: a short link or an ad's page differs by case).
 */
export interface Identifier {
  kind: IdentifierKind;
  value: string;
  region?: string;
  shown?: string;
}

/**
 * Whether an identifier is, or carries, the number `e164` (the reporter's
 * own): the number itself, or a link, handle or email with her number as one
 * of its runs of digits (her WhatsApp link, a Telegram-by-number link,
 * "sara4155550105"), or, hers being North American, a plate or run of
 * digits that is her local seven. Her number must reach no moderator, member or index.
 */
export function carriesNumber(id: Identifier, e164: string | null): boolean {
  if (e164 === null) return false;
  if (id.kind === 'phone') return id.value === e164;
  // Her local seven digits ("tag 555 0105") are masked from her words: read as a plate or in a handle, they are hers.
  const local = localDigits(e164);
  if (id.kind === 'plate') return id.value === local;
  const forms = digitForms(e164);
  return (id.value.match(/\d+/g) ?? []).some((run) => forms.has(run) || run === local);
}

const MAX_INPUT = 2000;

/** Lower case, no "mailto:": how email addresses are compared. */
export function normalizeEmail(text: string): string | null {
  const email = text.normalize('NFKC').trim().replace(/^mailto:/i, '').replace(/[.,;:!?)]+$/, '').toLowerCase();
  return /^[a-z0-9._%+-]{1,64}@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,24}$/.test(email) ? email : null;
}

/** "@Name" and "name" alike, lower case, without the "@": how handles are compared. */
export function normalizeHandle(text: string): string | null {
  const handle = text.normalize('NFKC').trim().replace(/^@+/, '').replace(/[.]+$/, '').toLowerCase();
  return /^[a-z0-9_][a-z0-9_.]{1,29}$/.test(handle) ? handle : null;
}

/**
 * A link as host and path, lower case, without the scheme, "www.", the
 * fragment, tracking parameters or a trailing slash: how links are compared.
 */
export function normalizeLink(text: string): string | null {
  return linkParts(text)?.toLowerCase() ?? null;
}

/** A link as normalizeLink reads it, but its path and query in the case written: how an alert shows it. */
export function shownLink(text: string): string | null {
  return linkParts(text);
}

function linkParts(text: string): string | null {
  let raw = text.normalize('NFKC').trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) raw = `https://${raw}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  if (!/^([a-z0-9-]+\.)+[a-z]{2,24}$/.test(host)) return null;
  for (const key of [...url.searchParams.keys()]) if (/^(utm_|fbclid$|gclid$|ref$)/i.test(key)) url.searchParams.delete(key);
  const query = url.searchParams.toString();
  const path = url.pathname.replace(/\/+$/, '');
  return `${host}${path}${query ? `?${query}` : ''}`.slice(0, 200);
}

/**
 * The number a WhatsApp click-to-chat link (a normalised one: wa.me/<number>,
 * api.whatsapp.com/send?phone=<number>) opens a chat with, in E.164; null for
 * any other link. Ads give numbers that way: CHECK of the number must find it.
 */
export function whatsappNumber(link: string): string | null {
  const url = new URL(`https://${link}`);
  const chat = url.hostname === 'wa.me' || (/^(api\.)?whatsapp\.com$/.test(url.hostname) && url.pathname === '/send');
  // Always international, without "+" (a "+" in the query reads as a space).
  const raw = url.hostname === 'wa.me' ? url.pathname.slice(1) : url.searchParams.get('phone');
  const digits = chat && raw ? raw.replace(/^[\s+]+/, '') : '';
  if (!/^\d{7,15}$/.test(digits)) return null;
  const parsed = parsePhoneNumberFromString(`+${digits}`);
  return parsed && parsed.isValid() ? parsed.number : null;
}

const EMAIL_IN_TEXT = /(?:mailto:)?[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[\p{L}]{2,24}/gu;
const HANDLE_IN_TEXT = /(?<![\p{L}\p{N}_.@])@([\p{L}\p{N}_][\p{L}\p{N}_.]{1,29})/gu;
// A phone's curly quotes and guillemets end a link as a straight quote does ("“site.com/p/123”" is site.com/p/123),
// but an apostrophe between letters is the link's own: "tryst.link/escort/o’neil".
const LINK_IN_TEXT = /\b(?:https?:\/\/(?:[^\s<>"“”‘’«»]|’(?=[\p{L}\p{N}]))+|www\.(?:[^\s<>"“”‘’«»]|’(?=[\p{L}\p{N}]))+|(?:[a-z0-9-]+\.)+(?:com|net|org|link|me|io|co|ca|mx|es|info|biz|xxx|us|uk|app|site|club)\/(?:[^\s<>"“”‘’«»]|’(?=[\p{L}\p{N}]))*)/giu;
/** Where to look for what, by the report's field: plates without a word before them only in the vehicle answer. */
export interface ExtractOptions {
  country?: CountryCode;
  /** The text describes a vehicle: a mixed letters-and-digits word is taken as its plate. */
  vehicle?: boolean;
}

/** Every identifier written in a text, normalised, each once, in the order they are written. */
export function identifiersIn(input: string, opts: ExtractOptions = {}): Identifier[] {
  return identifiersAt(input, opts, true).map(({ at: _at, ...id }) => id);
}

/** identifiersIn's identifiers with where each is written: the readings of one plate share their place. */
function identifiersAt(input: string, opts: ExtractOptions, report = false): Array<Identifier & { at: number }> {
  const text = input.normalize('NFKC').slice(0, MAX_INPUT);
  const found: Array<Identifier & { at: number }> = [];
  // What is found is blanked out (to the same length, so positions stay comparable) before the next kind is looked for.
  const blank = (s: string, at: number, length: number) => s.slice(0, at) + ' '.repeat(length) + s.slice(at + length);
  let rest = text;
  // Emails first, so their parts are not read as handles or links.
  for (const m of text.matchAll(EMAIL_IN_TEXT)) {
    const email = normalizeEmail(m[0]);
    if (email) found.push({ kind: 'email', value: email, at: m.index ?? 0 });
    rest = blank(rest, m.index ?? 0, m[0].length);
  }
  let noLinks = rest;
  for (const m of rest.matchAll(LINK_IN_TEXT)) {
    // Sentence punctuation after a link is not part of it.
    const written = shownLink(m[0].replace(/[.,;:!?)\]]+$/, ''));
    const link = written?.toLowerCase() ?? null;
    if (written && link) found.push({ kind: 'link', value: link, ...(written !== link ? { shown: written } : {}), at: m.index ?? 0 });
    // A Facebook profile of a numeric id is one link however shared ("m.facebook.com/profile.php?id=…&mibextid=…").
    const idLink = link ? profileIdLink(link) : null;
    if (idLink) found.push({ kind: 'link', value: idLink, at: m.index ?? 0 });
    // "instagram.com/ricky_sf" is @ricky_sf too, in the same place: one identifier with two readings. Not a link
    // cut short ("instagram.com/ricky_s..."): its stub would be an innocent's handle.
    const handle = link && !/\.\.\.$/.test(m[0]) ? profileHandle(link) : null;
    if (handle) found.push({ kind: 'handle', value: handle, at: m.index ?? 0 });
    // The number of a WhatsApp link is named too: its digits are blanked with the link.
    const phone = link ? whatsappNumber(link) : null;
    if (phone) found.push({ kind: 'phone', value: phone, at: m.index ?? 0 });
    noLinks = blank(noLinks, m.index ?? 0, m[0].length);
  }
  for (const m of noLinks.matchAll(HANDLE_IN_TEXT)) {
    const handle = normalizeHandle(m[1] as string);
    if (handle) found.push({ kind: 'handle', value: handle, at: m.index ?? 0 });
  }
  for (const { word, at } of bareHandlesIn(noLinks)) {
    const handle = normalizeHandle(word);
    if (handle) found.push({ kind: 'handle', value: handle, at });
  }
  // A phone number is never also a plate: its digits are not read after a plate word ("tag him 415 555 0123"),
  // and its end written again is that number ("tag: 555 0123").
  let noPhones = noLinks;
  // Stryker disable next-line ArrayDeclaration: a text with no digit in it never ends with a plate (each has a digit)
  const phones: string[] = [];
  const country = opts.country ?? DEFAULT_COUNTRY;
  const numbers = phoneNumbersIn(noLinks, country);
  // A report's North American number without its +1, on a line of another country: CHECK +1 … finds it.
  if (report) numbers.push(...northAmericanNumbersIn(noLinks, country, numbers));
  for (const m of numbers) {
    const value = m.number.number as string;
    found.push({ kind: 'phone', value, at: m.startsAt });
    // Stryker disable next-line StringLiteral: any text in place of the '+' (an E.164 value's only non-digit) leaves the digits at the end, where endsWith looks
    phones.push(value.replace(/\D/g, ''));
    noPhones = blank(noPhones, m.startsAt, m.endsAt - m.startsAt);
  }
  for (const p of platesIn(noPhones, opts.vehicle === true, country)) {
    if (!phones.some((d) => d.endsWith(p.value))) found.push(p);
  }
  return uniqueIdentifiers(found.sort((a, b) => a.at - b.at));
}

/** Each identifier once (by kind and value), in first-seen order. */
export function uniqueIdentifiers<T extends Identifier>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((i) => {
    const key = `${i.kind}:${i.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** What a CHECK names first, its likeliest reading (see queryGroups); null when there is none. */
export function classifyQuery(input: string, country: CountryCode = DEFAULT_COUNTRY): Identifier | null {
  return queryGroups(input, country)[0]?.[0] ?? null;
}

/**
 * What a CHECK names, each identifier in every reading of it, the likeliest
 * first: the whole text as one identifier (a handle, a link without scheme,
 * a phone number in any format and nothing else, a plate), else the identifiers written in
 * it, every one (check() says how many it looks up), found as in a report, each with the other
 * readings of the same words ("plate IS ABC123": ISABC123 and ABC123). A
 * miss costs the member her warning.
 */
function queryGroups(input: string, country: CountryCode): Identifier[][] {
  // Quotes copied around it ("skipthegames.com/p/123”") are none of it, as in a report's text.
  const text = input.normalize('NFKC').trim().replace(/^["“”‘’«»]+|["“”‘’«»]+$/gu, '').slice(0, 200);
  // Stryker disable next-line ConditionalExpression,StringLiteral: an empty query is none without this guard too (no pattern, number or plate matches ''); 'true' does not type-check
  if (text === '') return [];
  // "@@rose" (no handle in a sentence); a failed handle may still be found below ("@rose please").
  // Stryker disable next-line Regex: an "@" further on is an address or nothing, found below either way
  if (/^@/.test(text)) {
    const handle = normalizeHandle(text);
    if (handle) return [[{ kind: 'handle', value: handle }]];
  }
  // A link without scheme, whatever its domain ends with (in a sentence, only known endings are read as links);
  // a bare domain too: a report's "https://www.eros.com" is indexed as "eros.com".
  if (/^([a-z0-9-]+\.)+[a-z]{2,24}(\/\S*)?$/i.test(text)) {
    const link = normalizeLink(text);
    if (!link) return [];
    const readings: Identifier[] = [{ kind: 'link', value: link }];
    const idLink = profileIdLink(link);
    if (idLink) readings.push({ kind: 'link', value: idLink });
    const handle = profileHandle(link);
    if (handle) readings.push({ kind: 'handle', value: handle });
    return [uniqueIdentifiers(readings)];
  }
  // Only a text that is just a number: libphonenumber pulls a number out of a short sentence ("@ricky_sf
  // 415-555-0177"), and the handle beside it would go unchecked.
  const phone = justANumber(text) ? normalizePhone(text, country) : null;
  if (phone) return [[{ kind: 'phone', value: phone }]];
  const plates = plateQuery(text, country);
  if (plates.length) return [plates];
  // A sentence ("he texted from +1 415 555 0123 last night", "415-555-0177 and plate ABC123"): each identifier in
  // it, its readings together (they share their place).
  const groups = new Map<number, Identifier[]>();
  for (const { at, ...id } of identifiersAt(text, { country })) groups.set(at, [...(groups.get(at) ?? []), id]);
  return [...groups.values()];
}

/** Whether a text is a phone number and nothing else: no letter or "@" but those a number carries ("ext", "O" for 0). */
function justANumber(text: string): boolean {
  return !/[\p{L}@]/u.test(numberReadable(text).replace(/(?<![\p{L}\p{N}])(?:ext(?:ension)?|x)\.?(?=\s*\d)/giu, ''));
}

/**
 * What a CHECK looks up: every reading of what it names and, when it is one word
 * written without "@" that could be a handle ("rick_sf", "jdoe77" read as
 * a plate, "rosegarden.com" read as a link), that handle as well: members
 * copy handles without the "@". A word read as a phone number is looked up
 * as that number only ("415.555.0177" would pass for a handle). When it is
 * a WhatsApp link, its number as well, which a report may name alone.
 */
export function checkQueries(input: string, country: CountryCode = DEFAULT_COUNTRY): Identifier[] {
  const ids = queryGroups(input, country)[0] ?? [];
  const word = input.normalize('NFKC').trim();
  // A word of digits alone is a number mistyped (no area code, a digit more), never read as a handle: "no alerts name that" would read as a clean number.
  const handle = ids[0]?.kind !== 'phone' && /^[^\s@/:]+$/.test(word) && /\p{L}/u.test(word) ? normalizeHandle(word) : null;
  if (handle) return uniqueIdentifiers([...ids, { kind: 'handle', value: handle }]);
  return uniqueIdentifiers([...ids, ...whatsappPhones(ids)]);
}

/**
 * What a CHECK looks up, one list per identifier it names: checkQueries's for
 * one identifier (or none), and for a sentence naming several
 * ("415-555-0177 and plate ABC123"), each with its readings and the number
 * of a WhatsApp link.
 */
export function checkQueryGroups(input: string, country: CountryCode = DEFAULT_COUNTRY): Identifier[][] {
  const groups = queryGroups(input, country);
  if (groups.length > 1) return groups.map((ids) => uniqueIdentifiers([...ids, ...whatsappPhones(ids)]));
  const ids = checkQueries(input, country);
  return ids.length ? [ids] : [];
}

/** The numbers of the WhatsApp links among `ids`. */
function whatsappPhones(ids: Identifier[]): Identifier[] {
  return ids.flatMap((id): Identifier[] => {
    const phone = id.kind === 'link' ? whatsappNumber(id.value) : null;
    return phone ? [{ kind: 'phone', value: phone }] : [];
  });
}

/** How an identifier is written in an alert: plates with their region, handles with "@". */
export function showIdentifier(id: Identifier): string {
  if (id.kind === 'plate') return id.region ? `${id.region} ${id.value}` : id.value;
  if (id.kind === 'handle') return `@${id.value}`;
  return id.kind === 'link' ? (id.shown ?? id.value) : id.value;
}
