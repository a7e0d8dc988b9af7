/**
 * What a message is to the line: a command, the answer to an open question,
 * or the end of it (CANCEL). Decided once, before the language is remembered
 * (an answer is her words, not a keyword, and does not change it) and the
 * message dispatched. While she is in the middle of a conversation, STOP, HELP
 * and DELETE keep their meaning (and OK and LATER while she has a check-in,
 * READ while she has alerts unread, a CHECK, REPORT or BUDDY that is one: keepsMeaning).
 */
import type { Regions } from '../../alerts/regions';
import { MODERATOR_COMMANDS, type Parsed } from '../../bot/commands';
import { checkinWord, describes, keepsMeaning, startsCheckin, turnOf, type Turn } from '../../bot/dialogues';
import { controlWord } from '../../bot/report-dialogue';
import type { Db } from '../../store/db';
import { hasUnread } from '../../store/unread-alerts';
import type { Vault } from '../../store/vault';
import type { Inbound } from '../inbound';
import { senderHasCheckin, type Identity } from './identify-sender';

export function turnFor({ db, vault, rules }: { db: Db; vault: Vault; rules: { regions: Regions } }, who: Identity, msg: Inbound, parsed: Parsed): Turn {
  const turn = turnOf(parsed, msg.text, msg.answered === true, () => describes(who.conversation()));
  // "Cancel my check-in" in the middle of a question ends her check-in, not the question (CANCEL alone still does).
  // "STOP my check-in" with none of hers: her STOP, as out of a question (run-command reads it so).
  if (parsed.ok && parsed.command.kind === 'ok' && parsed.command.cancels === true && (senderHasCheckin(db, vault, who) || parsed.command.stopWord === true)) return 'command';
  if (turn !== 'answer') return turn;
  // A moderator in the middle of their own report can still moderate (issue 11), and is told what
  // a command lacks ("APPROVE" with no reference) rather than have it taken for an answer.
  if (who.moderator && moderatorCommand(parsed)) return 'command';
  // A check-in is ended or moved on whatever was asked; but a word the report's questions name (Spanish
  // LISTO: file it now, and also "I'm OK") does what the question said. Hers on either channel.
  if (checkinWord(parsed, msg.text) && senderHasCheckin(db, vault, who) && !reportControl(who, msg.text)) return 'command';
  // And a check-in is started whatever was asked (the question stays open for later).
  if (startsCheckin(parsed)) return 'command';
  // A client screened at the door, a report in one message, a buddy asked: done now, the question stays open.
  if (keepsMeaning(parsed, rules.regions, who.conversation()?.topic === 'report')) return 'command';
  // READ alone, as a discreet notice told her to send it (to this membership: READ reads no other): the alert
  // is shown, the question stays open. Read only for that word, so the webhook path asks nothing more of other answers.
  if (parsed.ok && parsed.command.kind === 'read' && parsed.exactKeyword && who.member && hasUnread(db, who.member.id)) return 'command';
  return 'answer';
}

/** Whether the message is a moderator command, well formed or not. */
function moderatorCommand(parsed: Parsed): boolean {
  const kind = parsed.ok ? parsed.command.kind : parsed.command;
  return kind !== undefined && MODERATOR_COMMANDS.has(kind);
}

/** Whether the message is one of the control words of the guided report the sender is in the middle of. */
function reportControl(who: Identity, text: string): boolean {
  return controlWord(text) !== undefined && who.conversation()?.topic === 'report';
}
