/**
 * rotate-key's blocks: each whose identity is sealed beside it (migration
 * 0044) is re-sealed, and its index recomputed from that identity and mapped
 * old → new for the last step, which moves it. Blocks with none (from before
 * 0044, or of a reporter who has not written since) are the last step's to
 * erase, unless a member's index maps them.
 */
import { blockSlot } from './blocks';
import type { Db } from './db';
import { RotationError } from './key-rotation-error';
import type { Vault } from './vault';
import { adminCommand } from '../util/admin-command';

/** In the last step's transaction, before it: returns how many blocks were re-sealed. */
export function rekeyBlocks(db: Db, oldVault: Vault, newVault: Vault): number {
  const rows = db.stmt('SELECT reporter_bidx, value_ct, key_version FROM blocked_senders WHERE value_ct IS NOT NULL').all() as Array<{
    reporter_bidx: Buffer;
    value_ct: Buffer;
    key_version: number;
  }>;
  const map = db.stmt("INSERT OR IGNORE INTO key_rotation_map (purpose, old, new) VALUES ('reporter', ?, ?)");
  const update = db.stmt('UPDATE blocked_senders SET value_ct = ?, key_version = ? WHERE reporter_bidx = ?');
  for (const r of rows) {
    // Every value was opened before the rotation started: one that no longer does was damaged since.
    if (r.key_version !== oldVault.keyVersion) throw new RotationError(`a block is sealed under key version ${r.key_version}, which is not the current key`);
    let identity: string;
    try {
      identity = oldVault.open(r.value_ct, blockSlot(r.reporter_bidx), r.key_version);
    } catch {
      throw new RotationError(`blocked_senders.value of a block does not open (damaged): the rotation cannot finish; restore a backup made before it (${adminCommand('restore FILE')}) and start with the old key`);
    }
    const moved = newVault.index('reporter', identity);
    map.run(r.reporter_bidx, moved);
    // Bound to the index it will have once the last step moves it.
    update.run(newVault.seal(identity, blockSlot(moved)), newVault.keyVersion, r.reporter_bidx);
  }
  return rows.length;
}
