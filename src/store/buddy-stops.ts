/**
 * A buddy's STOP (issue 13): kept by the blind index of their number and
 * the channel they stopped over, so that it outlives the links (BUDDY OFF,
 * a member's DELETE) and keeps members from asking them again there.
 */
import type { Channel } from '../domain/channel';
import { buddyIndex, idList } from './buddies';
import { linkIdsOf, relist } from './buddy-numbers';
import { startOfDay } from './coarse-time';
import type { Db } from './db';
import { escalationsBackToSignal, type OptedOutCopy } from './escalation-signal';
import { withdrawEscalations } from './escalation-withdrawals';
import type { Vault } from './vault';

/**
 * Whether this number told the line to stop over `channel` (as a buddy of
 * anyone): its stop there, a link over it stopped, or an old stop (every
 * channel's: oldStopDay). A stop over the other channel does not count: an
 * SMS may be spoofed, or a recycled number's.
 */
export function buddyStopped(db: Db, vault: Vault, phone: string, channel: Channel): boolean {
  if (db.stmt('SELECT 1 FROM buddy_stops WHERE buddy_bidx = ? AND channel = ?').get(buddyIndex(vault, phone), channel) !== undefined) return true;
  const links = idList(linkIdsOf(db, vault, phone));
  if (db.stmt("SELECT 1 FROM buddies WHERE id IN (SELECT value FROM json_each(?)) AND channel = ? AND status = 'stopped' LIMIT 1").get(links, channel) !== undefined) return true;
  return oldStopDay(db, vault, phone) !== undefined;
}

/**
 * The day of this number's stop kept before stops had a channel, read as
 * every channel's (the safe reading of an old opt-out): one with none
 * (before migration 0042), or, with no stop kept at all, a stopped link
 * (before buddy_stops, 0016: every STOP since is kept there).
 */
function oldStopDay(db: Db, vault: Vault, phone: string): number | undefined {
  const index = buddyIndex(vault, phone);
  const none = db.stmt('SELECT created_at FROM buddy_stops WHERE buddy_bidx = ? AND channel IS NULL').get(index) as { created_at: number } | undefined;
  if (none || db.stmt('SELECT 1 FROM buddy_stops WHERE buddy_bidx = ?').get(index) !== undefined) return none?.created_at;
  const links = idList(linkIdsOf(db, vault, phone));
  return (db.stmt("SELECT min(created_at) AS day FROM buddies WHERE id IN (SELECT value FROM json_each(?)) AND status = 'stopped'").get(links) as { day: number | null }).day ?? undefined;
}

/**
 * Records this number's STOP as a buddy over `channel`: it outlives the links (BUDDY OFF, the member's DELETE); an
 * old one sealed stays every channel's. `optedOut`: the SMS copy of an escalation that met it (a carrier opt-out).
 */
export function recordBuddyStop(db: Db, vault: Vault, phone: string, channel: Channel, now: number, optedOut?: OptedOutCopy): void {
  // Her link over Signal stands: what went to her by SMS instead goes back there, not to an SMS this refuses.
  if (channel === 'sms') escalationsBackToSignal(db, vault, linkIdsOf(db, vault, phone), now, optedOut && { ...optedOut, address: phone });
  // To the day: an exact time would equal that of the message telling the member, tying the two.
  keepStop(db, vault, phone, oldStopDay(db, vault, phone) === undefined ? channel : null, startOfDay(now));
}

/** Keeps a stop over `channel` (null: every channel) unless one that covers it is kept. */
function keepStop(db: Db, vault: Vault, phone: string, channel: Channel | null, day: number): void {
  const index = buddyIndex(vault, phone);
  if (db.stmt('SELECT 1 FROM buddy_stops WHERE buddy_bidx = ? AND (channel IS ? OR channel IS NULL)').get(index, channel) !== undefined) return;
  const id = db.nextId('buddy_stops');
  const sealed = vault.seal(phone, { table: 'buddy_stops', column: 'address', row: id });
  db.stmt('INSERT INTO buddy_stops (id, buddy_bidx, channel, address_ct, key_version, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, index, channel, sealed, vault.keyVersion, day);
}

/**
 * The provider refused a buddy message over `channel` because the number
 * opted out of the line's texts there (Twilio 21610: they sent STOP, perhaps
 * before they were asked): recorded as their STOP over it is, so nothing more
 * is queued for them there and a check-in falls back as if they had no link
 * over it (members are not told here). Their links over the other channel
 * stay, and `optedOut`, an escalation's SMS copy that met the opt-out, goes
 * back to Signal for one accepted there (escalationsBackToSignal). Only an
 * accepted link shows it: an invitation never answered stays "waiting", as
 * for any number, or BUDDY would tell a member that this number once used
 * the line (as an invitation made after a STOP does).
 */
export function recordBuddyOptOut(db: Db, vault: Vault, phone: string, channel: Channel, now: number, optedOut?: OptedOutCopy): void {
  recordBuddyStop(db, vault, phone, channel, now, optedOut);
  stopLinksOfBuddy(db, vault, phone, channel);
}
/**
 * Marks every accepted link to this buddy over `channel` stopped (their STOP
 * from it), found by her number's row (a row that no longer opens with them), and
 * withdraws the escalations of those links still waiting, by either lane:
 * her member is told she left. An invitation never answered stays waiting:
 * showing it stopped would tell the member about a number that agreed to
 * nothing; the stop itself (buddy_stops) keeps it from them.
 */
export function stopLinksOfBuddy(db: Db, vault: Vault, phone: string, channel: Channel): void {
  const listed = idList(linkIdsOf(db, vault, phone));
  const links = "SELECT id FROM buddies WHERE id IN (SELECT value FROM json_each(?)) AND channel = ? AND status = 'accepted'";
  withdrawEscalations(db, links, [listed, channel]);
  db.stmt(`UPDATE buddies SET status = 'stopped' WHERE id IN (${links})`).run(listed, channel);
}

/** Whether anyone at all has told the line to stop as a buddy: on most lines no one has, and a JOIN need not look for a stop of theirs. */
export function anyBuddyStop(db: Db): boolean {
  const row = db.stmt("SELECT EXISTS (SELECT 1 FROM buddy_stops) OR EXISTS (SELECT 1 FROM buddies WHERE status = 'stopped') AS any").get() as { any: number };
  return row.any === 1;
}

/**
 * Lifts a buddy's STOP over `channel` (they came back there with JOIN or
 * START, or erased themselves there with DELETE), and the links over it
 * that STOP stopped: members may ask them again over it. A stop kept before
 * stops had a channel stopped every channel: it is kept for the other, with
 * its day. Returns whether there was one.
 */
export function liftBuddyStop(db: Db, vault: Vault, phone: string, channel: Channel): boolean {
  const old = oldStopDay(db, vault, phone);
  const stops = db.stmt('DELETE FROM buddy_stops WHERE buddy_bidx = ? AND (channel = ? OR channel IS NULL)').run(buddyIndex(vault, phone), channel).changes;
  const listed = idList(linkIdsOf(db, vault, phone));
  // Their escalations go with them: one a version before this left waiting would reach her once she is back.
  withdrawEscalations(db, "SELECT id FROM buddies WHERE id IN (SELECT value FROM json_each(?)) AND channel = ? AND status = 'stopped'", [listed, channel]);
  const links = db.stmt("DELETE FROM buddies WHERE id IN (SELECT value FROM json_each(?)) AND channel = ? AND status = 'stopped'").run(listed, channel).changes;
  if (links > 0) relist(db, vault, phone);
  if (old !== undefined) keepStop(db, vault, phone, channel === 'sms' ? 'signal' : 'sms', old);
  return old !== undefined || stops + links > 0;
}
