/**
 * rotate-key's check-ins: the details and the number shown over Signal
 * (store/checkin-phone.ts) re-sealed together, as they share the row's key
 * version, batch by batch; the references' shown numbers in the last
 * step's transaction (a week of missed check-ins at most).
 */
import { CHECKIN_PHONE_SLOT, REF_PHONE_SLOT } from './checkin-phone';
import { DETAILS_SLOT } from './checkins';
import type { Db } from './db';
import type { Slot, Vault } from './vault';

type Open = (sealed: Buffer, slot: Slot, version: number) => string;

/** Re-seals up to `batch` check-ins after `cursor`; returns the last id done, or null when none are left. */
export function resealCheckins(db: Db, open: Open, newVault: Vault, cursor: number, batch: number, tally: (n: number) => void): number | null {
  const rows = db
    .stmt('SELECT id, details_ct, phone_ct, key_version FROM checkins WHERE id > ? AND (details_ct IS NOT NULL OR phone_ct IS NOT NULL) ORDER BY id LIMIT +?')
    .all(cursor, batch) as Array<{ id: number; details_ct: Buffer | null; phone_ct: Buffer | null; key_version: number }>;
  const update = db.stmt('UPDATE checkins SET details_ct = ?, phone_ct = ?, key_version = ? WHERE id = ?');
  for (const r of rows) {
    const reseal = (ct: Buffer | null, slot: Slot) => (ct === null ? null : newVault.seal(open(ct, slot, r.key_version), slot));
    update.run(reseal(r.details_ct, DETAILS_SLOT(r.id)), reseal(r.phone_ct, CHECKIN_PHONE_SLOT(r.id)), newVault.keyVersion, r.id);
  }
  tally(rows.length);
  return rows.length < batch ? null : (rows[rows.length - 1] as { id: number }).id;
}

/** In the last step's transaction: re-seals the references' shown numbers; returns how many. */
export function resealCheckinRefs(db: Db, open: Open, newVault: Vault): number {
  const rows = db.stmt('SELECT ref, phone_ct, key_version FROM checkin_refs WHERE phone_ct IS NOT NULL').all() as Array<{ ref: string; phone_ct: Buffer; key_version: number }>;
  const update = db.stmt('UPDATE checkin_refs SET phone_ct = ?, key_version = ? WHERE ref = ?');
  for (const r of rows) update.run(newVault.seal(open(r.phone_ct, REF_PHONE_SLOT(r.ref), r.key_version), REF_PHONE_SLOT(r.ref)), newVault.keyVersion, r.ref);
  return rows.length;
}
