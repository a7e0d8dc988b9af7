/**
 * doctor's database check: the file (or what is left where it should be),
 * its modes, its integrity, its migrations, the key that opens it, and what
 * an interrupted restore left beside it. Reads only.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Config } from '../config/env';
import type { Channel } from '../domain/channel';
import { databaseFile, isDatabaseDamaged } from '../store/db';
import { keptCopyKey, keptLineFiles, removeCommand } from '../store/kept-lines';
import { keptAside, lineCopyProblem, replacedLineProblem, replacedLines, rescueCopies, stagedCopyProblem, strayLogProblem } from '../store/kept-aside';
import { keyOpens, ROTATION_UNDER_WAY } from '../store/key-state';
import { toMend } from '../store/edited-migrations';
import { migrationFiles } from '../store/migrate';
import { appliedNames, readApplied } from '../store/migration-names';
import { notALineProblem } from '../store/line-file';
import { openToRead, ReadNeedsWrite } from '../store/open-to-read';
import { unwritableLineProblem } from '../store/unwritable-line';
import { Vault } from '../store/vault';
import { openRecord } from '../store/buddy-numbers';
import { buddyRowsToMend } from '../store/buddy-numbers-mend';
import { DATABASE_IN_USE, isDatabaseBusy } from './cli-errors';
import { counted } from './counted';
import { missingFromSchema } from './doctor-schema';
import { bad, ok, readableByOthers, warn, type CheckResult } from './doctor-check';
import { checkChannels } from './doctor-channels';
import { checkDelivery } from './doctor-delivery';
import { latestMigration } from './line';
import { adminCommand } from '../util/admin-command';

/**
 * The database and its -wal and -shm, which hold its latest pages: a crashed
 * line copied without keeping modes can leave them readable while the
 * database is not (the server tightens them at start). Read before doctor
 * opens the database, which may make them.
 */
function databaseModes(file: string): CheckResult[] {
  return [file, `${file}-wal`, `${file}-shm`].flatMap((f) => readableByOthers('database file mode', f));
}

/** The copy a restore stages before its swap, left when the restore was killed (onto an empty DATA_DIR too): a whole backup that nothing else removes. */
function stagedCopies(file: string): CheckResult[] {
  return [`${file}.restoring`, `${file}.restoring-wal`, `${file}.restoring-shm`]
    .filter((f) => fs.existsSync(f))
    .map((f) => bad('restore', `${f} was left by a restore that did not finish: delete it, or run ${adminCommand('restore')} again (it is a copy of the backup and keeps what retention erased)`));
}

/**
 * DATA_DIR itself, before anything is looked up in it: missing (a fresh
 * checkout, or a mistyped variable), not a folder, or closed to this user.
 * Null when it can be read.
 */
function dataDirProblem(dir: string): string | null {
  const closed = `cannot read ${dir}: run doctor as the user that runs the line`;
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(dir, { throwIfNoEntry: false });
  } catch {
    // A folder on the way this user may not enter.
    return closed;
  }
  if (!stat) return `${dir} does not exist: check DATA_DIR, or start the server once`;
  if (!stat.isDirectory()) return `${dir} is not a folder: check DATA_DIR`;
  try {
    fs.readdirSync(dir);
    return null;
  } catch {
    return closed;
  }
}

/**
 * The migrations the database records, by name as the server matches them
 * (a number alone said "up to date" of a line whose 0043 never ran).
 */
function checkMigrations(db: Database.Database): CheckResult {
  const recorded = readApplied(db);
  const files = migrationFiles();
  const names = appliedNames(recorded, files);
  const schema = Math.max(0, ...recorded.map((r) => r.version));
  const known = latestMigration();
  if ('problem' in names) {
    if (schema > known) return bad('migrations', `the database has schema ${schema}, newer than this version knows (${known}): upgrade Heads Up`);
    return bad('migrations', `${names.problem} (the server refuses to start on it)`);
  }
  const done = new Set(names.rows.map((r) => r.name));
  const pending = files.filter((f) => !done.has(f)).length;
  const now = Math.max(0, ...names.rows.map((r) => r.version));
  if (pending > 0) {
    // 0063 among them: its mend (below) waits too, and a copy of the file shows which members asked one number until then.
    const buddyRows = buddyRowsToMend(db);
    const also = buddyRows > 0 ? `, and indexes ${counted(buddyRows, 'buddy link or decline', 'buddy links and declines')} kept before 0063 by member` : '';
    return ok('migrations', `schema ${now}; the server applies ${counted(pending, 'newer migration')} at start${also}`);
  }
  // Made by the server at start (store/edited-migrations.ts).
  const mend = toMend(db, done);
  if (mend.length > 0) return ok('migrations', `schema ${now}; the server makes at start what later edits of ${mend.join(', ')} added`);
  const missing = missingFromSchema(db);
  // Made by the server at start (store/buddy-numbers-mend.ts): until then a copy of the file shows which members asked one number.
  const buddyRows = missing.length === 0 ? buddyRowsToMend(db) : 0;
  if (buddyRows > 0) return ok('migrations', `schema ${now}; the server indexes ${counted(buddyRows, 'buddy link or decline', 'buddy links and declines')} kept before 0063 by member at start`);
  if (missing.length === 0) return ok('migrations', `schema ${now}, up to date`);
  const named = missing.length > 5 ? `${missing.slice(0, 5).join(', ')} and ${missing.length - 5} more` : missing.join(', ');
  return bad('migrations', `schema ${now}, but the database lacks ${named}, which its migrations make now (one was changed after it ran here): what uses them fails as the line runs; report this line to the Heads Up project`);
}

/**
 * Buddy number records that no longer open (damaged): a warning, since the
 * server rebuilds each from the links when her number is read
 * (buddy-numbers.ts). One unseal a number, with the key that opens the line.
 */
function checkBuddyRecords(db: Database.Database, key: Uint8Array): CheckResult[] {
  if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'buddy_numbers'").get() === undefined) return [];
  const rows = db.prepare('SELECT id, record_ct, key_version FROM buddy_numbers').all() as Array<{ id: number; record_ct: Buffer; key_version: number }>;
  const damaged = rows.filter((r) => {
    try {
      openRecord(new Vault(key, r.key_version), r);
      return false;
    } catch {
      return true;
    }
  }).length;
  if (damaged === 0) return [];
  return [warn('buddies', `${counted(damaged, 'buddy number record does', 'buddy number records do')} not open (damaged): the server finds her links without it, and rebuilds it from them at its next start`)];
}

/**
 * `twilioUpgraded`: Twilio says the account is no trial now (its trial refusals in the outbox are from before);
 * `sends`: the channels the line sends on (those it does not, with people on them, are warned of).
 */
export function checkDatabase(config: Config, key: { key: Uint8Array; file?: string } | null, twilioUpgraded = false, sends?: (channel: Channel) => boolean): CheckResult[] {
  const dirProblem = dataDirProblem(config.dataDir);
  if (dirProblem) return [bad('database', dirProblem)];
  const file = databaseFile(config.dataDir);
  const aside = `${file}.before-restore`;
  if (!fs.existsSync(file)) {
    // An earlier version's restore, killed between its renames, left the line here (the server refuses to start beside it).
    if (fs.existsSync(aside)) {
      return [bad('database', `no database at ${file}, but ${aside}, left by an interrupted restore: run ${adminCommand('restore')} again with the backup (the server refuses to start until then)`)];
    }
    // A rescue copy the server wrote, or what an interrupted restore left: the newest is named (the start refuses beside them).
    const copy = lineCopyProblem(file);
    if (copy) return [bad('database', copy), ...stagedCopies(file)];
    // A restore killed at its swap with no database there: the line's last writes are in the log it kept (the start refuses beside it).
    const stray = strayLogProblem(file);
    if (stray) return [bad('database', stray), ...stagedCopies(file)];
    // Its database moved or removed after a crash: the log holds the old line's last writes (the server refuses to start beside it).
    if (fs.existsSync(`${file}-wal`)) {
      return [
        bad(
          'database',
          `no database at ${file}, but its write-ahead log ${file}-wal: put the database back beside it, or run ${adminCommand('restore')} with the latest backup (it keeps the log aside, renamed; the server refuses to start until then)`,
        ),
        ...stagedCopies(file),
      ];
    }
    // Beside the staged copy the start refuses: "start the server once" would be advice it does not take.
    // Nor beside the line a restore replaced, which is named (the start refuses beside it too).
    return [bad('database', stagedCopyProblem(file) ?? replacedLineProblem(file) ?? `no database at ${file}: start the server once, or restore a backup`), ...stagedCopies(file)];
  }
  const leftover = fs.existsSync(aside)
    ? [bad('restore', `${aside} was left by an interrupted restore and may be the newest copy of the line: run ${adminCommand('restore')} again with the backup (it keeps that file under a dated name)`)]
    : [];
  // The write-ahead log a restore kept aside (no database was beside it) holds the old line's last pages.
  const base = path.basename(file);
  for (const stray of fs.readdirSync(path.dirname(file)).filter((f) => f.startsWith(`${base}-`) && f.includes('.stray-'))) {
    leftover.push(bad('restore', `${path.join(path.dirname(file), stray)} was kept aside by a restore: delete it once the line is right (it keeps what retention erased)`));
  }
  // One an interrupted restore set aside, which the next restore kept (its WAL goes with it): maybe newer than the line now.
  for (const kept of keptAside(file)) {
    leftover.push(bad('restore', `${kept} was kept aside by a restore (the line as an interrupted restore left it): delete it once the line is right (it keeps what retention erased)`));
  }
  // A warning, not a failure: every restore that worked leaves one, and a doctor failing after each would teach that FAIL can wait.
  for (const replaced of replacedLines(file)) {
    leftover.push(warn('restore', `${replaced} is the line a restore replaced (from before it; never put it back as heads-up.db): delete it once you are sure the restored line is the one you want (it keeps what retention erased)`));
  }
  // Beside a database, older than it (put back or restored since): with no database later, the start would name it as the line.
  for (const rescue of rescueCopies(file)) {
    leftover.push(warn('restore', `${rescue} is a copy the server wrote when its database was removed while it ran: delete it only if the database's own moved files were put back since; if a backup was copied in or restored instead, this copy is newer: stop the server and run ${adminCommand(`restore ${rescue}`)} (left, it would be offered as the line should the database be lost)`));
  }
  leftover.push(...stagedCopies(file));
  // What stops the server's start (a read-only disk, a file closed to this user) though the file may read well.
  const unwritable = unwritableLineProblem(config.dataDir);
  const modes = [...(unwritable ? [bad('database', unwritable)] : []), ...databaseModes(file)];
  let db: Database.Database;
  try {
    db = openToRead(file);
  } catch (err) {
    // Held by restore or rotate-key (its first page is read as it opens).
    if (isDatabaseBusy(err)) return [bad('database', DATABASE_IN_USE)];
    if (isDatabaseDamaged(err)) return [bad('database', `${file} is damaged: restore the latest backup`), ...modes, ...leftover];
    // Says itself why, and the write problem after it says it again.
    if (err instanceof ReadNeedsWrite) return [bad('database', err.message), ...databaseModes(file), ...leftover];
    return [bad('database', `cannot open ${file}: ${(err as Error).message}`), ...modes, ...leftover];
  }
  const damaged = bad('database', `${file} is damaged: restore the latest backup`);
  try {
    const results: CheckResult[] = [];
    let integrity: unknown;
    try {
      integrity = db.pragma('quick_check', { simple: true });
    } catch (err) {
      // Held by restore or rotate-key: "damaged" would send the operator to restore a backup.
      if (isDatabaseBusy(err)) return [bad('database', DATABASE_IN_USE)];
      // Only SQLite's word that the file is damaged says so: "damaged" sends the operator to a backup, losing what came since.
      if (!isDatabaseDamaged(err)) return [bad('database', `cannot read ${file}: ${(err as Error).message}`), ...modes, ...leftover];
      integrity = 'not a database';
    }
    results.push(integrity === 'ok' ? ok('database', `${file} opens and passes its integrity check`) : damaged);
    results.push(...modes);
    // Nothing more can be read from a damaged file: the checks below would only throw.
    if (integrity !== 'ok') return results;
    // An empty file or another application's passes its integrity check: "damaged" would hide what it is.
    const problem = notALineProblem(file);
    if (problem) return [bad('database', `${problem} (the server refuses to start on it)`), ...modes, ...leftover];
    results.push(checkMigrations(db));
    if (key) {
      const verdict = keyOpens(db, new Vault(key.key));
      if (verdict === 'match') results.push(ok('key', 'the master key opens this database'), ...checkBuddyRecords(db, key.key));
      else if (verdict === 'empty') results.push(ok('key', 'nothing sealed yet to check the key against'));
      else if (verdict === 'rotating') results.push(bad('key', ROTATION_UNDER_WAY));
      // A line on a development key file: HEADSUP_MASTER_KEY is nowhere to be found.
      else if (key.file) results.push(bad('key', `HEADSUP_MASTER_KEY is not set, and the development key file ${key.file} does not open this database: put back the key file it was made with, or set HEADSUP_MASTER_KEY to that key; if rotate-key was stopped as it finished, run it again with the same HEADSUP_NEW_MASTER_KEY`));
      else results.push(bad('key', 'HEADSUP_MASTER_KEY does not open this database: use the key it was written with or, if rotate-key has finished, the new key it was given'));
      // After a rotation, a copy kept under the retired (maybe leaked) key is the whole line for whoever holds that key.
      // Only with a key that opens the line: a wrong key would call every copy under the line's own key another's.
      const current = new Vault(key.key);
      for (const kept of verdict === 'match' ? keptLineFiles(file).filter((f) => keptCopyKey(f, current) === 'mismatch') : []) {
        leftover.push(warn('kept key', `${kept} is an old copy of a line that the line's master key does not open: it is sealed under another key (a retired one, if rotate-key ran since it was kept), and whoever holds that key reads it whole: delete it (${removeCommand([kept])})`));
      }
    }
    // What the outbox recorded of the line's own faults (its schema is as old as the line's first version).
    results.push(...checkDelivery(db, Date.now(), twilioUpgraded));
    if (sends) results.push(...checkChannels(db, sends));
    return [...results, ...leftover];
  } catch {
    // A file that passes quick_check may still not be a line's database (a table missing).
    return [damaged];
  } finally {
    db.close();
  }
}
