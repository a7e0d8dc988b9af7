/**
 * The database file and how a connection to it is set up: where it lives,
 * who may read it (the directory 0700, the file, its WAL and shm 0600), and
 * the pragmas every connection runs with (WAL, foreign keys, a busy timeout,
 * secure delete). store/db.ts opens through this.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';

/** The database file of a data directory (the server and the admin commands open this path). */
export function databaseFile(dataDir: string): string {
  return path.join(dataDir, 'heads-up.db');
}

/** How long a statement waits for another connection's lock (an admin command's, a backup's). */
export const BUSY_TIMEOUT_MS = 5000;

/** Whether SQLite failed because the file is damaged, or is no database at all. */
export function isDatabaseDamaged(err: unknown): boolean {
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  return code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB';
}

/** Makes a file the database's -wal or -shm 0600 if it is there (the last connection of another process may remove it meanwhile). */
function tighten(file: string): void {
  try {
    fs.chmodSync(file, 0o600);
  } catch (err) {
    if ((err as { code?: unknown }).code !== 'ENOENT') throw err;
  }
}

/** Makes the file, and its directory, readable by the server's user only, before SQLite opens it. */
export function keepPrivate(file: string): void {
  if (file === ':memory:') return;
  // Only the server's user may read the data: the directory 0700, the file 0600 (SQLite gives its WAL and shm the file's mode).
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.chmodSync(path.dirname(file), 0o700);
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  fs.chmodSync(file, 0o600);
  // A WAL and shm it finds it reuses as they are: a crashed line copied without its modes may have left them readable.
  for (const found of [`${file}-wal`, `${file}-shm`]) tighten(found);
}

/** Sets an open connection's pragmas. */
export function configure(sqlite: Database.Database): void {
  sqlite.pragma('journal_mode = WAL');
  // NORMAL in WAL mode survives a process crash (kill -9); only an OS crash
  // or power loss can lose the last commits.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  sqlite.pragma('secure_delete = ON');
  // 32 MiB of page cache: the member and outbox indexes stay in memory on a small server.
  sqlite.pragma('cache_size = -32768');
  // The server checkpoints the WAL on a timer (see checkpointEvery); the
  // automatic checkpoint after every 1,000 pages would fsync inside a
  // webhook, more than half the cost of a JOIN. This is only a backstop.
  sqlite.pragma('wal_autocheckpoint = 20000');
  sqlite.pragma('journal_size_limit = 67108864');
}
