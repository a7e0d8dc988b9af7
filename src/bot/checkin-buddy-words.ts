/**
 * What a buddy reads of a missed check-in, and of the late OK that ends it:
 * plain, or, when the buddy's number is a discreet member's (on either
 * channel: one phone), words naming neither the line nor a check-in, as
 * her invitation and BUDDY OFF are (buddy-commands.ts). It arrives unasked,
 * on her lock screen.
 */
import type { Buddy } from '../store/buddies';
import type { Db } from '../store/db';
import { numberDiscreet } from '../store/members';
import type { Vault } from '../store/vault';
import { catalog } from './catalog';
import type { DayTime } from './clock-time';
import type { EscalationFrame } from './escalation-text';

type To = Pick<Buddy, 'channel' | 'address' | 'name' | 'lang'>;

/** A buddy's escalation around the details, for a check-in due at `due`. */
export function buddyEscalationFrame(db: Db, vault: Vault, b: To, due: DayTime): EscalationFrame {
  const t = catalog(b.lang);
  const words = numberDiscreet(db, vault, b.address) ? t.discreetBuddyEscalation : t.checkinEscalation;
  return { channel: b.channel, build: (d) => words(b.name, t.checkinEnd(due), d) };
}

/** A buddy's word that she checked in after all. */
export function buddyOkText(db: Db, vault: Vault, b: To): string {
  const t = catalog(b.lang);
  return numberDiscreet(db, vault, b.address) ? t.discreetBuddyOk(b.name) : t.checkinOkBuddy(b.name);
}
