/**
 * The outbox of a channel the line no longer sends on (its Twilio or Signal
 * settings removed, the database kept): no lane claims its rows. What is
 * not an alert never waits there: a buddy's check-in escalation, and her OK
 * to a buddy who accepted over that channel, go to the number by the
 * channel the line still sends on; anything else (a reply, a notice, a
 * reminder, an invitation, an escalation SMS or Signal will not take) fails
 * for good at once, so that a member hears her escalation reached no one, as
 * for any unreachable buddy, or that her invitation was not sent
 * (outbox/removed-channel.ts ends it). Alert copies wait (the operator may put the
 * channel back within the alert's day; retention erases them after).
 */
import type { Channel } from '../domain/channel';
import { linkIndex } from './buddy-indexes';
import { linkBuddyMessage } from './buddy-erasure';
import { buddyStopped } from './buddy-stops';
import { moveAllClear } from './checkin-all-clears';
import type { Db, Sqlite } from './db';
import { escalationOn } from './escalation-sms';
import { enqueueReply } from './outbox';
import { openCopy } from './outbox-rows';
import type { Vault } from './vault';

/** Why a row on a channel no longer configured failed, when nothing took it elsewhere. */
export const CHANNEL_UNCONFIGURED = 'channel_unconfigured';

/** What one pass did: escalations sent by the other channel, rows failed, and the last row looked at (null: none). */
export interface RemovedChannelPass {
  moved: number;
  failed: number;
  last: number | null;
  /** Messages about a buddy link failed (the buddy's number opened, in memory only): an invitation among them ends, she told. */
  toBuddies: Array<{ id: number; address: string }>;
}

interface WaitingRow {
  id: number;
  member_id: number | null;
  address_ct: Buffer | null;
  body_ct: Buffer | null;
  key_version: number;
  escalation: number;
  /** The member a message about a buddy link is hers (null: not one). */
  buddy_member: number | null;
}

const COLUMNS = `o.id, o.member_id, o.address_ct, o.body_ct, o.key_version,
  EXISTS (SELECT 1 FROM checkin_messages c WHERE c.outbox_id = o.id AND c.kind = 'escalation') AS escalation,
  (SELECT b.member_id FROM buddy_messages b WHERE b.outbox_id = o.id) AS buddy_member`;
const WAITING = "o.channel = @channel AND o.state = 'pending' AND o.alert_id IS NULL AND o.id > @after";

/**
 * Settles at most `limit` rows waiting on `channel` that are not alerts,
 * after row `after`: `other` is the channel the line still sends on (null:
 * none). `fromStart`: through the lane index (every row waiting, the first
 * pass at start); otherwise by id, so a pass costs what was written since
 * the last (a fan-out's copies waiting on the channel are not read again).
 */
export function settleRemovedChannel(
  db: Db,
  vault: Vault,
  channel: Channel,
  other: Channel | null,
  after: number,
  now: number,
  limit: number,
  fromStart: boolean,
): RemovedChannelPass {
  const from = fromStart ? 'outbox o INDEXED BY outbox_lane' : 'outbox o NOT INDEXED';
  const rows = db.stmt(`SELECT ${COLUMNS} FROM ${from} WHERE ${WAITING} ORDER BY o.id LIMIT +@limit`).all({ channel, after, limit }) as WaitingRow[];
  const fail = db.stmt("UPDATE outbox SET state = 'failed', error = ?, lease_until = 0, address_ct = NULL, body_ct = NULL, updated_at = ? WHERE id = ? AND state = 'pending'");
  const pass: RemovedChannelPass = { moved: 0, failed: 0, last: rows.at(-1)?.id ?? null, toBuddies: [] };
  for (const row of rows) {
    if (other && row.member_id === null && movedElsewhere(db, vault, channel, row, other, now)) {
      fail.run(`${other}_instead`, now, row.id);
      pass.moved++;
    } else {
      const address = row.buddy_member !== null && row.escalation === 0 ? openCopy(vault, row)?.address : undefined;
      fail.run(CHANNEL_UNCONFIGURED, now, row.id);
      pass.failed++;
      if (address !== undefined) pass.toBuddies.push({ id: row.id, address });
    }
  }
  return pass;
}

/**
 * A buddy's escalation queued to the same number over `other` (not
 * withdrawn, the link still accepted, the number not stopped there); or a
 * message about a link still accepted over `channel` (her OK: it goes where
 * the escalation did). Not an invitation: one is accepted over the channel it
 * went by, and that one is gone.
 */
function movedElsewhere(db: Db, vault: Vault, channel: Channel, row: WaitingRow, other: Channel, now: number): boolean {
  if (row.escalation === 0 && row.buddy_member === null) return false;
  const opened = openCopy(vault, row);
  if (!opened) return false;
  if (row.escalation === 1) return escalationOn(db, vault, other, row.id, opened.address, opened.body, now);
  const member = row.buddy_member as number;
  const accepted = db
    .stmt("SELECT 1 FROM buddies WHERE member_id = ? AND buddy_bidx = ? AND channel = ? AND status = 'accepted'")
    .get(member, linkIndex(vault, member, opened.address), channel);
  if (accepted === undefined || buddyStopped(db, vault, opened.address, other)) return false;
  // An all-clear stays in its pair: moved outside it, the old copy's failure read as "reached no one".
  const to = { channel: other, address: opened.address };
  if (moveAllClear(db, vault, row.id, to, opened.body, now) === undefined) linkBuddyMessage(db, enqueueReply(db, vault, to, opened.body, now), member);
  return true;
}

/** The highest outbox id so far: the next pass by id starts after it. */
export function lastOutboxId(db: Db): number {
  return (db.stmt('SELECT coalesce(max(id), 0) AS id FROM outbox').get() as { id: number }).id;
}

/**
 * Who is on `channel`, in counts only: members who may get messages, buddies who accepted there, and rows waiting
 * on it. On the connection itself: doctor counts so too, on the file it opens (cli/doctor-channels.ts).
 */
export function onChannel(sqlite: Sqlite, channel: Channel): { members: number; buddies: number; waiting: number } {
  const count = (sql: string) => (sqlite.prepare(sql).get(channel) as { n: number }).n;
  return {
    members: count("SELECT count(*) AS n FROM members WHERE channel = ? AND status IN ('active', 'pending')"),
    // Links: without the key a file cannot tell that two members asked one number (0063), so it counts twice.
    buddies: count("SELECT count(*) AS n FROM buddies WHERE channel = ? AND status = 'accepted'"),
    waiting: count("SELECT count(*) AS n FROM outbox INDEXED BY outbox_lane WHERE channel = ? AND state = 'pending'"),
  };
}
