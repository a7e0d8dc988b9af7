/**
 * Unread alerts of discreet members: fan-out planning records one row per
 * alert a discreet member was sent as a neutral notice; READ opens them,
 * newest first, and erases the rows it showed. Two ids in clear, as the
 * outbox row of the same alert and member holds them; rows go with the
 * member (DELETE) and with the alert (retention), by foreign key.
 */
import type { AlertBody } from '../alerts/report-template';
import { openAlert } from './alerts';
import type { Db } from './db';
import type { Vault } from './vault';

export interface UnreadAlert {
  id: number;
  npas: string[];
  /** What the alert says: a moderated text, or a guided report's fields (rendered in the reader's language). */
  body: AlertBody;
  createdAt: number;
}

/**
 * A member's unread alerts, newest first, opened: all of them, so that what
 * READ says is left ("+N older") is what a later READ can show. One that no
 * longer opens (a damaged value) or is gone is marked read here: no READ
 * would ever show it, and "+N older" would count it for ever.
 */
export function openUnread(db: Db, vault: Vault, memberId: number): UnreadAlert[] {
  const rows = db
    .stmt('SELECT a.id, a.created_at FROM unread_alerts u JOIN alerts a ON a.id = u.alert_id WHERE u.member_id = ? ORDER BY a.id DESC')
    .all(memberId) as Array<{ id: number; created_at: number }>;
  const lost: number[] = [];
  const opened = rows.flatMap((r) => {
    let alert: ReturnType<typeof openAlert>;
    try {
      alert = openAlert(db, vault, r.id);
    } catch (err) {
      // A busy or failing database is not a damaged alert: READ fails and the member may try again.
      if (String((err as { code?: unknown }).code ?? '').startsWith('SQLITE_')) throw err;
      alert = undefined;
    }
    if (!alert) lost.push(r.id);
    return alert ? [{ id: r.id, npas: alert.npas, body: alert.body, createdAt: r.created_at }] : [];
  });
  markRead(db, memberId, lost);
  return opened;
}

/** Whether this membership has an alert waiting for READ (a discreet notice said to send it). */
export function hasUnread(db: Db, memberId: number): boolean {
  return db.stmt('SELECT 1 FROM unread_alerts WHERE member_id = ? LIMIT 1').get(memberId) !== undefined;
}

/** Marks alerts read: their rows go. */
export function markRead(db: Db, memberId: number, alertIds: number[]): void {
  const del = db.stmt('DELETE FROM unread_alerts WHERE member_id = ? AND alert_id = ?');
  for (const id of alertIds) del.run(memberId, id);
}

/** Alerts already queued for a member who turns discreet on become unread too: their copies go out as notices. */
export function queuedAlertsUnread(db: Db, memberId: number): void {
  db.stmt(
    "INSERT OR IGNORE INTO unread_alerts (member_id, alert_id) SELECT member_id, alert_id FROM outbox WHERE member_id = ? AND alert_id IS NOT NULL AND state = 'pending'",
  ).run(memberId);
}

/**
 * Discreet turned off: copies still queued go out in full (the reply says
 * so), so they are no longer unread; those already sent as notices stay
 * for READ, and so do those a send holds (at the provider as notices, as
 * LEAVE's guard: store/outbox-withdrawals.ts). Such a copy back for a retry
 * goes as a notice again, READ still showing it.
 */
export function queuedAlertsInFull(db: Db, memberId: number, now: number): void {
  db.stmt(
    `DELETE FROM unread_alerts WHERE member_id = @m AND alert_id IN
       (SELECT alert_id FROM outbox WHERE member_id = @m AND alert_id IS NOT NULL AND state = 'pending' AND lease_until <= @now)`,
  ).run({ m: memberId, now });
}

/**
 * Alerts no longer hers to read: their copies were withdrawn (LEAVE), or,
 * with no ids, every alert of the membership (STOP: READ after a JOIN must
 * not show what she stopped, perhaps to a recycled number's new holder).
 */
export function forgetUnreadOf(db: Db, memberId: number, alertIds?: readonly number[]): void {
  if (alertIds === undefined) db.stmt('DELETE FROM unread_alerts WHERE member_id = ?').run(memberId);
  else markRead(db, memberId, [...alertIds]);
}

/** A retracted alert is no longer waiting for anyone's READ. */
export function forgetUnreadAlert(db: Db, alertId: number): void {
  db.stmt('DELETE FROM unread_alerts WHERE alert_id = ?').run(alertId);
}
