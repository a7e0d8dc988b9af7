/**
 * Online backups: a consistent copy of the database through SQLite's backup
 * API, taken from its own read connection, so the server keeps reading and
 * writing (WAL mode: a reader never blocks the writer) while it runs.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { isDatabaseDamaged } from './db';
import { refusalMessage, type RefusalAdvice } from './file-refusal';
import { openToRead, ReadNeedsWrite } from './open-to-read';
import { COUNT_SUBSCRIBED_PEOPLE } from './subscriptions';
import { adminCommand } from '../util/admin-command';

/** What a copy of the line holds, in counts only. */
export interface LineCounts {
  /** People subscribed: not the rows kept only to reach a moderator or a buddy, nor a stopped number; both channels of one number once. */
  members: number;
  reports: number;
  alerts: number;
}

/** Counts members, reports and alerts through an open connection. */
export function countTables(db: Database.Database): LineCounts {
  const n = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const members = (db.prepare(COUNT_SUBSCRIBED_PEOPLE).get() as { n: number }).n;
  return { members, reports: n('reports'), alerts: n('alerts') };
}

/** A backup that could not be made; the message says why and what to do. Nothing was left at the destination. */
export class BackupFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupFailed';
  }
}

/** Another process holds the database locked (restore, rotate-key). */
export class DatabaseLocked extends Error {
  constructor() {
    super('the database is locked by another process');
    this.name = 'DatabaseLocked';
  }
}

/**
 * Copies an open database into `dest`: after the first step the rest in one
 * step. better-sqlite3 reports a source another process holds locked as a
 * finished copy of no pages; that is refused, never taken for a copy.
 */
export async function copyDatabase(db: Database.Database, dest: string): Promise<void> {
  const { totalPages } = await db.backup(dest, { progress: () => 1 << 30 });
  if (totalPages === 0) throw new DatabaseLocked();
}

/** Why a backup is refused while rotate-key has not finished. */
const ROTATION_UNFINISHED =
  'a key rotation was interrupted, so no backup was written (restore would refuse it): run rotate-key again with HEADSUP_NEW_MASTER_KEY to finish it, then back up';

/** Whether the copy records an interrupted rotate-key (checked on the copy: it is the snapshot that would be restored). */
function rotationUnfinished(db: Database.Database): boolean {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'key_rotation'").get();
  return table !== undefined && db.prepare('SELECT 1 FROM key_rotation').get() !== undefined;
}

function damaged(source: string): BackupFailed {
  return new BackupFailed(`${source} is damaged, so no backup was written: keep your earlier backups, and run ${adminCommand('doctor')}`);
}

/** What to do when the backup's destination refuses this user. */
export const DESTINATION_ADVICE: RefusalAdvice = {
  denied: 'back up to a folder this user may write, or run as the user that runs the line',
  readOnly: 'back up to a disk mounted for writing',
};

/** What a failed copy (or a failed read of its source) means for the operator, or null for a failure it cannot name. */
export function explainBackupFailure(err: unknown, source: string, dest: string): BackupFailed | null {
  if (err instanceof BackupFailed) return err;
  if (err instanceof ReadNeedsWrite) return new BackupFailed(err.message);
  // Only the copy is written: a folder closed to this user, or a read-only disk, refuses the file asked for (not its .partial).
  const refused = refusalMessage(err, 'write', dest, DESTINATION_ADVICE);
  if (refused) return new BackupFailed(refused);
  const code = String((err as { code?: unknown }).code ?? '');
  if (err instanceof DatabaseLocked || code === 'SQLITE_BUSY') return new BackupFailed('the database is in use by restore or rotate-key: back up once it has finished');
  if (isDatabaseDamaged(err)) return damaged(source);
  if (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR') || ['ENOSPC', 'EDQUOT', 'EIO', 'EFBIG'].includes(code)) {
    return new BackupFailed(`could not write ${dest} (${(err as Error).message}): no backup was written; free some space on that disk, or back up to another one`);
  }
  return null;
}

/**
 * Moves the finished copy to its name without ever overwriting a file there:
 * a hard link fails if the name exists. Where links are not supported (a
 * FAT or exFAT stick), a rename after checking the name is free.
 */
function publish(partial: string, dest: string): void {
  try {
    fs.linkSync(partial, dest);
    fs.rmSync(partial);
    return;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'EEXIST') throw new BackupFailed(`${dest} appeared while the backup ran: choose a new file name (backups are never overwritten)`);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw err;
  }
  if (fs.existsSync(dest)) throw new BackupFailed(`${dest} appeared while the backup ran: choose a new file name (backups are never overwritten)`);
  fs.renameSync(partial, dest);
}

/**
 * Copies `source` into `dest`, which must not exist yet and is created mode
 * 0600 (SQLite gives its temporary journal the same mode). The copy is made
 * as `dest.partial` and takes its name only once it is complete and has
 * passed its integrity check: an interrupted or failed backup never leaves a
 * file that looks like one. The rest is copied in one step after the first:
 * a step that another process's write interrupts starts the copy again, and
 * small steps could chase a busy server forever. One step holds only a read
 * snapshot, which never blocks the server's writes. Returns the size of the
 * copy in bytes and what it holds.
 */
export async function backupDatabase(source: string, dest: string): Promise<{ size: number; counts: LineCounts }> {
  if (!fs.existsSync(source)) throw new Error(`no database at ${source}`);
  const partial = `${dest}.partial`;
  const clean = () => {
    for (const f of [partial, `${partial}-journal`, `${partial}-wal`, `${partial}-shm`]) fs.rmSync(f, { force: true });
  };
  try {
    // Left by a backup that was killed: ours by its name.
    clean();
    // 'wx': never follow a planted link; 0600 before any byte is written.
    fs.closeSync(fs.openSync(partial, 'wx', 0o600));
  } catch (err) {
    // Nothing was made: a folder this user may not write, or a read-only disk.
    throw explainBackupFailure(err, source, dest) ?? err;
  }
  try {
    const db = openToRead(source);
    try {
      await copyDatabase(db, partial);
    } finally {
      db.close();
    }
    // The source is in WAL mode and so is the copy's header: fold the copy's own WAL (if any) back in.
    const copy = new Database(partial, { fileMustExist: true });
    let counts: LineCounts;
    try {
      copy.pragma('journal_mode = DELETE');
      const ok = copy.pragma('quick_check', { simple: true });
      if (ok !== 'ok') throw damaged(source);
      // Sealed under two keys, it could only be restored into another interrupted rotation: restore refuses it.
      if (rotationUnfinished(copy)) throw new BackupFailed(ROTATION_UNFINISHED);
      counts = countTables(copy);
    } finally {
      copy.close();
    }
    fs.chmodSync(partial, 0o600);
    const size = fs.statSync(partial).size;
    publish(partial, dest);
    return { size, counts };
  } catch (err) {
    clean();
    throw explainBackupFailure(err, source, dest) ?? err;
  }
}
