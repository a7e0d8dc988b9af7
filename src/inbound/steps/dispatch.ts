/**
 * Step 5: dispatch to the command's handler, and do what it asked. While
 * the sender is in the middle of a conversation, a command (turn.ts) runs,
 * CANCEL ends it, and anything else answers its question.
 */
import { areasAlone } from '../../bot/areas-alone';
import type { Parsed } from '../../bot/commands';
import { catalog, LANGS } from '../../bot/catalog';
import { areaAnswer, JOIN_QUESTION_TRIES, joinAreaQuestion, langAsked, missedAnswers, resolvePolitely, type Turn } from '../../bot/dialogues';
import type { Asker, Outcome, Store } from '../../bot/handler';
import type { LineRules } from '../../bot/line-rules';
import { join, unknownArea, whichArea } from '../../bot/member-commands';
import { continueReport } from '../../bot/report-commands';
import { controlWord } from '../../bot/report-dialogue';
import { reportLang } from '../../bot/report-lang';
import { MAX_MESSAGE_CHARS } from '../../bot/sms-segments';
import { askerCatalog } from '../../bot/waiting-catalog';
import { lineExamples } from '../../bot/line-examples';
import { applyOutcome, hint, moderatorHint, reportRules, runCommand } from '../../bot/run-command';
import type { Lang } from '../../domain/lang';
import { lapsedDraft, type Conversation } from '../../store/conversations';
import { expireReportDrafts } from '../../jobs/report-drafts';
import { heardAt } from '../heard-at';
import type { Inbound } from '../inbound';
import type { Identity } from './identify-sender';

/** Edits answered per sender an hour (sender-limits.ts), apart from the hint's one. */
const EDITS_ANSWERED = { max: 5, windowMs: 3_600_000 };

/**
 * What to answer (null for none, and for what the carrier answered), and
 * whether it is a guided report's read-back: it quotes the draft, which she
 * may still drop; or an APPROVE's answer quoting a report's changed text.
 */
export interface Reply {
  say: string | null;
  quotesDraft: boolean;
  quotesReport?: boolean;
  /** A READ message's alerts (Outcome.quotesAlerts): linked to the reply when it is queued. */
  quotesAlerts?: { ids: number[]; older: number };
  /** A report went to the moderators (its notice): the same REPORT again is not filed twice (repeats.ts). */
  filed?: boolean;
}

/** Runs the message's handler, as `turn` (turn.ts) says it is meant; returns the reply. */
export function dispatch(store: Store, rules: LineRules, who: Identity, lang: Lang, msg: Inbound, parsed: Parsed, turn: Turn, now: number): Reply {
  const asker: Asker = {
    sender: who.sender,
    member: who.member,
    lang,
    t: askerCatalog(store.db, who.member, lang, lineExamples(rules.regions)),
    reporterKey: who.reporterKey,
    phoneReporterKey: who.phoneReporterKey,
    senderKey: who.senderKey,
    limitKey: who.limitKey,
    memberKey: who.memberKey,
    heardAt: heardAt(msg, now),
  };
  // A photo, voice note, file or sticker and no words: nothing of it reaches the line, and the member
  // is told so. An open question stays open (read as empty, the answer would skip it); out of a
  // conversation it is a hint like any other, once an hour; a moderator's, as her typos are (a screenshot she
  // meant to pass on, told each time up to their bound, not left unanswered for the rest of the hour).
  // An edit (Signal's) is never acted on: it would run its command again. She is told to send it anew, up to
  // EDITS_ANSWERED an hour, a bound of its own: the typo she corrects was just answered "didn't understand", and the
  // hint's hour would leave her edit silent, believed sent (an auto-reply never edits). A moderator is told that
  // nothing changed (her corrected EDIT was not applied), each time up to her typos' bound.
  if (msg.edited) {
    if (who.moderator) return { say: moderatorHint(store, asker, now, asker.t.modEditNotRead()).say, quotesDraft: false };
    const told = store.limits.take(who.limitKey, 'edit', EDITS_ANSWERED, now);
    return { say: told ? asker.t.editNotRead(who.conversation() !== undefined) : null, quotesDraft: false };
  }
  if (msg.media && !parsed.ok && parsed.error === 'empty') {
    const told = asker.t.mediaNotRead(false);
    const say = who.conversation() ? asker.t.mediaNotRead(true) : (who.moderator ? moderatorHint(store, asker, now, told) : hint(store, rules, asker, now, told)).say;
    return { say, quotesDraft: false };
  }
  // STOP, HELP and DELETE mean the same in a conversation or out of one: no need to look for it. DROP
  // also drops a draft that lapsed in the minute before its job files it, as it did a second earlier, and
  // DONE files it now with its reference (the job would, a minute on, after a "didn't understand").
  const lapsed = turn === 'cancel' || (turn === 'answer' && controlWord(msg.text) === 'done');
  const conversation =
    turn === 'command' ? undefined : (who.conversation() ?? (lapsed ? lapsedDraft(store.db, store.vault, who.memberKey, now) : undefined));
  const outcome = conversation
    ? converse(store, rules, asker, who, conversation, turn, msg, parsed, now)
    : (areasAlone(rules.regions, asker, who.moderator, parsed, msg.text, rules.maxAreas) ?? runCommand(store, rules, asker, who.moderator, parsed, now));
  const asks = outcome.converse !== undefined && outcome.converse !== 'end';
  // A lapsed draft its job (every minute) has not filed yet is filed before a new conversation replaces it.
  // By when she sent it: a draft her answer came in time for is not filed under it.
  if (asks) expireReportDrafts(store, rules, asker.heardAt ?? now, who.memberKey);
  applyOutcome(store, rules, asker, outcome, now);
  // What the carrier answered, we act on without a second answer; but a question we asked (a START
  // from a number with no area) is sent: unseen, it would take their next message for its answer; so is
  // what the carrier's answer cannot say (a buddy's YES, their ACCEPT).
  // Only the read-back (the review question) quotes it; the other questions and DONE's reference do not.
  const quotesDraft = typeof outcome.converse === 'object' && outcome.converse.topic === 'report' && outcome.converse.question === 'review';
  // A moderator's HELP too: Twilio's lists none of her commands, and her typo's hint sends her to HELP.
  const modHelp = who.moderator && parsed.ok && parsed.command.kind === 'help';
  const quotesReport = outcome.quotesReport === true;
  const filed = outcome.notify?.subject.kind === 'report';
  if (msg.answered && !asks && !modHelp && outcome.beyondCarrier !== true) return { say: null, quotesDraft, filed };
  // Words sent with a photo are read, the photo is not: a reporter would think it went with the report.
  // Not past what one SMS can carry: a reply already that long (SHOW) is worth more whole than the aside.
  if (!msg.media || outcome.say === null) return { say: outcome.say, quotesDraft, quotesReport, quotesAlerts: outcome.quotesAlerts, filed };
  const withNote = `${outcome.say} ${asker.t.mediaNotKept()}`;
  return { say: withNote.length <= MAX_MESSAGE_CHARS ? withNote : outcome.say, quotesDraft, quotesReport, quotesAlerts: outcome.quotesAlerts, filed };
}

function converse(store: Store, rules: LineRules, asker: Asker, who: Identity, conversation: Conversation, turn: Turn, msg: Inbound, parsed: Parsed, now: number): Outcome {
  switch (turn) {
    case 'command':
      return runCommand(store, rules, asker, who.moderator, parsed, now);
    case 'cancel':
      return { say: conversation.topic === 'report' ? asker.t.reportCancelled() : asker.t.conversationEnded(), converse: 'end' };
    case 'answer':
      return answer(store, rules, asker, conversation, msg, parsed, now);
  }
}

/** The answer to the open question, by the conversation's topic. */
function answer(store: Store, rules: LineRules, asker: Asker, conversation: Conversation, msg: Inbound, parsed: Parsed, now: number): Outcome {
  switch (conversation.topic) {
    case 'join-area': {
      // LANG answers no question: the question is asked again in her language, and it uses none of her tries. A
      // member's LANG sets hers; a stranger's is kept by the question alone (a row would make her a member).
      if (parsed.ok && parsed.command.kind === 'lang') {
        const set = asker.member ? runCommand(store, rules, asker, false, parsed, now) : {};
        const again = whichArea(catalog(parsed.command.lang), rules.regions);
        return { ...set, say: again, converse: joinAreaQuestion(parsed.command.lang, now, missedAnswers(conversation)) };
      }
      // LANG alone: the languages, and the question again; no answer either (README).
      if (!parsed.ok && parsed.command === 'lang') {
        const langs = asker.t.badLang(LANGS.map((l) => l.toUpperCase()));
        return { say: `${langs} ${whichArea(asker.t, rules.regions)}`, converse: joinAreaQuestion(asker.lang, now, missedAnswers(conversation)) };
      }
      const tokens = areaAnswer(parsed, msg.text);
      // "LDN thanks", "415 please": a code with a courtesy word or two around it, as she typed it. A JOIN's words
      // come in capitals ("JOIN ok man" as OK MAN), so they are read as JOIN reads them, with none left out.
      const typed = !(parsed.ok && parsed.command.kind === 'join');
      const resolved = tokens.length ? (typed ? resolvePolitely(rules.regions, tokens) : rules.regions.resolve(tokens)) : undefined;
      if (!resolved?.ok) {
        // An auto-reply answers each question asked again: the last try ends it, answered as any message
        // that is no command is, by the hint at most once an hour (SPEC: auto-replies cannot loop).
        const missed = missedAnswers(conversation) + 1;
        if (missed >= JOIN_QUESTION_TRIES) return { ...hint(store, rules, asker, now), converse: 'end' };
        // No area given (an empty answer, a bare JOIN): ask again; not an area (a code or a name): say so,
        // with the list when it is short. Asked again, the question waits its hour from now, as a report's does.
        const again = resolved ? unknownArea(asker.t, rules.regions, resolved.bad) : whichArea(asker.t, rules.regions);
        return { say: again, converse: joinAreaQuestion(asker.lang, now, missed) };
      }
      const joined = join(store, asker, rules, resolved.npas, now);
      return { ...joined, converse: joined.converse ?? 'end' };
    }
    case 'report':
      // LANG FR, or LANG alone, is no answer: the question again, in her language (report-lang.ts).
      if (parsed.keyword === 'LANG' && langAsked(parsed, msg.text)) {
        return reportLang(store, asker, reportRules(rules), conversation, !parsed.ok, now);
      }
      return continueReport(store, asker, reportRules(rules), conversation, msg.text, now);
  }
}
