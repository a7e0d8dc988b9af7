/**
 * One server per DATA_DIR: the server holds a lock on a small file beside the
 * database for as long as it runs, and a second one refuses to start (it
 * would take back the first one's sends in flight and send them again). The
 * lock is SQLite's own on that file (exclusive locking mode, taken by a
 * write transaction and kept): the kernel drops it when the process dies,
 * SIGKILL included, so a restart after a crash is never refused. The file
 * holds no data; it stays in DATA_DIR between runs (removing it at close
 * would let two starts racing each lock a different file). Admin commands
 * do not take it: they work beside a running server.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** The lock file's name in DATA_DIR. */
export const SERVER_LOCK_FILE = 'heads-up.lock';

/** Another Heads Up server holds DATA_DIR's lock. */
export class ServerRunningError extends Error {
  constructor(readonly dataDir: string) {
    super(`another Heads Up server runs on DATA_DIR ${dataDir}: stop it first (nothing was changed)`);
    this.name = 'ServerRunningError';
  }
}

/** A held lock; release() lets another server start. */
export interface ServerLock {
  release(): void;
}

/** Takes DATA_DIR's server lock (which must exist), or throws ServerRunningError while another server holds it. */
export function takeServerLock(dataDir: string): ServerLock {
  const file = path.join(dataDir, SERVER_LOCK_FILE);
  // Made 0600 before SQLite opens it (SQLite would make it 0644).
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  const sqlite = new Database(file);
  try {
    sqlite.pragma('busy_timeout = 0');
    // No journal file beside it: the transaction writes nothing worth undoing.
    sqlite.pragma('journal_mode = MEMORY');
    sqlite.pragma('locking_mode = EXCLUSIVE');
    sqlite.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (err) {
    sqlite.close();
    // Refused at the first statement that reads the file, whichever that is.
    if ((err as { code?: string }).code === 'SQLITE_BUSY') throw new ServerRunningError(dataDir);
    throw err;
  }
  return { release: () => sqlite.close() };
}
