/**
 * The number a member showed over Signal starting a check-in, kept sealed on
 * the check-in and on its reference (migration 0050): BLOCK of the reference
 * silences it by SMS too, as BLOCK of her report does, and her notices to
 * the moderators are counted under it. Sealed, never as an index: her
 * reports carry that number's reporter index, and an equal value here would
 * tie her member row to them in a database read without the key.
 */
import type { Db } from './db';
import type { Slot, Vault } from './vault';

/** Where a check-in's shown number is sealed. */
export const CHECKIN_PHONE_SLOT = (row: number): Slot => ({ table: 'checkins', column: 'phone', row });
/** Where a reference's shown number is sealed (bound to the reference: the table has no id). */
export const REF_PHONE_SLOT = (ref: string): Slot => ({ table: 'checkin_refs', column: 'phone', row: ref });

/** Opens a sealed number; a value that will not open (damaged) is none: a BLOCK or an escalation must not fail on it. */
function opened(vault: Vault, ct: Buffer | null, slot: Slot, version: number | null): string | null {
  if (!ct || version === null) return null;
  try {
    return vault.open(ct, slot, version);
  } catch {
    return null;
  }
}

/** The number (memberKey form, "sms:+1…") a check-in was started showing, if any. */
export function checkinPhone(db: Db, vault: Vault, checkinId: number): string | null {
  const r = db.stmt('SELECT phone_ct, key_version FROM checkins WHERE id = ?').get(checkinId) as { phone_ct: Buffer | null; key_version: number } | undefined;
  return r ? opened(vault, r.phone_ct, CHECKIN_PHONE_SLOT(checkinId), r.key_version) : null;
}

/** The number a reference's check-in was started showing, if any. */
export function refPhone(db: Db, vault: Vault, ref: string): string | null {
  const r = db.stmt('SELECT phone_ct, key_version FROM checkin_refs WHERE ref = ?').get(ref) as { phone_ct: Buffer | null; key_version: number | null } | undefined;
  return r ? opened(vault, r.phone_ct, REF_PHONE_SLOT(ref), r.key_version) : null;
}

/** Seals `phone` on a check-in just written (under the row's key version: the vault's). */
export function sealCheckinPhone(db: Db, vault: Vault, checkinId: number, phone: string): void {
  db.stmt('UPDATE checkins SET phone_ct = ? WHERE id = ?').run(vault.seal(phone, CHECKIN_PHONE_SLOT(checkinId)), checkinId);
}

/** Seals `phone` on a reference just given. */
export function sealRefPhone(db: Db, vault: Vault, ref: string, phone: string): void {
  db.stmt('UPDATE checkin_refs SET phone_ct = ?, key_version = ? WHERE ref = ?').run(vault.seal(phone, REF_PHONE_SLOT(ref)), vault.keyVersion, ref);
}
