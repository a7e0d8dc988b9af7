/**
 * The sealed values a key does not open: damaged ones (the server steps
 * around them). rotate-key looks for them before it starts, because a
 * rotation that met one half-way could neither finish nor be undone.
 */
import { blockSlot } from './blocks';
import { REF_PHONE_SLOT } from './checkin-phone';
import type { Db } from './db';
import { SEALED_COLUMNS } from './key-rotation-columns';
import { reportIdentifierSlot, screeningSlot } from './screening';
import type { Slot, Vault } from './vault';

/** Where a row's sealed value is bound (its slot), and how to name the row to the operator. */
const KEYED_BY: Record<string, { select: string; slot: (a: number, b: Buffer) => Slot; name: (a: number) => string }> = {
  screening: { select: 'alert_id AS a, number_bidx AS b', slot: screeningSlot, name: (a) => `alert ${a}` },
  report_identifiers: { select: 'report_id AS a, id_bidx AS b', slot: reportIdentifierSlot, name: (a) => `report ${a}` },
  blocked_senders: { select: '0 AS a, reporter_bidx AS b', slot: (_a, b) => blockSlot(b), name: () => 'a block' },
  // `a` is the reference (the table has no id), which the value is bound to.
  checkin_refs: { select: 'ref AS a, NULL AS b', slot: (a) => REF_PHONE_SLOT(String(a)), name: () => 'a check-in reference' },
};

/**
 * Opens every value rotate-key re-seals under `vault`, at its row's key
 * version; returns how many do not open and names the first `max` of them
 * ("buddies.name, row 3").
 */
export function unopenedValues(db: Db, vault: Vault, max = 10): { count: number; named: string[] } {
  const found = { count: 0, named: [] as string[] };
  // Values rotate-key erases rather than re-seals need not open; nor a buddy number's record, which it rebuilds
  // from the links (key-rotation-buddies.ts).
  for (const { table, column } of SEALED_COLUMNS.filter((c) => !c.rotation.startsWith('erased') && c.table !== 'buddy_numbers')) {
    const keyed = KEYED_BY[table];
    const rows = db.sqlite
      .prepare(`SELECT ${keyed?.select ?? 'id AS a'}, ${column}_ct AS ct, key_version FROM ${table} WHERE ${column}_ct IS NOT NULL`)
      .iterate() as IterableIterator<{ a: number; b: Buffer; ct: Buffer; key_version: number }>;
    for (const r of rows) {
      try {
        vault.open(r.ct, keyed ? keyed.slot(r.a, r.b) : { table, column, row: r.a }, r.key_version);
      } catch {
        found.count++;
        if (found.named.length < max) found.named.push(`${table}.${column}, ${keyed ? keyed.name(r.a) : `row ${r.a}`}`);
      }
    }
  }
  return found;
}
