/**
 * What a READ message quotes (migration 0051): the alerts it shows, so that
 * RETRACT takes a withdrawn alert out of a READ message still waiting to be
 * sent. The message is written again without it, so that her other alerts
 * in it still reach her; one left with nothing to say is cancelled.
 */
import { catalog, type Catalog } from '../bot/catalog';
import type { Lang } from '../domain/lang';
import { bodyText, type AlertBody } from '../alerts/report-template';
import { openAlert } from './alerts';
import type { Db } from './db';
import { memberLang } from './members';
import { BODY } from './outbox-rows';
import type { Vault } from './vault';

/** One alert as a READ message shows it. */
export function readItem(t: Catalog, lang: Lang, alert: { npas: string[]; body: AlertBody; createdAt: number }): string {
  return t.readItem(alert.npas, bodyText(lang, alert.npas, alert.body), new Date(alert.createdAt));
}

/** A READ message: its alerts, then "+N older" when `older` is not 0. */
export function readMessage(t: Catalog, items: readonly string[], older: number): string {
  return (older > 0 ? [...items, t.readMore(older)] : items).join('\n');
}

/** Records the alerts a queued READ message quotes, and the "+N older" count it ends with. */
export function linkReadQuotes(db: Db, outboxId: number, alertIds: readonly number[], older: number): void {
  const link = db.stmt('INSERT OR IGNORE INTO read_quotes (outbox_id, alert_id, older) VALUES (?, ?, ?)');
  for (const id of alertIds) link.run(outboxId, id, older);
}

/**
 * Takes a retracted alert out of the READ messages quoting it that wait and
 * no send holds: each is written again without it, or cancelled when
 * nothing is left to say. One in flight is left linked, for the follow-up
 * to take it out should its try come back. Returns how many it cancelled
 * (one written again still goes: it is no copy cancelled).
 */
export function dropFromWaitingReads(db: Db, vault: Vault, alertId: number, now: number): number {
  const rows = db
    .stmt(
      `SELECT o.id, o.member_id, q.older FROM read_quotes q JOIN outbox o ON o.id = q.outbox_id
       WHERE q.alert_id = ? AND o.state = 'pending' AND o.lease_until <= ? AND o.member_id IS NOT NULL`,
    )
    .all(alertId, now) as Array<{ id: number; member_id: number; older: number }>;
  let cancelled = 0;
  for (const row of rows) {
    db.stmt('DELETE FROM read_quotes WHERE outbox_id = ? AND alert_id = ?').run(row.id, alertId);
    const left = db.stmt('SELECT alert_id FROM read_quotes WHERE outbox_id = ? ORDER BY alert_id DESC').all(row.id) as Array<{ alert_id: number }>;
    const lang = memberLang(db, row.member_id);
    const t = catalog(lang);
    const items = left.flatMap((q) => {
      const alert = openAlert(db, vault, q.alert_id);
      return alert ? [readItem(t, lang, alert)] : [];
    });
    // With no alert left, "+N older" alone still tells her more wait: the first message may not have said so.
    const { older } = row;
    if (items.length === 0 && older === 0) {
      db.stmt("UPDATE outbox SET state = 'failed', error = 'retracted', body_ct = NULL, lease_until = 0, provider_id = NULL, updated_at = ? WHERE id = ?").run(now, row.id);
      cancelled++;
    } else {
      db.stmt('UPDATE outbox SET body_ct = ?, key_version = ?, updated_at = ? WHERE id = ?').run(vault.seal(readMessage(t, items, older), { ...BODY, row: row.id }), vault.keyVersion, now, row.id);
    }
  }
  return cancelled;
}
