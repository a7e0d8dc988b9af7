/**
 * A rescue copy of the database as the server holds it, for when its file or
 * write-ahead log was removed while the server runs: the server's open
 * connection is then the only way left to what it wrote. SQLite's online
 * backup, read through that connection, into a new file beside the database.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Sqlite } from './db';

/** Writes the copy beside the database (in DATA_DIR, made again if it was removed) under a new name, 0600, and returns that name; a failed copy leaves no file. */
export async function writeRescueCopy(sqlite: Sqlite, now: number): Promise<string> {
  const name = `heads-up.rescued-${new Date(now).toISOString().replace(/[:.]/g, '-')}.db`;
  const dest = path.join(path.dirname(sqlite.name), name);
  // DATA_DIR itself removed (an rm -r): made again, as the start makes it, rather than lose the only copy.
  fs.mkdirSync(path.dirname(dest), { recursive: true, mode: 0o700 });
  // Made 0600 first (SQLite would make it 0644); never over a file already there.
  fs.closeSync(fs.openSync(dest, 'wx', 0o600));
  try {
    await sqlite.backup(dest);
  } catch (err) {
    for (const f of [dest, `${dest}-journal`, `${dest}-wal`, `${dest}-shm`]) fs.rmSync(f, { force: true });
    throw err;
  }
  return name;
}
