/**
 * The text an alert is sent as, in the recipient's language: the catalogue's
 * alert frame around the moderated text, cut to what one message can carry.
 * Opened alerts are kept in memory by id and creation time: a fan-out sends
 * one alert thousands of times.
 */
import { catalog } from '../bot/catalog';
import { openAlert } from '../store/alerts';
import { renderBody, type AlertBody } from './report-template';
import type { Db } from '../store/db';
import type { Vault } from '../store/vault';

/** Longest text sent: Twilio and carriers cap a message at 1,600 characters. */
export const MAX_BODY = 1600;

/** Renders alerts for sending. */
export class AlertRenderer {
  private readonly cache = new Map<number, { createdAt: number; npas: string[]; body: AlertBody; rendered: Map<string, string> }>();

  constructor(
    private readonly db: Db,
    private readonly vault: Vault,
  ) {}

  /** The message for one recipient (a neutral notice when `discreet`), or null if the alert is gone (retracted, erased). */
  render(alertId: number, lang: Parameters<typeof catalog>[0], discreet = false): string | null {
    // Asked each time (one look-up by id): an alert retracted or erased since it was opened is not sent, and
    // once retention erases the newest alert its id is given to the next one, which the cache must not mistake for it.
    const row = this.db.stmt('SELECT created_at, retracted_at FROM alerts WHERE id = ?').get(alertId) as { created_at: number; retracted_at: number | null } | undefined;
    if (!row || row.retracted_at !== null) return null;
    let alert = this.cache.get(alertId);
    if (alert?.createdAt !== row.created_at) {
      if (this.cache.size > 64) this.cache.clear();
      const opened = openAlert(this.db, this.vault, alertId);
      if (!opened) return null;
      alert = { createdAt: opened.createdAt, npas: opened.npas, body: opened.body, rendered: new Map() };
      this.cache.set(alertId, alert);
    }
    if (discreet) return catalog(lang).discreetNotice(alert.npas);
    // A guided report's template is fitted once per language, not once per recipient.
    let full = alert.rendered.get(lang);
    if (full === undefined) {
      full = renderBody(lang, alert.npas, alert.body);
      alert.rendered.set(lang, full);
    }
    return full.length <= MAX_BODY ? full : `${full.slice(0, MAX_BODY - 3)}...`;
  }
}
