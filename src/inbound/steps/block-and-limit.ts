/**
 * Step 3: block and limit. A blocked sender's messages are dropped
 * silently, and a sender past the per-sender message limit is ignored for
 * the rest of the window; opting out (STOP) and erasure (DELETE) work for
 * both: nobody waits an hour to be forgotten. A member's OK and LATER work
 * past the limit and the block while she has a check-in: a dropped OK would
 * have her buddies told she may be in danger. Moderators are neither limited
 * (a busy night means many PENDING and APPROVE messages) nor blocked.
 *
 * What goes past the limit is acted on, but answered only within it (STOP
 * and DELETE with no membership: the first OPT_OUTS_PAST_LIMIT; a STOP of
 * one already stopped: none): each
 * answer is a message the line pays for, and a number texting DELETE or
 * LATER over and over must not run up the bill. An OK that ends her
 * check-in is the exception: it limits itself, and she must know it was
 * heard. Only the one that ends it: "END CHECK IN 30" while it runs ends
 * nothing (it asks OK or LATER), and answered past the limit and the block,
 * over and over, it was a flood answered ahead of alerts (red-team hunt).
 */
import type { Parsed } from '../../bot/commands';
import { memberKey, numberKey } from '../../phone/identity';
import { blockedAs } from '../../store/blocks';
import type { Db } from '../../store/db';
import type { Limit, SenderLimits } from '../../store/sender-limits';
import type { Vault } from '../../store/vault';
import { senderHasCheckin, type Identity } from './identify-sender';

/**
 * Whether to act on a message, and then whether to answer it ('if-it-ends': only if it ended her check-in, known
 * once it is handled); why not, when it is blocked or over the limit. `checkin`: her OK or LATER while she has one.
 */
export type Gate = { act: false; dropped: 'blocked' | 'rate_limited' } | { act: true; answer: boolean | 'if-it-ends'; dropped?: 'blocked'; checkin?: true };

const OPEN: Gate = { act: true, answer: true };

/** STOPs and DELETEs acted on past the message limit in its window from a sender with no membership. */
export const OPT_OUTS_PAST_LIMIT = 5;

/** Counts one message against the sender's limit; false past it. */
export function withinMessageLimit(limits: SenderLimits, limit: Limit, who: Identity, now: number): boolean {
  return limits.take(who.limitKey, 'message', limit, now);
}

export function blockAndLimit({ db, vault, limits }: { db: Db; vault: Vault; limits: SenderLimits }, limit: Limit, who: Identity, parsed: Parsed, now: number): Gate {
  // A moderator is never silenced: BLOCK of a report they filed would otherwise lock them out, with no UNBLOCK.
  if (who.moderator) return OPEN;
  const kind = parsed.ok ? parsed.command.kind : undefined;
  const within = () => withinMessageLimit(limits, limit, who, now);
  // Looked up only for OK and LATER, so a flood of anything else costs no more than before. A block
  // (of her reports) does not stop them either: her buddies would be told she may be in danger. Hers from
  // either channel: blocked over SMS, she may answer over Signal with no membership there yet.
  // Over Signal with the number shown, a block of that number over SMS holds too: the line treats them as one person.
  // Both looked up: each block learns who it is of (so that it outlives a key rotation) at her first message after it.
  const isBlocked = () => {
    const own = blockedAs(db, vault, who.reporterKey, memberKey(who.sender));
    const shown = who.phoneReporterKey !== undefined && blockedAs(db, vault, who.phoneReporterKey, numberKey(who.sender));
    return own || shown;
  };
  if ((kind === 'ok' || kind === 'later') && senderHasCheckin(db, vault, who)) {
    // Blocked, her OK is answered only when it ends her check-in, and her LATER within the limit as ever.
    if (kind === 'ok') return { act: true, answer: isBlocked() ? 'if-it-ends' : within() || 'if-it-ends', checkin: true };
    return { act: true, answer: within(), checkin: true };
  }
  const blocked = isBlocked();
  // A blocked sender's STOP is silent, as everything they send; their DELETE says so, within the limit.
  if (kind === 'stop' || kind === 'delete') {
    const inLimit = within();
    // Past the limit, a flood of them (each acted on cost a row and 13 ms ahead of everyone's messages, and a Signal
    // flood lost others') is dropped where nothing is lost: a STOP from a membership already stopped with no check-in
    // running (a carrier's opt-out or a restore leaves one running, and her STOP ends it), and, from a
    // sender with none (a buddy, a reporter who never joined: what is left to end is not known here), all but the
    // first few. A membership's own STOP and any DELETE of hers always act.
    const member = who.member;
    const idle = () =>
      member ? kind === 'stop' && member.status === 'stopped' && !senderHasCheckin(db, vault, who) : !limits.take(who.limitKey, 'opt_out', { max: OPT_OUTS_PAST_LIMIT, windowMs: limit.windowMs }, now);
    if (!inLimit && idle()) return { act: false, dropped: blocked ? 'blocked' : 'rate_limited' };
    return { act: true, answer: !(blocked && kind === 'stop') && inLimit, dropped: blocked ? 'blocked' : undefined };
  }
  if (blocked) return { act: false, dropped: 'blocked' };
  return within() ? OPEN : { act: false, dropped: 'rate_limited' };
}
