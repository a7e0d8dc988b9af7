/**
 * The start's mending of buddy links and declines kept before migration
 * 0063 under an index of the number alone (equal across members on disk):
 * each is indexed again by its member and the number, and listed in its
 * number's row (buddy-numbers.ts), so that a buddy who ACCEPTed before
 * the upgrade is still found by her number. It needs the key, so the server
 * runs it as it starts; once done, it finds nothing. A row that no longer
 * opens gets a random index: nothing of the number stays on it, and BUDDY
 * OFF (every buddy) still erases it. Idempotent: a row rotate-key re-indexed
 * meanwhile is listed again the same way.
 */
import { randomBytes } from 'node:crypto';
import { declineIndex, linkIndex, openedNumber } from './buddy-indexes';
import { pruneAll, relist } from './buddy-numbers';
import type { Db } from './db';
import type { Vault } from './vault';

const TABLES = { link: 'buddies', decline: 'buddy_declines' } as const;

/**
 * What the server does as it starts, in one transaction: the rows kept before 0063 mended, and every
 * number's row rid of what was erased without the key since (retention: buddy-numbers.ts).
 * Returns how many rows were mended.
 */
export function mendBuddiesAtStart(db: Db, vault: Vault): number {
  return db.transaction(() => {
    const mended = mendBuddyNumbers(db, vault);
    pruneAll(db, vault);
    return mended;
  });
}

/** Indexes and lists every row listed, inside the caller's transaction; returns how many were listed. */
export function mendBuddyNumbers(db: Db, vault: Vault): number {
  const listed = db.stmt('SELECT kind, row_id FROM buddy_numbers_mend ORDER BY kind, row_id').all() as Array<{ kind: 'link' | 'decline'; row_id: number }>;
  for (const { kind, row_id: id } of listed) {
    const table = TABLES[kind];
    const r = db.stmt(`SELECT member_id, address_ct, key_version FROM ${table} WHERE id = ?`).get(id) as { member_id: number; address_ct: Buffer; key_version: number } | undefined;
    if (r) mendRow(db, vault, kind, id, r);
    db.stmt('DELETE FROM buddy_numbers_mend WHERE kind = ? AND row_id = ?').run(kind, id);
  }
  return listed.length;
}

function mendRow(db: Db, vault: Vault, kind: 'link' | 'decline', id: number, r: { member_id: number; address_ct: Buffer; key_version: number }): void {
  const table = TABLES[kind];
  const phone = openedNumber(vault, table, { id, ...r });
  if (phone === undefined) {
    db.stmt(`UPDATE ${table} SET buddy_bidx = ? WHERE id = ?`).run(randomBytes(16), id);
    return;
  }
  db.stmt(`UPDATE ${table} SET buddy_bidx = ? WHERE id = ?`).run((kind === 'link' ? linkIndex : declineIndex)(vault, r.member_id, phone), id);
  relist(db, vault, phone, kind === 'link' ? { links: [id] } : { declines: [id] });
}

/**
 * How many rows wait for it (doctor, on the file it opens without the key):
 * before migration 0063 is applied, every link and decline (0063 lists them all).
 */
export function buddyRowsToMend(sqlite: { prepare(sql: string): { get(...params: unknown[]): unknown } }): number {
  const has = (table: string) => sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
  const count = (table: string) => (has(table) ? (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n : 0);
  return has('buddy_numbers_mend') ? count('buddy_numbers_mend') : count('buddies') + count('buddy_declines');
}
