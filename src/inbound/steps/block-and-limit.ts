/**
 * Step 3: block and limit. A blocked sender's messages are dropped
 * silently, and a sender past the per-sender message limit is ignored for
 * the rest of the window; opting out (STOP) and erasure (DELETE) work for
 * both: nobody waits an hour to be forgotten. A member's OK and LATER work
 * past the limit and the block while she has a check-in: a dropped OK would
 * have her buddies told she may be in danger. Moderators are neither limited
 * (a busy night means many PENDING and APPROVE messages) nor blocked.
 */
import type { Parsed } from '../../bot/commands';
import { isBlocked } from '../../store/blocks';
import { hasCheckin } from '../../store/checkins';
import type { Db } from '../../store/db';
import type { Limit, SenderLimits } from '../../store/sender-limits';
import type { Identity } from './identify-sender';

/** Why a message is not acted on, if it is not. */
export type Verdict = 'blocked' | 'rate_limited' | undefined;

/** Counts one message against the sender's limit; false past it. */
export function withinMessageLimit(limits: SenderLimits, limit: Limit, who: Identity, now: number): boolean {
  return limits.take(who.senderKey, 'message', limit, now);
}

export function blockAndLimit({ db, limits }: { db: Db; limits: SenderLimits }, limit: Limit, who: Identity, parsed: Parsed, now: number): Verdict {
  // A moderator is never silenced: BLOCK of a report they filed would otherwise lock them out, with no UNBLOCK.
  if (who.moderator) return undefined;
  const kind = parsed.ok ? parsed.command.kind : undefined;
  // Looked up only for OK and LATER, so a flood of anything else costs no more than before. A block
  // (of her reports) does not stop them either: her buddies would be told she may be in danger.
  if ((kind === 'ok' || kind === 'later') && who.member && hasCheckin(db, who.member.id)) return undefined;
  if (isBlocked(db, who.reporterKey)) return 'blocked';
  if (kind === 'stop' || kind === 'delete') return undefined;
  return withinMessageLimit(limits, limit, who, now) ? undefined : 'rate_limited';
}
