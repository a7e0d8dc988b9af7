/** The screening index for CHECK: blind indexes of numbers named in approved alerts. */
import type { Db } from './db';
import type { Vault } from './vault';

/** Records the numbers an approved alert names. */
export function indexAlertNumbers(db: Db, vault: Vault, alertId: number, numbers: string[], npas: string[], now: number): void {
  const insert = db.stmt('INSERT OR IGNORE INTO screening (number_bidx, alert_id, npas, created_at) VALUES (?, ?, ?, ?)');
  for (const n of numbers) insert.run(vault.index('screen', n), alertId, npas.join(','), now);
}

/** How many alerts name a number, the latest date and their areas; null when none. */
export function lookupNumber(db: Db, vault: Vault, e164: string, since: number): { count: number; latest: Date; areas: string[] } | null {
  const rows = db
    .stmt('SELECT npas, created_at FROM screening WHERE number_bidx = ? AND created_at >= ? ORDER BY created_at DESC')
    .all(vault.index('screen', e164), since) as Array<{ npas: string; created_at: number }>;
  const first = rows[0];
  if (!first) return null;
  const areas = [...new Set(rows.flatMap((r) => r.npas.split(',')))].sort();
  return { count: rows.length, latest: new Date(first.created_at), areas };
}
