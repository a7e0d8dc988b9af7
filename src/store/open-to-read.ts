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
 * Opens `file` (which must exist) for reading. Where no -wal or -shm is
 * there (no process has it open, no crash left a log to fold in), the
 * connection is writable, writes nothing, and its close removes the two
 * files its reading made; where they are, it is read-only and they stay.
 */
export function openToRead(file: string): Database.Database {
  const untouched = !fs.existsSync(`${file}-wal`) && !fs.existsSync(`${file}-shm`);
  return new Database(file, { fileMustExist: true, readonly: !untouched });
}
