/**
 * Applies delivery reports to outbox rows and members. A report is matched
 * even when it beats the send's outcome (by the row id the provider echoes).
 * A message not delivered for now (the handset unreachable, the sender's
 * queue full) is tried again a few times while it is fresh, one the line's
 * account limit stopped (Twilio's daily cap) until it is a day old; a member or
 * buddy who opted out is marked so that later messages skip them. A number
 * called invalid fails the message; its member is marked only at the third
 * in a row (store/invalid-streak.ts), a delivered message starting the count again.
 */
import { invitationUnreached } from '../bot/invitation-unreached';
import type { DeliveryReport } from '../channels/types';
import { recordBuddyOptOut } from '../store/buddy-stops';
import { allClearBackToSignal } from '../store/checkin-all-clears';
import { endRestoredCheckinRefused } from '../store/checkin-stop';
import type { Db } from '../store/db';
import { countInvalid, countReached } from '../store/invalid-streak';
import { setMemberStatus } from '../store/members';
import { buddyAddressOf, findReported, LEFT_MAYBE_SENT, RETRACTED_MAYBE_SENT, recordTaken, sentBodyOf, settleReported, untieFinished } from '../store/outbox';
import { retractedCopyDelivered } from '../store/retractions';
import { unsubscribeAll } from '../store/subscriptions';
import type { Vault } from '../store/vault';
import { backoffDelay, type Backoff } from '../util/backoff';

/** How an unreachable handset is retried. */
export interface UnreachableRetry extends Backoff {
  /** Sends in all, the first included. */
  maxAttempts: number;
  /** No retry for a message older than this: a stale warning misleads. */
  freshMs: number;
}

/** 3 sends at most, 10 then 20 minutes apart, within 4 hours of the alert (Twilio's validity period). */
export const DEFAULT_UNREACHABLE_RETRY: UnreachableRetry = { baseMs: 10 * 60_000, maxMs: 60 * 60_000, maxAttempts: 3, freshMs: 4 * 3600_000 };

/**
 * How a message the line's account limit refused (Twilio's daily cap, 63038) is sent again: some 30 to 60
 * minutes on (jittered, so a fan-out's copies come back spread out, as the rolling window frees), however
 * many sends it has had, while under a day old (an alert is not sent past that anyway). Not sooner: each
 * such try is a message Twilio takes and fails while the cap lasts.
 */
export const LIMITED_RETRY = { baseMs: 60 * 60_000, maxMs: 60 * 60_000, freshMs: 24 * 3600_000 };

/** What a report did: nothing (no row), or the kind applied. */
export type Applied = { matched: false } | { matched: true; kind: DeliveryReport['kind'] | 'retry' };

/**
 * Applies one classified (final) report about provider message `providerId`
 * (outbox row `rowId`, when the URL carried it). `onFinal` runs in the same
 * transaction whether a row matched or not: the message is finished at the
 * provider either way (the redaction of its body is queued there, once per
 * message: see ProviderCleanup.redact).
 */
export function applyDeliveryReport(
  db: Db,
  vault: Vault,
  report: { rowId?: number; attempt?: number; providerId: string; delivery: DeliveryReport; onFinal?: () => void },
  now: number,
  retry: UnreachableRetry = DEFAULT_UNREACHABLE_RETRY,
): Applied {
  const { delivery, providerId } = report;
  return db.transaction((): Applied => {
    report.onFinal?.();
    const row = findReported(db, report.rowId, providerId, report.attempt);
    // Withdrawn while in flight, yet delivered: she gets RETRACT's correction after all.
    if (row?.state === 'failed' && (row.error === 'retracted' || row.error === LEFT_MAYBE_SENT || row.error === RETRACTED_MAYBE_SENT) && delivery.kind === 'delivered') {
      retractedCopyDelivered(db, row.id, providerId, now);
      return { matched: true, kind: 'delivered' };
    }
    if (!row || row.state === 'delivered' || row.state === 'failed') return { matched: false };
    // The same failure again while its retry waits: a replay (Twilio's signature has no nonce), not news.
    if (row.state === 'pending' && row.providerId === providerId && delivery.kind !== 'delivered') return { matched: false };
    const error = `${delivery.kind}:${delivery.code ?? ''}`;
    if (delivery.kind === 'delivered') {
      settleReported(db, row.id, providerId, { state: 'delivered' }, now);
      if (row.memberId !== null) countReached(db, row.memberId, row.id);
      untieFinished(db, [row.id]);
      return { matched: true, kind: 'delivered' };
    }
    if (delivery.kind === 'unreachable' && row.sends < retry.maxAttempts && now - row.createdAt < retry.freshMs) {
      settleReported(db, row.id, providerId, { state: 'pending', error, retryAt: now + backoffDelay(retry, row.sends) }, now);
      return { matched: true, kind: 'retry' };
    }
    if (delivery.kind === 'limited' && now - row.createdAt < LIMITED_RETRY.freshMs) {
      settleReported(db, row.id, providerId, { state: 'pending', error, retryAt: now + backoffDelay(LIMITED_RETRY, 1), dailyCap: true }, now);
      return { matched: true, kind: 'retry' };
    }
    // A buddy who opted out at the carrier, reported late: their STOP, as when the send itself is refused (Lane.onError);
    // or no number SMS reaches (a landline, 30006), reported late: an invitation ends and she is told, as at the send.
    const buddy = (delivery.kind === 'stopped' || delivery.kind === 'invalid') && row.memberId === null ? buddyAddressOf(db, vault, row.id) : undefined;
    // Its text, read before settling erases it: an SMS copy of a Signal link's escalation goes back there.
    // Retention forgets a sent text with its address (then nothing here is a buddy's): only a damaged one is missing, and stays failed.
    const body = buddy !== undefined && delivery.kind === 'stopped' ? sentBodyOf(db, vault, row.id) : undefined;
    settleReported(db, row.id, providerId, { state: 'failed', error }, now);
    // Only Twilio reports deliveries: its opt-out stops SMS, not her links over Signal.
    if (buddy !== undefined && delivery.kind === 'stopped') recordBuddyOptOut(db, vault, buddy, 'sms', now, body === undefined ? undefined : { id: row.id, body });
    // An all-clear by SMS goes to her link over Signal, as an escalation's copy does.
    if (buddy !== undefined && body !== undefined && delivery.kind === 'stopped') allClearBackToSignal(db, vault, row.id, buddy, body, now);
    if (buddy !== undefined && delivery.kind === 'invalid') invitationUnreached(db, vault, row.id, buddy, 'sms', now);
    if (row.memberId !== null && delivery.kind === 'stopped') {
      setMemberStatus(db, row.memberId, 'stopped');
      unsubscribeAll(db, row.memberId);
      // Her running check-in still escalates (she may have asked for it after opting out), unless this was a restore's question about it.
      endRestoredCheckinRefused(db, row.id);
    }
    // Counted once per message: its row is failed now, and a report of a failed row matches nothing.
    if (row.memberId !== null && delivery.kind === 'invalid') countInvalid(db, row.memberId, now);
    // Last: what is done to her above needs her row still named.
    untieFinished(db, [row.id]);
    return { matched: true, kind: delivery.kind };
  });
}

/**
 * The provider reported taking try `attempt` of row `rowId` (Twilio's
 * queued or sent) before the send's answer was recorded: its create reached
 * the provider, and our time-out or a crash came first. The row is sent,
 * with that id, so neither the time-out's retry nor a restart sends a second
 * copy. Whether a row moved.
 */
export function applyAccepted(db: Db, report: { rowId: number; attempt: number; providerId: string }, now: number): boolean {
  // One guarded UPDATE: atomic alone.
  return recordTaken(db, report.rowId, report.attempt, report.providerId, now);
}
