/**
 * The text an alert is sent as, in the recipient's language: the catalogue's
 * alert frame around the moderated text, cut to what one message can carry.
 * Opened alerts are kept briefly in memory: a fan-out sends one alert
 * thousands of times.
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
  private readonly cache = new Map<number, { npas: string[]; body: AlertBody; rendered: Map<string, string> } | null>();

  constructor(
    private readonly db: Db,
    private readonly vault: Vault,
  ) {}

  /** The message for one recipient (a neutral notice when `discreet`), or null if the alert is gone (retracted, erased). */
  render(alertId: number, lang: Parameters<typeof catalog>[0], discreet = false): string | null {
    let alert = this.cache.get(alertId);
    if (alert === undefined) {
      if (this.cache.size > 64) this.cache.clear();
      const opened = openAlert(this.db, this.vault, alertId);
      alert = opened ? { npas: opened.npas, body: opened.body, rendered: new Map() } : null;
      this.cache.set(alertId, alert);
    }
    if (!alert) return null;
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
