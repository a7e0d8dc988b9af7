/**
 * rotate-key's buddies (issue 13), batch by batch: links, stops and declines
 * re-sealed with their indexes recomputed (a link's and a decline's of the
 * member and the number, a stop's of the number: buddy-indexes.ts), and each
 * number's row (buddy-numbers.ts) re-sealed under the index of the number it
 * holds. Ids stay, so a number's row still lists its links and declines.
 */
import { buddyIndex, declineIndex, linkIndex } from './buddy-indexes';
import { numberKeptUnder, openRecord, rebuilt, sealRecord } from './buddy-numbers';
import type { Db } from './db';
import type { Slot, Vault } from './vault';

/** The rotation's two vaults, and its open (by the row's key version; throws a RotationError for a damaged value). */
export interface RekeyBuddies {
  open: (sealed: Buffer, slot: Slot, version: number) => string;
  oldVault: Vault;
  newVault: Vault;
}

type Tally = (n: number) => void;

const lastId = (rows: Array<{ id: number }>, batch: number) => (rows.length < batch ? null : (rows[rows.length - 1] as { id: number }).id);

/** Links: the number, the name and the inviter's number re-sealed, the index recomputed from the member and the number. */
export function rekeyBuddies(db: Db, keys: RekeyBuddies, cursor: number, batch: number, tally: Tally): number | null {
  const table = 'buddies';
  const rows = db
    .stmt(`SELECT id, member_id, address_ct, name_ct, inviter_ct, key_version FROM ${table} WHERE id > ? ORDER BY id LIMIT +?`)
    .all(cursor, batch) as Array<{ id: number; member_id: number; address_ct: Buffer; name_ct: Buffer; inviter_ct: Buffer | null; key_version: number }>;
  const update = db.stmt(`UPDATE ${table} SET buddy_bidx = ?, address_ct = ?, name_ct = ?, inviter_ct = ?, key_version = ? WHERE id = ?`);
  const nv = keys.newVault;
  for (const r of rows) {
    const slot = (column: string) => ({ table, column, row: r.id });
    const address = keys.open(r.address_ct, slot('address'), r.key_version);
    const name = keys.open(r.name_ct, slot('name'), r.key_version);
    const inviter = r.inviter_ct ? keys.open(r.inviter_ct, slot('inviter'), r.key_version) : null;
    update.run(linkIndex(nv, r.member_id, address), nv.seal(address, slot('address')), nv.seal(name, slot('name')), inviter === null ? null : nv.seal(inviter, slot('inviter')), nv.keyVersion, r.id);
  }
  tally(rows.length);
  return lastId(rows, batch);
}

/** Stops and declines: the number re-sealed, the index recomputed from it (a decline's with its member). */
export function rekeyBuddyNumbers(db: Db, keys: RekeyBuddies, table: 'buddy_stops' | 'buddy_declines', cursor: number, batch: number, tally: Tally): number | null {
  const member = table === 'buddy_declines' ? 'member_id' : 'NULL AS member_id';
  const rows = db
    .stmt(`SELECT id, ${member}, address_ct, key_version FROM ${table} WHERE id > ? ORDER BY id LIMIT +?`)
    .all(cursor, batch) as Array<{ id: number; member_id: number | null; address_ct: Buffer; key_version: number }>;
  const update = db.stmt(`UPDATE ${table} SET buddy_bidx = ?, address_ct = ?, key_version = ? WHERE id = ?`);
  const nv = keys.newVault;
  for (const r of rows) {
    const slot = { table, column: 'address', row: r.id };
    const address = keys.open(r.address_ct, slot, r.key_version);
    const index = r.member_id === null ? buddyIndex(nv, address) : declineIndex(nv, r.member_id, address);
    update.run(index, nv.seal(address, slot), nv.keyVersion, r.id);
  }
  tally(rows.length);
  return lastId(rows, batch);
}

/** A number's row: its record re-sealed, its index recomputed from the number in it. */
export function rekeyBuddyRecords(db: Db, keys: RekeyBuddies, cursor: number, batch: number, tally: Tally): number | null {
  const rows = db.stmt('SELECT id, buddy_bidx, record_ct, key_version FROM buddy_numbers WHERE id > ? ORDER BY id LIMIT +?').all(cursor, batch) as Array<{
    id: number;
    buddy_bidx: Buffer;
    record_ct: Buffer;
    key_version: number;
  }>;
  const update = db.stmt('UPDATE buddy_numbers SET buddy_bidx = ?, record_ct = ?, key_version = ? WHERE id = ?');
  const nv = keys.newVault;
  for (const r of rows) {
    const vault = r.key_version === nv.keyVersion ? nv : keys.oldVault;
    let record: ReturnType<typeof openRecord>;
    try {
      record = openRecord(vault, r);
    } catch {
      // Damaged: rebuilt from the links and declines, re-keyed by now (this step comes after theirs); each opens
      // (rotate-key checked before it began), so one that names none of them held no live id, and goes.
      const phone = numberKeptUnder(db, nv, r.buddy_bidx, (p) => buddyIndex(vault, p));
      if (phone === undefined) db.stmt('DELETE FROM buddy_numbers WHERE id = ?').run(r.id);
      else update.run(buddyIndex(nv, phone), sealRecord(nv, r.id, rebuilt(db, nv, phone)), nv.keyVersion, r.id);
      continue;
    }
    update.run(buddyIndex(nv, record.n), sealRecord(nv, r.id, record), nv.keyVersion, r.id);
  }
  tally(rows.length);
  return lastId(rows, batch);
}
