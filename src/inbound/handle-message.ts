/**
 * One inbound message, inside the transaction that holds its effect, step
 * by step: recognise a retry → identify the sender → block and limit →
 * remember the language → dispatch to the command's handler → record the
 * provider id → queue the reply when it leaves through the outbox.
 */
import type { BotLimits } from '../bot/context';
import type { Store } from '../bot/handler';
import type { LineRules } from '../bot/line-rules';
import { parse } from '../bot/parser';
import type { Sender } from '../phone/identity';
import { firstSeen, type InboundLog } from '../store/inbound-log';
import { findMemberByIndex } from '../store/members';
import { enqueueMessage, enqueueReply } from '../store/outbox';
import type { Handled, Inbound, ReplyWay } from './inbound';
import { blockAndLimit } from './steps/block-and-limit';
import { dispatch } from './steps/dispatch';
import { identifySender, type Identity } from './steps/identify-sender';
import { recogniseRetry } from './steps/recognise-retry';
import { rememberLanguage } from './steps/remember-language';

/** What the steps need: the store, the record of handled ids, who moderates, and the line's rules. */
export interface MessageDeps extends Store {
  handled: InboundLog;
  /** Canonical moderator identities (E.164 numbers, Signal UUIDs). */
  moderators: ReadonlySet<string>;
  /** Whether a listed moderator is trusted now (over Signal: their recorded identity, issue 15); all are when unset. */
  moderatorTrusted?: (sender: Sender) => boolean;
  rules: LineRules & { limits: BotLimits };
}

/**
 * A message the carrier has answered and that asks nothing more of us (a
 * HELP Twilio answered: no reply, no state to change) needs no transaction.
 */
export function answeredAlready(msg: Inbound): Handled | undefined {
  if (!msg.answered) return undefined;
  const parsed = parse(msg.text);
  return parsed.ok && parsed.command.kind === 'help' ? { reply: null, parsed, duplicate: false } : undefined;
}

/** Handles one message; the caller holds the transaction. */
export function handleMessage(deps: MessageDeps, msg: Inbound, way: ReplyWay, now: number): Handled {
  const { db, vault, handled, rules } = deps;
  const parsed = parse(msg.text, rules.regions.country);
  const seen = recogniseRetry(handled, msg, now);
  if (seen.previous !== undefined) return { reply: seen.previous, parsed, duplicate: true };
  const who = identifySender(db, vault, deps.moderators, msg.sender, now, deps.moderatorTrusted);
  const { acted, changed, ...result } = act(deps, who, msg, parsed, now);
  if (result.reply !== null && way === 'outbox') {
    const member = findMemberByIndex(db, who.memberKey);
    if (member && (member.status === 'active' || member.status === 'pending')) enqueueMessage(db, vault, member.id, result.reply, now);
    else enqueueReply(db, vault, msg.sender, result.reply, now);
    db.onCommit(rules.onQueued);
  }
  // A message that changed something is remembered with its reply, and so
  // is every one answered through the outbox (a redelivered HELP must not be
  // answered twice). Stored under the sender's rate-limit index so that
  // DELETE can erase the reply; DELETE's own record carries no link to the
  // sender it just erased, and over Signal there is none (its id is her
  // UUID and a time: a redelivered DELETE only erases again).
  // One that only read or changed nothing (PENDING, SHOW, AREAS, a JOIN of
  // an area she has) is remembered without its reply: a captured webhook
  // replayed later (a Twilio signature carries no nonce) must not read
  // today's queue nor act on what changed since (that JOIN, after her STOP),
  // and a SHOW's reply quotes a report an EDIT may change. A message dropped
  // by a block or the limit leaves no row: a flood writes nothing.
  const erased = parsed.ok && parsed.command.kind === 'delete';
  if (seen.key && !(erased && msg.sender.channel === 'signal')) {
    if (way === 'outbox' || changed) handled.remember(seen.key, result.reply, now, erased ? null : who.senderKey, msg.sender.channel === 'signal');
    else if (acted) firstSeen(db, seen.key, now);
  }
  return result;
}

/**
 * Steps 3 to 5. `acted`: past the block and the limit; `changed`: the
 * message had an effect of its own (the sender's message counter,
 * bookkeeping, does not count).
 */
function act(deps: MessageDeps, who: Identity, msg: Inbound, parsed: ReturnType<typeof parse>, now: number): Handled & { acted: boolean; changed: boolean } {
  const { db, rules } = deps;
  const gate = blockAndLimit(deps, rules.limits.messages, who, parsed, now);
  if (!gate.act) return { reply: null, parsed, duplicate: false, dropped: gate.dropped, acted: false, changed: false };
  const before = db.totalChanges();
  const lang = rememberLanguage(db, who, parsed);
  const reply = dispatch(deps, rules, who, lang, msg, parsed, now);
  return { reply: gate.answer ? reply : null, parsed, duplicate: false, dropped: gate.dropped, acted: true, changed: db.totalChanges() !== before };
}
