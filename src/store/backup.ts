/**
 * Online backups: a consistent copy of the database through SQLite's backup
 * API, taken from its own read connection, so the server keeps reading and
 * writing (WAL mode: a reader never blocks the writer) while it runs.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';

/** What a copy of the line holds, in counts only. */
export interface LineCounts {
  members: number;
  reports: number;
  alerts: number;
}

/** Counts members, reports and alerts through an open connection. */
export function countTables(db: Database.Database): LineCounts {
  const n = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { members: n('members'), reports: n('reports'), alerts: n('alerts') };
}

/** Counts members, reports and alerts in a database file, opened read-only. */
export function countLine(file: string): LineCounts {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return countTables(db);
  } finally {
    db.close();
  }
}

/**
 * Copies `source` into `dest`, which must not exist yet and is created mode
 * 0600 (SQLite gives its temporary journal the same mode). After the first
 * step the rest is copied in one step: a step that another process's write
 * interrupts starts the copy again, and small steps could chase a busy
 * server forever. One step holds only a read snapshot, which never blocks
 * the server's writes. Returns the size of the copy in bytes.
 */
export async function backupDatabase(source: string, dest: string): Promise<number> {
  if (!fs.existsSync(source)) throw new Error(`no database at ${source}`);
  // 'wx': never overwrite, never follow a planted link; 0600 before any byte is written.
  fs.closeSync(fs.openSync(dest, 'wx', 0o600));
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(dest, { progress: () => 1 << 30 });
  } catch (err) {
    fs.rmSync(dest, { force: true });
    throw err;
  } finally {
    db.close();
  }
  // The source is in WAL mode and so is the copy's header: fold the copy's own WAL (if any) back in.
  const copy = new Database(dest, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const ok = copy.pragma('quick_check', { simple: true });
    if (ok !== 'ok') throw new Error('the copy failed its integrity check');
  } finally {
    copy.close();
  }
  fs.chmodSync(dest, 0o600);
  return fs.statSync(dest).size;
}
