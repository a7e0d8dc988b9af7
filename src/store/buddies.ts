/**
 * Safety buddies (issue 13): who a member asked, sealed, and found by a
 * blind index of the buddy's number so that the buddy's own ACCEPT, DECLINE
 * or STOP finds them. A buddy need not be a member and never learns the
 * member's number: only the name the member gave.
 */
import type { Channel } from '../domain/channel';
import { isLang, type Lang } from '../domain/lang';
import { startOfDay } from './coarse-time';
import type { Db } from './db';
import { personMemberIds } from './members';
import { readableRowAddress } from './outbox-rows';
import type { Vault } from './vault';

export type BuddyStatus = 'invited' | 'accepted' | 'stopped';

/** A buddy row, opened (only ever in memory). */
export interface Buddy {
  id: number;
  memberId: number;
  channel: Channel;
  /** The buddy's E.164 number. */
  address: string;
  /** The name the buddy knows the member by. */
  name: string;
  lang: Lang;
  status: BuddyStatus;
}

interface Row {
  id: number;
  member_id: number;
  channel: Channel;
  address_ct: Buffer;
  name_ct: Buffer;
  key_version: number;
  lang: string;
  status: BuddyStatus;
}

const COLUMNS = 'id, member_id, channel, address_ct, name_ct, key_version, lang, status';

/** The blind index a buddy is found by: of their number, whatever channel they write from. */
export function buddyIndex(vault: Vault, phone: string): Buffer {
  return vault.index('buddy', phone);
}

/** A buddy chose a language (LANG, or a keyword of hers): what is sent to her as a buddy (the escalation, an OK) comes in it. */
export function setBuddyLang(db: Db, vault: Vault, phone: string, lang: Lang): void {
  db.stmt('UPDATE buddies SET lang = ? WHERE buddy_bidx = ? AND lang <> ?').run(lang, buddyIndex(vault, phone), lang);
}

function opened(vault: Vault, r: Row): Buddy {
  const slot = (column: string) => ({ table: 'buddies', column, row: r.id });
  return {
    id: r.id,
    memberId: r.member_id,
    channel: r.channel,
    address: vault.open(r.address_ct, slot('address'), r.key_version),
    name: vault.open(r.name_ct, slot('name'), r.key_version),
    lang: isLang(r.lang) ? r.lang : 'en',
    status: r.status,
  };
}

function rowsOfMember(db: Db, memberId: number): Row[] {
  return db.stmt(`SELECT ${COLUMNS} FROM buddies WHERE member_id = ? ORDER BY id`).all(memberId) as Row[];
}

/**
 * The rows that still open: one whose sealed values no longer open (a
 * damaged value) is left out, so that it blocks nothing else (a missed
 * check-in still reaches every other buddy; the buddy's STOP and DELETE,
 * the member's BUDDY and BUDDY OFF still work).
 */
function readable(vault: Vault, rows: Row[]): Buddy[] {
  return rows.flatMap((r) => {
    const b = openedOrNot(vault, r);
    return b ? [b] : [];
  });
}

function openedOrNot(vault: Vault, r: Row): Buddy | null {
  try {
    return opened(vault, r);
  } catch {
    return null;
  }
}

/** A member's buddies (any status) that still open, oldest first. */
export function buddiesOf(db: Db, vault: Vault, memberId: number): Buddy[] {
  return readable(vault, rowsOfMember(db, memberId));
}

/**
 * A person's links to buddies (any status) that still open: this
 * membership's first, then its twin's on the other channel. One phone, one
 * person: BUDDY, BUDDY OFF and a check-in on either see the buddies she
 * asked on both.
 */
export function personBuddyLinks(db: Db, vault: Vault, memberId: number): Buddy[] {
  const others = personMemberIds(db, memberId).filter((id) => id !== memberId);
  return [memberId, ...others].flatMap((id) => buddiesOf(db, vault, id));
}

/**
 * The accepted buddies of a person (see personBuddyLinks): a number asked
 * on both memberships is one buddy, told once; `wanted` picks among the
 * links before that.
 */
export function personBuddies(db: Db, vault: Vault, memberId: number, wanted: (b: Buddy) => boolean = () => true): Buddy[] {
  const seen = new Set<string>();
  return personBuddyLinks(db, vault, memberId).filter((b) => {
    if (b.status !== 'accepted' || !wanted(b) || seen.has(b.address)) return false;
    seen.add(b.address);
    return true;
  });
}

/** The ids of a member's buddy rows (to one number, by its index) that no longer open: BUDDY OFF erases them with the rest, a new invitation replaces them. */
export function unreadableBuddiesOf(db: Db, vault: Vault, memberId: number, index?: Buffer): number[] {
  const rows = index
    ? (db.stmt(`SELECT ${COLUMNS} FROM buddies WHERE member_id = ? AND buddy_bidx = ?`).all(memberId, index) as Row[])
    : rowsOfMember(db, memberId);
  return rows.filter((r) => openedOrNot(vault, r) === null).map((r) => r.id);
}

/** Every invitation or link to one buddy, across members, that still opens. */
export function linksOfBuddy(db: Db, vault: Vault, index: Buffer): Buddy[] {
  return readable(vault, db.stmt(`SELECT ${COLUMNS} FROM buddies WHERE buddy_bidx = ? ORDER BY id`).all(index) as Row[]);
}

/** Whether this number has told the line to stop (as a buddy of anyone; a stopped link is the record of stops before buddy_stops). */
export function buddyStopped(db: Db, index: Buffer): boolean {
  if (db.stmt('SELECT 1 FROM buddy_stops WHERE buddy_bidx = ?').get(index) !== undefined) return true;
  return db.stmt("SELECT 1 FROM buddies WHERE buddy_bidx = ? AND status = 'stopped' LIMIT 1").get(index) !== undefined;
}

/** Records that this number told the line to stop as a buddy: it outlives the links (BUDDY OFF, the member's DELETE). */
export function recordBuddyStop(db: Db, vault: Vault, phone: string, now: number): void {
  const index = buddyIndex(vault, phone);
  if (db.stmt('SELECT 1 FROM buddy_stops WHERE buddy_bidx = ?').get(index) !== undefined) return;
  const id = db.nextId('buddy_stops');
  db.stmt('INSERT INTO buddy_stops (id, buddy_bidx, address_ct, key_version, created_at) VALUES (?, ?, ?, ?, ?)').run(
    id,
    index,
    vault.seal(phone, { table: 'buddy_stops', column: 'address', row: id }),
    vault.keyVersion,
    // To the day: an exact time would equal that of the message telling the member, tying the two.
    startOfDay(now),
  );
}

/**
 * The provider refused a buddy message because the number opted out of the
 * line's texts (Twilio 21610: they sent STOP, perhaps before they were
 * asked): recorded as their STOP as a buddy is, so nothing more is queued
 * for them and a check-in falls back as if they had no link (members are not
 * told here). Only an accepted link shows it: an invitation never answered
 * stays "waiting", as for any number, or BUDDY would tell a member that this
 * number once used the line (as an invitation made after a STOP does).
 */
export function recordBuddyOptOut(db: Db, vault: Vault, phone: string, now: number): void {
  recordBuddyStop(db, vault, phone, now);
  db.stmt("UPDATE buddies SET status = 'stopped' WHERE buddy_bidx = ? AND status = 'accepted'").run(buddyIndex(vault, phone));
}

/**
 * Numbers the invitations ACCEPT's list shows (`shown`: each person's rows,
 * in the order listed, from 1) and forgets any number her other invitations
 * (`all`) had: ACCEPT n then picks what she read as n.
 */
export function numberInvitations(db: Db, shown: number[][], all: number[]): void {
  const set = db.stmt('UPDATE buddies SET listed_as = ? WHERE id = ?');
  for (const id of all) set.run(null, id);
  shown.forEach((ids, i) => ids.forEach((id) => set.run(i + 1, id)));
}

/** The number ACCEPT's last list showed this invitation under, if any. */
export function invitationNumber(db: Db, id: number): number | null {
  return (db.stmt('SELECT listed_as FROM buddies WHERE id = ?').get(id) as { listed_as: number | null } | undefined)?.listed_as ?? null;
}

/**
 * Days an invitation waits for an answer. A week: time for a phone that was
 * off or a number changed hands to come back, and a friend asks in person
 * anyway; longer, and a stranger's ignored invitation waits to be confused
 * with hers (ACCEPT asks which, by name, while several wait).
 */
export const INVITATION_DAYS = 7;

/**
 * Erases the invitations no one answered made before the day `today`
 * begins, less INVITATION_DAYS (made on a day, they lapse 7 to 8 days
 * later: only the day is kept). The member's list simply no longer shows
 * it, whether the number ever saw it or not (a held one included): she may
 * ask again. Returns how many.
 */
export function lapseInvitations(db: Db, today: number): number {
  return db.stmt("DELETE FROM buddies WHERE status = 'invited' AND created_at < ?").run(startOfDay(today) - INVITATION_DAYS * 86_400_000).changes;
}

/** Records an invitation (the caller checked there is none for this member and number). */
export function inviteBuddy(
  db: Db,
  vault: Vault,
  memberId: number,
  to: { channel: Channel; address: string },
  name: string,
  lang: Lang,
  now: number,
  inviterPhone?: string,
): number {
  const id = db.nextId('buddies');
  const slot = (column: string) => ({ table: 'buddies', column, row: id });
  // Its day only: nothing reads it, and the moment would equal the invitation's (outbox, Twilio).
  db.stmt(
    "INSERT INTO buddies (id, member_id, buddy_bidx, channel, address_ct, name_ct, key_version, lang, status, created_at, inviter_ct) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'invited', ?, ?)",
  ).run(
    id,
    memberId,
    buddyIndex(vault, to.address),
    to.channel,
    vault.seal(to.address, slot('address')),
    vault.seal(name, slot('name')),
    vault.keyVersion,
    lang,
    startOfDay(now),
    inviterPhone === undefined ? null : vault.seal(inviterPhone, slot('inviter')),
  );
  return id;
}

/**
 * The number a Signal member showed when she made this invitation (see
 * inviteBuddy), or undefined: a block for a report she sent by SMS is on
 * it. Throws if it does not open.
 */
export function inviterNumber(db: Db, vault: Vault, id: number): string | undefined {
  const row = db.stmt('SELECT inviter_ct, key_version FROM buddies WHERE id = ?').get(id) as { inviter_ct: Buffer | null; key_version: number } | undefined;
  return row?.inviter_ct ? vault.open(row.inviter_ct, { table: 'buddies', column: 'inviter', row: id }, row.key_version) : undefined;
}

/** Sets the status of a buddy's rows (by id); the channel they answered from, and their language, become theirs. */
export function setBuddyStatus(db: Db, id: number, status: BuddyStatus, reply?: { channel: Channel; lang: Lang }): void {
  // The inviter's number is kept only for an invitation that may be held (see inviterNumber): answered, it goes.
  if (reply) db.stmt('UPDATE buddies SET status = ?, channel = ?, lang = ?, inviter_ct = NULL WHERE id = ?').run(status, reply.channel, reply.lang, id);
  else db.stmt("UPDATE buddies SET status = ?, inviter_ct = CASE WHEN ? = 'invited' THEN inviter_ct END WHERE id = ?").run(status, status, id);
}

/**
 * Erases one buddy row (BUDDY OFF, DECLINE), and every check-in escalation
 * and every message of the member's (an invitation held up by the provider)
 * still waiting to go to them: someone no longer a buddy must not get the
 * member's details, nor learn her name and that the line exists. One
 * already sent stays. Returns how many rows were erased, the link's own
 * included (sealed data: the caller erases soon).
 */
export function removeBuddy(db: Db, vault: Vault, id: number): number {
  const link = db.stmt('SELECT member_id, buddy_bidx FROM buddies WHERE id = ?').get(id) as { member_id: number; buddy_bidx: Buffer } | undefined;
  if (!link) return 0;
  const escalations = 'SELECT outbox_id FROM checkin_messages WHERE kind = \'escalation\' AND buddy_id = ?';
  let erased = withdrawEscalations(db, escalations, id);
  // One sent but not yet final keeps their address, to go again if "undelivered": it must not.
  erased += db.stmt(`UPDATE outbox SET address_ct = NULL WHERE state = 'sent' AND address_ct IS NOT NULL AND id IN (${escalations})`).run(id).changes;
  erased += eraseWaitingToBuddy(db, vault, link.member_id, link.buddy_bidx);
  erased += db.stmt('DELETE FROM buddies WHERE id = ?').run(id).changes;
  return erased;
}

/**
 * Erases a member's buddy messages still waiting to go to this number (and
 * forgets it in those sent but not yet final). They name no buddy row, so
 * each address is opened and indexed (a member has few waiting); only this
 * member's: another may have asked the same number.
 */
function eraseWaitingToBuddy(db: Db, vault: Vault, memberId: number, index: Buffer): number {
  const rows = db
    .stmt(
      "SELECT o.id, o.state, o.address_ct, o.key_version FROM outbox o JOIN buddy_messages m ON m.outbox_id = o.id WHERE m.member_id = ? AND o.state IN ('pending', 'sent') AND o.address_ct IS NOT NULL",
    )
    .all(memberId) as Array<{ id: number; state: string; address_ct: Buffer; key_version: number }>;
  let erased = 0;
  for (const row of rows) {
    const to = readableRowAddress(vault, row);
    if (to === undefined || !buddyIndex(vault, to).equals(index)) continue;
    // buddy_messages follows by its foreign key. One sent but not yet final only forgets the address, so as not to go again.
    erased += row.state === 'pending' ? db.stmt('DELETE FROM outbox WHERE id = ?').run(row.id).changes : db.stmt('UPDATE outbox SET address_ct = NULL WHERE id = ?').run(row.id).changes;
  }
  return erased;
}

/**
 * Marks every accepted link to this buddy stopped (their STOP), found by
 * index (a row that no longer opens with them). An invitation never answered
 * stays waiting: showing it stopped would tell the member about a number that
 * agreed to nothing; the stop itself (buddy_stops) keeps it from them.
 */
export function stopLinksOfBuddy(db: Db, index: Buffer): void {
  db.stmt("UPDATE buddies SET status = 'stopped' WHERE buddy_bidx = ? AND status = 'accepted'").run(index);
}

/** Erases every live link to this buddy (their DECLINE) as removeBuddy does, found by index: a row that no longer opens goes too. Returns how many rows were erased. */
export function removeLinksOfBuddy(db: Db, vault: Vault, index: Buffer): number {
  const ids = db.stmt("SELECT id FROM buddies WHERE buddy_bidx = ? AND status <> 'stopped'").all(index) as Array<{ id: number }>;
  return ids.reduce((n, { id }) => n + removeBuddy(db, vault, id), 0);
}

/**
 * A check-in's escalation still waiting to go to someone no longer her
 * buddy: it fails, withdrawn, its text and address erased (not the row:
 * the timers tell her, as for a buddy who refused for good, that it reached
 * no one). Returns how many.
 */
function withdrawEscalations(db: Db, escalations: string, key: number | Buffer): number {
  return db
    .stmt(`UPDATE outbox SET state = 'failed', error = 'withdrawn', body_ct = NULL, address_ct = NULL, lease_until = 0 WHERE state = 'pending' AND id IN (${escalations})`)
    .run(key).changes;
}

/** Erases every row naming this buddy, and their stop (their DELETE); an escalation still waiting to go to them is withdrawn. */
export function forgetBuddy(db: Db, index: Buffer): number {
  withdrawEscalations(db, "SELECT c.outbox_id FROM checkin_messages c JOIN buddies b ON b.id = c.buddy_id WHERE c.kind = 'escalation' AND b.buddy_bidx = ?", index);
  db.stmt('DELETE FROM buddy_stops WHERE buddy_bidx = ?').run(index);
  return db.stmt('DELETE FROM buddies WHERE buddy_bidx = ?').run(index).changes;
}

/** Links a message about a buddy link (it carries the name the member gave) to the member, for their DELETE. */
export function linkBuddyMessage(db: Db, outboxId: number, memberId: number): void {
  db.stmt('INSERT INTO buddy_messages (outbox_id, member_id) VALUES (?, ?)').run(outboxId, memberId);
}

/** Erases the messages about a member's buddy links, sent or not (their DELETE). */
export function eraseBuddyMessagesOf(db: Db, memberId: number): number {
  const n = db.stmt('DELETE FROM outbox WHERE id IN (SELECT outbox_id FROM buddy_messages WHERE member_id = ?)').run(memberId).changes;
  db.stmt('DELETE FROM buddy_messages WHERE member_id = ?').run(memberId);
  return n;
}

/** Whether anyone at all has told the line to stop as a buddy: on most lines no one has, and a JOIN need not look for a stop of theirs. */
export function anyBuddyStop(db: Db): boolean {
  const row = db.stmt("SELECT EXISTS (SELECT 1 FROM buddy_stops) OR EXISTS (SELECT 1 FROM buddies WHERE status = 'stopped') AS any").get() as { any: number };
  return row.any === 1;
}

/** Lifts a buddy's STOP (they came back with JOIN or START): members may ask them again. Returns whether there was one. */
export function liftBuddyStop(db: Db, index: Buffer): boolean {
  const stops = db.stmt('DELETE FROM buddy_stops WHERE buddy_bidx = ?').run(index).changes;
  return stops + db.stmt("DELETE FROM buddies WHERE buddy_bidx = ? AND status = 'stopped'").run(index).changes > 0;
}
