/**
 * Restore: a backup becomes the database of a stopped line. The backup is
 * checked first (intact, not from a newer schema, made under this key),
 * copied beside the database and migrated there; only then is the current
 * database given a second name (set aside) and the copy renamed over it, so
 * that the line's path never lacks a database. The set-aside file
 * is put back if anything fails, and kept under a dated name once the restored
 * database has opened and passed its checks (the operator deletes it); with no database there, a check that fails
 * leaves the folder as it was. With no database at the path (or a 0-byte
 * file, which SQLite would open by deleting the WAL), a WAL left
 * there (by the database that was) is renamed and kept, never replayed, and
 * so is a database an earlier restore set aside and left there (beside a
 * database too, unless it is a second name of that one): restore never
 * deletes what may be the line's newest copy.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { copyDatabase, countTables, DatabaseLocked, type LineCounts } from './backup';
import { Db, isDatabaseDamaged } from './db';
import { takeExclusiveLock } from './exclusive-open';
import { giveFolderOwner } from './file-owner';
import { dropRestoredRescue, keptAside, replacedLines } from './kept-aside';
import { migrate } from './migrate';
import { emptyBesideWal } from './open-to-read';
import { sameFile } from './same-file';
import { checkBackup, inspectDatabase, refuseMidRotation, RestoreRefused } from './restore-checks';
import { markRestoredCheckins } from './restored-checkins';
import { liveOutboxCounter, skipLostOutboxIds } from './restored-outbox-ids';
import { forgetRestoredReportReads, waitingAlertCopies, type WaitingAlert } from './restored-waiting';
import type { Vault } from './vault';
import { adminCommand } from '../util/admin-command';

/**
 * Frees `aside`'s names beside a database for this run; returns the name
 * under which it kept what an earlier run left there, if anything.
 */
function clearAside(target: string, aside: string): string | null {
  // Another file beside a live database was left by a restore killed after its swap: the line that restore replaced, from before
  // it, kept under that name (as .kept- the start offered it as the newest copy of the line, undoing every join and STOP since).
  if (fs.existsSync(aside) && !sameFile(aside, target)) return keepLeftAside(aside, `${target}.replaced-`);
  // An earlier run's -wal or -shm is another database's (replayed over the line, it emptied it): kept. Only a second name of the
  // database still at `target` (a run killed before its swap) is removed: nothing is lost with it.
  const earlier = fs.existsSync(`${aside}-wal`) || fs.existsSync(`${aside}-shm`);
  if (earlier) return keepLeftAside(aside);
  fs.rmSync(aside, { force: true });
  return null;
}

/**
 * Gives a file (the database, or a log kept with it) a second name, `aside`,
 * leaving it at `target`: a hard link, or a copy where links are not
 * supported (a FAT or exFAT disk).
 */
function keepAside(target: string, aside: string): void {
  try {
    fs.linkSync(target, aside);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw err;
    fs.copyFileSync(target, aside, fs.constants.COPYFILE_EXCL);
  }
}

/**
 * Holds the line's database as its only user until the swap, by a bare
 * exclusive lock that reads none of its pages: a damaged database (the
 * reason to restore) is held too, and a server that has it open still makes
 * the lock fail; one left mid-rotation is refused. `locked` is false for a file
 * with no database header, which SQLite cannot lock and no server can be using.
 */
function holdLive(target: string): { sqlite: Database.Database; locked: boolean } {
  const sqlite = new Database(target, { fileMustExist: true });
  try {
    takeExclusiveLock(sqlite);
    refuseMidRotation(sqlite, target);
    return { sqlite, locked: true };
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_NOTADB') return { sqlite, locked: false };
    sqlite.close();
    throw err;
  }
}

/** Folds the held database's WAL into its main file, so no WAL is left to orphan; false where damage prevents it. */
function foldWal(sqlite: Database.Database): boolean {
  try {
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    sqlite.pragma('journal_mode = DELETE');
    return true;
  } catch (err) {
    if (isDatabaseDamaged(err)) return false;
    throw err;
  }
}

/**
 * What a restore did: the restored line's counts, the stray WAL files and the set-aside database it kept under new names, how many check-ins
 * came back running (marked: the server's start gives each a grace, jobs/checkin-restored.ts), how many reports wait (none counted as read), the alerts whose copies wait.
 */
export type RestoreResult = LineCounts & { setAside: string[]; keptAside: string[]; runningCheckins: number; pendingReports: number; waitingAlerts: WaitingAlert[]; replaced: Replaced | null; rescueDeleted: string | null };

/** The line a restore replaced, kept under a dated name (sealed, as the database is) until the operator deletes it; its counts, null where they could not be read (a damaged file). */
export interface Replaced {
  file: string;
  counts: LineCounts | null;
}

/** The counts of the line about to be replaced, or null where they cannot be read (damaged, or a schema too old to count). */
function countsOf(sqlite: Database.Database): LineCounts | null {
  try {
    return countTables(sqlite);
  } catch {
    return null;
  }
}

/** A time for the names of kept files: sorts, and has no colon (not allowed on some disks). */
const stampNow = () => new Date().toISOString().slice(0, 19).replace(/:/g, '');

/**
 * Renames the WAL and shared-memory files of a database no longer beside
 * them (moved away, or removed after a crash): SQLite would replay that WAL
 * over the restored database. Kept, not deleted: it may hold the old line's
 * last writes.
 */
function setStrayWalAside(target: string): Array<{ from: string; to: string }> {
  let stamp = stampNow();
  // Two within a second: a rename onto an earlier run's stray log replaced it.
  for (let n = 2; ['-wal', '-shm'].some((end) => fs.existsSync(`${target}${end}.stray-${stamp}`)); n++) stamp = `${stampNow()}-${n}`;
  const moved: Array<{ from: string; to: string }> = [];
  for (const from of [`${target}-wal`, `${target}-shm`]) {
    if (!fs.existsSync(from)) continue;
    const to = `${from}.stray-${stamp}`;
    fs.renameSync(from, to);
    moved.push({ from, to });
  }
  return moved;
}

/**
 * Renames the database an earlier version's restore set aside and left with
 * no database at the path (killed between its renames): it is the line as
 * it was, maybe newer than any backup, so it is kept, never deleted, with
 * its WAL and shared-memory files under the matching names (SQLite opens
 * them together). Only once the restored database is in place and checked:
 * renamed before, a restore killed at its swap left nothing the start knew.
 */
function keepLeftAside(aside: string, base = `${aside}.kept-`): string {
  // A name free for each file, or already a second name of it (a run killed while keeping it): two keeps within a second never replace each other.
  const free = (name: string) => ['', '-wal', '-shm'].every((end) => !fs.existsSync(`${name}${end}`) || (end !== '' && fs.existsSync(`${aside}${end}`) && sameFile(`${aside}${end}`, `${name}${end}`)));
  let kept = `${base}${stampNow()}`;
  for (let n = 2; !free(kept); n++) kept = `${base}${stampNow()}-${n}`;
  const moved = ['', '-wal', '-shm'].filter((end) => fs.existsSync(`${aside}${end}`));
  const logs = moved.filter((end) => end !== '');
  // The logs are given their kept names first and the database is renamed last, the one step that moves the set: killed at any
  // point, the database is beside its log under one name or the other (renamed first, a kill left it kept without its log).
  for (const end of logs) if (!fs.existsSync(`${kept}${end}`)) keepAside(`${aside}${end}`, `${kept}${end}`);
  if (moved.includes('')) fs.renameSync(aside, kept);
  for (const end of logs) fs.rmSync(`${aside}${end}`, { force: true });
  // The name of a file that is there: a log kept alone is named by its own.
  return `${kept}${moved[0] ?? ''}`;
}

/** Restores `backup` into `target` (the line's database path); throws DatabaseInUseError while a server has it open. */
export async function restoreDatabase(backup: string, target: string, vault: Vault, latestKnown: number): Promise<RestoreResult> {
  // The database held exclusively below cannot be read as the backup: the copy came out empty and replaced the line.
  if (fs.existsSync(target) && sameFile(backup, target)) throw new RestoreRefused(`${backup} is the line's database itself: restore a backup file (${adminCommand('backup FILE')} makes one)`);
  // Its staged copy is deleted first, a set-aside database moved or deleted: restored from, the line became an empty one.
  const own = [`${target}.restoring`, `${target}.before-restore`, ...keptAside(target), ...replacedLines(target)];
  if (fs.existsSync(backup) && own.some((f) => fs.existsSync(f) && sameFile(backup, f))) {
    throw new RestoreRefused(`${backup} is a file restore makes or keeps beside the line: copy it elsewhere first, and restore that copy`);
  }
  checkBackup(backup, vault, latestKnown);
  // Held from here to the swap: no server can open the database meanwhile.
  // A 0-byte file beside a WAL is not opened (SQLite would delete that WAL): the WAL is kept as a stray one.
  const live = fs.existsSync(target) && !emptyBesideWal(target) ? holdLive(target) : null;
  const staged = `${target}.restoring`;
  const aside = `${target}.before-restore`;
  // A damaged database's WAL cannot be folded in, so it is set aside with it (never read as the restored one's), and put back with it:
  // only the one this run moved (one an earlier run left there is another database's).
  let walMoved = false;
  // Whether `aside` is this run's second name of the database: one an earlier run left is never removed.
  let madeAside = false;
  const putWalBack = () => {
    if (walMoved && fs.existsSync(`${aside}-wal`) && !fs.existsSync(`${target}-wal`)) fs.renameSync(`${aside}-wal`, `${target}-wal`);
  };
  // Left by an earlier version's restore, with no database at the path: the line as it was, kept under its name until the end.
  const leftAside = !live && fs.existsSync(aside);
  let stray: Array<{ from: string; to: string }> = [];
  const kept: string[] = [];
  let [runningCheckins, pendingReports] = [0, 0];
  let replacedCounts: LineCounts | null = null;
  try {
    fs.rmSync(staged, { force: true });
    fs.closeSync(fs.openSync(staged, 'wx', 0o600));
    // Run as root over another user's line: the copy, and so the restored database, is that user's (the server runs as them).
    giveFolderOwner([staged]);
    const source = new Database(backup, { readonly: true, fileMustExist: true });
    try {
      await copyDatabase(source, staged);
    } catch (err) {
      if (err instanceof DatabaseLocked) throw new RestoreRefused(`${backup} is in use by another process: restore it once that has finished`);
      throw err;
    } finally {
      source.close();
    }
    // An older backup gets this version's schema before it goes live.
    const copy = new Db(staged);
    try {
      try {
        migrate(copy);
      } catch (err) {
        throw new RestoreRefused(`${backup} cannot be brought up to this version's schema (${(err as Error).message}): restore another backup`);
      }
      // Marked in the copy, before it goes live: no server can see one of them unmarked (nor a report read before an EDIT the restore undoes).
      runningCheckins = markRestoredCheckins(copy);
      pendingReports = forgetRestoredReportReads(copy);
      // Nor can it hand out again an outbox id the lost future used, nor one the line replaced used (a backup restored twice): a late callback names its row by id.
      skipLostOutboxIds(copy, live?.locked ? liveOutboxCounter(live.sqlite) : 0);
    } finally {
      copy.close();
    }
    if (live) {
      // Counted before it goes: the operator is told what the backup replaced (an older backup over a newer line loses what came since).
      replacedCounts = live.locked ? countsOf(live.sqlite) : null;
      const folded = live.locked && foldWal(live.sqlite);
      const earlier = clearAside(target, aside);
      if (earlier) kept.push(earlier);
      madeAside = true;
      keepAside(target, aside);
      if (!folded) {
        if (fs.existsSync(`${target}-wal`)) {
          fs.renameSync(`${target}-wal`, `${aside}-wal`);
          walMoved = true;
        }
        fs.rmSync(`${target}-shm`, { force: true });
      }
    } else {
      stray = setStrayWalAside(target);
    }
    // One rename over the old name: a restore killed at any moment leaves a database at `target`
    // (setting it aside by a rename first left none, and a server started then made an empty line).
    fs.renameSync(staged, target);
  } catch (err) {
    fs.rmSync(staged, { force: true });
    // Not yet swapped: the aside file this run made is only a second name (or a copy) of the database still at `target`.
    if (madeAside) fs.rmSync(aside, { force: true });
    putWalBack();
    // Not swapped: a stray WAL goes back to where the operator left it.
    for (const m of stray) if (!fs.existsSync(m.from)) fs.renameSync(m.to, m.from);
    throw err;
  } finally {
    live?.sqlite.close();
  }
  try {
    const check = new Db(target);
    try {
      migrate(check);
      inspectDatabase(check.sqlite, target, vault, latestKnown);
    } finally {
      check.close();
    }
  } catch (err) {
    if (madeAside && fs.existsSync(aside)) {
      fs.rmSync(`${target}-wal`, { force: true });
      fs.rmSync(`${target}-shm`, { force: true });
      fs.renameSync(aside, target);
      putWalBack();
    } else if (!live) {
      // No database was there: the folder goes back as the operator left it (a line left aside stays so, a stray WAL returns).
      for (const f of [target, `${target}-wal`, `${target}-shm`]) fs.rmSync(f, { force: true });
      for (const m of stray) if (!fs.existsSync(m.from)) fs.renameSync(m.to, m.from);
    }
    throw err;
  }
  if (leftAside) kept.push(keepLeftAside(aside));
  // The line it replaced is kept, never deleted: a backup older than the operator thought would otherwise lose all since.
  // Under its own name: a .kept- file is what an interrupted restore left, which the start offers as the line.
  const replaced = madeAside ? { file: keepLeftAside(aside, `${target}.replaced-`), counts: replacedCounts } : null;
  // Copied where a link could not be made, it would be root's: the line's files are its owner's, mode 0600 (sealed data beyond retention).
  if (replaced) {
    giveFolderOwner([replaced.file]);
    fs.chmodSync(replaced.file, 0o600);
  }
  // The line now: a rescue copy restored from is deleted (kept, it was later named as the line's newest copy).
  const rescueDeleted = dropRestoredRescue(backup, target);
  const counts = new Db(target);
  try {
    return { ...countTables(counts.sqlite), setAside: stray.map((m) => m.to), keptAside: kept, runningCheckins, pendingReports, waitingAlerts: waitingAlertCopies(counts), replaced, rescueDeleted };
  } finally {
    counts.close();
    // A log its last close could not remove is the line's too.
    giveFolderOwner([`${target}-wal`, `${target}-shm`]);
  }
}
