/** `heads-up backup FILE`: a consistent copy of the running line's database, mode 0600, with its counts. */
import fs from 'node:fs';
import path from 'node:path';
import { backupDatabase, BackupFailed } from '../store/backup';
import { CommandError } from './cli-errors';
import { lineCounts } from './counted';
import { databaseFile } from '../store/db';
import { readLineConfig } from './line';

/** Writes the backup and returns the line to print. */
export async function backupCommand(file: string): Promise<string> {
  const { config } = readLineConfig();
  const source = databaseFile(config.dataDir);
  if (!fs.existsSync(source)) throw new CommandError(`no database at ${source}: check DATA_DIR`);
  const dest = path.resolve(file);
  if (fs.statSync(dest, { throwIfNoEntry: false })?.isDirectory()) {
    throw new CommandError(`${dest} is a folder: give a file name inside it (for example ${path.join(dest, `heads-up-${new Date().toISOString().slice(0, 10)}.db`)})`);
  }
  if (fs.existsSync(dest)) throw new CommandError(`${dest} already exists: choose a new file name (backups are never overwritten)`);
  if (!fs.existsSync(path.dirname(dest))) throw new CommandError(`${path.dirname(dest)} does not exist`);
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
