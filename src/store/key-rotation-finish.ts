/**
 * rotate-key's last step, one transaction: the links other tables hold of a
 * member (as reporter, as rate-limited sender, as a Signal member's SMS twin)
 * moved to their new indexes, those that cannot be recomputed erased and
 * counted, then the new key check written and the rotation ended.
 */
import type { Db } from './db';
import { RotationError } from './key-rotation-error';
import type { RotationSummary } from './key-rotation';
import { SEALED_COLUMNS } from './key-rotation-columns';
import { writeKeyState } from './key-state';
import type { Vault } from './vault';

/** The last step, in the caller's transaction: links held by other tables, then the new key check. */
export function finishRotation(db: Db, newVault: Vault, e: RotationSummary['erased']): void {
  const mapped = (purpose: string, column: string) => `(SELECT new FROM key_rotation_map WHERE purpose = '${purpose}' AND old = ${column})`;
  const unmapped = (purpose: string, column: string) => `NOT EXISTS (SELECT 1 FROM key_rotation_map WHERE purpose = '${purpose}' AND old = ${column})`;
  e.signalLinks += db.stmt(`UPDATE members SET phone_bidx = NULL WHERE channel = 'signal' AND phone_bidx IS NOT NULL AND ${unmapped('link', 'phone_bidx')}`).run().changes;
  db.stmt(`UPDATE members SET phone_bidx = ${mapped('link', 'phone_bidx')} WHERE channel = 'signal' AND phone_bidx IS NOT NULL`).run();
  e.reporterLinks += db.stmt(`UPDATE reports SET reporter_bidx = NULL WHERE reporter_bidx IS NOT NULL AND ${unmapped('reporter', 'reporter_bidx')}`).run().changes;
  db.stmt(`UPDATE reports SET reporter_bidx = ${mapped('reporter', 'reporter_bidx')} WHERE reporter_bidx IS NOT NULL`).run();
  e.reporterLinks += db
    .stmt(`UPDATE reports SET phone_reporter_bidx = NULL WHERE phone_reporter_bidx IS NOT NULL AND ${unmapped('reporter', 'phone_reporter_bidx')}`)
    .run().changes;
  db.stmt(`UPDATE reports SET phone_reporter_bidx = ${mapped('reporter', 'phone_reporter_bidx')} WHERE phone_reporter_bidx IS NOT NULL`).run();
  e.blocks += db.stmt(`DELETE FROM blocked_senders WHERE ${unmapped('reporter', 'reporter_bidx')}`).run().changes;
  db.stmt(`UPDATE blocked_senders SET reporter_bidx = ${mapped('reporter', 'reporter_bidx')}`).run();
  e.rateLimits += db.stmt(`DELETE FROM sender_limits WHERE ${unmapped('sender', 'sender_bidx')}`).run().changes;
  db.stmt(`UPDATE sender_limits SET sender_bidx = ${mapped('sender', 'sender_bidx')}`).run();
  // Handled provider ids are stored only as indexes: they cannot be recomputed.
  // Every handled id is in inbound_seen; the log holds the replies of some of them.
  db.stmt('DELETE FROM inbound_messages').run();
  e.handledIds += db.stmt('DELETE FROM inbound_seen').run().changes;
  // Open questions are keyed by the old member index (rotate-key settled the report drafts first): a join question is asked again when she writes.
  e.conversations += db.stmt('DELETE FROM conversations').run().changes;
  db.stmt('DELETE FROM key_rotation_map').run();
  for (const { table, column } of SEALED_COLUMNS) {
    const left = db.stmt(`SELECT count(*) AS n FROM ${table} WHERE ${column}_ct IS NOT NULL AND key_version <> ?`).get(newVault.keyVersion) as { n: number };
    if (left.n > 0) throw new RotationError(`${left.n === 1 ? '1 value' : `${left.n} values`} in ${table}.${column} ${left.n === 1 ? 'is' : 'are'} still under the old key: run rotate-key again`);
  }
  writeKeyState(db, newVault);
  db.stmt('DELETE FROM key_rotation WHERE id = 1').run();
}
