/**
 * A buddy's number, and the links and declines that name it (migration
 * 0063): one row a number, under the number's own index, holding their ids
 * and the number sealed together, padded so its length tells little of how
 * many members named her. Her own ACCEPT, DECLINE, STOP or DELETE finds
 * them in one read and one unseal, whatever the line's membership; the
 * links and declines themselves carry only indexes of their member and the
 * number (buddy-indexes.ts), equal across no two members.
 *
 * Each write of a link or decline made with the key at hand rewrites the
 * row in its transaction, keeping only the ids that still name this number
 * (their index is recomputed), and deletes it once none does (a member's
 * DELETE too: buddy-erasure.ts). Rows erased without the key (retention's
 * lapsed invitations and aged declines, a link that no longer opens) are
 * dropped at the number's next write, or as the server starts (pruneAll);
 * until then an id left over is never followed: it names no row of this
 * number (an id reused by another number's row does not match its index).
 */
import { buddyIndex, declineIndex, linkIndex, openedNumber } from './buddy-indexes';
import type { Db } from './db';
import { SEAL_OVERHEAD, type Vault } from './vault';

/**
 * The sizes a sealed record is padded to: the first holds about 100 ids of
 * seven digits (far more than a buddy is named by), each next four times
 * the last, so that the length tells only of a number named a hundred times.
 */
const SIZES = [1024, 4096, 16_384, 65_536, 262_144, 1_048_576];

function paddedSize(bytes: number): number {
  const size = SIZES.find((s) => bytes < s);
  if (size === undefined) throw new Error('a buddy number record too long');
  return size;
}

interface NumberRecord {
  /** The number (for rotate-key, which recomputes the row's index from it). */
  n: string;
  links: number[];
  declines: number[];
  /** [link id, n]: the number ACCEPT's last list over the link's channel showed it under (kept here, sealed: see numberInvitations). */
  listed?: Array<[number, number]>;
}

interface Row {
  id: number;
  record_ct: Buffer;
  key_version: number;
}

const slot = (id: number) => ({ table: 'buddy_numbers', column: 'record', row: id });

/** Seals a record for its row (rotate-key too). */
export function sealRecord(vault: Vault, id: number, record: NumberRecord): Buffer {
  const text = JSON.stringify(record);
  return vault.sealPadded(text, slot(id), paddedSize(Buffer.byteLength(text)));
}

/** Opens a row's record; throws if it does not open. */
export function openRecord(vault: Vault, row: Row): NumberRecord {
  // Padded to one size (a record sealed before in blocks of 256 too): the padding is within its whole length.
  const size = Math.max(1, row.record_ct.length - SEAL_OVERHEAD);
  const r = JSON.parse(vault.openPadded(row.record_ct, slot(row.id), row.key_version, size)) as Partial<NumberRecord>;
  if (typeof r.n !== 'string' || !Array.isArray(r.links) || !Array.isArray(r.declines)) throw new Error('not a buddy number record');
  const listed = Array.isArray(r.listed) ? r.listed.filter((e) => Array.isArray(e) && Number.isInteger(e[0]) && Number.isInteger(e[1])) : [];
  return { n: r.n, links: r.links.filter(Number.isInteger), declines: r.declines.filter(Number.isInteger), listed };
}

/**
 * The number's row and record. A record that no longer opens (damaged) is
 * rebuilt from the links and declines themselves, so that her STOP and
 * DELETE still find them and the next write keeps them (relist rewrites it).
 */
function held(db: Db, vault: Vault, phone: string): { id: number; record: NumberRecord } | undefined {
  const row = db.stmt('SELECT id, record_ct, key_version FROM buddy_numbers WHERE buddy_bidx = ?').get(buddyIndex(vault, phone)) as Row | undefined;
  if (!row) return undefined;
  try {
    return { id: row.id, record: openRecord(vault, row) };
  } catch {
    return { id: row.id, record: rebuilt(db, vault, phone) };
  }
}

/**
 * The ids of the rows naming `phone`, looked up by each member's index of
 * it: one index a member who has links (or declines). Only for a damaged
 * record (rare), so its cost in members is borne then only. A row whose
 * sealed values no longer open is found too: its index still names her.
 * In any order: every reader of a record's ids orders them (naming).
 */
export function rebuilt(db: Db, vault: Vault, phone: string): NumberRecord {
  const find = (table: 'buddies' | 'buddy_declines', index: typeof linkIndex) =>
    (db.stmt(`SELECT DISTINCT member_id FROM ${table}`).all() as Array<{ member_id: number }>)
      .flatMap(({ member_id }) => db.stmt(`SELECT id FROM ${table} WHERE member_id = ? AND buddy_bidx = ?`).all(member_id, index(vault, member_id, phone)) as Array<{ id: number }>)
      .map((r) => r.id);
  return { n: phone, links: find('buddies', linkIndex), declines: find('buddy_declines', declineIndex) };
}

/**
 * The number a record that no longer opens was kept for: the one of a link
 * or decline whose index (`indexOf`: the record's, by default) is the row's.
 * Every link's number is opened (only for a damaged record, rare); undefined
 * if none opens to it.
 */
export function numberKeptUnder(db: Db, vault: Vault, bidx: Buffer, indexOf = (phone: string) => buddyIndex(vault, phone)): string | undefined {
  for (const table of ['buddies', 'buddy_declines'] as const) {
    for (const r of db.stmt(`SELECT id, address_ct, key_version FROM ${table}`).iterate() as IterableIterator<{ id: number; address_ct: Buffer; key_version: number }>) {
      const phone = openedNumber(vault, table, r);
      if (phone !== undefined && indexOf(phone).equals(bidx)) return phone;
    }
  }
  return undefined;
}

/** Of these ids, the rows of `table` that name `phone` (their index, of their member and the number, recomputed). */
function naming(db: Db, vault: Vault, table: 'buddies' | 'buddy_declines', phone: string, ids: number[]): number[] {
  if (ids.length === 0) return [];
  const index = table === 'buddies' ? linkIndex : declineIndex;
  const rows = db.stmt(`SELECT id, member_id, buddy_bidx FROM ${table} WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`).all(JSON.stringify(ids)) as Array<{
    id: number;
    member_id: number;
    buddy_bidx: Buffer;
  }>;
  return rows.filter((r) => index(vault, r.member_id, phone).equals(r.buddy_bidx)).map((r) => r.id);
}

/** The ids of every link to this number, across members (any status; one that no longer opens too), oldest first. */
export function linkIdsOf(db: Db, vault: Vault, phone: string): number[] {
  const h = held(db, vault, phone);
  return h ? naming(db, vault, 'buddies', phone, h.record.links) : [];
}

/** The ids of every decline by this number, across members. */
export function declineIdsOf(db: Db, vault: Vault, phone: string): number[] {
  const h = held(db, vault, phone);
  return h ? naming(db, vault, 'buddy_declines', phone, h.record.declines) : [];
}

/**
 * Rewrites the number's row with the ids that still name it, and `add`
 * (ids of rows just written under it); deletes the row once none is left.
 * In the caller's transaction, beside the write it follows.
 */
export function relist(db: Db, vault: Vault, phone: string, add: { links?: number[]; declines?: number[] } = {}): void {
  const h = held(db, vault, phone);
  const links = naming(db, vault, 'buddies', phone, [...(h?.record.links ?? []), ...(add.links ?? [])]);
  const declines = naming(db, vault, 'buddy_declines', phone, [...(h?.record.declines ?? []), ...(add.declines ?? [])]);
  if (links.length === 0 && declines.length === 0) {
    if (h) db.stmt('DELETE FROM buddy_numbers WHERE id = ?').run(h.id);
    return;
  }
  // A row written now was never on a list she read, though its id may be one that was (ids of lapsed rows are reused).
  const listed = (h?.record.listed ?? []).filter(([id]) => links.includes(id) && !add.links?.includes(id));
  const record: NumberRecord = { n: phone, links: [...new Set(links)], declines: [...new Set(declines)], ...(listed.length ? { listed } : {}) };
  write(db, vault, phone, h?.id, record);
}

/** Writes the number's record: over its row, or in a new one. */
function write(db: Db, vault: Vault, phone: string, id: number | undefined, record: NumberRecord): void {
  if (id !== undefined) {
    db.stmt('UPDATE buddy_numbers SET record_ct = ?, key_version = ? WHERE id = ?').run(sealRecord(vault, id, record), vault.keyVersion, id);
    return;
  }
  const next = (db.stmt('SELECT coalesce(max(id), 0) + 1 AS id FROM buddy_numbers').get() as { id: number }).id;
  db.stmt('INSERT INTO buddy_numbers (id, buddy_bidx, record_ct, key_version) VALUES (?, ?, ?, ?)').run(next, buddyIndex(vault, phone), sealRecord(vault, next, record), vault.keyVersion);
}

/**
 * Numbers the invitations ACCEPT's list shows (`shown`: each person's
 * links, in the order listed, from 1) and forgets any number her other
 * invitations over that channel (`all`) had: ACCEPT n then picks what she
 * read as n. In her number's sealed record, not on the links: equal numbers
 * on two members' links would tell a seizer they asked the same number.
 */
export function numberInvitations(db: Db, vault: Vault, phone: string, shown: number[][], all: number[]): void {
  const h = held(db, vault, phone);
  if (!h) return;
  const kept = (h.record.listed ?? []).filter(([id]) => !all.includes(id));
  const listed = [...kept, ...shown.flatMap((ids, i) => ids.map((id): [number, number] => [id, i + 1]))];
  write(db, vault, phone, h.id, { ...h.record, listed });
}

/** The numbers ACCEPT's last lists showed her invitations under, by link id. */
export function invitationNumbers(db: Db, vault: Vault, phone: string): Map<number, number> {
  return new Map(held(db, vault, phone)?.record.listed ?? []);
}

/**
 * Rewrites every number's row (as the server starts, inside the caller's
 * transaction): drops the ids of rows erased without the key since, and a
 * row none is left in; seals one padded as before at one of the sizes.
 * One that no longer opens is rebuilt from the links that open to its
 * number; kept if none does (read by her number, it is rebuilt: held).
 */
export function pruneAll(db: Db, vault: Vault): void {
  const rows = db.stmt('SELECT id, buddy_bidx, record_ct, key_version FROM buddy_numbers ORDER BY id').all() as Array<Row & { buddy_bidx: Buffer }>;
  for (const row of rows) {
    let record: NumberRecord;
    try {
      record = openRecord(vault, row);
    } catch {
      // Rebuilt from the links, so that rotate-key finds it whole; kept if no link opens to its number.
      const phone = numberKeptUnder(db, vault, row.buddy_bidx);
      if (phone === undefined) continue;
      write(db, vault, phone, row.id, rebuilt(db, vault, phone));
      relist(db, vault, phone);
      continue;
    }
    const links = naming(db, vault, 'buddies', record.n, record.links);
    const declines = naming(db, vault, 'buddy_declines', record.n, record.declines);
    // One padded as before (in blocks of 256 bytes) is sealed again at one of the sizes.
    const repad = !SIZES.includes(row.record_ct.length - SEAL_OVERHEAD);
    if (!repad && links.length === record.links.length && declines.length === record.declines.length) continue;
    relist(db, vault, record.n);
  }
}
