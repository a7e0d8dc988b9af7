/** Area subscriptions of members. Area codes are stored plain: an area code alone names no one. */
import { startOfDay } from './coarse-time';
import type { Db } from './db';

/**
 * One person in a query over \`members m\`: someone on SMS and Signal with the
 * same number has two rows sharing the link index (phone_bidx), and is one
 * person to count; a row without it is a person of its own.
 */
export const PERSON = 'coalesce(m.phone_bidx, m.id)';

/** The admitted people subscribed to at least one area, each counted once (a backup's "members"). */
export const COUNT_SUBSCRIBED_PEOPLE = `SELECT count(DISTINCT ${PERSON}) AS n FROM members m
  WHERE m.status = 'active' AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.member_id = m.id)`;

/** Subscribes a member to areas; already-subscribed areas are kept as they are. */
export function subscribe(db: Db, memberId: number, npas: string[], now: number): void {
  const insert = db.stmt('INSERT OR IGNORE INTO subscriptions (member_id, npa, created_at) VALUES (?, ?, ?)');
  db.transaction(() => {
    // The day is all anyone needs to know of when an area was added.
    for (const npa of npas) insert.run(memberId, npa, startOfDay(now));
  });
}

/** Removes the given areas; returns the areas left. */
export function unsubscribe(db: Db, memberId: number, npas: string[]): string[] {
  const del = db.stmt('DELETE FROM subscriptions WHERE member_id = ? AND npa = ?');
  return db.transaction(() => {
    for (const npa of npas) del.run(memberId, npa);
    return listAreas(db, memberId);
  });
}

/** Removes every subscription of a member. */
export function unsubscribeAll(db: Db, memberId: number): void {
  db.stmt('DELETE FROM subscriptions WHERE member_id = ?').run(memberId);
}

/** The areas a member is subscribed to, sorted. */
export function listAreas(db: Db, memberId: number): string[] {
  return (db.stmt('SELECT npa FROM subscriptions WHERE member_id = ? ORDER BY npa').all(memberId) as Array<{ npa: string }>).map(
    (r) => r.npa,
  );
}

/**
 * Whether any admitted member on one of `channels` (those the line sends on
 * now: a member on a channel removed from the configuration gets nothing)
 * gets alerts for one of these areas (an alert's reach, overlays included).
 * Read through the npa index, stopping at the first: a moderator's APPROVE waits on it.
 */
export function anyoneSubscribed(db: Db, reach: string[], channels: readonly string[]): boolean {
  return (
    db
      .stmt(
        `SELECT EXISTS (SELECT 1 FROM subscriptions s JOIN members m ON m.id = s.member_id
           WHERE s.npa IN (SELECT value FROM json_each(?)) AND m.status = 'active'
             AND m.channel IN (SELECT value FROM json_each(?))) AS yes`,
      )
      .get(JSON.stringify(reach), JSON.stringify(channels)) as { yes: number }
  ).yes === 1;
}

/** The admitted people subscribed to at least one area, each counted once (STATS's total). */
export function countSubscribedPeople(db: Db): number {
  return (db.stmt(COUNT_SUBSCRIBED_PEOPLE).get() as { n: number }).n;
}

/**
 * Active members of every area, largest first, each person once (for STATS). Most have no link index and are one
 * row each, counted plainly; only the linked are counted by their link. Members are read first (CROSS JOIN keeps
 * that order): read the other way, through each area's subscriptions, 250,000 members held the loop over a second.
 */
export function membersByArea(db: Db): Array<{ npa: string; members: number }> {
  return db
    .stmt(
      `SELECT npa, sum(n) AS members FROM (
         SELECT s.npa, count(*) AS n FROM members m CROSS JOIN subscriptions s ON s.member_id = m.id
         WHERE m.status = 'active' AND m.phone_bidx IS NULL GROUP BY s.npa
         UNION ALL
         SELECT s.npa, count(DISTINCT m.phone_bidx) FROM members m CROSS JOIN subscriptions s ON s.member_id = m.id
         WHERE m.status = 'active' AND m.phone_bidx IS NOT NULL GROUP BY s.npa)
       GROUP BY npa ORDER BY members DESC, npa`,
    )
    .all() as Array<{ npa: string; members: number }>;
}
