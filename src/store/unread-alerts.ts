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

/** Up to `limit` unread alerts of a member, newest first, opened. */
export function listUnread(db: Db, vault: Vault, memberId: number, limit: number): UnreadAlert[] {
  const rows = db
    .stmt('SELECT a.id, a.created_at FROM unread_alerts u JOIN alerts a ON a.id = u.alert_id WHERE u.member_id = ? ORDER BY a.id DESC LIMIT ?')
    .all(memberId, limit) as Array<{ id: number; created_at: number }>;
  return rows.flatMap((r) => {
    const alert = openAlert(db, vault, r.id);
    return alert ? [{ id: r.id, npas: alert.npas, body: alert.body, createdAt: r.created_at }] : [];
  });
}

/** How many alerts a member has not read. */
export function countUnread(db: Db, memberId: number): number {
  return (db.stmt('SELECT count(*) AS n FROM unread_alerts WHERE member_id = ?').get(memberId) as { n: number }).n;
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

/** A retracted alert is no longer waiting for anyone's READ. */
export function forgetUnreadAlert(db: Db, alertId: number): void {
  db.stmt('DELETE FROM unread_alerts WHERE alert_id = ?').run(alertId);
}
