/** `heads-up purge`: runs retention now and says what it erased, in counts only. */
import { runRetention } from '../jobs/retention';
import { counted } from './counted';
import { openLineDatabase, readLineConfig } from './line';

/** Erases what is past RETENTION_DAYS and returns the line to print. */
export async function purgeCommand(now: number = Date.now()): Promise<string> {
  const { config, secrets } = readLineConfig();
  // As every admin command: another line's key, or an unfinished rotate-key, stops it before anything is written.
  const { db } = await openLineDatabase(config, secrets);
  try {
    const erased = runRetention(db, config.retentionDays, now);
    // Erased rows must not linger in the WAL either.
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    // Named as retention names them, count after name: "reports 1", never "1 reports".
    const parts = Object.entries(erased).map(([table, n]) => `${table} ${n}`);
    return `purge: erased what is older than ${counted(config.retentionDays, 'day')}: ${parts.join(', ')}`;
  } finally {
    db.close();
  }
}
