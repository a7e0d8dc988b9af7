/** Whether a key opens a database: tries one sealed value of the line. */
import type Database from 'better-sqlite3';
import type { Vault } from '../store/vault';

/** 'match' when the key opens a sealed member address (or report text), 'empty' when nothing is sealed yet. */
export function keyMatches(db: Database.Database, vault: Vault): 'match' | 'mismatch' | 'empty' {
  const probes = [
    { table: 'members', column: 'address' },
    { table: 'reports', column: 'text' },
  ];
  for (const p of probes) {
    const row = db.prepare(`SELECT id, ${p.column}_ct AS ct, key_version FROM ${p.table} WHERE ${p.column}_ct IS NOT NULL LIMIT 1`).get() as
      | { id: number; ct: Buffer; key_version: number }
      | undefined;
    if (!row) continue;
    try {
      vault.open(row.ct, { table: p.table, column: p.column, row: row.id }, row.key_version);
      return 'match';
    } catch {
      return 'mismatch';
    }
  }
  return 'empty';
}
