/** `heads-up restore FILE`: with the server stopped, a backup becomes the database in DATA_DIR. */
import fs from 'node:fs';
import path from 'node:path';
import { restoreDatabase } from '../store/restore';
import { cryptoReady, Vault } from '../store/vault';
import { CommandError } from './cli-errors';
import { lineCounts } from './counted';
import { databaseFile } from '../store/db';
import { latestMigration, readExistingKey, readLineConfig } from './line';

/** Restores the backup and returns the line to print. */
export async function restoreCommand(file: string): Promise<string> {
  const { config, secrets } = readLineConfig();
  const key = readExistingKey(config, secrets);
  if ('problem' in key) throw new CommandError(key.problem);
  const backup = path.resolve(file);
  if (!fs.existsSync(backup)) throw new CommandError(`${backup} does not exist`);
  await cryptoReady();
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const target = databaseFile(config.dataDir);
  // The key check compares indexes only, which do not depend on the key version.
  const n = await restoreDatabase(backup, target, new Vault(key.key), latestMigration());
  const done = `restore: ${target} now holds the backup ${backup}: ${lineCounts(n)}; start the server`;
  const lines = [done];
  // The write-ahead log of a database no longer there: not applied to the backup, kept in case it is wanted.
  if (n.setAside.length) lines.push(`restore: the write-ahead log left without its database was not applied, and is kept as ${n.setAside.join(' and ')}: delete it once the line is right`);
  // The line as an earlier restore left it, maybe newer than the backup: kept, as only the operator can say it is not wanted.
  for (const kept of n.keptAside) {
    lines.push(`restore: the database an interrupted restore set aside (the line as it was then, maybe newer than this backup) is kept as ${kept}: delete it once the line is right (it keeps what retention erased)`);
  }
  return lines.join('\n');
}
