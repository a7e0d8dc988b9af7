/**
 * Opens a database only to read it (doctor, backup), leaving its folder as
 * found. A read-only connection to a WAL database makes an empty -wal and
 * -shm that it cannot remove (only a writable connection, closing as the
 * last user, does), and where it cannot make them (a folder it may not
 * write, a read-only disk) it cannot read at all. Beside a stopped line's
 * database they are litter, and a -wal left where the database is later
 * moved from is what doctor and restore take for the log of a crashed line.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { unwritableLineProblem } from './unwritable-line';
import { adminCommand } from '../util/admin-command';

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
  return `${file} is an empty file (0 bytes) beside its write-ahead log ${file}-wal, which may hold the line: keep that log, put the database back or run ${adminCommand('restore')} with the latest backup`;
}

/** Whether access(2) lets this process at `file` for `mode`. */
function allowed(file: string, mode: number): boolean {
  try {
    fs.accessSync(file, mode);
    return true;
  } catch {
    return false;
  }
}

/** Whether this process may read `file` but not write it, or not make files beside it. */
function readableOnly(file: string): boolean {
  return allowed(file, fs.constants.R_OK) && !(allowed(file, fs.constants.W_OK) && allowed(path.dirname(file), fs.constants.W_OK));
}

/**
 * The database read whole into memory, for a file with no -wal or -shm that
 * this process may not write (or not write beside). No -wal and no -shm: no
 * connection has it open (one in WAL mode keeps both while it does) and it
 * holds the whole line. Not writable by this user: the line's server, run
 * as this user, cannot start on it, and on a read-only disk no one writes;
 * a write racing the read all the same fails the integrity check that
 * doctor and backup run. Its header is marked as not in WAL mode (in memory
 * only): SQLite reads a WAL database only through a -shm file.
 */
function readIntoMemory(file: string): Database.Database {
  const bytes = fs.readFileSync(file);
  // Bytes 18 and 19 of the header: the file format versions, 2 for WAL, 1 for a rollback journal.
  if (bytes.length >= 20 && bytes[18] === 2 && bytes[19] === 2) bytes[18] = bytes[19] = 1;
  return new Database(bytes, { readonly: true });
}

/** A database SQLite reads only by writing beside it (a -shm for its write-ahead log), where this user may not. */
export class ReadNeedsWrite extends Error {
  constructor(file: string, why: string) {
    super(
      `cannot read ${file} without writing beside it (SQLite reads its write-ahead log through a -shm file it makes there): ${why}; or copy every file of DATA_DIR to a folder this user may write, and run this again with DATA_DIR set to that copy`,
    );
    this.name = 'ReadNeedsWrite';
  }
}

/** Opens `file` read-only through its -wal and -shm, reading its first page now: a -shm it cannot make fails here, named. */
function openBesideLog(file: string): Database.Database {
  const db = new Database(file, { fileMustExist: true, readonly: true });
  try {
    db.pragma('schema_version', { simple: true });
    return db;
  } catch (err) {
    db.close();
    const code = String((err as { code?: unknown }).code ?? '');
    const why = code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY') ? unwritableLineProblem(path.dirname(file)) : null;
    throw why ? new ReadNeedsWrite(file, why) : err;
  }
}

/**
 * Opens `file` (which must exist) for reading. Where no -wal or -shm is
 * there (no process has it open, no crash left a log to fold in), the
 * connection is writable, writes nothing, and its close removes the two
 * files its reading made; or, where this process may not write it or its
 * folder, it is read into memory (see readIntoMemory). Where they are, it
 * is read-only and they stay. A 0-byte file beside a WAL is refused (see
 * emptyBesideWal).
 */
export function openToRead(file: string): Database.Database {
  if (emptyBesideWal(file)) throw new Error(emptyBesideWalProblem(file));
  const untouched = !fs.existsSync(`${file}-wal`) && !fs.existsSync(`${file}-shm`);
  // A file this user may not read fails as SQLite fails on it (SQLITE_CANTOPEN), which its callers name.
  if (untouched && readableOnly(file)) return readIntoMemory(file);
  return untouched ? new Database(file, { fileMustExist: true }) : openBesideLog(file);
}
