/**
 * Applies provider delivery reports to outbox rows. A late failure that
 * means the member can never be reached (opted out, unknown or landline
 * number) marks them like a send-time refusal would.
 */
import type { Db } from '../store/db';
import { setMemberStatus } from '../store/members';
import { applyStatus } from '../store/outbox';
import { unsubscribeAll } from '../store/subscriptions';

// Twilio delivery error codes: 21610 opted out; 30005 unknown destination; 30006 landline or unreachable carrier.
const STOPPED_CODES = new Set(['21610']);
const INVALID_CODES = new Set(['30005', '30006']);

/** Records a status (delivered, failed, undelivered; others are progress and ignored). Returns whether a row matched. */
export function applyDeliveryStatus(db: Db, providerId: string, status: string, errorCode: string | undefined, now: number): boolean {
  const state = status === 'delivered' ? 'delivered' : status === 'failed' || status === 'undelivered' ? 'failed' : null;
  if (!state) return false;
  return db.transaction(() => {
    const row = applyStatus(db, providerId, state, state === 'failed' ? `${status}:${errorCode ?? ''}` : null, now);
    if (!row) return false;
    if (errorCode && (STOPPED_CODES.has(errorCode) || INVALID_CODES.has(errorCode))) {
      setMemberStatus(db, row.memberId, STOPPED_CODES.has(errorCode) ? 'stopped' : 'invalid');
      unsubscribeAll(db, row.memberId);
    }
    return true;
  });
}
