/**
 * Whether the file at the database's place is a Heads Up line. Anything
 * else there (an empty file touched by mistake, another application's
 * SQLite file) the server would migrate into a new, empty line that alerts
 * no one, while the operator believes the line is running.
 */
import fs from 'node:fs';
import { emptyBesideWal, emptyBesideWalProblem, openToRead } from './open-to-read';
import { adminCommand } from '../util/admin-command';

/** What a file that is no line holds: `empty` when nothing at all (nothing is lost by deleting it). */
export interface NotALine {
  cause: string;
  empty: boolean;
  /** A 0-byte file beside a write-ahead log that may hold the whole line. */
  besideWal?: boolean;
}

/**
 * Why `file` (which exists) is not a Heads Up line, or null when it is one.
 * Reads only, through its write-ahead log too (a line killed before its
 * first checkpoint has its tables there). A damaged file throws SQLite's
 * error, as opening it would. A 0-byte file beside a WAL is not opened
 * (SQLite would delete the WAL): `besideWal` says so.
 */
export function notALine(file: string): NotALine | null {
  if (emptyBesideWal(file)) return { cause: 'an empty file (0 bytes) beside its write-ahead log', empty: false, besideWal: true };
  // An empty file opens as an empty database: nothing to read, and nothing to make beside it.
  if (fs.statSync(file).size === 0) return { cause: 'an empty file (0 bytes)', empty: true };
  const db = openToRead(file);
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>;
    // Every Heads Up database has had its migrations table since its first start.
    if (tables.some((t) => t.name === 'schema_migrations')) return null;
    if (tables.length === 0) return { cause: 'an empty database (no tables)', empty: true };
    return { cause: `an SQLite database with ${tables.length} ${tables.length === 1 ? 'table' : 'tables'}, none of them Heads Up's`, empty: false };
  } finally {
    db.close();
  }
}

/** What the operator reads when `file` is no line: its cause and what to do; null for a line. */
export function notALineProblem(file: string): string | null {
  const found = notALine(file);
  if (!found) return null;
  if (found.besideWal) return emptyBesideWalProblem(file);
  return found.empty
    ? `${file} is ${found.cause}, not a Heads Up line: if the line was there, put its database back or run ${adminCommand('restore')} with the latest backup; if the file was made by mistake, delete it and start again to make a new line`
    : `${file} is not a Heads Up line (${found.cause}): move it away, then put the line's database there or run ${adminCommand('restore')} with the latest backup`;
}
