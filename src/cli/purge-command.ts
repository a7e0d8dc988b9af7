/** `heads-up purge`: runs retention now and says what it erased, in counts only. */
import fs from 'node:fs';
import { runRetention } from '../jobs/retention';
import { databaseFile, Db } from '../store/db';
import { migrate } from '../store/migrate';
import { CommandError } from './cli-errors';
import { readLineConfig } from './line';

/** Erases what is past RETENTION_DAYS and returns the line to print. */
export function purgeCommand(now: number = Date.now()): string {
  const { config } = readLineConfig();
  const file = databaseFile(config.dataDir);
  if (!fs.existsSync(file)) throw new CommandError(`no database at ${file}: check DATA_DIR`);
  const db = new Db(file);
  try {
    // Retention knows this version's tables: a database not yet started since an upgrade gets them first, as at start.
    migrate(db);
    const erased = runRetention(db, config.retentionDays, now);
    // Erased rows must not linger in the WAL either.
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const parts = Object.entries(erased).map(([table, n]) => `${n} ${table}`);
    return `purge: erased what is older than ${config.retentionDays} days: ${parts.join(', ')}`;
  } finally {
    db.close();
  }
}
