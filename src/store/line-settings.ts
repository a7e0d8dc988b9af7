/**
 * Settings the stored data was built under, and states of the line that
 * outlive a restart (migration 0056): public values, never anything identifying.
 */
import type { Db } from './db';

/**
 * The names kept: the DEFAULT_COUNTRY the CHECK index read national numbers with; a provider's pause of
 * a lane, per channel (store/provider-pauses.ts); how many Signal rate-limit windows came in a row.
 */
export type LineSetting = 'screening_country' | 'sms_paused_until' | 'signal_paused_until' | 'signal_pause_level';

/** The value recorded, or undefined before the first start recorded one. */
export function readLineSetting(db: Db, name: LineSetting): string | undefined {
  return (db.stmt('SELECT value FROM line_settings WHERE name = ?').get(name) as { value: string } | undefined)?.value;
}

/** Records a value (inside the caller's transaction, with the work it describes). */
export function writeLineSetting(db: Db, name: LineSetting, value: string): void {
  db.stmt('INSERT INTO line_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value').run(name, value);
}

/** Forgets a value. */
export function clearLineSetting(db: Db, name: LineSetting): void {
  db.stmt('DELETE FROM line_settings WHERE name = ?').run(name);
}
