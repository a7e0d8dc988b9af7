/**
 * The key check: a value derived from the master key, stored at first start.
 * Started with another key, the server would find every member missing and
 * every sealed value unreadable, and would then write duplicates; it refuses
 * to start instead, before changing anything.
 */
import { ConfigError } from '../config/config-error';
import type { Db } from './db';
import type { Vault } from './vault';

const CHECK_INPUT = 'heads-up key check';

function stored(db: Db): Buffer | undefined {
  const table = db.sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'key_check'").get();
  if (!table) return undefined;
  const row = db.sqlite.prepare('SELECT value FROM key_check WHERE id = 1').get() as { value: Buffer } | undefined;
  return row?.value;
}

/**
 * Throws a ConfigError naming HEADSUP_MASTER_KEY when the database was
 * written under another key. Reads only: call it before migrating.
 */
export function verifyKey(db: Db, vault: Vault): void {
  const value = stored(db);
  if (value && !value.equals(vault.index('keycheck', CHECK_INPUT))) {
    throw new ConfigError(
      'HEADSUP_MASTER_KEY',
      'this is not the key the database in DATA_DIR was written with; start with the original key (nothing was changed)',
    );
  }
}

/** Stores the key check if the database has none yet (first start, or first start after upgrading). Call after migrating. */
export function recordKey(db: Db, vault: Vault): void {
  db.sqlite.prepare('INSERT OR IGNORE INTO key_check (id, value) VALUES (1, ?)').run(vault.index('keycheck', CHECK_INPUT));
}
