/** Settings the stored data was built under (migration 0056): public values, never anything identifying. */
import type { Db } from './db';

/** The names kept: the DEFAULT_COUNTRY the CHECK index read national numbers with. */
export type LineSetting = 'screening_country';

/** The value recorded, or undefined before the first start recorded one. */
export function readLineSetting(db: Db, name: LineSetting): string | undefined {
  return (db.stmt('SELECT value FROM line_settings WHERE name = ?').get(name) as { value: string } | undefined)?.value;
}

/** Records a value (inside the caller's transaction, with the work it describes). */
export function writeLineSetting(db: Db, name: LineSetting, value: string): void {
  db.stmt('INSERT INTO line_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value').run(name, value);
}
