/** How an admin command fails: wrong use (usage, exit 2) or a failure it can name in one line (exit 1). */
import { isDatabaseDamaged } from '../store/db-file';
import { adminCommand } from '../util/admin-command';

/** The command line was wrong: print the usage and exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The command could not do its job; the message is the one line the operator sees. */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

/** What an operator reads when another process holds the database (SQLite only says "database is locked"). */
export const DATABASE_IN_USE =
  'another program holds the database: a restore or rotate-key at work (wait for it to finish, or stop it), or a program that opened the file (an sqlite3 shell, a database browser: close it); then run this again';

/** What an operator reads when the disk holding DATA_DIR is full (SQLite only says "database or disk is full"). */
export const DISK_FULL = 'the disk holding DATA_DIR is full: free some space there, then run this again';

/** What an operator reads when the database file is damaged (SQLite only says "file is not a database" or "malformed"). */
export const DATABASE_DAMAGED = `the database is damaged: run ${adminCommand('doctor')}, then restore the latest backup (${adminCommand('restore FILE')})`;

/** Whether SQLite refused because another process holds the database (restore and rotate-key hold it exclusively). */
export function isDatabaseBusy(err: unknown): boolean {
  return String((err as { code?: unknown } | null)?.code ?? '').startsWith('SQLITE_BUSY');
}

/** SQLite's bare words for what stopped a command, as the operator reads them (what to do, not only what failed); null for others. */
export function sqliteFailure(err: unknown): string | null {
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  // SQLite's own words ("database is locked") name neither the cause nor the cure.
  if (isDatabaseBusy(err)) return DATABASE_IN_USE;
  if (code === 'SQLITE_FULL') return DISK_FULL;
  if (isDatabaseDamaged(err)) return DATABASE_DAMAGED;
  return null;
}
