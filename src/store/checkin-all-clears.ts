/**
 * A buddy's all-clear after a late OK ("she has checked in") goes where the
 * escalation that alarmed them went: a buddy linked on Signal whose
 * escalation went by SMS (Signal refused them, or was down) hears the
 * all-clear by SMS too; and one queued over Signal goes by SMS on the same
 * rules as an escalation (store/escalation-sms.ts).
 */
import type { Channel } from '../domain/channel';
import { linkBuddyMessage } from './buddy-erasure';
import { buddyStopped } from './buddy-stops';
import type { Db } from './db';
import { enqueueReply } from './outbox';
import type { Vault } from './vault';

/**
 * The channels a check-in's escalation went, or is queued, to each buddy
 * (by link id), added to `into`: those of its copies not failed; when every
 * copy to a buddy failed, those given up after tries (Signal may have
 * delivered it). A copy refused for good, withdrawn, or moved to the other
 * channel reached no one there. Read before the check-in is erased.
 */
export function escalationChannels(db: Db, checkinId: number, into: Map<number, Set<Channel>>): void {
  const rows = db
    .stmt(
      `SELECT c.buddy_id, o.channel, o.state = 'failed' AS failed FROM checkin_messages c JOIN outbox o ON o.id = c.outbox_id
       WHERE c.checkin_id = ? AND c.kind = 'escalation' AND c.buddy_id IS NOT NULL AND (o.state <> 'failed' OR o.error LIKE 'gave_up:%')`,
    )
    .all(checkinId) as Array<{ buddy_id: number; channel: Channel; failed: number }>;
  const alive = new Set(rows.filter((r) => r.failed === 0).map((r) => r.buddy_id));
  for (const r of rows) {
    if (r.failed === 1 && alive.has(r.buddy_id)) continue;
    into.set(r.buddy_id, (into.get(r.buddy_id) ?? new Set<Channel>()).add(r.channel));
  }
}

/**
 * Queues an all-clear to a buddy, linked to the member who owns the link
 * (her DELETE erases it) and, over Signal, marked so that SMS may take it
 * instead (allClearBySms). Returns its row.
 */
export function queueAllClear(db: Db, vault: Vault, to: { channel: Channel; address: string }, text: string, ownerId: number, now: number): number {
  const id = enqueueReply(db, vault, to, text, now);
  linkBuddyMessage(db, id, ownerId);
  if (to.channel === 'signal') db.stmt('INSERT INTO checkin_all_clears (outbox_id) VALUES (?)').run(id);
  return id;
}

/** Whether an outbox row carries a buddy's all-clear over Signal. */
export function isAllClear(db: Db, outboxId: number): boolean {
  return db.stmt('SELECT 1 FROM checkin_all_clears WHERE outbox_id = ?').get(outboxId) !== undefined;
}

/**
 * An all-clear over Signal that goes to the same number by SMS instead,
 * linked to the same member: nothing for a row that is no all-clear, nor
 * one withdrawn, nor to a number that stopped SMS. Returns whether it was
 * queued.
 */
export function allClearBySms(db: Db, vault: Vault, outboxId: number, address: string, text: string, now: number): boolean {
  const owner = db
    .stmt(
      `SELECT b.member_id FROM checkin_all_clears a JOIN buddy_messages b ON b.outbox_id = a.outbox_id JOIN outbox o ON o.id = a.outbox_id
       WHERE a.outbox_id = ? AND coalesce(o.error, '') <> 'withdrawn'`,
    )
    .get(outboxId) as { member_id: number } | undefined;
  if (!owner || buddyStopped(db, vault, address, 'sms')) return false;
  queueAllClear(db, vault, { channel: 'sms', address }, text, owner.member_id, now);
  return true;
}
