/** Applies numbered SQL migrations (NNNN_name.sql), forward only, each in a transaction. */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config/config-error';
import type { Db } from './db';
import { EDITS } from './edited-migrations';
import { findProjectDir } from './find-up';
import { appliedNames, readApplied, type AppliedMigration } from './migration-names';

/** First line of a migration that rebuilds a table other tables reference. */
const REBUILDS_PARENT = '-- migrate: rebuilds a parent table';

/**
 * A migration's SQL refused by SQLite (a column or table already there, a
 * constraint): its transaction rolled back. The message names the file and
 * SQLite's words, which name tables and columns, never values.
 */
export class MigrationFailed extends Error {
  constructor(
    readonly file: string,
    readonly code: string,
    detail: string,
  ) {
    super(`migration ${file} did not apply (${code}: ${detail})`);
    this.name = 'MigrationFailed';
  }
}

/** SQLite refused the SQL itself; not a busy, full, read-only or damaged database, which the start names on their own. */
function refusedSql(err: unknown): err is { code: string; message: string } {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_ERROR' || code === 'SQLITE_MISMATCH' || code.startsWith('SQLITE_CONSTRAINT'));
}

/** The migration files of `dir`, in order. */
export function migrationFiles(dir: string = findProjectDir('migrations')): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort();
}

/**
 * What the database records, renamed to this version's files (migration-names.ts).
 * Throws ConfigError for a database a newer version migrated (an upgrade rolled
 * back: this code would write rows that schema does not expect) or one recording
 * a migration this version does not know.
 */
function appliedRows(db: Db, files: string[]): { rows: AppliedMigration[]; changed: boolean } {
  const names = appliedNames(readApplied(db.sqlite), files);
  if ('problem' in names) throw new ConfigError('DATA_DIR', names.problem);
  return names;
}

/** The migrations of `dir` not yet applied to `db`, in order; reads only. Throws as `appliedRows` does. */
export function pendingMigrations(db: Db, dir: string = findProjectDir('migrations')): string[] {
  const files = migrationFiles(dir);
  const done = new Set(appliedRows(db, files).rows.map((r) => r.name));
  return files.filter((f) => !done.has(f));
}

/** Applies every migration not yet applied; throws (and applies nothing of that file) on error. Returns the names applied (and mended). */
export function migrate(db: Db, dir: string = findProjectDir('migrations')): string[] {
  const files = migrationFiles(dir);
  const { rows, changed } = appliedRows(db, files);
  db.sqlite.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  );
  // Recorded under a former name: written as this version names it, in one go, before anything runs.
  if (changed) {
    db.transaction(() => {
      db.sqlite.exec('DELETE FROM schema_migrations');
      const insert = db.sqlite.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
      for (const r of rows) insert.run(r.version, r.name, r.applied_at);
    });
  }
  const done = new Set(rows.map((r) => r.name));
  const pending = files.filter((f) => !done.has(f));
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
        if (rebuild && (db.sqlite.pragma('foreign_key_check') as unknown[]).length > 0) throw new MigrationFailed(file, 'foreign_key', 'the rebuilt table breaks a foreign key');
        db.sqlite.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(version, file, Date.now());
      });
    } catch (err) {
      throw refusedSql(err) ? new MigrationFailed(file, err.code, err.message) : err;
    } finally {
      if (rebuild) db.sqlite.pragma('legacy_alter_table = OFF');
      if (rebuild) db.sqlite.pragma('foreign_keys = ON');
    }
    applied.push(file);
  }
  // What a migration's later edit added, made where it ran before that edit (edited-migrations.ts).
  const ran = new Set([...done, ...applied]);
  for (const edit of EDITS) {
    if (!ran.has(edit.migration) || !edit.lacks(db.sqlite)) continue;
    try {
      db.transaction(() => db.sqlite.exec(edit.sql));
    } catch (err) {
      throw refusedSql(err) ? new MigrationFailed(edit.migration, err.code, err.message) : err;
    }
    applied.push(`${edit.migration} (mended: made what a later edit of it added)`);
  }
  return applied;
}
