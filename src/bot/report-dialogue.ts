/**
 * The guided REPORT: one question per message, in a fixed order, then the
 * report read back before DONE. Pure: a draft and an answer in, the next
 * draft and what to do out; the handler (report-commands.ts) stores the
 * draft in the sender's conversation and files it.
 */
import { createHash } from 'node:crypto';
import type { CountryCode } from 'libphonenumber-js';
import { DEFAULT_COUNTRY } from '../alerts/numbers-in-text';
import type { ReportFields } from '../alerts/report-template';
import type { Conversation } from '../store/conversations';
import { asciiDigits } from '../util/ascii-digits';
import { cutBetweenWords } from './cut-between-words';
import { CONTROL } from './control-words';
import { COLON_END, splitGluedColon } from './area-marks';
import { normalizeWord } from './parser';

/** What happened, as the numbered list offers it (1 to 9, in this order). */
export const CATEGORIES = ['violence', 'sexual-assault', 'robbery', 'condom', 'threats', 'harassment', 'time-waster', 'no-show', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

/** The questions, in the order they are asked; `review` reads the report back. */
export const STEPS = ['what', 'when', 'where', 'person', 'vehicle', 'contact', 'other', 'review'] as const;
export type Step = (typeof STEPS)[number];
export type FieldStep = Exclude<Step, 'what' | 'review'>;

/** A draft report: the answers so far, each bounded. */
export interface Draft extends ReportFields {
  step: Step;
  /** Areas named in the REPORT or in the "where" answer (unresolved tokens). */
  areas: string[];
  /** She sent DONE and was told the report needs an area: the "where" answer that gives one is read back with it. */
  filing?: boolean;
  /** Answers in a row, the same one each time, that got the same question again (REPEATS_ANSWERED). */
  missed?: number;
  /** That answer's mark (answerMark): the draft keeps no more of it. */
  repeated?: string;
  /** Answers in a row, whatever they said, that got a question again (UNMOVED_ANSWERED). */
  unmoved?: number;
}

/**
 * How many times in a row the same answer that does not move a question on is answered with it again: an
 * auto-reply ("I'm driving…") sends the same words to each, so later ones are not (SPEC: auto-replies cannot
 * loop). A member's own tries differ, and each is answered. The draft waits, and lapses.
 */
export const REPEATS_ANSWERED = 2;

/**
 * How many answers in a row that do not move a question on are answered at all, whatever they say: an
 * auto-reply that changes (two texts in turn, a ticket number or a time in it) must not loop either.
 */
export const UNMOVED_ANSWERED = 5;

/** A short mark of an answer, to know it again (case and spacing aside) without keeping its words. */
export function answerMark(text: string): string {
  return createHash('sha256').update(plainAnswer(text)).digest('hex').slice(0, 16);
}

/** An answer with case and spacing put aside: what is the same answer again. */
export function plainAnswer(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Longest answer kept per question; a provider caps a message at 1,600 characters anyway. */
export const MAX_ANSWER = 300;

/** How long a draft waits for the next answer before it is filed or dropped. */
export const DRAFT_MS = 30 * 60_000;

/** SKIP, BACK, DONE or CANCEL (in any of the line's languages) when the whole answer is that one word. */
export function controlWord(text: string): 'skip' | 'back' | 'done' | 'cancel' | undefined {
  // Marks alone are no words: French typing puts a space before them ("Annuler !").
  const words = text.trim().split(/\s+/).map(normalizeWord).filter((w) => w !== '');
  if (words.length !== 1) return undefined;
  return CONTROL[words[0] as string];
}

// A time written with the numbers ("2 at 10pm", "3 20:30", "3, 22h"): its digits pick nothing.
const TIMES = /\d{1,2}[:h.]\d{2}(?:\s?[ap]\.?m\.?)?|\d{1,2}\s?(?:[ap]\.?m\.?|hs?|hrs?)(?!\p{L})/giu;

// A time without am, pm or h is known by its word ("2 at 11", "2 a las 11", "3 às 11", "3 vers 11", "1 around 9"),
// taken out with its hour, or alone where TIMES took the time ("2 around 10pm").
const TIME_AFTER_WORD = /(?<!\p{L})(?:at|a\s+las?|[àa]s|à|vers|around|about|approx\.?)(?!\p{L})\s*(?:\d{1,2}(?!\d))?/giu;

// A number and its unit ("15 min", "2 hours", "3 veces"): a duration or a count, taken out with its unit. An x
// counts with the number after it ("x2", "7 x 2": 7 picked, twice), else with the number before it ("2x", "8 2 x").
const COUNTS =
  /(?<![\p{L}\p{N}])(?:\d+\s*(?:mins?|minutes?|minutos?|mn|hours?|horas?|heures?|secs?|seconds?|segundos?|times|veces|vez|vezes|fois)|\d+\s*[x×](?!\s*\d)|[x×]\s*\d+)(?![\p{L}\p{N}])/giu;

// A word that picks: digits 1 to 9, with list marks between or around them ("1,3", "3.", "(2)", "3!", "5?", "3…").
// A word with a 0, a currency sign, "/" or "x" ("$50", "1/2", "x2") is an amount, a fraction or a count: it picks none.
const PICKS = /^[(\[]?[1-9]+(?:[,;.&+-]+[1-9]+)*[,;.:)\]!?…]*$/;

/** The categories an answer picks: "1 3", "1,3", "1 y 3", "13", "1️⃣ 3️⃣" (each digit once, 1 to 9), times, amounts and counts left out. */
export function categoriesOf(text: string): Category[] | null {
  // Another keyboard's digits and commas ("１ ３", "𝟏 𝟑", "①③", "١ ٣", "1，3", "1、3", "١، ٣") pick as ours do: refused,
  // a CJK keyboard's member was asked again and again. A phone's emoji keypad gives keycap digits ("1️⃣ 3️⃣"): each is its digit.
  const picked = asciiDigits(text.normalize('NFKC'))
    .replace(/[\u3001\u060C]/g, ',')
    .replace(/(\d)\uFE0F?\u20E3/gu, '$1')
    .replace(TIMES, ' ').replace(TIME_AFTER_WORD, ' ').replace(COUNTS, ' ');
  const digits = picked.split(/\s+/).filter((w) => PICKS.test(w)).join(' ').match(/[1-9]/g);
  if (!digits || /[\p{L}]{4,}/u.test(picked)) return null;
  // In the list's order, gravest first, whatever order they were typed in.
  return [...new Set(digits)].sort().map((d) => CATEGORIES[Number(d) - 1] as Category);
}

/** A new draft, waiting on the first question. */
export function newDraft(areas: string[]): Draft {
  return { step: 'what', categories: [], areas };
}

/** Whether a draft says enough to be filed: what happened, or any answer at all. */
export function hasContent(d: Draft): boolean {
  return d.categories.length > 0 || [d.when, d.where, d.person, d.vehicle, d.contact, d.other].some((v) => v !== undefined && v !== '');
}

/** What to do after an answer. */
export type Next =
  /** `cut`: the answer kept was cut to MAX_ANSWER (she is told, with the next question). */
  | { kind: 'ask'; draft: Draft; cut?: boolean }
  /** The answer to "what happened" was not a list of numbers: ask again. */
  | { kind: 'again'; draft: Draft }
  | { kind: 'file'; draft: Draft }
  /** DONE with nothing to file: the question stays open. */
  | { kind: 'empty'; draft: Draft }
  | { kind: 'cancel' };

function move(d: Draft, by: 1 | -1): Draft {
  const i = Math.min(STEPS.length - 1, Math.max(0, STEPS.indexOf(d.step) + by));
  return { ...d, step: STEPS[i] as Step };
}

/** Most words of a "where" answer read for the areas it starts with, as for a report's text. */
const WHERE_AREA_WORDS = 12;

// Words that name a street, in the line's languages: a number a few words before one is a house number.
const STREET_WORDS: ReadonlySet<string> = new Set(
  'ST STR STREET AVE AV AVENUE RD ROAD BLVD BOULEVARD BD DR DRIVE LN LANE PKWY PARKWAY HWY HIGHWAY TER TERRACE CIR CALLE CALZADA CARRERA AVENIDA PASEO RUE ALLEE CHEMIN RUA TRAVESSA ALAMEDA ESTRADA RODOVIA'.split(' '),
);

// Words that link a place to what comes before it: "212 on 5th Ave" is the area 212, then the place. "A" in
// capitals is left out: "619 A St" is a house on A Street.
const LINK_WORDS: ReadonlySet<string> = new Set(
  'AT ON IN NEAR BY OFF AROUND EN CERCA POR JUNTO SUR PRES AU AUX DANS VERS NA NAS NO NOS EM PERTO'.split(' '),
);

// The words a street's own number follows: directions and route names.
const STREET_NUMBER_AFTER: ReadonlySet<string> = new Set('N S E W NE NW SE SW NORTH SOUTH EAST WEST FM RM CR SR RT RTE ROUTE US HWY HIGHWAY I'.split(' '));

/**
 * Whether words[i] is a house number: digits, then a street word within three words ("212 Elm St", "212 W 34th
 * St", "415 Calle Ocho"), with no comma, linking word ("212 on 5th Ave") or other number straight after it
 * ("212 350 5th Ave") between: those make it the area before the place.
 */
function houseNumber(words: string[], i: number): boolean {
  if (!/^\d+$/.test(words[i] as string)) return false;
  for (const [j, w] of words.slice(i + 1, i + 4).entries()) {
    const word = normalizeWord(w);
    if (STREET_WORDS.has(word)) return true;
    if (/[,;]$/.test(w) || LINK_WORDS.has(word) || /^[aà]$/.test(w)) return false;
    // A street's own number follows a direction or a route word ("212 SW 8 St", Calle Ocho in Miami; "415 FM
    // 1960 Rd"); after anything else a number is the place's ("212 350 5th Ave", "212 midtown 34 St": the area 212).
    if (/^\d+$/.test(word) && !(j > 0 && STREET_NUMBER_AFTER.has(normalizeWord(words[i + j] as string)))) return false;
  }
  return false;
}

/**
 * How many of the `read` leading area words of a "where" answer name areas when a street word follows a name
 * ("Houston St and Broadway", Manhattan's; "Boston Rd, Bronx"): the name is the street's, so the areas stop
 * before it. A comma after the name keeps it ("Houston, Westheimer Rd"); digits are left to houseNumber. In
 * Spanish, French and Portuguese the street word comes first ("Calle Houston"): no area leads there anyway.
 */
function beforeStreet(words: string[], read: number, areasIn: (m: number) => number): number {
  for (let m = read; m > 0; m--) {
    const last = words[m - 1] as string;
    const street = m < words.length && STREET_WORDS.has(normalizeWord(words[m] as string)) && /\p{L}/u.test(last) && !/[,;]$/.test(last);
    if (!street && areasIn(m) === m) return m;
  }
  return 0;
}

/**
 * Takes one answer; `areaWords` says how many of the words it is given name
 * areas ("los angeles and 415"): the "where" answer may start with some.
 * `elsewhere`: the report has an area without the answer (her
 * subscriptions, her number's): only then is a house number read as one.
 * `country`: the line's, in which a number cut at the answer's end is read.
 */
export function answerDraft(d: Draft, raw: string, areaWords: (words: string[]) => number, elsewhere = true, country: CountryCode = DEFAULT_COUNTRY): Next {
  const { text, cut } = cutBetweenWords(raw.replace(/\s+/g, ' ').trim(), MAX_ANSWER, country);
  const control = controlWord(text);
  if (control === 'cancel') return { kind: 'cancel' };
  if (control === 'done') return hasContent(d) ? { kind: 'file', draft: d } : { kind: 'empty', draft: d };
  if (control === 'back') return { kind: 'ask', draft: move(d, -1) };
  if (control === 'skip' || text === '') return { kind: 'ask', draft: move(d, 1) };
  switch (d.step) {
    case 'what': {
      const picked = categoriesOf(text);
      return picked ? { kind: 'ask', draft: move({ ...d, categories: picked }, 1) } : { kind: 'again', draft: d };
    }
    case 'where': {
      // "415 Motel 6 on Lombard", "Ciudad de México, hotel Las Palmas": leading area words, then the place.
      // "415: Motel 6", "415:Motel 6": a colon ends the areas, as in a report's text.
      const bare = (w: string) => w.replace(/[,;.]+$/, '').replace(COLON_END, '');
      const words = splitGluedColon(text.split(' '), (head) => areaWords(head.map(bare)) === head.length);
      const colon = words.findIndex((w) => COLON_END.test(w));
      const tokens = words.slice(0, colon < 0 ? WHERE_AREA_WORDS : Math.min(colon + 1, WHERE_AREA_WORDS)).map(bare);
      // "212 Elm St": the house number (212 is New York's code) starts the place; areas before it still count.
      // With no other area ("415 Lombard St" from a hidden number), it is the area, or the report could go nowhere.
      // "Houston St and Broadway" likewise starts the place; with no other area Houston is still the area.
      const read = areaWords(tokens);
      const other = elsewhere || d.areas.length > 0;
      const named = beforeStreet(words, read, (m) => areaWords(tokens.slice(0, m)));
      const house = other ? tokens.slice(0, named).findIndex((_t, i) => houseNumber(words, i)) : -1;
      const n = !other ? read : house < 0 ? named : areaWords(tokens.slice(0, house));
      const areas = tokens.slice(0, n);
      const place = words.slice(house < 0 ? Math.min(n, named) : house).join(' ');
      return { kind: 'ask', draft: move({ ...d, areas: areas.length ? areas : d.areas, where: place || d.where }, 1), cut };
    }
    case 'review':
      // Anything but the control words at the end: read it back again.
      return { kind: 'ask', draft: d };
    default:
      return { kind: 'ask', draft: move({ ...d, [d.step]: text }, 1), cut };
  }
}

/** The draft as the conversation keeps it (sealed with it). */
export function draftConversation(d: Draft, lang: Conversation['lang'], now: number, replyTo: Record<string, string>): Conversation {
  return { topic: 'report', question: d.step, answers: { ...replyTo, draft: JSON.stringify(d) }, lang, expiresAt: now + DRAFT_MS };
}

/** The draft a conversation holds, or undefined when it holds none that reads. */
export function draftOf(c: Conversation): Draft | undefined {
  try {
    const d = JSON.parse(c.answers.draft ?? '') as Partial<Draft>;
    if (!d || typeof d !== 'object' || !STEPS.includes(d.step as Step) || !Array.isArray(d.categories) || !Array.isArray(d.areas)) return undefined;
    const str = (v: unknown) => (typeof v === 'string' ? v.slice(0, MAX_ANSWER) : undefined);
    return {
      step: d.step as Step,
      categories: d.categories.filter((x): x is Category => (CATEGORIES as readonly string[]).includes(x as string)),
      areas: d.areas.filter((x): x is string => typeof x === 'string').slice(0, 20),
      when: str(d.when),
      where: str(d.where),
      person: str(d.person),
      vehicle: str(d.vehicle),
      contact: str(d.contact),
      other: str(d.other),
      ...(d.filing === true ? { filing: true } : {}),
      ...(Number.isInteger(d.missed) && (d.missed as number) > 0 ? { missed: Math.min(d.missed as number, 99) } : {}),
      ...(typeof d.repeated === 'string' && /^[0-9a-f]{16}$/.test(d.repeated) ? { repeated: d.repeated } : {}),
      ...(Number.isInteger(d.unmoved) && (d.unmoved as number) > 0 ? { unmoved: Math.min(d.unmoved as number, 99) } : {}),
    };
  } catch {
    return undefined;
  }
}
