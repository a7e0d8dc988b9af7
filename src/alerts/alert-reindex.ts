/**
 * The start's re-readings of the CHECK index: after DEFAULT_COUNTRY changed
 * (reindexForCountry, below), and once for the alerts migration 0039 lists (those approved
 * before it). Before, a clipped guided report's alert was indexed with the
 * stub its cut leaves before "..." ("@rickysmi...", "7ABC1..."), an
 * innocent identifier a reporter could aim at. It only removes, and only
 * what the cut made: the readings of the alert as shown that its whole
 * answers do not give. Every other entry its approval made stays, though
 * today's reading may miss it (a moderator approved it whole), and none is
 * added (a newer reading adding one could name what no moderator saw whole,
 * or the reporter's own number an old alert left unmasked). It needs
 * the key, so the server runs it as it starts, not the migration; once done,
 * it finds nothing.
 */
import type { CountryCode } from 'libphonenumber-js';
import type { Identifier } from './identifiers';
import { openAlert } from '../store/alerts';
import type { Db } from '../store/db';
import { findReport } from '../store/reports';
import { identifierIndex, indexAlertIdentifiers } from '../store/screening';
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
  try {
    alert = openAlert(db, vault, id);
  } catch {
    // An alert that no longer opens (a damaged row): its entries stay as they are, rather than the start failing.
    return;
  }
  // Retracted or gone: a retraction already deleted its entries.
  if (!alert) return;
  const { body } = alert;
  // Only a clipped guided report's alert holds a cut.
  if (!('fields' in body)) return;
  const hex = (ids: Identifier[]) => ids.map((i) => identifierIndex(vault, i).toString('hex'));
  const whole = new Set(hex(alertIdentifiers(body, country, wholeAnswers(db, vault, id) ?? uncutGuess(body.fields))));
  // What the cut made: a reading of the alert as shown that its whole answers do not give ("7ABC1..."). An entry
  // today's reading merely misses (a narrower rule, another normalisation) was a whole identifier a moderator
  // approved: it stays.
  const stubs = new Set(hex(alertIdentifiers(body, country)).filter((h) => !whole.has(h)));
  const entries = db.stmt('SELECT number_bidx FROM screening WHERE alert_id = ?').all(id) as Array<{ number_bidx: Buffer }>;
  const drop = db.stmt('DELETE FROM screening WHERE alert_id = ? AND number_bidx = ?');
  for (const { number_bidx: bidx } of entries) if (stubs.has(bidx.toString('hex'))) drop.run(id, bidx);
}

/**
 * The start's re-index after DEFAULT_COUNTRY changed: national numbers in
 * alerts ("07911 123456") were read with the country the index was built
 * under. Each alert still screened (not retracted, created since `since`) is
 * read under both countries, as its approval reads it: what only the new
 * reading gives is added (CHECK finds it now), what only the old one gave
 * is removed (a misreading: another country's number, perhaps an innocent
 * one). Entries both readings give, or neither (kept by an older reading a
 * moderator approved), stay. A guided report's alert whose report retention
 * has cut down gets no new entry from a field its clipping cut: a cut number
 * cannot be told from a whole one. Inside the caller's transaction; returns
 * how many alerts were read and how many of them changed.
 */
export function reindexForCountry(db: Db, vault: Vault, from: CountryCode, to: CountryCode, since: number): { read: number; changed: number } {
  const ids = db.stmt('SELECT id FROM alerts WHERE retracted_at IS NULL AND created_at >= ? ORDER BY id').all(since) as Array<{ id: number }>;
  let changed = 0;
  for (const { id } of ids) if (reindexAlertForCountry(db, vault, id, from, to)) changed++;
  return { read: ids.length, changed };
}

function reindexAlertForCountry(db: Db, vault: Vault, id: number, from: CountryCode, to: CountryCode): boolean {
  let alert: ReturnType<typeof openAlert>;
  try {
    alert = openAlert(db, vault, id);
  } catch {
    // A damaged row: its entries stay as they are, rather than the start failing.
    return false;
  }
  if (!alert) return false;
  const { body } = alert;
  const whole = 'fields' in body ? wholeAnswers(db, vault, id) : undefined;
  const hex = (i: Identifier) => identifierIndex(vault, i).toString('hex');
  const before = new Set(alertIdentifiers(body, from, whole).map(hex));
  const now = alertIdentifiers(body, to, whole);
  const after = new Set(now.map(hex));
  const gone = [...before].filter((h) => !after.has(h));
  // A clipped alert's cut ("030 9018 2099 9999...") read under a new country can be another, innocent,
  // number: with its report's whole answers gone (retention), nothing is added from a field that ends cut.
  const fromUncut = 'fields' in body && whole === undefined ? alertIdentifiers(body, to, withoutCutFields(body.fields)) : now;
  const added = fromUncut.filter((i) => !before.has(hex(i)));
  if (!gone.length && !added.length) return false;
  const drop = db.stmt('DELETE FROM screening WHERE alert_id = ? AND number_bidx = ?');
  for (const h of gone) drop.run(id, Buffer.from(h, 'hex'));
  // As its approval indexed it: the alert's areas and time, the categories of an entry it has (a guided report's own).
  const kept = db.stmt('SELECT categories FROM screening WHERE alert_id = ? LIMIT 1').get(id) as { categories: string } | undefined;
  const categories = kept ? kept.categories.split(',').filter(Boolean) : 'fields' in body ? (whole ?? body.fields).categories : [];
  indexAlertIdentifiers(db, vault, id, added, alert.npas, categories, alert.createdAt);
  return true;
}

/** The report's whole answers, or undefined when retention cut it down or they no longer open (read as the alert alone then). */
function wholeAnswers(db: Db, vault: Vault, id: number): AlertFields | undefined {
  try {
    const { ref } = (db.stmt('SELECT r.ref FROM alerts a LEFT JOIN reports r ON r.id = a.report_id WHERE a.id = ?').get(id) ?? {}) as { ref?: string | null };
    return ref ? findReport(db, vault, ref)?.fields?.alert : undefined;
  } catch {
    return undefined;
  }
}

/** The alert's fields without those a cut ends (see uncutGuess): what is read there is all whole. */
function withoutCutFields(f: AlertFields): AlertFields {
  const guess = uncutGuess(f);
  const out: AlertFields = { ...f };
  for (const key of ['when', 'where', 'person', 'vehicle', 'contact'] as const) if (guess[key] !== f[key]) delete out[key];
  return out;
}

/**
 * The report's answers when they are gone: the alert's fields, the stub a
 * cut ended each with left out: a word ending "..." at a field's end, or in
 * the vehicle before the plates clipVehicle lists after it ("7ABC1...,
 * CA 7ABC123"). A reporter's own "..." elsewhere is no cut: its word stays.
 * alertIdentifiers keeps the identifiers both read: what the cut left whole.
 */
function uncutGuess(f: AlertFields): AlertFields {
  const out: AlertFields = { ...f };
  for (const key of ['when', 'where', 'person', 'vehicle', 'contact'] as const) {
    const text = f[key];
    if (text !== undefined) out[key] = text.replace(key === 'vehicle' ? /\S*\.\.\.(?=(?:, [^\s,]+(?: [^\s,]+)?)*$)/u : /\S*\.\.\.$/u, ' ');
  }
  return out;
}
