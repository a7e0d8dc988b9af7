/**
 * Step 3: block and limit. A blocked sender's messages are dropped
 * silently, and a sender past the per-sender message limit is ignored for
 * the rest of the window; opting out (STOP) works for both, and erasure
 * (DELETE) for a blocked sender. Moderators are not limited: a busy night
 * means many PENDING and APPROVE messages.
 */
import type { Parsed } from '../../bot/commands';
import type { MessageLimiter } from '../../bot/message-limiter';
import { isBlocked } from '../../store/blocks';
import type { Db } from '../../store/db';
import type { Identity } from './identify-sender';

/** Why a message is not acted on, if it is not. */
export type Verdict = 'blocked' | 'rate_limited' | undefined;

/**
 * Counts one message against the sender's limit; false past it. Kept in
 * memory, not in sender_limits: a row written per message halved the
 * throughput of a webhook we answer (measured with npm run bench:webhook).
 */
export function withinMessageLimit(messages: MessageLimiter, who: Identity, now: number): boolean {
  return messages.take(who.senderKey.toString('base64'), now);
}

export function blockAndLimit(db: Db, messages: MessageLimiter, who: Identity, parsed: Parsed, now: number): Verdict {
  if (isBlocked(db, who.reporterKey)) return 'blocked';
  const kind = parsed.ok ? parsed.command.kind : undefined;
  if (kind === 'stop' || who.moderator) return undefined;
  return withinMessageLimit(messages, who, now) ? undefined : 'rate_limited';
}
