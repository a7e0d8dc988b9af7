/**
 * A late OK's reply says "we've told them you checked in"; an all-clear
 * that then reached a buddy on no channel (refused for good on each: an
 * SMS STOP with no link over Signal, a number no longer in service, a
 * buddy who left Signal and stopped SMS) makes it untrue. As when her
 * escalation reaches none of them, she is told, once, within a run of the
 * check-in timers, that we could not pass on her word, and to let them know
 * herself: a buddy left believing she is in danger may call for help, or
 * come looking.
 */
import { catalog } from '../bot/catalog';
import { forgetAllClears, forgetAllClearsBefore, unreachedAllClears } from '../store/checkin-all-clears';
import type { Db } from '../store/db';
import { memberDiscreet, memberLang } from '../store/members';
import { enqueueMessage } from '../store/outbox';
import type { Vault } from '../store/vault';

/** Only all-clears of the last day, or of the last week with a copy not yet final (checkin-all-clears.ts). */
const RECENT_MS = 24 * 3600_000;
const AT_MOST_MS = 7 * RECENT_MS;

/**
 * Tells each member whose all-clears reached none of their buddies, in the caller's transaction, each in a
 * savepoint of her own: one notice that cannot be written (tried again next run) holds up no one else's.
 */
export function tellAllClearsUnreached(store: { db: Db; vault: Vault }, now: number): { told: number; failed: number } {
  const { db, vault } = store;
  let told = 0;
  let failed = 0;
  for (const { memberId, pairs } of unreachedAllClears(db)) {
    try {
      db.savepoint(() => {
        // It comes unasked, to her lock screen: discreet names neither the line nor a check-in.
        const t = catalog(memberLang(db, memberId));
        enqueueMessage(db, vault, memberId, memberDiscreet(db, memberId) ? t.discreetOkUnreached(pairs.length) : t.checkinOkUnreached(pairs.length), now);
        forgetAllClears(db, pairs);
      });
      told++;
    } catch {
      failed++;
    }
  }
  // After telling: a pair kept past the day for a copy not final, now failed, is told first.
  forgetAllClearsBefore(db, now - RECENT_MS, now - AT_MOST_MS);
  return { told, failed };
}
