/**
 * Opens the database for a command that must be its only user (restore,
 * rotate-key): with SQLite's exclusive locking mode, which fails at once
 * while any other connection (a running server, a backup or a doctor) has the database open, and
 * keeps a server from opening it until this connection closes.
 */
import { Db, type Sqlite } from './db';

/** Another process has the database open. */
export class DatabaseInUseError extends Error {
  constructor() {
    // Any connection refuses the lock, a backup's or a doctor's reading for a moment too.
    super(
      'the database is in use by another Heads Up process (a running server: stop it; a restore or rotate-key: let it finish; a backup or doctor still at work: try again in a moment), then run this again',
    );
    this.name = 'DatabaseInUseError';
  }
}

/**
 * Makes `sqlite` the database's only user: SQLite's exclusive locking mode,
 * the lock taken by a first write transaction and then kept. Reads none of
 * its pages. Throws DatabaseInUseError if another process has it open.
 */
export function takeExclusiveLock(sqlite: Sqlite): void {
  try {
    sqlite.pragma('busy_timeout = 0');
    sqlite.pragma('locking_mode = EXCLUSIVE');
    sqlite.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_BUSY') throw new DatabaseInUseError();
    throw err;
  }
}

/** Opens `file` (which must exist) as its only user; throws DatabaseInUseError if another process has it open. */
export function openExclusive(file: string): Db {
  const db = new Db(file);
  try {
    takeExclusiveLock(db.sqlite);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
