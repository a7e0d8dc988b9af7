/**
 * What a database must be to become the line's, checked on the backup
 * before anything moves and on the restored database once in place: intact,
 * a Heads Up database of a schema this version knows, made under this
 * master key, and not taken mid-rotation.
 */
import Database from 'better-sqlite3';
import { isDatabaseDamaged } from './db-file';
import { keyOpens } from './key-state';
import { migrationFiles } from './migrate';
import { appliedNames, readApplied } from './migration-names';
import type { Vault } from './vault';

/** A backup that must not be restored; the message says why. */
export class RestoreRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefused';
  }
}

function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** Refuses an open database that is damaged, from a newer schema, made under another key, or taken mid-rotation (the backup, then the restored line). */
export function inspectDatabase(db: Database.Database, file: string, vault: Vault, latestKnown: number): void {
  let ok: unknown;
  try {
    ok = db.pragma('quick_check', { simple: true });
  } catch {
    ok = 'not a database';
  }
  if (ok !== 'ok') throw new RestoreRefused(`${file} is damaged or not a Heads Up backup`);
  if (!hasTable(db, 'schema_migrations') || !hasTable(db, 'members')) throw new RestoreRefused(`${file} is not a Heads Up backup`);
  // By name: a backup recording a migration under a name it had before a renumber is one this version brings up to date.
  const recorded = readApplied(db);
  const names = appliedNames(recorded, migrationFiles());
  if ('problem' in names) {
    const schema = Math.max(0, ...recorded.map((r) => r.version));
    if (schema > latestKnown) throw new RestoreRefused(`${file} was made by a newer version of Heads Up (schema ${schema}, this one knows ${latestKnown}): upgrade first`);
    throw new RestoreRefused(`${file}: ${names.problem}`);
  }
  const key = keyOpens(db, vault);
  if (key === 'rotating') throw new RestoreRefused(`${file} was taken during an interrupted key rotation: restore another backup`);
  if (key === 'mismatch') throw new RestoreRefused(`${file} was made under another master key: set HEADSUP_MASTER_KEY to the key of that backup; if rotate-key ran since that backup was made, that key is retired: restore a backup made since the rotation, and delete backups made before it (README, Rotate the key)`);
}

/** Refuses a backup that is damaged, from a newer schema, made under another key, or taken mid-rotation. */
export function checkBackup(file: string, vault: Vault, latestKnown: number): void {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    throw new RestoreRefused(`${file} cannot be opened as a database`);
  }
  try {
    inspectDatabase(db, file, vault, latestKnown);
  } finally {
    db.close();
  }
}

/**
 * Refuses to replace a line left half-way through rotate-key: kept aside as the replaced line, sealed under two
 * keys, no restore could bring it back (either key refuses it). Damaged past reading, it is replaced as any damaged one.
 */
export function refuseMidRotation(db: Database.Database, file: string): void {
  let rotating = false;
  try {
    rotating = hasTable(db, 'key_rotation') && db.prepare('SELECT 1 FROM key_rotation').get() !== undefined;
  } catch (err) {
    if (!isDatabaseDamaged(err)) throw err;
  }
  if (rotating) {
    throw new RestoreRefused(
      `${file} is half-way through rotate-key, sealed under two keys: replaced, it could never be restored. Finish rotate-key first (run it again with the same HEADSUP_NEW_MASTER_KEY), then restore the backup with HEADSUP_MASTER_KEY set to the key it was made under; with that new key lost, move the database out of DATA_DIR first (nothing was changed)`,
    );
  }
}
