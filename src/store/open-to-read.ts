/**
 * Opens a database only to read it (doctor, backup), leaving its folder as
 * found. A read-only connection to a WAL database makes an empty -wal and
 * -shm that it cannot remove: only a writable connection, closing as the
 * last user, does. Beside a stopped line's database they are litter, and a
 * -wal left where the database is later moved from is what doctor and
 * restore take for the log of a crashed line.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';

/**
 * Whether `file` is 0 bytes with a write-ahead log beside it: a line before
 * its first checkpoint (or a hand copy that failed on the main file) has
 * everything in that log, and SQLite deletes it as it opens the 0-page file,
 * read-only too. Such a file is never opened.
 */
export function emptyBesideWal(file: string): boolean {
  return fs.statSync(file).size === 0 && fs.existsSync(`${file}-wal`);
}

/** What the operator reads about a 0-byte database beside its write-ahead log. */
export function emptyBesideWalProblem(file: string): string {
  return `${file} is an empty file (0 bytes) beside its write-ahead log ${file}-wal, which may hold the line: keep that log, put the database back or run heads-up restore with the latest backup`;
}

/**
 * Opens `file` (which must exist) for reading. Where no -wal or -shm is
 * there (no process has it open, no crash left a log to fold in), the
 * connection is writable, writes nothing, and its close removes the two
 * files its reading made; where they are, it is read-only and they stay.
 * A 0-byte file beside a WAL is refused (see emptyBesideWal).
 */
export function openToRead(file: string): Database.Database {
  if (emptyBesideWal(file)) throw new Error(emptyBesideWalProblem(file));
  const untouched = !fs.existsSync(`${file}-wal`) && !fs.existsSync(`${file}-shm`);
  return new Database(file, { fileMustExist: true, readonly: !untouched });
}
