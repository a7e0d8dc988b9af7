/**
 * Step 6: the same message again. An auto-reply that starts with a keyword
 * ("Info: this number is not monitored", "Report problems to…", "OK, I'll
 * call you later") is no unknown text, so the hint's once an hour did not
 * hold it, and it answered each of the line's answers for good (red-team
 * hunt: one BUDDY to such a number, 1,441 texts a day). So the same message
 * that gets the same answer is answered REPEATS_ANSWERED times in a row
 * within the hour at most, whatever it parses as, as a guided report's
 * answers are. The answer must be the same too: READ after a new alert,
 * LATER 30 that moves her check-in on again, are answered. It is still
 * acted on; never damped: STOP and DELETE, a check-in's OK and LATER while
 * she has one, an answer to an open question (each dialogue has its own
 * rule), a moderator's commands and typos (bounded on their own). The same
 * REPORT again within the hour of one filed is not filed twice, and is
 * answered with the first one's answer (she may not have had it), while that
 * report is pending: once decided, that answer would be false, and it is filed
 * as new; so is a moderator's (she relays callers' reports, the same words
 * twice being two reports). One refused (the day's limit) is tried again.
 * Runs are counted per channel.
 */
import { MODERATOR_COMMANDS, type Parsed } from '../../bot/commands';
import type { Turn } from '../../bot/dialogues';
import { plainAnswer, REPEATS_ANSWERED } from '../../bot/report-dialogue';
import type { Db } from '../../store/db';
import { newestReportOf, reportPending } from '../../store/reports';
import type { SenderLimits } from '../../store/sender-limits';
import type { Vault } from '../../store/vault';
import type { Identity } from './identify-sender';

/**
 * A keyed mark of a text and the channel it came by, case and spacing aside: never the words. By channel: one
 * whose answers do not reach her (a carrier filtering SMS) tried on the other must be answered there.
 */
function mark(vault: Vault, who: Identity, text: string): string {
  return vault.index('repeat', `${who.sender.channel} ${plainAnswer(text)}`).toString('base64');
}

/** A keyed mark of a report's words whatever the channel: the same REPORT by SMS then Signal is one report. */
function reportMark(vault: Vault, text: string): string {
  return vault.index('repeat', plainAnswer(text)).toString('base64');
}

/**
 * When it is a REPORT the sender sent last, word for word, within the hour, and that one was filed: not filed
 * again, and answered as the first was (its reference: she may not have had it) REPEATS_ANSWERED times at most.
 */
export function reportAgain(
  { db, vault, limits }: { db: Db; vault: Vault; limits: SenderLimits },
  who: Identity,
  parsed: Parsed,
  turn: Turn,
  text: string,
  now: number,
): { answer: string | null } | undefined {
  if (!parsed.ok || parsed.command.kind !== 'report' || inConversation(who, turn) || who.moderator) return undefined;
  const again = limits.repeats.filedAgain(who.limitKey, reportMark(vault, text), now);
  if (!again || again.reportId === null || !reportPending(db, again.reportId)) return undefined;
  return { answer: again.times <= REPEATS_ANSWERED ? again.answer : null };
}

/** An answer to an open question (turn.ts says what a message would be in one; it is one only in a conversation). */
function inConversation(who: Identity, turn: Turn): boolean {
  return turn === 'answer' && who.conversation() !== undefined;
}

/**
 * Records the message and its answer; whether to send that answer. `checkin`: a check-in's OK or LATER while she
 * has one; `filed`: it filed a report.
 */
export function answerAgain(
  { db, vault, limits }: { db: Db; vault: Vault; limits: SenderLimits },
  who: Identity,
  parsed: Parsed,
  turn: Turn,
  text: string,
  say: string | null,
  { checkin, filed }: { checkin: boolean; filed: boolean },
  now: number,
): boolean {
  const kind = parsed.ok ? parsed.command.kind : parsed.command;
  // DELETE has forgotten her last message's mark (sender-limits.ts): none is written again.
  if (kind === 'delete') return true;
  // The report it filed is her newest: reportAgain replays its answer only while it is pending.
  const reportId = filed ? (newestReportOf(db, who.reporterKey) ?? null) : null;
  const times = limits.repeats.record(who.limitKey, mark(vault, who, text), say === null ? null : mark(vault, who, say), filed ? reportMark(vault, text) : null, now, say, reportId);
  // A moderator's typos are bounded on their own (20 an hour, moderatorHint), and told each time within it.
  const moderates = who.moderator && (!parsed.ok || MODERATOR_COMMANDS.has(parsed.command.kind));
  const always = kind === 'stop' || checkin || inConversation(who, turn) || moderates;
  return always || times <= REPEATS_ANSWERED;
}
