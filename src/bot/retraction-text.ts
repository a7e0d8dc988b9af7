/**
 * The correction a member gets for a retracted alert. It names the alert:
 * when it was sent out (the alert's own time where the line is, with its day when not today)
 * and, unless she chose DISCREET (a lock screen shows no alarming words),
 * for a guided alert its categories (never its free words nor a moderator's text:
 * they may hold the name or number it was withdrawn for); with several alerts for her area in a day, "the alert
 * sent 2026-12-08" left her to guess which to disregard, and she might
 * dismiss the real warning.
 */
import type { AlertBody } from '../alerts/report-template';
import type { Lang } from '../domain/lang';
import { catalog } from './catalog';
import { dayTime } from './clock-time';
import { smsSegments } from './sms-segments';

/** The longest list of categories quoted, and the shorter ones tried when an accent (UCS-2's short segments) makes it too long. */
const QUOTE_CHARS = [32, 24, 16, 8];

/** At most two SMS segments, as every reply (catalog-type.ts). */
const SEGMENTS = 2;

/** The first whole words of the category list within `max` characters; "..." when some are left out. */
function clipped(list: string, max: number): string {
  const words = list.split(' ');
  const kept: string[] = [];
  for (const word of words) {
    if (Array.from([...kept, word].join(' ')).length > max) break;
    kept.push(word);
  }
  if (kept.length === 0) return '';
  return kept.length < words.length ? `${kept.join(' ').replace(/[\s,;:.!?-]+$/u, '')}...` : kept.join(' ');
}

/**
 * The correction, in `lang`, of the alert for `npas` with `body` (undefined when it no longer opens: the time
 * alone) that went out at `alertAt` (its own time), written at `now`.
 */
export function retractionText(lang: Lang, npas: string[], body: AlertBody | undefined, alertAt: number, now: number, discreet: boolean): string {
  const t = catalog(lang);
  const sent = dayTime(alertAt, now);
  if (discreet || body === undefined) return discreet ? t.discreetRetracted(npas, sent) : t.alertRetracted(npas, sent, '');
  // Only what no one wrote: a guided alert's categories, in her language. Its free words, or a moderator's text,
  // may hold the very name or number it was withdrawn for, and no moderator reads the correction before it goes.
  const text = 'fields' in body ? t.categoryNames(body.fields.categories) : '';
  if (text === '') return t.alertRetracted(npas, sent, '');
  const fits = QUOTE_CHARS.map((max) => t.alertRetracted(npas, sent, clipped(text, max))).find((c) => smsSegments(c) <= SEGMENTS);
  return fits ?? t.alertRetracted(npas, sent, '');
}
