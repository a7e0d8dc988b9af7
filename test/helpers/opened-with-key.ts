/**
 * The adversary who holds the key as well as the database: every sealed
 * value of every sealed column (store/key-rotation-columns.ts), opened.
 * A value that does not open throws: nothing may hide from the test.
 */
import { SEALED_COLUMNS } from '../../src/store/key-rotation-columns';
import type { Db } from '../../src/store/db';
import type { Vault } from '../../src/store/vault';

type Row = Record<string, number | Buffer>;
const hex = (b: unknown) => (b as Buffer).toString('hex');

/** Where a sealed value is bound (its slot's row), for the tables not bound by their id. */
const ROW_OF: Record<string, (r: Row) => string> = {
  inbound_messages: (r) => hex(r.provider_bidx),
  conversations: (r) => hex(r.sender_bidx),
  screening: (r) => `${String(r.alert_id)}:${hex(r.number_bidx)}`,
  report_identifiers: (r) => `${String(r.report_id)}:${hex(r.id_bidx)}`,
  blocked_senders: (r) => hex(r.reporter_bidx),
  checkin_refs: (r) => String(r.ref),
};

/** Every sealed value in the database, opened: "table.column: text". */
export function openedWithKey(db: Db, vault: Vault): string[] {
  const out: string[] = [];
  for (const { table, column } of SEALED_COLUMNS) {
    for (const r of db.sqlite.prepare(`SELECT * FROM ${table} WHERE ${column}_ct IS NOT NULL`).all() as Row[]) {
      const slot = { table, column, row: ROW_OF[table]?.(r) ?? (r.id as number) };
      const ct = r[`${column}_ct`] as Buffer;
      const version = r.key_version as number;
      out.push(`${table}.${column}: ${table === 'inbound_messages' ? vault.openPadded(ct, slot, version, 512) : vault.open(ct, slot, version)}`);
    }
  }
  return out;
}
