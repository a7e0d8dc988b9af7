/**
 * A buddy's all-clear after a late OK ("she has checked in") goes where the
 * escalation that alarmed them went: a buddy linked on Signal whose
 * escalation went by SMS (Signal refused them, or was down) hears the
 * all-clear by SMS too; and one queued over Signal goes by SMS on the same
 * rules as an escalation (store/escalation-sms.ts). Never by SMS to a
 * number that stopped SMS while her link over Signal stands: there, or
 * back there should it meet that stop or a carrier opt-out.
 */
import type { Channel } from '../domain/channel';
import { buddiesOf, idList, type Buddy } from './buddies';
import { linkBuddyMessage } from './buddy-erasure';
import { linkIdsOf } from './buddy-numbers';
import { buddyStopped } from './buddy-stops';
import type { Db } from './db';
import { enqueueReply } from './outbox';
import { openCopy, readableRowAddress } from './outbox-rows';
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
 * The channels a buddy's all-clear goes by: those the escalation went by
 * (`via`; none known, the link's own), but an SMS the number stopped is
 * replaced by the link's own channel (SMS would refuse it, and the
 * member would read "we've told them").
 */
export function allClearChannels(db: Db, vault: Vault, link: { channel: Channel; address: string }, via: Set<Channel> | undefined): Channel[] {
  const stopped = (c: Channel) => c === 'sms' && link.channel !== 'sms' && buddyStopped(db, vault, link.address, 'sms');
  return [...new Set([...(via ?? [link.channel])].map((c) => (stopped(c) ? link.channel : c)))];
}

/**
 * The links an escalation went to (`ids`, from its checkin_messages: read
 * before the check-in is erased) still accepted, a number on two of them
 * once: those its all-clear tells. Read by link, not by whom she belongs
 * to now: after a number change her old number's membership is no longer
 * hers, and its buddies, alarmed, must still hear she is safe.
 */
export function alarmedBuddies(db: Db, vault: Vault, ids: Set<number>): Buddy[] {
  const owners = db.stmt('SELECT DISTINCT member_id FROM buddies WHERE id IN (SELECT value FROM json_each(?)) ORDER BY member_id').all(idList([...ids])) as Array<{ member_id: number }>;
  const seen = new Set<string>();
  return owners.flatMap((o) => buddiesOf(db, vault, o.member_id)).filter((b) => {
    if (!ids.has(b.id) || b.status !== 'accepted' || seen.has(b.address)) return false;
    seen.add(b.address);
    return true;
  });
}

/**
 * Queues an all-clear to a buddy, linked to the member who owns the link
 * (her DELETE erases it) and marked as an all-clear (checkin_all_clears,
 * either channel): over Signal, SMS may take it instead (allClearBySms); by
 * SMS, Signal takes it back from a stop (allClearBackToSignal). `pair`: the
 * first row of the same word to the same buddy (one OK's, over the other
 * channel, or the copy this one replaces); none, it starts its own. Returns its row.
 */
export function queueAllClear(db: Db, vault: Vault, to: { channel: Channel; address: string }, text: string, ownerId: number, now: number, pair?: number): number {
  const id = enqueueReply(db, vault, to, text, now);
  linkBuddyMessage(db, id, ownerId);
  db.stmt('INSERT INTO checkin_all_clears (outbox_id, pair) VALUES (?, ?)').run(id, pair ?? id);
  return id;
}

/** Whether an outbox row carries a buddy's all-clear over Signal. */
export function isAllClear(db: Db, outboxId: number): boolean {
  return db.stmt("SELECT 1 FROM checkin_all_clears a JOIN outbox o ON o.id = a.outbox_id WHERE a.outbox_id = ? AND o.channel = 'signal'").get(outboxId) !== undefined;
}

/**
 * The member who owns an all-clear over `channel` not withdrawn, and its pair; none when there is no such
 * row, or when its pair already has a copy over `to` that was not moved or withdrawn: that channel has
 * this word already (one OK queued it there too, after alarms by both), and must not get it twice.
 */
function ownerOf(db: Db, outboxId: number, channel: Channel, to: Channel): { owner: number; pair: number } | undefined {
  const row = db
    .stmt(
      `SELECT b.member_id, coalesce(a.pair, a.outbox_id) AS pair FROM checkin_all_clears a JOIN buddy_messages b ON b.outbox_id = a.outbox_id JOIN outbox o ON o.id = a.outbox_id
       WHERE a.outbox_id = ? AND o.channel = ? AND coalesce(o.error, '') <> 'withdrawn'`,
    )
    .get(outboxId, channel) as { member_id: number; pair: number } | undefined;
  if (!row) return undefined;
  return pairHasCopy(db, row.pair, to) ? undefined : { owner: row.member_id, pair: row.pair };
}

/** Whether a pair has a copy over `channel` that was not moved or withdrawn. */
function pairHasCopy(db: Db, pair: number, channel: Channel): boolean {
  const there = db
    .stmt(
      // The all-clears from the pair's first copy on, outer (CROSS JOIN): driven from outbox, it read every row.
      `SELECT 1 FROM checkin_all_clears a CROSS JOIN outbox o ON o.id = a.outbox_id
       WHERE a.outbox_id >= @pair AND coalesce(a.pair, a.outbox_id) = @pair AND o.channel = @channel AND coalesce(o.error, '') NOT IN ('withdrawn', 'sms_instead', 'signal_instead')`,
    )
    .get({ pair, channel });
  return there !== undefined;
}

/**
 * An all-clear moved to the same number over `to.channel` (the line no longer sends on its own), in its pair:
 * nothing queued where the pair has a copy there already, which carries the word (twice would be sent twice).
 * Undefined for a row that is no all-clear; else true: the word goes there.
 */
export function moveAllClear(db: Db, vault: Vault, outboxId: number, to: { channel: Channel; address: string }, text: string, now: number): true | undefined {
  const row = db
    .stmt('SELECT b.member_id, coalesce(a.pair, a.outbox_id) AS pair FROM checkin_all_clears a JOIN buddy_messages b ON b.outbox_id = a.outbox_id WHERE a.outbox_id = ?')
    .get(outboxId) as { member_id: number; pair: number } | undefined;
  if (!row) return undefined;
  if (!pairHasCopy(db, row.pair, to.channel)) queueAllClear(db, vault, to, text, row.member_id, now, row.pair);
  return true;
}

/**
 * An all-clear over Signal that goes to the same number by SMS instead,
 * linked to the same member: nothing for a row that is no all-clear, nor
 * one withdrawn, nor to a number that stopped SMS. Returns whether it was
 * queued.
 */
export function allClearBySms(db: Db, vault: Vault, outboxId: number, address: string, text: string, now: number): boolean {
  const of = ownerOf(db, outboxId, 'signal', 'sms');
  if (of === undefined || buddyStopped(db, vault, address, 'sms')) return false;
  queueAllClear(db, vault, { channel: 'sms', address }, text, of.owner, now, of.pair);
  return true;
}

/**
 * An all-clear by SMS that met the number's STOP there, or a carrier
 * opt-out, goes to the same number over Signal, as an escalation's SMS copy
 * goes back (store/escalation-signal.ts): only while the owner's link to it
 * over Signal stands (accepted, not stopped there). Returns whether it was
 * queued.
 */
export function allClearBackToSignal(db: Db, vault: Vault, outboxId: number, address: string, text: string, now: number): boolean {
  const of = ownerOf(db, outboxId, 'sms', 'signal');
  if (of === undefined || buddyStopped(db, vault, address, 'signal')) return false;
  const link = db
    .stmt("SELECT 1 FROM buddies WHERE id IN (SELECT value FROM json_each(?)) AND channel = 'signal' AND status = 'accepted' AND member_id = ?")
    .get(idList(linkIdsOf(db, vault, address)), of.owner);
  if (link === undefined) return false;
  queueAllClear(db, vault, { channel: 'signal', address }, text, of.owner, now, of.pair);
  return true;
}

/** A new pair's member, who sent the OK: she hears if it reached no one (checkin_all_clear_watch, migration 0070). */
export function watchAllClear(db: Db, pair: number, memberId: number, now: number): void {
  db.stmt('INSERT INTO checkin_all_clear_watch (pair, member_id, created_at) VALUES (?, ?, ?)').run(pair, memberId, now);
}

/**
 * All-clears that reached no one: every copy of a watched pair (one buddy's word from one OK) failed for good,
 * none withdrawn (the buddy left: she was told), none given up after tries (it may have arrived, as a
 * given-up escalation counts as gone), and not only moved to the other channel (its replacement, in the pair,
 * failing too is a failure; a move alone is not). Their members, each with how many buddies, were read
 * "we've told them" and must hear otherwise. Read from the oldest watched pair on (all its copies come after
 * it), not every all-clear kept for the retention period.
 */
export function unreachedAllClears(db: Db): Array<{ memberId: number; pairs: number[] }> {
  const rows = db
    .stmt(
      // CROSS JOIN keeps the all-clears the outer loop: driven from outbox, it walked every row after the oldest pair.
      `SELECT w.member_id, w.pair FROM checkin_all_clears a CROSS JOIN outbox o ON o.id = a.outbox_id
         JOIN checkin_all_clear_watch w ON w.pair = coalesce(a.pair, a.outbox_id)
       WHERE a.outbox_id >= (SELECT min(pair) FROM checkin_all_clear_watch)
       GROUP BY w.pair
       HAVING max(o.state <> 'failed') = 0 AND max(o.error = 'withdrawn' OR o.error LIKE 'gave_up:%') = 0
         AND max(coalesce(o.error, '') NOT IN ('sms_instead', 'signal_instead')) = 1
       ORDER BY w.member_id, w.pair`,
    )
    .all() as Array<{ member_id: number; pair: number }>;
  const by = new Map<number, number[]>();
  for (const r of rows) by.set(r.member_id, [...(by.get(r.member_id) ?? []), r.pair]);
  return [...by].map(([memberId, pairs]) => ({ memberId, pairs }));
}

/** Her notice of these pairs is queued (or their buddy left): they are watched no longer, not found again. */
export function forgetAllClears(db: Db, pairs: readonly number[]): void {
  db.stmt('DELETE FROM checkin_all_clear_watch WHERE pair IN (SELECT value FROM json_each(?))').run(JSON.stringify(pairs));
}

/** A copy whose outcome may still change: waiting, or an SMS sent whose report has not come (Signal reports none). */
const NOT_FINAL = "(o.state = 'pending' OR (o.state = 'sent' AND o.channel = 'sms'))";

/**
 * A buddy left (DELETE, STOP): the pairs of this member's all-clears to their number with a copy not final are
 * watched no longer. She is told they left; that copy, then erased or refused, must not read as reaching no one
 * (eraseWaitingToBuddy does the same for DECLINE and BUDDY OFF). A pair already all failed is left to be told.
 */
export function unwatchAllClearsTo(db: Db, vault: Vault, memberId: number, phone: string): void {
  const rows = db
    .stmt(
      // Only watched pairs' copies not yet final: one all failed already reached no one, and is told.
      `SELECT o.id, o.address_ct, o.key_version, w.pair FROM checkin_all_clear_watch w
         CROSS JOIN checkin_all_clears a ON a.outbox_id >= w.pair AND coalesce(a.pair, a.outbox_id) = w.pair
         JOIN outbox o ON o.id = a.outbox_id JOIN buddy_messages m ON m.outbox_id = a.outbox_id
       WHERE m.member_id = ? AND o.address_ct IS NOT NULL AND ${NOT_FINAL}`,
    )
    .all(memberId) as Array<{ id: number; address_ct: Buffer; key_version: number; pair: number }>;
  forgetAllClears(db, rows.filter((r) => readableRowAddress(vault, r) === phone).map((r) => r.pair));
}

/**
 * Pairs queued before `since` are watched no longer, but for one with a copy not yet final (waiting, or an SMS
 * sent whose report has not come): a late report of failure must still reach her. Those go at `bound` whatever
 * their state, so that a report that never comes keeps no watch, nor the timers' reads, for long.
 */
export function forgetAllClearsBefore(db: Db, since: number, bound: number): void {
  db.stmt(
    `DELETE FROM checkin_all_clear_watch AS w WHERE created_at < @since AND (created_at < @bound OR NOT EXISTS (
       SELECT 1 FROM checkin_all_clears a CROSS JOIN outbox o ON o.id = a.outbox_id
       WHERE a.outbox_id >= w.pair AND coalesce(a.pair, a.outbox_id) = w.pair AND ${NOT_FINAL}))`,
  ).run({ since, bound });
}

/**
 * This number's STOP by SMS: its all-clears still waiting there go to it over Signal now, where her link
 * stands (allClearBackToSignal), not when the SMS lane reaches them; each SMS copy fails as 'signal_instead',
 * its text and address erased. One in flight is left to its answer; one Signal does not take (no link there,
 * or its pair has a copy there) stays, for the lane to fail. Returns how many went.
 */
export function allClearsBackToSignal(db: Db, vault: Vault, phone: string, now: number): number {
  const waiting = db
    .stmt(
      `SELECT o.id, o.address_ct, o.body_ct, o.key_version FROM checkin_all_clears a JOIN outbox o ON o.id = a.outbox_id JOIN buddy_messages m ON m.outbox_id = a.outbox_id
       WHERE o.channel = 'sms' AND o.state = 'pending' AND o.lease_until <= ?
         AND m.member_id IN (SELECT member_id FROM buddies WHERE id IN (SELECT value FROM json_each(?)))`,
    )
    .all(now, idList(linkIdsOf(db, vault, phone))) as Array<{ id: number; address_ct: Buffer | null; body_ct: Buffer | null; key_version: number }>;
  let n = 0;
  for (const row of waiting) {
    // Her owner's all-clears to other buddies are among them: only this number's.
    const opened = openCopy(vault, row);
    if (opened?.address !== phone || !allClearBackToSignal(db, vault, row.id, phone, opened.body, now)) continue;
    db.stmt("UPDATE outbox SET state = 'failed', error = 'signal_instead', lease_until = 0, address_ct = NULL, body_ct = NULL, updated_at = ? WHERE id = ?").run(now, row.id);
    n++;
  }
  return n;
}
