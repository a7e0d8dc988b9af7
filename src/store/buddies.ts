/**
 * Safety buddies (issue 13): who a member asked, sealed, and kept under an
 * index of the member and the buddy's number; the number's own row
 * (buddy-numbers.ts) lists them, so that the buddy's own ACCEPT, DECLINE or
 * STOP finds them. A buddy need not be a member and never learns the
 * member's number: only the name the member gave.
 */
import type { Channel } from '../domain/channel';
import { isLang, type Lang } from '../domain/lang';
import { linkIndex } from './buddy-indexes';
import { linkIdsOf, relist } from './buddy-numbers';
import { startOfDay } from './coarse-time';
import type { Db } from './db';
import { personMemberIds } from './members';
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

export { buddyIndex } from './buddy-indexes';

/** A list of row ids as one SQL parameter: `id IN (SELECT value FROM json_each(?))`. */
export function idList(ids: number[]): string {
  return JSON.stringify(ids);
}

/**
 * A buddy chose a language on a channel (LANG, or a keyword of hers): what
 * is sent to her as a buddy over that channel (the escalation, an OK) comes
 * in it. Her links over the other channel keep theirs, as her membership
 * there does: an SMS from her number may be spoofed, or a recycled number's.
 */
export function setBuddyLang(db: Db, vault: Vault, from: { channel: Channel; phone: string }, lang: Lang): void {
  const ids = linkIdsOf(db, vault, from.phone);
  if (ids.length) db.stmt('UPDATE buddies SET lang = ? WHERE id IN (SELECT value FROM json_each(?)) AND channel = ? AND lang <> ?').run(lang, idList(ids), from.channel, lang);
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
export function unreadableBuddiesOf(db: Db, vault: Vault, memberId: number, phone?: string): number[] {
  const rows = phone
    ? (db.stmt(`SELECT ${COLUMNS} FROM buddies WHERE member_id = ? AND buddy_bidx = ?`).all(memberId, linkIndex(vault, memberId, phone)) as Row[])
    : rowsOfMember(db, memberId);
  return rows.filter((r) => openedOrNot(vault, r) === null).map((r) => r.id);
}

/** Every invitation or link to one buddy, across members, that still opens (found by her number's row). */
export function linksOfBuddy(db: Db, vault: Vault, phone: string): Buddy[] {
  const ids = linkIdsOf(db, vault, phone);
  return ids.length ? readable(vault, db.stmt(`SELECT ${COLUMNS} FROM buddies WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`).all(idList(ids)) as Row[]) : [];
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
    linkIndex(vault, memberId, to.address),
    to.channel,
    vault.seal(to.address, slot('address')),
    vault.seal(name, slot('name')),
    vault.keyVersion,
    lang,
    startOfDay(now),
    inviterPhone === undefined ? null : vault.seal(inviterPhone, slot('inviter')),
  );
  relist(db, vault, to.address, { links: [id] });
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
