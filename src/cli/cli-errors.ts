/** How an admin command fails: wrong use (usage, exit 2) or a failure it can name in one line (exit 1). */

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

/** What an operator reads when restore or rotate-key holds the database (SQLite only says "database is locked"). */
export const DATABASE_IN_USE = 'the database is in use by restore or rotate-key: wait for it to finish (or stop it), then run this again';

/** What an operator reads when the database file is damaged (SQLite only says "file is not a database" or "malformed"). */
export const DATABASE_DAMAGED = 'the database is damaged: run heads-up doctor, then restore the latest backup (heads-up restore FILE)';

/** Whether SQLite refused because another process holds the database (restore and rotate-key hold it exclusively). */
export function isDatabaseBusy(err: unknown): boolean {
  return String((err as { code?: unknown } | null)?.code ?? '').startsWith('SQLITE_BUSY');
}
