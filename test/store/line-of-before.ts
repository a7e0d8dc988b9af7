/**
 * A database as a version of before left it: this version's migrations up to
 * a number, then migrations run and recorded under the names that version
 * gave them, by number alone as it did. Built with SQL, no old checkout.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Db } from '../../src/store/db';
import { findProjectDir } from '../../src/store/find-up';
import { migrate } from '../../src/store/migrate';
import { tempDir } from '../helpers/temp-dir';

export const MIGRATIONS = findProjectDir('migrations');

/** The SQL of this version's migration `file`. */
export const sqlOf = (file: string): string => fs.readFileSync(path.join(MIGRATIONS, file), 'utf8');

/** This version's migration files from `from` (a number, "0045") on. */
export const filesFrom = (from: string): string[] => fs.readdirSync(MIGRATIONS).filter((f) => /^\d{4}_/.test(f) && f >= from).sort();

/** 0043 of bb2f3fc, reverted by f4af720 (git show bb2f3fc:migrations/0043_blocks_of_one_channel.sql). */
export const BLOCKS_OF_ONE_CHANNEL =
  'ALTER TABLE blocked_senders ADD COLUMN channel_only INTEGER NOT NULL DEFAULT 0 CHECK (channel_only IN (0, 1));\n';

/** line_settings as 8f20daf's 0057_line_settings.sql made it. */
export const LINE_SETTINGS_0057 = 'CREATE TABLE line_settings (\n  name  TEXT PRIMARY KEY,\n  value TEXT NOT NULL\n) WITHOUT ROWID;\n';

/** A recorded migration of before: its name then, and the SQL it ran. */
export type RanAs = [name: string, sql: string];

/** heads-up.db in a new folder: this version's migrations before `before` ("0043"), then `ran`, each recorded under its name. */
export function lineOfBefore(before: string, ran: RanAs[]): string {
  const dir = tempDir();
  for (const f of fs.readdirSync(MIGRATIONS).filter((f) => f < before)) fs.copyFileSync(path.join(MIGRATIONS, f), path.join(dir, f));
  const file = path.join(tempDir(), 'heads-up.db');
  const db = new Db(file);
  try {
    migrate(db, dir);
    for (const [name, sql] of ran) {
      db.transaction(() => {
        db.sqlite.exec(sql);
        db.sqlite.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, 1)').run(Number(name.slice(0, 4)), name);
      });
    }
  } finally {
    db.close();
  }
  return file;
}

/** Each table's and index's columns, by name (column order aside: a migration run late adds its columns last). */
export function schemaOf(file: string, ignore: string[] = []): Record<string, string[]> {
  const db = new Database(file, { readonly: true });
  try {
    const objects = db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>;
    const out: Record<string, string[]> = {};
    for (const { name } of objects) {
      const cols = db.prepare('SELECT name FROM pragma_table_xinfo(?) UNION ALL SELECT name FROM pragma_index_xinfo(?)').all(name, name) as Array<{ name: string | null }>;
      out[name] = cols.map((c) => c.name ?? '').filter((c) => !ignore.includes(c)).sort();
    }
    return out;
  } finally {
    db.close();
  }
}
