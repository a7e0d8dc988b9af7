/** Applies numbered SQL migrations (NNNN_name.sql), forward only, each in a transaction. */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config/config-error';
import type { Db } from './db';
import { findProjectDir } from './find-up';

/** First line of a migration that rebuilds a table other tables reference. */
const REBUILDS_PARENT = '-- migrate: rebuilds a parent table';

/**
 * The migrations of `dir` not yet applied to `db`, in order; reads only.
 * Throws ConfigError for a database a newer version migrated (an upgrade
 * rolled back): this code would write rows that schema does not expect.
 */
export function pendingMigrations(db: Db, dir: string = findProjectDir('migrations')): string[] {
  const table = db.sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined;
  const done = new Set(
    table ? (db.sqlite.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((r) => r.version) : [],
  );
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort();
  const known = Math.max(0, ...files.map((f) => Number(f.slice(0, 4))));
  const schema = Math.max(0, ...done);
  if (schema > known) {
    throw new ConfigError('DATA_DIR', `the database was made by a newer version of Heads Up (schema ${schema}, this one knows ${known}): run that version, or restore a backup made by this one`);
  }
  return files.filter((f) => !done.has(Number(f.slice(0, 4))));
}

/** Applies every migration not yet applied; throws (and applies nothing of that file) on error. Returns the names applied. */
export function migrate(db: Db, dir: string = findProjectDir('migrations')): string[] {
  const pending = pendingMigrations(db, dir);
  db.sqlite.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  );
  const applied: string[] = [];
  for (const file of pending) {
    const version = Number(file.slice(0, 4));
    const sql = fs.readFileSync(path.join(dir, file), 'utf8');
    const rebuild = sql.startsWith(REBUILDS_PARENT);
    // Rebuilding a table other tables reference (SQLite's documented 12 steps): with foreign keys
    // on, dropping the old table would cascade to its children, and they can only be turned off
    // outside a transaction. Every reference is checked before the commit instead.
    if (rebuild) db.sqlite.pragma('foreign_keys = OFF');
    if (rebuild) db.sqlite.pragma('legacy_alter_table = ON');
    try {
      db.transaction(() => {
        db.sqlite.exec(sql);
        if (rebuild && (db.sqlite.pragma('foreign_key_check') as unknown[]).length > 0) throw new Error(`${file}: the rebuilt table breaks a foreign key`);
        db.sqlite.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(version, file, Date.now());
      });
    } finally {
      if (rebuild) db.sqlite.pragma('legacy_alter_table = OFF');
      if (rebuild) db.sqlite.pragma('foreign_keys = ON');
    }
    applied.push(file);
  }
  return applied;
}
