/**
 * The area codes members hold (subscriptions) and ask for (join requests
 * waiting), for the start's check against the line's areas: a code the
 * configuration no longer knows reaches no one. Codes are public; nothing
 * here reads who holds them.
 */
import type { Db } from './db';

/** How many members hold a code, and how many waiting requests ask for it. */
export interface HeldCode {
  members: number;
  requests: number;
}

/** Every code held or asked for, with its counts. */
export function heldAreaCodes(db: Db): Map<string, HeldCode> {
  const held = new Map<string, HeldCode>();
  const entry = (code: string): HeldCode => {
    const found = held.get(code) ?? { members: 0, requests: 0 };
    held.set(code, found);
    return found;
  };
  for (const r of db.stmt('SELECT npa, count(*) AS n FROM subscriptions GROUP BY npa').all() as Array<{ npa: string; n: number }>) entry(r.npa).members = r.n;
  for (const r of db.stmt('SELECT npas FROM member_requests').all() as Array<{ npas: string }>) {
    for (const code of new Set(r.npas.split(','))) entry(code).requests++;
  }
  return held;
}

/**
 * Moves everything filed under code `from` to `to` (an area renamed, its old
 * code now one of its names): subscriptions (one holding both keeps one),
 * waiting join requests and reports still pending. Inside the caller's
 * transaction; returns the counts moved.
 */
export function moveAreaCode(db: Db, from: string, to: string): HeldCode & { reports: number } {
  db.stmt('INSERT OR IGNORE INTO subscriptions (member_id, npa, created_at) SELECT member_id, ?, created_at FROM subscriptions WHERE npa = ?').run(to, from);
  const members = db.stmt('DELETE FROM subscriptions WHERE npa = ?').run(from).changes;
  const requests = relist(db, 'SELECT id, npas FROM member_requests', 'UPDATE member_requests SET npas = ? WHERE id = ?', from, to);
  const reports = relist(db, "SELECT id, npas FROM reports WHERE status = 'pending'", 'UPDATE reports SET npas = ? WHERE id = ?', from, to);
  return { members, requests, reports };
}

/** Rewrites the comma lists of areas that name `from`, in their order, without a repeat. */
function relist(db: Db, select: string, update: string, from: string, to: string): number {
  let moved = 0;
  for (const row of db.stmt(select).all() as Array<{ id: number; npas: string }>) {
    const codes = row.npas.split(',');
    if (!codes.includes(from)) continue;
    db.stmt(update).run([...new Set(codes.map((c) => (c === from ? to : c)))].join(','), row.id);
    moved++;
  }
  return moved;
}
