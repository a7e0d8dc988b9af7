/**
 * A buddy's check-in escalation over Signal that goes to their number by
 * SMS instead: refused for good by Signal, failing on it time and again,
 * or waiting while the Signal lane is held or paused (outbox/lane.ts); and,
 * on a line that no longer sends on one of the two, an escalation queued
 * there that goes to the number by the other (store/channel-removed.ts).
 */
import type { Channel } from '../domain/channel';
import { buddyStopped } from './buddy-stops';
import { allClearBySms, isAllClear } from './checkin-all-clears';
import { linkCheckinMessage } from './checkins';
import type { Db } from './db';
import { enqueueReply } from './outbox';
import { openCopy } from './outbox-rows';
import type { Vault } from './vault';

/** Whether an outbox row carries a check-in's escalation. */
export function isEscalation(db: Db, outboxId: number): boolean {
  return db.stmt("SELECT 1 FROM checkin_messages WHERE outbox_id = ? AND kind = 'escalation'").get(outboxId) !== undefined;
}

/** Whether an outbox row carries a check-in's escalation, or a buddy's all-clear that follows one (store/checkin-all-clears.ts). */
export function isEscalationOrAllClear(db: Db, outboxId: number): boolean {
  return isEscalation(db, outboxId) || isAllClear(db, outboxId);
}

/**
 * A buddy's escalation refused for good over Signal (they left it, or Signal
 * refuses their identity): the same text goes to the same number by SMS,
 * linked to the check-in as the first was (an OK then tells them, and
 * erases it with the rest). Nothing for a row that carried no escalation,
 * nor for one withdrawn, nor for a link no longer accepted (gone, or
 * stopped: her member was told she left), nor to a number that stopped
 * SMS (see smsTakesEscalationTo). An all-clear that follows an escalation
 * goes the same way (allClearBySms). Returns whether it was queued.
 */
export function escalationBySms(db: Db, vault: Vault, outboxId: number, address: string, text: string, now: number): boolean {
  return escalationOn(db, vault, 'sms', outboxId, address, text, now) || allClearBySms(db, vault, outboxId, address, text, now);
}

/** escalationBySms over either channel: the same text to the same number over `channel`, unless it stopped there. */
export function escalationOn(db: Db, vault: Vault, channel: Channel, outboxId: number, address: string, text: string, now: number): boolean {
  // One withdrawn while its send was in flight (the buddy left: store/buddies.ts) goes to no one by any path.
  const link = db
    .stmt(
      `SELECT c.checkin_id, c.buddy_id FROM checkin_messages c JOIN outbox o ON o.id = c.outbox_id JOIN buddies b ON b.id = c.buddy_id
       WHERE c.outbox_id = ? AND c.kind = 'escalation' AND coalesce(o.error, '') <> 'withdrawn' AND b.status = 'accepted'`,
    )
    .get(outboxId) as { checkin_id: number; buddy_id: number } | undefined;
  if (!link || buddyStopped(db, vault, address, channel)) return false;
  linkCheckinMessage(db, enqueueReply(db, vault, { channel, address }, text, now), link.checkin_id, 'escalation', link.buddy_id);
  return true;
}

/**
 * Whether SMS would take a buddy's escalation to this number: not once it
 * stopped SMS. That STOP may be spoofed, or a recycled number's new
 * holder's, and leaves her link over Signal: her escalation keeps trying
 * there, rather than be given up for an SMS its stop would refuse.
 */
export function smsTakesEscalationTo(db: Db, vault: Vault, address: string): boolean {
  return !buddyStopped(db, vault, address, 'sms');
}

/**
 * The Signal lane is held or paused (its account refused, a rate limit for
 * hours: outbox/lane.ts), for how long no one knows: a buddy's escalation
 * waiting there (or the all-clear that follows one) goes to their number
 * by SMS now (escalationBySms), as the
 * alert copies of people also on SMS do (store/alerts.ts
 * moveTwinAlertsToSms). The Signal copy fails as 'sms_instead'; one in
 * flight is left to its answer, one that will not open or that SMS does
 * not take stays where it is.
 * Returns how many moved.
 */
export function moveEscalationsToSms(db: Db, vault: Vault, now: number): number {
  const waiting = db
    .stmt(
      `SELECT o.id, o.address_ct, o.body_ct, o.key_version FROM outbox o
       WHERE o.channel = 'signal' AND o.member_id IS NULL AND o.state = 'pending' AND o.lease_until <= ?
         AND (EXISTS (SELECT 1 FROM checkin_messages c WHERE c.outbox_id = o.id AND c.kind = 'escalation')
           OR EXISTS (SELECT 1 FROM checkin_all_clears a WHERE a.outbox_id = o.id))`,
    )
    .all(now) as Array<{ id: number; address_ct: Buffer | null; body_ct: Buffer | null; key_version: number }>;
  const moved = db.stmt("UPDATE outbox SET state = 'failed', error = 'sms_instead', lease_until = 0, address_ct = NULL, body_ct = NULL, updated_at = ? WHERE id = ?");
  let n = 0;
  for (const row of waiting) {
    const opened = openCopy(vault, row);
    // One that will not open, or that SMS does not take, stays on Signal: the lane fails it there if its link has ended.
    if (!opened || !escalationBySms(db, vault, row.id, opened.address, opened.body, now)) continue;
    moved.run(now, row.id);
    n++;
  }
  return n;
}
