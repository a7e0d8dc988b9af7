/**
 * One inbound message, inside the transaction that holds its effect, step
 * by step: recognise a retry → identify the sender → block and limit →
 * remember the language → dispatch to the command's handler → damp the
 * same message answered the same over and over → record the provider id →
 * queue the reply when it leaves through the outbox.
 */
import type { BotLimits } from '../bot/context';
import type { Store } from '../bot/handler';
import type { LineRules } from '../bot/line-rules';
import { isNeedsBuddy, leftAloneByChange, tellNoOneLeft } from '../bot/checkin-alone';
import { approveRetried } from '../bot/moderator-decisions';
import { checkinLine } from '../bot/run-command';
import { parse } from '../bot/parser';
import type { Sender } from '../phone/identity';
import { linkShownCheckin } from '../store/checkin-refs';
import { noOnesIndex, type InboundLog } from '../store/inbound-log';
import { heardFrom } from '../store/invalid-streak';
import { findMemberByIndex } from '../store/members';
import { linkShownReport } from '../store/moderator-notices';
import { enqueueMessage, enqueueReply } from '../store/outbox';
import { linkReadQuotes } from '../store/read-quotes';
import type { Handled, Inbound, ReplyWay } from './inbound';
import { blockAndLimit } from './steps/block-and-limit';
import { heardAt } from './heard-at';
import { dispatch } from './steps/dispatch';
import { identifySender, senderHasCheckin, type Identity } from './steps/identify-sender';
import { recogniseRetry } from './steps/recognise-retry';
import { answerAgain, reportAgain } from './steps/repeats';
import { rememberLanguage } from './steps/remember-language';
import { turnFor } from './steps/turn';

/** What the steps need: the store, the record of handled ids, who moderates, and the line's rules. */
export interface MessageDeps extends Store {
  handled: InboundLog;
  /** Canonical moderator identities (E.164 numbers, Signal UUIDs). */
  moderators: ReadonlySet<string>;
  /** Whether a listed moderator is trusted now (over Signal: their recorded identity, issue 15); all are when unset. */
  moderatorTrusted?: (sender: Sender) => boolean;
  rules: LineRules & { limits: BotLimits };
  /**
   * Reads the wall clock for the jobs that keep the deadlines a message
   * writes (jobs/deadline-clocks.ts): called before each message's
   * transaction, so a step back is taken, in a transaction of its own,
   * before a deadline is written by the new clock (taken inside, it would
   * be lost with a rolled-back message while the follower had moved on).
   */
  clocks?: { follow(now: number): void };
}

/**
 * A message the carrier has answered and that asks nothing more of us (a
 * HELP Twilio answered: no reply, no state to change) needs no transaction.
 * Not a moderator's HELP: Twilio's answer lists no moderator command. (It
 * does not bring back a membership the provider called invalid: her next
 * message of any other kind does, within 14 days, handleMessage.)
 */
export function answeredAlready(msg: Inbound, moderators: ReadonlySet<string>): Handled | undefined {
  if (!msg.answered || moderators.has(msg.sender.address)) return undefined;
  const parsed = parse(msg.text);
  return parsed.ok && parsed.command.kind === 'help' ? { reply: null, parsed, duplicate: false } : undefined;
}

/** Handles one message; the caller holds the transaction. */
export function handleMessage(deps: MessageDeps, msg: Inbound, way: ReplyWay, now: number): Handled {
  const { db, vault, handled, rules } = deps;
  const parsed = parse(msg.text, rules.regions.country);
  const seen = recogniseRetry(handled, msg, now);
  if (seen.previous !== undefined) {
    // A Twilio retry of a moderator's APPROVE answered with nothing kept: its answer quoted the report's
    // changed text and may be what was lost. Not read again from the log; she is to APPROVE again to read it.
    const retriedApprove = seen.previous === null && way === 'response' && msg.sender.channel === 'sms' && deps.moderators.has(msg.sender.address);
    if (retriedApprove && parsed.ok && parsed.command.kind === 'approve') return { reply: approveRetried(deps, msg.sender, parsed.command.ref), parsed, duplicate: true };
    return { reply: seen.previous, parsed, duplicate: true };
  }
  // A retried message keeps the verdict it had on arrival: never trusted more now.
  const trusted = msg.moderatorUntrusted ? () => false : deps.moderatorTrusted;
  // Her open question is judged by when she sent her answer, if it waited at the provider (heard-at.ts).
  const who = identifySender(db, vault, deps.moderators, msg.sender, now, trusted, heardAt(msg, now));
  const { acted, quotesDraft, quotesReport, quotesAlerts, ...result } = act(deps, who, msg, parsed, now);
  // Her Signal account shows a new number: a check-in of hers that relied on the buddies asked from the old
  // number's SMS membership now reaches no one, and she is told at once, not left to learn it at the deadline
  // (only if the change took a buddy: one her buddy's STOP left alone was told then, checkin-alone.ts).
  // Once her message is handled: one it ended (her OK) needs no one, and one it gave a buddy (BUDDY) reaches them.
  // Told after her reply (below); a CHECKIN refused for want of a buddy is answered by the notice alone, not twice,
  // but only where the notice goes to the membership the reply goes to: one told on her old number's SMS
  // membership leaves her, writing over Signal, answered nowhere.
  const line = who.member && who.unlinked.length > 0 ? checkinLine(rules) : undefined;
  const alone = line && who.member ? leftAloneByChange(deps, line, [who.member.id, ...who.unlinked]) : [];
  // Read only when a message is queued to her (not for a webhook's TwiML reply: a query per webhook).
  const member = alone.length > 0 || (result.reply !== null && way === 'outbox') ? findMemberByIndex(db, who.memberKey) : undefined;
  const toMember = member !== undefined && (member.status === 'active' || member.status === 'pending');
  if (line && toMember && alone.includes(member.id) && result.reply !== null && isNeedsBuddy(result.reply, line.examples)) result.reply = null;
  // A SHOW's reply quotes a report, which an EDIT or a decision may change: it is kept no longer than the report's notices.
  // So may an APPROVE's ("Not sent: … APPROVE again to send: <text>", the text changed since she read it).
  // Only one that quotes it: a linked reply counts as showing her the report, and a refusal that quotes
  // nothing ("SHOW it first") would let her next APPROVE send a report she never read.
  // Only a moderator's quotes anything (who.moderator is known already: no cost for others); anyone else's is a hint.
  const command = parsed.ok && who.moderator ? parsed.command : null;
  const quotedRef = command?.kind === 'show' || (command?.kind === 'approve' && quotesReport) ? command.ref : null;
  if (result.reply !== null && way === 'outbox') {
    const id = toMember ? enqueueMessage(db, vault, member.id, result.reply, now) : enqueueReply(db, vault, msg.sender, result.reply, now);
    // A READ message, waiting as any queued reply may (a held lane), is written again without an alert RETRACT withdraws.
    if (toMember && quotesAlerts) linkReadQuotes(db, id, quotesAlerts.ids, quotesAlerts.older);
    // Its copy goes when the report is decided or edited, as a notice's does; a missed check-in's, with her details.
    if (quotedRef !== null) linkShownReport(db, id, quotedRef);
    if (quotedRef !== null && command?.kind === 'show') linkShownCheckin(db, id, quotedRef);
    db.onCommit(rules.onQueued);
  }
  if (line && alone.length > 0) {
    tellNoOneLeft(deps, line, alone, now);
    db.onCommit(rules.onQueued);
  }
  // Every message acted on is remembered (a redelivered HELP must not be
  // answered twice), also one that only read or changed nothing: a captured webhook
  // replayed later (a Twilio signature carries no nonce) must not read
  // today's queue nor act on what changed since (a no-op JOIN, after her
  // STOP). Its reply is kept where it may be asked for again, a webhook's
  // retry (SPEC: answered again, acted on once); not over Signal, where it
  // was queued once and a redelivery is not answered, nor a SHOW's, which
  // quotes a report an EDIT may change, nor an APPROVE's that quoted it (its
  // retry is answered without it, above), nor one to a report's draft, whose
  // read-back she may drop ("nothing kept"). A message dropped by a block or
  // the limit, over SMS or Signal, leaves no row: a flood writes nothing, and
  // one delivered again meets the same block, or the window's count, and is
  // dropped again (or, in a new window, counted in it). Stored under the sender's
  // index in the log so that DELETE can untie it from her; DELETE's own
  // record carries an index no one has (a row without one would mark it),
  // and over Signal there is none (its id is her UUID and a time: a
  // redelivered DELETE only erases again).
  const erased = parsed.ok && parsed.command.kind === 'delete';
  if (seen.key && acted && !(erased && msg.sender.channel === 'signal')) {
    const kept = msg.sender.channel === 'sms' && command?.kind !== 'show' && !quotesReport && !quotesDraft ? result.reply : null;
    handled.remember(seen.key, kept, now, erased ? noOnesIndex() : who.senderKey, msg.sender.channel === 'signal');
  }
  return result;
}

/** Steps 3 to 6. `acted`: past the block and the limit. */
function act(
  deps: MessageDeps,
  who: Identity,
  msg: Inbound,
  parsed: ReturnType<typeof parse>,
  now: number,
): Handled & { acted: boolean; quotesDraft: boolean; quotesReport: boolean; quotesAlerts?: { ids: number[]; older: number } } {
  const { rules } = deps;
  const gate = blockAndLimit(deps, rules.limits.messages, who, parsed, now);
  if (!gate.act) return { reply: null, parsed, duplicate: false, dropped: gate.dropped, acted: false, quotesDraft: false, quotesReport: false };
  // Her message proves her number works: a membership marked invalid (the provider's word, not always
  // final) lately is active again with its areas before the command is handled, and she is told nothing
  // more; one marked long ago may be a new holder's number, and gets nothing back (store/invalid-streak.ts).
  const revived = who.member ? heardFrom(deps.db, who.member.id, now) : undefined;
  if (who.member && revived) who.member.status = revived;
  const turn = turnFor(deps, who, msg, parsed);
  // The same REPORT again within the hour of the one filed (an auto-reply's) is not filed twice (steps/repeats.ts).
  const reported = reportAgain(deps, who, parsed, turn, msg.text, now);
  if (reported) return { reply: gate.answer === true ? reported.answer : null, parsed, duplicate: false, acted: true, quotesDraft: false, quotesReport: false };
  const lang = rememberLanguage(deps, who, parsed, turn, msg.text);
  const { say, quotesDraft, quotesReport, quotesAlerts, filed } = dispatch(deps, rules, who, lang, msg, parsed, turn, now);
  // An OK past the limit or the block is answered only if it ended her check-in (block-and-limit.ts).
  const answer = gate.answer === 'if-it-ends' ? !senderHasCheckin(deps.db, deps.vault, who) : gate.answer;
  // The same message with the same answer, over and over, is answered twice an hour at most (steps/repeats.ts).
  const again = answerAgain(deps, who, parsed, turn, msg.text, say, { checkin: gate.checkin === true, filed: filed === true }, now);
  return { reply: answer && again ? say : null, parsed, duplicate: false, dropped: gate.dropped, acted: true, quotesDraft, quotesReport: quotesReport === true, quotesAlerts };
}
