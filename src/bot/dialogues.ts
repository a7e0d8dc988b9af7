/**
 * Dialogues: a question the bot asked and the answer it waits for. While a
 * sender's conversation is open, STOP, HELP and DELETE sent alone keep their meaning,
 * CANCEL (or DROP, CANCELAR, ANNULER…) ends it, and anything else is taken as the answer, except a
 * check-in's word while the sender has one (see checkinWord) and the commands that keep their meaning
 * (see keepsMeaning).
 */
import type { Regions } from '../alerts/regions';
import type { Conversation } from '../store/conversations';
import { COLON } from './area-marks';
import { checkAlone, checkable } from './check-command';
import type { Parsed } from './commands';
import { asksToStop, normalizeWord } from './parser';
import { okEmojiAsWord } from './normalize-word';
import { controlWord } from './report-dialogue';

/** How long a question waits for its answer. */
export const CONVERSATION_MS = 60 * 60_000;

/** What a message is to an open conversation. */
export type Turn = 'answer' | 'cancel' | 'command';

/**
 * How a message reads while a conversation is open. `answered` is true when
 * the carrier acted on the message itself (Twilio's CANCEL is an opt-out,
 * whatever we asked). A stop word that only opens a longer answer ("End of
 * my shift", Spanish "Alto, moreno" for "tall, dark") is the answer; the
 * word alone, or a message that asks to stop ("STOP texting me"), is STOP;
 * but where she is `describing` him or his car (describes: asked only for a
 * bare ALTO, as it reads her conversation), "alto" or "Alto." is "tall" or a
 * Suzuki Alto, her answer, as a bare "No más" is at the last question; in
 * capitals, as the line writes it ("ALTO para salir"), it is still STOP.
 */
export function turnOf(parsed: Parsed, text: string, answered: boolean, describing: () => boolean = () => false): Turn {
  // CANCEL ends the question whatever follows ("cancel the report", which is no command out of one), unless
  // it names the line's messages ("cancel my alerts pls"), her ("cancel me") or a request follows ("cancel and
  // unsubscribe me"): a request not honoured keeps texts coming.
  if (parsed.keyword === 'CANCEL' && !answered) return asksToStop(text) || cancelsHer(text) ? 'command' : 'cancel';
  if (parsed.ok) {
    const { kind } = parsed.command;
    if (kind === 'stop') {
      if (answered) return 'command';
      if (parsed.exactKeyword && parsed.keyword === 'ALTO' && !shouted(text) && describing()) return 'answer';
      return parsed.exactKeyword || asksToStop(text) ? 'command' : 'answer';
    }
    // The word alone: "Delete your ad or I send your pics…", quoted in an answer, must not erase her.
    if ((kind === 'help' || kind === 'delete') && (parsed.exactKeyword || answered)) return 'command';
    if (kind === 'delete' && asksToErase(text)) return 'command';
  }
  // The words a report's questions give for dropping it (DROP, CANCELAR, ANNULER…) end any question.
  return controlWord(text) === 'cancel' ? 'cancel' : 'answer';
}

/** Whether a text is written in capitals only (what letters it has). */
function shouted(text: string): boolean {
  return text === text.toUpperCase();
}

/** Whether the open question is a guided report's asking what he or his car looked like, where "alto" describes. */
export function describes(c: Conversation | undefined): boolean {
  return c?.topic === 'report' && (c.question === 'person' || c.question === 'vehicle');
}

// Words after CANCEL that drop the report and ask nothing more: "cancel report and stop texting me".
const CANCEL_FILLER: ReadonlySet<string> = new Set('REPORT IT THIS THAT THE AND THEN ALSO'.split(' '));
const HER_MEMBERSHIP = /^(ME|MY (ACCOUNT|NUMBER|SUBSCRIPTION|MEMBERSHIP))( (PLEASE|PLS|PLZ|NOW|THANKS|THX))*$/;

/** CANCEL naming her ("cancel me", "cancel my account"), or a request after it and the report ("Cancel. Unsubscribe me"). */
function cancelsHer(text: string): boolean {
  const after = text.split(/[\s,.;:!?]+/).map(normalizeWord).filter((w) => w !== '').slice(1, 40);
  const from = after.findIndex((w) => !CANCEL_FILLER.has(w));
  if (from < 0) return false;
  const rest = after.slice(from).join(' ');
  return HER_MEMBERSHIP.test(rest) || asksToStop(rest);
}

// What may follow DELETE (BORRAR, SUPPRIMER, APAGAR) in a request to erase her: "DELETE me", "delete all my
// data", "borrar mis datos", "apagar meus dados". One of them must name her: "BORRAR todo" or "delete it" at
// a report's read-back may mean the draft, and erasing her is the worse mistake.
const ABOUT_HER: ReadonlySet<string> = new Set('ME MY MINE NUMBER DATA INFO MI MIS NUMERO DATOS MOI MON MES DONNEES MEU MEUS DADOS'.split(' '));
const ERASE_WORDS: ReadonlySet<string> = new Set([...ABOUT_HER, ...'ALL EVERYTHING PLEASE PLS TODO TODOS POR FAVOR TOUT TOUTES TUDO'.split(' ')]);

/** "DELETE me", "delete all my data": DELETE with no more than a few words that say what, one of them her. */
function asksToErase(text: string): boolean {
  const after = text.trim().split(/\s+/).slice(1).map(normalizeWord).filter((w) => w !== '');
  return after.length <= 4 && after.every((w) => ERASE_WORDS.has(w)) && after.some((w) => ABOUT_HER.has(w));
}

/**
 * A bare OK (or OK and only thanks: "OK thanks", "ok ok"), or LATER with its minutes and nothing more: while
 * the sender has a check-in they keep their meaning in a conversation (a question that swallowed them would
 * have the buddies told something is wrong). "ok so he…", "Listo, gracias" (a report's DONE) and Spanish
 * "Después 30 min de llegar" (after 30 minutes) stay answers.
 */
export function checkinWord(parsed: Parsed, text = ''): boolean {
  if (!parsed.ok) return false;
  const { command } = parsed;
  if (command.kind === 'later') return command.withText !== true;
  if (command.kind !== 'ok') return false;
  return parsed.exactKeyword || command.cancels === true || (OK_WORDS.has(parsed.keyword) && onlyThanks(text) && !holdsControlWord(text));
}

// The words OK is (OK, LISTO, FINI, PRONTO…), and what may follow it in "OK thanks": thanks and OK again, in the line's languages.
const OK_WORDS: ReadonlySet<string> = new Set('OK OKAY LISTO LISTA FINI PRONTO PRONTA'.split(' '));
const THANKS: ReadonlySet<string> = new Set([...OK_WORDS, ...'THANKS THANK YOU THX TY GRACIAS MUCHAS MERCI BEAUCOUP OBRIGADA OBRIGADO MUITO'.split(' ')]);

/**
 * Whether a word of it is one a guided report takes as its own (LISTO is its DONE too): "Listo, gracias" is done
 * with the report, and a false OK would end her check-in, no buddy told. The other dialogue (which area?) has none.
 */
function holdsControlWord(text: string): boolean {
  return text.split(/[\s,.;:!?]+/).some((w) => controlWord(w) !== undefined);
}

/** Whether every word after the first is thanks or OK again (marks and emoji are no words): "Okay, thank you!! 🙏". */
function onlyThanks(text: string): boolean {
  const words = okEmojiAsWord(text).split(/[\s,.;:!?]+/).map(normalizeWord).filter((w) => w !== '');
  return words.length <= 8 && words.slice(1).every((w) => THANKS.has(w));
}

/**
 * A check-in started in the middle of a question ("CHECKIN 60 blue Honda",
 * "Check in 90", a guided report still open): taken for an answer, no
 * check-in ran and no buddy would have been told. The words that are also
 * everyday words ("safe", SEGURA, a hotel's "check-in") start one here only
 * with a time and nothing more: "Safe 2 hours later he called", "Check-in 1
 * hour ago at the Motel 6" are a report's sentences.
 */
export function startsCheckin(parsed: Parsed): boolean {
  if (!parsed.ok || parsed.command.kind !== 'checkin') return false;
  return COMMAND_WORDS.has(parsed.keyword) || parsed.command.details === '';
}

const COMMAND_WORDS: ReadonlySet<string> = new Set(['CHECKIN', 'SECURITE']);

/**
 * A CHECK of something CHECK looks up, a REPORT with its text, a BUDDY adding or taking off a buddy: taken for an
 * answer, a client screened at the door got the next question and went into her draft (an alert others' CHECK
 * would find), a one-message report was filed as a field of another, no invitation went. The question stays open.
 * Words that only open like them stay answers: "Check shirt, tall" names nothing CHECK looks up, a REPORT of areas
 * alone would start a guided report over hers, a bare AMIGO ("friend") lists no one she meant to.
 *
 * `inDraft`: a guided report is open, whose answers are her own words about him ("Parceiro 628 555 0188 alto",
 * "Signalement : grand, barbu", "Report him to the cops too", "Check his number 628-555-0188 he texted me"):
 * taken for commands, his number got a buddy invitation, her note was filed as a report, the answer was lost.
 * There a BUDDY is always her answer, a REPORT only when area codes lead its text ("REPORT 415 another guy…"),
 * a CHECK only of its identifiers alone ("CHECK 628-555-0188"). The join question has no draft to lose.
 */
export function keepsMeaning(parsed: Parsed, regions: Regions, inDraft = false): boolean {
  if (!parsed.ok) return false;
  const { command } = parsed;
  if (command.kind === 'check') return inDraft ? checkAlone(command.query, regions.country) : checkable(command.query, regions.country);
  if (command.kind === 'buddy') return !inDraft && command.action !== 'list';
  if (command.kind !== 'report') return false;
  const words = [...command.areas, ...command.text.split(/\s+/)].filter((w) => w !== '');
  if (inDraft && !codeLeads(regions, words[0])) return false;
  return command.text.trim() !== '' && !regions.resolve(words).ok;
}

/** Whether `word` is an area code of the line, as written (a colon glued after it aside: "415:he", "LON:"). */
function codeLeads(regions: Regions, word: string | undefined): boolean {
  const code = (word ?? '').split(COLON)[0] ?? '';
  return regions.writtenAsCode(code) && regions.resolve([code]).ok;
}

/** The area tokens an answer to "which area?" gives: "415", "415 628", "JOIN 415", "san-francisco". */
export function areaAnswer(parsed: Parsed, text: string): string[] {
  if (parsed.ok && parsed.command.kind === 'join') return parsed.command.areas;
  return text
    .split(/[\s,;/]+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((w) => w !== '')
    .slice(0, 20);
}

// Words said with an area's code, in the line's languages ("LDN thanks", "ok LDN", "415 por favor").
const COURTESY: ReadonlySet<string> = new Set(
  "PLEASE PLS PLZ THANKS THANK YOU THX TY CHEERS HI HELLO HEY OK OKAY YES YEAH POR FAVOR GRACIAS HOLA SI VALE MERCI SVP STP S'IL VOUS PLAIT OUI BONJOUR SALUT OBRIGADA OBRIGADO OLA SIM".split(' '),
);

/** Most courtesy words left out of one answer: more, and it is no answer naming an area. */
const MAX_COURTESY = 4;

/**
 * The answer without the courtesy words at its start and end, for when the answer as sent names no area; the
 * rest must still name areas alone ("london bridge please" names none). [] when nothing else is left.
 */
function withoutCourtesy(tokens: string[]): string[] {
  const polite = (t: string | undefined) => t !== undefined && COURTESY.has(normalizeWord(t));
  let start = 0;
  let end = tokens.length;
  while (start < end && start < MAX_COURTESY && polite(tokens[start])) start++;
  while (end > start && start + tokens.length - end < MAX_COURTESY && polite(tokens[end - 1])) end--;
  return tokens.slice(start, end);
}

/**
 * The areas `tokens` name; when they name none as sent, those they name without the courtesy words around them,
 * only when each word left is an area's code written as one ("LDN thanks", "415 please"): a name there is as
 * often a word of her own ("thanks man" is no request for Manchester, "hey Austin" none for 512).
 */
export function resolvePolitely(regions: Regions, tokens: string[], asCode: (token: string) => boolean = (t) => regions.writtenAsCode(t)): ReturnType<Regions['resolve']> {
  const resolved = regions.resolve(tokens);
  const bare = withoutCourtesy(tokens);
  if (resolved.ok || bare.length === 0 || bare.length === tokens.length || !bare.every(asCode)) return resolved;
  const polite = regions.resolve(bare);
  return polite.ok ? polite : resolved;
}

/**
 * How many answers naming no area the join question takes: the last ends it.
 * An auto-reply ("I'm away until Monday") answers every question asked again.
 */
export const JOIN_QUESTION_TRIES = 2;

/** A new conversation asking which area to join; `missed`: the answers so far that named none. */
export function joinAreaQuestion(lang: Conversation['lang'], now: number, missed = 0): Conversation {
  return { topic: 'join-area', question: 'area', answers: missed > 0 ? { missed: String(missed) } : {}, lang, expiresAt: now + CONVERSATION_MS };
}

/** The answers to a join question so far that named no area. */
export function missedAnswers(c: Conversation): number {
  const n = Number(c.answers.missed ?? 0);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/**
 * LANG sent to a report's question, alone or with the one word naming a language (LANG FR, ESPAÑOL; marks and emoji
 * aside): no answer, the question is asked again in it. Any more words are her answer: "Lang Nguyen, 40s" (a name),
 * "Lang St motel". (The area question takes LANG with any words: its answers are areas.)
 */
export function langAsked(parsed: Parsed, text: string): boolean {
  const words = text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  if (words === 1) return (parsed.ok ? parsed.command.kind : parsed.command) === 'lang';
  return words === 2 && parsed.ok && parsed.command.kind === 'lang';
}
