/**
 * A guided report's fields, and the alert built from them: a per-language
 * template of what happened, when, where, the person, the vehicle and the
 * contact identifiers, never the reporter's "anything else" nor their own
 * number, clipped until it fits the alert bound in every language (the
 * letters GSM-7 lacks folded first, when only that saves segments).
 */
import type { CountryCode } from 'libphonenumber-js';
import { catalog, LANGS } from '../bot/catalog';
import type { Category } from '../bot/report-dialogue';
import { smsSegments } from '../bot/sms-segments';
import type { Lang } from '../domain/lang';
import { cleanAlertText, foldAccents, foldKeepsIdentifiers, MAX_ALERT_SEGMENTS, plainPunctuation, withoutSymbols } from './alert-text';
import { clipped, clipTo, clipVehicle, leadingItems } from './clip-fields';
import { carriesNumber, DEFAULT_COUNTRY, identifiersIn, showIdentifier, uniqueIdentifiers, type Identifier } from './identifiers';
import { maskNumber } from './mask-number';

/** What a guided report holds, as the reporter answered (sealed with the report). */
export interface ReportFields {
  categories: Category[];
  when?: string;
  where?: string;
  person?: string;
  vehicle?: string;
  contact?: string;
  other?: string;
}

/**
 * What the alert template shows: the fields fit for other members to read
 * (not "anything else", which is for the moderators); `contact` is the
 * contact identifiers as shown, or the reporter's words when they name none.
 */
export type AlertFields = Omit<ReportFields, 'other'> & {
  /**
   * The contact's identifiers, as CHECK will find them once approved: the
   * shown list does not read back as all of them (a site with no path, a
   * plate's state). Absent in reports filed before it was kept.
   */
  contactIds?: Identifier[];
};

/** The body of an alert: a moderator's (or one-message report's) text, or a guided report's fields. */
export type AlertBody = { text: string } | { fields: AlertFields };

/** Every identifier the fields name; a bare letters-and-digits word counts as a plate in the vehicle answer only. */
export function fieldIdentifiers(f: ReportFields, country: CountryCode = DEFAULT_COUNTRY): Identifier[] {
  const texts: Array<[string | undefined, boolean]> = [
    [f.vehicle, true],
    [f.contact, false],
    [f.person, false],
    [f.where, false],
    [f.when, false],
    [f.other, false],
  ];
  return uniqueIdentifiers(texts.flatMap(([t, vehicle]) => (t ? identifiersIn(t, { country, vehicle }) : [])));
}

/**
 * The alert-safe subset of a report's fields: the reporter's own number
 * masked wherever it appears, the contact shown as its identifiers, and no
 * "anything else" (the reporter's words about themselves stay with the
 * moderators).
 */
export function alertFieldsOf(f: ReportFields, ownNumber: string | null, country: CountryCode = DEFAULT_COUNTRY): AlertFields {
  const clean = (t: string | undefined) => {
    const v = t === undefined ? '' : cleanAlertText(maskNumber(t, ownNumber, country));
    return v === '' ? undefined : v;
  };
  const contactIds = f.contact ? identifiersIn(f.contact, { country }).filter((i) => !carriesNumber(i, ownNumber)) : [];
  const contact = contactIds.length ? contactIds.map(showIdentifier).join(', ') : clean(f.contact);
  const out: AlertFields = { categories: f.categories };
  const set = (key: 'when' | 'where' | 'person' | 'vehicle' | 'contact', v: string | undefined) => {
    if (v !== undefined) out[key] = v;
  };
  set('when', clean(f.when));
  set('where', clean(f.where));
  set('person', clean(f.person));
  set('vehicle', clean(f.vehicle));
  set('contact', contact);
  if (contactIds.length) out.contactIds = contactIds;
  return out;
}

/**
 * Identifiers the alert itself shows whole (what CHECK will find once it is approved). Of a guided report,
 * pass its fitted fields and, when they were clipped, the fields before: an identifier of a clipped answer
 * counts only if the whole answer names it too, so the stub a cut leaves before "..." ("@rickysmi...",
 * "7ABC1...") is never one. Without them, the fields are taken as shown whole.
 */
export function alertIdentifiers(body: AlertBody, country: CountryCode = DEFAULT_COUNTRY, unclipped?: AlertFields): Identifier[] {
  if ('text' in body) return identifiersIn(body.text, { country });
  const f = body.fields;
  const whole = unclipped ?? f;
  const shown = (key: 'when' | 'where' | 'person' | 'vehicle' | 'contact', vehicle = false): Identifier[] => {
    const text = f[key];
    if (!text) return [];
    const found = identifiersIn(text, { country, vehicle });
    if (text === whole[key]) return found;
    // Only its emoji and symbols dropped, nothing cut: it shows all the answer names, though a separator dropped may
    // join two numbers into none ("room 12 • 415 555 0177", "rm 1️⃣2️⃣ 415 555 0177"). Only what the answer as
    // written names: digits an emoji parted may show as a number no one wrote ("pin 4155😡550177").
    if (text === withoutSymbols(whole[key] ?? '')) return identifiersIn(whole[key] ?? '', { country, vehicle });
    const named = new Set(identifiersIn(whole[key] ?? '', { country, vehicle }).map(idKey));
    return found.filter((i) => named.has(idKey(i)));
  };
  // A clipped vehicle shows every plate of the answer whole (clipVehicle adds those the cut lost).
  const plates = f.vehicle && whole.vehicle && f.vehicle !== whole.vehicle ? identifiersIn(whole.vehicle, { country, vehicle: true }).filter((i) => i.kind === 'plate') : [];
  return uniqueIdentifiers([
    ...shown('vehicle', true),
    ...plates,
    ...(f.contactIds ?? shown('contact')),
    ...shown('person'),
    ...shown('where'),
    // "when" is shown too ("booked from 415-555-0144"): what members read, CHECK finds.
    ...shown('when'),
  ]);
}

const idKey = (i: Identifier) => `${i.kind}:${i.value}`;

// Longest each free-text field may be, tried in turn until the alert fits; the contact list is clipped
// only once the others are short: it is what CHECK finds.
const BUDGETS: Array<[number, number, number?]> = [
  [Infinity, Infinity],
  [90, Infinity],
  [60, Infinity],
  [40, Infinity],
  [25, Infinity],
  [25, 120],
  [12, 80],
  [12, 40],
  // Last resorts (an alert forced into UCS-2 by a letter outside GSM-7 with no plain form, "Łukasz", has 201 characters; emoji are dropped before):
  // only what happened (the gravest first) and the contact, by whole identifiers.
  [0, 40],
  [0, 40, 4],
  [0, 20, 2],
];

/** The fields with `plain` applied to their free text (undefined drops the answer); a list of identifiers stays as shown. */
function freeText(f: AlertFields, plain: (text: string, key: FieldKey) => string | undefined): AlertFields {
  const out: AlertFields = { ...f };
  for (const key of ['when', 'where', 'person', 'vehicle', 'contact'] as const) {
    const text = key === 'contact' && f.contactIds ? f.contact : f[key] === undefined ? undefined : plain(f[key] as string, key);
    if (text === undefined) delete out[key];
    else out[key] = text;
  }
  return out;
}

/** The fields with phones' smart punctuation made plain in their free text; and (plainFields) emoji and symbols out too. */
function punctuationPlain(f: AlertFields): AlertFields {
  return freeText(f, plainPunctuation);
}
function plainFields(f: AlertFields): AlertFields {
  return freeText(f, (text) => withoutSymbols(text) || undefined);
}
type FieldKey = 'when' | 'where' | 'person' | 'vehicle' | 'contact';

/**
 * The fields with the letters GSM-7 lacks folded in their free text ("João" as "Joao"): each answer only when it
 * names the same identifiers so (a link's "martín" folded is another page), else as written, to be clipped.
 */
function foldedFields(f: AlertFields, country: CountryCode): AlertFields {
  return freeText(f, (text, key) => {
    const folded = foldAccents(text);
    return foldKeepsIdentifiers(text, folded, { country, vehicle: key === 'vehicle' }) ? folded : text;
  });
}

/** The SMS segments the alert of these fields costs, in the language where it costs most. */
function alertCost(npas: string[], f: AlertFields): number {
  return Math.max(...LANGS.map((lang) => smsSegments(catalog(lang).alert(npas, catalog(lang).alertBody(f)))));
}
function fitsAlert(npas: string[], f: AlertFields): boolean {
  return alertCost(npas, f) <= MAX_ALERT_SEGMENTS;
}

/**
 * The fields as they will be shown: as written (smart punctuation made plain) when the alert fits so (an emoji may
 * say what words do not: "pulled a 🔫"), else without emoji and symbols, at the longest clipping at which it fits in
 * every language.
 */
export function fitFields(npas: string[], whole: AlertFields, country: CountryCode = DEFAULT_COUNTRY): AlertFields {
  // A curly quote says nothing a straight one does not, and alone would make the alert UCS-2: always plain.
  const written = punctuationPlain(whole);
  return fitsAlert(npas, written) ? written : fitPlain(npas, plainFields(whole), country);
}

/**
 * The longest clipping of fields without emoji and symbols at which the alert fits in every language. Too long as
 * they are, the letters GSM-7 lacks are folded before any clipping, when that saves segments: one "ã" makes the
 * whole alert UCS-2 and cost "Donde: hotel cer...". Where another letter keeps it UCS-2 (Cyrillic), nothing folds.
 */
function fitPlain(npas: string[], plain: AlertFields, country: CountryCode): AlertFields {
  const cost = (g: AlertFields) => alertCost(npas, clipped(g, Infinity, Infinity, country));
  const folded = foldedFields(plain, country);
  const f = cost(plain) > MAX_ALERT_SEGMENTS && cost(folded) < cost(plain) ? folded : plain;
  let last = f;
  for (const [max, contactMax, categories] of BUDGETS) {
    last = clipped(f, max, contactMax, country, categories);
    if (fitsAlert(npas, last)) return last;
  }
  return last;
}

/**
 * The fields as the read-back before DONE shows them: as the alert will read (emoji out if it must, then the letters
 * GSM-7 lacks folded if that saves segments), the free text clipped until it costs at most `most` segments, shorter
 * each time, while the contact list and the vehicle's plates stay whole: she must see the number and plate she
 * typed before they go to the moderators and CHECK. Past the shortest clipping, as it is; or, past `lists.most`
 * segments (forty plates, read back at every BACK), with only the leading plates and contacts and how many more.
 */
export function reviewFields(
  f: AlertFields,
  cost: (f: AlertFields) => number,
  most: number,
  country: CountryCode = DEFAULT_COUNTRY,
  lists?: { most: number; more: (count: number) => string },
): AlertFields {
  // As written (punctuation plain) when it fits so, as the alert keeps them when it fits so (fitFields).
  const written = punctuationPlain(f);
  if (cost(written) <= most) return written;
  const plain = plainFields(f);
  const folded = foldedFields(plain, country);
  const base = cost(plain) > most && cost(folded) < cost(plain) ? folded : plain;
  let last = base;
  for (const max of [Infinity, 90, 60, 40, 25, 12, 0]) {
    last = { ...base, when: clipTo(base.when, max), where: clipTo(base.where, max), person: clipTo(base.person, max), vehicle: clipVehicle(base.vehicle, max, country) };
    if (cost(last) <= most) return last;
  }
  if (!lists || cost(last) <= lists.most) return last;
  const words = last;
  for (const n of [8, 4, 2, 1]) {
    // A contact with no identifier in it is free text: clipped as the other answers are.
    const contact = words.contactIds ? leadingItems(words.contact, n, lists.more) : clipTo(words.contact, 20 * n);
    last = { ...words, vehicle: leadingItems(words.vehicle, n, lists.more), contact };
    if (cost(last) <= lists.most) return last;
  }
  return last;
}

/**
 * What fitting leaves out of a guided report's alert: the answers left out whole, those shortened, and how many
 * of its categories (the gravest stay) and of the contacts of the list.
 */
export interface LeftOut {
  fields: Array<'when' | 'where' | 'person' | 'vehicle' | 'contact'>;
  shortened: Array<'when' | 'where' | 'person' | 'vehicle' | 'contact'>;
  categories: number;
  contacts: number;
}

/** What the alert fitted for `npas` leaves out of the fields (a moderator's notice says it: she may EDIT). */
export function leftOut(npas: string[], f: AlertFields, country: CountryCode = DEFAULT_COUNTRY): LeftOut {
  const written = punctuationPlain(f);
  const plain = plainFields(f);
  const folded = foldedFields(plain, country);
  const fitted = fitFields(npas, f, country);
  const keys = (['when', 'where', 'person', 'vehicle', 'contact'] as const).filter((k) => !(k === 'contact' && f.contactIds));
  // An answer of emoji alone was nothing to leave out; a contact list counts by its identifiers. An answer shown
  // as written, or without its emoji or accents, is whole; one clipped (a vehicle cut to its plates too) is shortened.
  return {
    fields: keys.filter((k) => plain[k] && !fitted[k]),
    shortened: keys.filter((k) => fitted[k] && ![plain[k], written[k], folded[k]].includes(fitted[k])),
    categories: f.categories.length - fitted.categories.length,
    contacts: (f.contactIds?.length ?? 0) - (fitted.contactIds?.length ?? 0),
  };
}

/**
 * The body's text in one language: the moderated text as it is, or the template of the fitted fields. An alert's
 * fields were stored fitted (APPROVE sends previewedBody): fitting them again changes nothing, whatever the country.
 */
export function bodyText(lang: Lang, npas: string[], body: AlertBody, country: CountryCode = DEFAULT_COUNTRY): string {
  return 'text' in body ? body.text : catalog(lang).alertBody(fitFields(npas, body.fields, country));
}

/** The alert exactly as a member in `lang` receives it. */
export function renderBody(lang: Lang, npas: string[], body: AlertBody, country: CountryCode = DEFAULT_COUNTRY): string {
  return catalog(lang).alert(npas, bodyText(lang, npas, body, country));
}

/** The body as the notice and SHOW preview it for `npas`: a guided report's fields clipped to fit them. */
export function previewedBody(npas: string[], body: AlertBody, country: CountryCode = DEFAULT_COUNTRY): AlertBody {
  return 'text' in body ? body : { fields: fitFields(npas, body.fields, country) };
}

/** The SMS segments the body costs with `npas` as it stands, never clipped further (in the language where it costs most). */
export function unclippedSegments(npas: string[], body: AlertBody): number {
  return Math.max(...LANGS.map((lang) => smsSegments(catalog(lang).alert(npas, 'text' in body ? body.text : catalog(lang).alertBody(body.fields)))));
}

/** The SMS segments the alert costs, in the language where it costs most. */
export function bodySegments(npas: string[], body: AlertBody, country: CountryCode = DEFAULT_COUNTRY): number {
  return Math.max(...LANGS.map((lang) => smsSegments(renderBody(lang, npas, body, country))));
}
