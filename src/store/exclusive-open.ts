/**
 * Opens the database for a command that must be its only user (restore,
 * rotate-key): with SQLite's exclusive locking mode, which fails at once
 * while any other connection (a running server) has the database open, and
 * keeps a server from opening it until this connection closes.
 */
import { Db, type Sqlite } from './db';

/** Another process has the database open. */
export class DatabaseInUseError extends Error {
  constructor() {
    super('the database is in use by another process (the server, or a restore or rotate-key still running): stop the server, or let the command finish, then run this again');
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
