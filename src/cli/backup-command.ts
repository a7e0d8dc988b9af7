/** `heads-up backup FILE`: a consistent copy of the running line's database, mode 0600, with its counts. */
import fs from 'node:fs';
import path from 'node:path';
import { backupDatabase, BackupFailed, explainBackupFailure } from '../store/backup';
import { databaseFile } from '../store/db';
import { CommandError } from './cli-errors';
import { lineCounts } from './counted';
import { lineFile, readLineConfig } from './line';
import { shellWord } from '../util/shell-word';

/** Writes the backup and returns the line to print. */
export async function backupCommand(file: string): Promise<string> {
  const { config } = readLineConfig();
  const dest = path.resolve(file);
  let source: string;
  try {
    source = lineFile(config);
  } catch (err) {
    // Damaged, or held by restore or rotate-key: in the words of a copy that failed so.
    const failed = explainBackupFailure(err, databaseFile(config.dataDir), dest);
    throw failed ? new CommandError(failed.message) : err;
  }
  let there: fs.Stats | undefined;
  try {
    there = fs.statSync(dest, { throwIfNoEntry: false });
  } catch (err) {
    // A folder on the way this user may not enter.
    const failed = explainBackupFailure(err, source, dest);
    throw failed ? new CommandError(failed.message) : err;
  }
  if (there?.isDirectory()) {
    throw new CommandError(`${dest} is a folder: give a file name inside it (for example ${path.join(dest, `heads-up-${new Date().toISOString().slice(0, 10)}.db`)})`);
  }
  if (there) throw new CommandError(`${dest} already exists: choose a new file name (backups are never overwritten)`);
  // The README's cron line writes into a folder a fresh machine does not have: say how to make it (0700: backups hold the line).
  const folder = path.dirname(dest);
  if (!fs.existsSync(folder)) throw new CommandError(`${folder} does not exist: create it first (mkdir -m 700 -p -- ${shellWord(folder)}), then run backup again`);
  let made: Awaited<ReturnType<typeof backupDatabase>>;
  try {
    made = await backupDatabase(source, dest);
  } catch (err) {
    if (err instanceof BackupFailed) throw new CommandError(err.message);
    throw err;
  }
  const { size, counts } = made;
  return `backup: ${dest} (${size} bytes, mode 0600): ${lineCounts(counts)}`;
}
