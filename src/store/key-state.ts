/**
 * Which master key the database belongs to: its key check (a blind index of
 * a fixed string, so the key itself never enters the database) and the key's
 * version, and whether a rotation is under way.
 */
import type { Db, Sqlite } from './db';
import type { Vault } from './vault';

const CHECK_INPUT = 'heads-up key check';

/** The key check value of a key. */
export function keyCheckValue(vault: Vault): Buffer {
  return vault.index('keycheck', CHECK_INPUT);
}

function hasTable(db: Db, name: string): boolean {
  return db.sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** The stored key check and key version (version 1 and no check before the first start records one). */
export function readKeyState(db: Db): { version: number; check: Buffer | null } {
  if (!hasTable(db, 'key_check')) return { version: 1, check: null };
  const row = db.sqlite.prepare('SELECT * FROM key_check WHERE id = 1').get() as { value: Buffer; key_version?: number } | undefined;
  return { version: row?.key_version ?? 1, check: row?.value ?? null };
}

/** Records the key check and version of the key the data is now sealed under. */
export function writeKeyState(db: Db, vault: Vault): void {
  db.stmt('INSERT INTO key_check (id, value, key_version) VALUES (1, @value, @version) ON CONFLICT (id) DO UPDATE SET value = @value, key_version = @version').run({
    value: keyCheckValue(vault),
    version: vault.keyVersion,
  });
}

/** What to do when a rotation was interrupted. */
export const ROTATION_UNDER_WAY = 'a key rotation was interrupted: run rotate-key again with HEADSUP_NEW_MASTER_KEY to finish it, then start with the new key';

/** Whether a rotate-key run was interrupted: the data is then sealed under two keys and only rotate-key may go on. */
export function rotationUnderWay(db: Db): boolean {
  return hasTable(db, 'key_rotation') && db.sqlite.prepare('SELECT 1 FROM key_rotation WHERE id = 1').get() !== undefined;
}

function tableIn(db: Sqlite, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/**
 * Whether a key opens a database: by its key check, or (a database from
 * before key checks) by a few sealed values under the key's version, one of
 * which must open. 'empty'
 * when there is nothing to check against yet, 'rotating' during an
 * interrupted rotate-key (unless `resuming` it: the key check is still the
 * old key's until the rotation ends).
 */
export function keyOpens(db: Sqlite, vault: Vault, opts: { resuming?: boolean } = {}): 'match' | 'mismatch' | 'empty' | 'rotating' {
  if (!opts.resuming && tableIn(db, 'key_rotation') && db.prepare('SELECT 1 FROM key_rotation').get()) return 'rotating';
  const check = tableIn(db, 'key_check') ? (db.prepare('SELECT value FROM key_check WHERE id = 1').get() as { value: Buffer } | undefined) : undefined;
  if (check) return check.value.equals(keyCheckValue(vault)) ? 'match' : 'mismatch';
  // A few, not one: a damaged value (which the server steps around) must not read as another key; another key opens none.
  const rows = db.prepare('SELECT id, address_ct FROM members WHERE address_ct IS NOT NULL AND key_version = ? LIMIT 5').all(vault.keyVersion) as Array<{ id: number; address_ct: Buffer }>;
  if (rows.length === 0) return 'empty';
  const opens = (r: { id: number; address_ct: Buffer }) => {
    try {
      vault.open(r.address_ct, { table: 'members', column: 'address', row: r.id }, vault.keyVersion);
      return true;
    } catch {
      return false;
    }
  };
  return rows.some(opens) ? 'match' : 'mismatch';
}
