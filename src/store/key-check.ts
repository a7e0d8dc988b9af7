/**
 * The key check: a value derived from the master key, stored at first start.
 * Started with another key, the server would find every member missing and
 * every sealed value unreadable, and would then write duplicates; it refuses
 * to start instead, before changing anything.
 */
import { ConfigError } from '../config/config-error';
import type { Db } from './db';
import { keyCheckValue, keyOpens } from './key-state';
import type { Vault } from './vault';

/**
 * Throws a ConfigError naming HEADSUP_MASTER_KEY when the database was
 * written under another key: by its key check or, in a database from before
 * key checks (migration 0006), by one sealed member. `keyFile` is the
 * development key file the key was read from, named so: an operator who
 * never set HEADSUP_MASTER_KEY would look for it in vain. Reads only: call
 * it before migrating.
 */
export function verifyKey(db: Db, vault: Vault, keyFile?: string): void {
  // A new database: no tables yet, nothing to check against.
  if (!db.sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'members'").get()) return;
  if (keyOpens(db.sqlite, vault) === 'mismatch') {
    throw new ConfigError(
      'HEADSUP_MASTER_KEY',
      keyFile
        ? `not set, so the development key file ${keyFile} was read, and it is not the key the database in DATA_DIR was written with: put back the key file the line was made with, or set HEADSUP_MASTER_KEY to that key; if rotate-key was stopped as it finished, run it again with the same HEADSUP_NEW_MASTER_KEY (nothing was changed)`
        : 'this is not the key the database in DATA_DIR was written with; start with the key it was written with or, if rotate-key has finished, with the new key it was given (nothing was changed)',
    );
  }
}

/** Stores the key check if the database has none yet (first start, or first start after upgrading). Call after verifyKey and migrating. */
export function recordKey(db: Db, vault: Vault): void {
  db.sqlite.prepare('INSERT OR IGNORE INTO key_check (id, value) VALUES (1, ?)').run(keyCheckValue(vault));
}
