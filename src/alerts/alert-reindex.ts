/**
 * The start's re-index of the alerts migration 0039 lists (those approved
 * before it): their CHECK entries rebuilt from their sealed body as an
 * approval indexes one now. Before, a clipped guided report's alert was
 * indexed with the stub its cut leaves before "..." ("@rickysmi...",
 * "7ABC1..."), an innocent identifier a reporter could aim at. It needs the
 * key, so the server runs it as it starts, not the migration; once done, it
 * finds nothing.
 */
import type { CountryCode } from 'libphonenumber-js';
import { openAlert } from '../store/alerts';
import type { Db } from '../store/db';
import { findReport } from '../store/reports';
import { indexAlertIdentifiers } from '../store/screening';
import type { Vault } from '../store/vault';
import { alertIdentifiers, type AlertFields } from './report-template';

/** Re-indexes every alert listed, inside the caller's transaction; returns how many were listed. */
export function reindexListedAlerts(db: Db, vault: Vault, country: CountryCode): number {
  const listed = db.stmt('SELECT alert_id FROM screening_reindex ORDER BY alert_id').all() as Array<{ alert_id: number }>;
  for (const { alert_id: id } of listed) {
    reindexAlert(db, vault, id, country);
    db.stmt('DELETE FROM screening_reindex WHERE alert_id = ?').run(id);
  }
  return listed.length;
}

function reindexAlert(db: Db, vault: Vault, id: number, country: CountryCode): void {
  let alert: ReturnType<typeof openAlert>;
  let unclipped: AlertFields | undefined;
  try {
    alert = openAlert(db, vault, id);
    const { ref } = (db.stmt('SELECT r.ref FROM alerts a LEFT JOIN reports r ON r.id = a.report_id WHERE a.id = ?').get(id) ?? {}) as { ref?: string | null };
    unclipped = ref ? findReport(db, vault, ref)?.fields?.alert : undefined;
  } catch {
    // A value that no longer opens (a damaged row): its entries stay as they are, rather than the start failing.
    return;
  }
  // Retracted or gone: a retraction already deleted its entries.
  if (!alert) return;
  const { body } = alert;
  const kept = db.stmt('SELECT categories FROM screening WHERE alert_id = ? LIMIT 1').get(id) as { categories: string } | undefined;
  // The categories its entries carried (the approval's); for an alert that had none, as an approval gives them.
  const categories = kept ? kept.categories.split(',').filter((c) => c !== '') : 'fields' in body ? (unclipped ?? body.fields).categories : [];
  const ids = 'fields' in body ? alertIdentifiers(body, country, unclipped ?? uncutGuess(body.fields)) : alertIdentifiers(body, country);
  db.stmt('DELETE FROM screening WHERE alert_id = ?').run(id);
  indexAlertIdentifiers(db, vault, id, ids, alert.npas, categories, alert.createdAt);
}

/**
 * The report's answers when retention has cut the report down to its
 * reference: the alert's fields, each word a cut ended ("7ABC1...,",
 * "@rickysmi...") left out. alertIdentifiers keeps the identifiers both
 * read: what the cut left whole.
 */
function uncutGuess(f: AlertFields): AlertFields {
  const out: AlertFields = { ...f };
  for (const key of ['when', 'where', 'person', 'vehicle', 'contact'] as const) {
    const text = f[key];
    if (text !== undefined) out[key] = text.replace(/\S*\.\.\.(?=[\s,]|$)/gu, ' ');
  }
  return out;
}
