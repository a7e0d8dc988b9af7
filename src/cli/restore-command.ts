/** `heads-up restore FILE`: with the server stopped, a backup becomes the database in DATA_DIR. */
import fs from 'node:fs';
import path from 'node:path';
import { refusalMessage } from '../store/file-refusal';
import { restoreDatabase } from '../store/restore';
import { cryptoReady, Vault } from '../store/vault';
import { CommandError } from './cli-errors';
import { keptCopyKey } from '../store/kept-lines';
import { counted, lineCounts } from './counted';
import { databaseFile } from '../store/db';
import { latestMigration, readExistingKey, readLineConfig } from './line';
import { adminCommand } from '../util/admin-command';

/** What to do when DATA_DIR refuses this user: restore as anyone else leaves a line its server cannot open. */
const DATA_DIR_ADVICE = { denied: 'run restore as the user that runs the line (nothing was changed)', readOnly: 'mount it for writing, then run restore again (nothing was changed)' };

/** Opens the backup to read it: a file or folder closed to this user is not "no backup", nor a damaged one. */
function readableBackup(backup: string): void {
  try {
    fs.closeSync(fs.openSync(backup, 'r'));
  } catch (err) {
    const refused = refusalMessage(err, 'read', backup, { denied: 'make it readable by the user that runs the line, and run restore as that user' });
    throw new CommandError(refused ?? `${backup} does not exist`);
  }
}

/**
 * DATA_DIR made if missing, and writable by this user, before anything is
 * staged there: the staged copy, the set-aside name and the database's own
 * journal all need it.
 */
function writableDataDir(dataDir: string): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    fs.accessSync(dataDir, fs.constants.W_OK | fs.constants.X_OK);
  } catch (err) {
    const refused = refusalMessage(err, 'write in', dataDir, DATA_DIR_ADVICE);
    throw refused ? new CommandError(refused) : err;
  }
  const target = databaseFile(dataDir);
  try {
    if (fs.existsSync(target)) fs.accessSync(target, fs.constants.R_OK | fs.constants.W_OK);
  } catch (err) {
    const refused = refusalMessage(err, 'write', target, DATA_DIR_ADVICE);
    throw refused ? new CommandError(refused) : err;
  }
}

/** Restores the backup and returns the line to print. */
export async function restoreCommand(file: string): Promise<string> {
  const { config, secrets } = readLineConfig();
  const key = readExistingKey(config, secrets);
  if ('problem' in key) throw new CommandError(key.problem);
  const backup = path.resolve(file);
  readableBackup(backup);
  await cryptoReady();
  writableDataDir(config.dataDir);
  const target = databaseFile(config.dataDir);
  // The key check compares indexes only, which do not depend on the key version.
  const vault = new Vault(key.key);
  const n = await restoreDatabase(backup, target, vault, latestMigration());
  const done = `restore: ${target} now holds the backup ${backup}: ${lineCounts(n)}; start the server`;
  const lines = [done];
  // Said beside the backup's counts: an older backup over a newer line shows fewer, and the line it replaced is not lost.
  if (n.replaced) {
    const what = n.replaced.counts ? `a line with ${lineCounts(n.replaced.counts)}` : 'a line whose counts could not be read';
    // Said only when true: a line under another key (a retired one) is readable by whoever holds that key.
    const sealed = { match: 'sealed under the key, as the database is', mismatch: 'sealed under another key than the line now: whoever holds that key reads it', unknown: 'its key could not be checked' }[keptCopyKey(n.replaced.file, vault)];
    lines.push(`restore: it replaced ${what}, kept as ${n.replaced.file} (${sealed}): delete it once you are sure the restored line is the one you want`);
  }
  // She may have ended one with OK since the backup: the start gives each a grace and asks her (jobs/checkin-restored.ts).
  // Said as the line acts: a later end is kept, and with no buddy and CHECKIN_FALLBACK=none no one is told.
  if (n.runningCheckins > 0) {
    lines.push(
      `restore: ${counted(n.runningCheckins, 'check-in was', 'check-ins were')} running when the backup was made, and ${n.runningCheckins === 1 ? 'runs' : 'run'} again (she may have ended hers since): start the server now; at its start each ends no sooner than 30 minutes from then (a later end stays) and she is texted to reply OK if she is safe; one not ended then is told as any missed check-in is: to her buddies, else to the moderators under CHECKIN_FALLBACK=moderators, else to no one`,
    );
  }
  // An EDIT made since the backup is undone: a SHOW from before no longer counts (the console's APPROVE of an edited one prints it first).
  if (n.pendingReports > 0) {
    lines.push(`restore: ${counted(n.pendingReports, 'report waits', 'reports wait')} for a moderator, each as it read in the backup (an EDIT made since is undone): SHOW each again before you APPROVE it`);
  }
  // They go at the first start, never held (an alert late can cost a life): the line cannot know which went since, nor a RETRACT since.
  for (const a of n.waitingAlerts) {
    const waiting = `${counted(a.copies, 'copy', 'copies')} of alert #${a.ref} ${a.copies === 1 ? 'was' : 'were'} waiting`;
    const what = !a.planning ? waiting : a.copies > 0 ? `${waiting}, and the rest still to be queued,` : `the copies of alert #${a.ref} were still to be queued`;
    lines.push(
      `restore: ${what} in the backup and go when the server starts (a member whose copy went out after the backup gets a second one): if #${a.ref} was retracted since the backup, RETRACT ${a.ref} again before you start the server`,
    );
  }
  // The write-ahead log of a database no longer there: not applied to the backup, kept in case it is wanted.
  if (n.setAside.length) lines.push(`restore: the write-ahead log left without its database was not applied, and is kept as ${n.setAside.join(' and ')}: delete it once the line is right`);
  // The line as an earlier restore left it, maybe newer than the backup: kept, as only the operator can say it is not wanted.
  for (const kept of n.keptAside) {
    // Beside a live database, what a restore killed after its swap set aside: the line it replaced, from before it.
    if (kept.includes('.replaced-')) lines.push(`restore: the line as it was before an interrupted restore is kept as ${kept}: if you did not mean that restore, stop the server and run ${adminCommand('restore')} with a copy of it made outside DATA_DIR; else delete it once the line is right (it keeps what retention erased)`);
    else lines.push(`restore: the database an interrupted restore set aside (the line as it was then, maybe newer than this backup) is kept as ${kept}: delete it once the line is right (it keeps what retention erased)`);
  }
  if (n.rescueDeleted) lines.push(`restore: the rescue copy ${n.rescueDeleted} was deleted: the restored line holds all of it`);
  return lines.join('\n');
}
