/**
 * The screening index for CHECK and for repeat-offender matching: blind
 * indexes of the identifiers (phone numbers, plates, emails, handles,
 * links) named in approved alerts and in reports. Each kind has its own
 * blind-index purpose, so a value of one kind never matches another; the
 * normalised value is sealed beside its index so rotate-key can recompute it.
 */
import type { Identifier, IdentifierKind } from '../alerts/identifiers';
import type { Db } from './db';
import type { IndexPurpose, Vault } from './vault';

/** The key CHECK's counts give alerts no one categorised (a one-message report): no category of the guided list. */
export const UNCATEGORISED = 'none';

/** The blind-index purpose of each kind of identifier. */
export function screenPurpose(kind: IdentifierKind): IndexPurpose {
  return kind === 'phone' ? 'screen' : `screen-${kind}`;
}

/** The blind index of one identifier (its region is not part of it). */
export function identifierIndex(vault: Vault, id: Pick<Identifier, 'kind' | 'value'>): Buffer {
  return vault.index(screenPurpose(id.kind), id.value);
}

/** Where a screening value is sealed: the alert and the index it belongs to. */
export function screeningSlot(alertId: number, bidx: Buffer) {
  return { table: 'screening', column: 'value', row: `${alertId}:${bidx.toString('hex')}` };
}

/** Where a report's identifier is sealed. */
export function reportIdentifierSlot(reportId: number, bidx: Buffer) {
  return { table: 'report_identifiers', column: 'value', row: `${reportId}:${bidx.toString('hex')}` };
}

/** Records the identifiers an approved alert names, with its areas and categories. */
export function indexAlertIdentifiers(db: Db, vault: Vault, alertId: number, ids: Identifier[], npas: string[], categories: string[], now: number): void {
  const insert = db.stmt(
    'INSERT OR IGNORE INTO screening (number_bidx, alert_id, npas, created_at, kind, categories, value_ct, key_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const id of ids) {
    const bidx = identifierIndex(vault, id);
    insert.run(bidx, alertId, npas.join(','), now, id.kind, categories.join(','), vault.seal(id.value, screeningSlot(alertId, bidx)), vault.keyVersion);
  }
}

/** Records the identifiers a report names (for matching later reports against it). */
export function indexReportIdentifiers(db: Db, vault: Vault, reportId: number, ids: Identifier[]): void {
  const insert = db.stmt('INSERT OR IGNORE INTO report_identifiers (report_id, kind, id_bidx, value_ct, key_version) VALUES (?, ?, ?, ?, ?)');
  for (const id of ids) {
    const bidx = identifierIndex(vault, id);
    insert.run(reportId, id.kind, bidx, vault.seal(id.value, reportIdentifierSlot(reportId, bidx)), vault.keyVersion);
  }
}

/** Replaces the identifiers a report names (a moderator's EDIT): matching follows the text that would go out. */
export function reindexReportIdentifiers(db: Db, vault: Vault, reportId: number, ids: Identifier[]): void {
  db.stmt('DELETE FROM report_identifiers WHERE report_id = ?').run(reportId);
  indexReportIdentifiers(db, vault, reportId, ids);
}

/** Removes an alert from screening (RETRACT). Returns how many entries left. */
export function unindexAlert(db: Db, alertId: number): number {
  return db.stmt('DELETE FROM screening WHERE alert_id = ?').run(alertId).changes;
}

/** What CHECK answers: how many alerts name an identifier, by category, the latest date and their areas. */
export interface Screened {
  count: number;
  /** Alerts per category; an alert with no category (a one-message report, a direct alert) counts under 'other'. */
  byCategory: Record<string, number>;
  latest: Date;
  areas: string[];
}

/** How many alerts (since `since`) name an identifier; null when none. */
export function lookupIdentifier(db: Db, vault: Vault, id: Pick<Identifier, 'kind' | 'value'>, since: number): Screened | null {
  return lookupIdentifiers(db, vault, [id], since);
}

/**
 * How many alerts (since `since`) name any of these readings of one value
 * (a word that may be a plate or a handle), each alert once; `kind` is the
 * first reading found. Null when none.
 */
export function lookupIdentifiers(db: Db, vault: Vault, ids: Array<Pick<Identifier, 'kind' | 'value'>>, since: number): (Screened & { kind: IdentifierKind }) | null {
  const stmt = db.stmt('SELECT alert_id, npas, categories, created_at FROM screening WHERE number_bidx = ? AND created_at >= ?');
  const byAlert = new Map<number, { npas: string; categories: string; created_at: number }>();
  let kind: IdentifierKind | undefined;
  for (const id of ids) {
    const found = stmt.all(identifierIndex(vault, id), since) as Array<{ alert_id: number; npas: string; categories: string; created_at: number }>;
    if (found.length && !kind) kind = id.kind;
    for (const r of found) byAlert.set(r.alert_id, r);
  }
  const rows = [...byAlert.values()].sort((a, b) => b.created_at - a.created_at);
  const first = rows[0];
  if (!first || !kind) return null;
  const byCategory: Record<string, number> = {};
  // An alert no one categorised (a one-message report) is counted apart: 'other' is the guided list's "none of these".
  for (const r of rows) for (const c of r.categories ? r.categories.split(',') : [UNCATEGORISED]) byCategory[c] = (byCategory[c] ?? 0) + 1;
  const areas = [...new Set(rows.flatMap((r) => r.npas.split(',')))].sort();
  return { count: rows.length, byCategory, latest: new Date(first.created_at), areas, kind };
}

/** How many alerts name a phone number (E.164), the latest date and their areas; null when none. */
export function lookupNumber(db: Db, vault: Vault, e164: string, since: number): { count: number; latest: Date; areas: string[] } | null {
  const found = lookupIdentifier(db, vault, { kind: 'phone', value: e164 }, since);
  return found ? { count: found.count, latest: found.latest, areas: found.areas } : null;
}

/** Earlier reports naming any of these identifiers: approved ones still screened, and pending ones. */
export interface Matches {
  /** References of earlier approved reports whose alerts are still screened (and direct alerts, counted). */
  alerts: string[];
  alertCount: number;
  pending: string[];
}

/** Reports and alerts (other than report `exceptReportId`) that name any of `ids`; each identifier is one indexed look-up. */
export function findMatches(db: Db, vault: Vault, ids: Identifier[], exceptReportId: number | null, since: number): Matches {
  const alertStmt = db.stmt(
    `SELECT a.id, r.ref FROM screening s JOIN alerts a ON a.id = s.alert_id LEFT JOIN reports r ON r.id = a.report_id
     WHERE s.number_bidx = ? AND s.created_at >= ? AND a.retracted_at IS NULL`,
  );
  const pendingStmt = db.stmt(
    `SELECT r.id, r.ref FROM report_identifiers i JOIN reports r ON r.id = i.report_id
     WHERE i.id_bidx = ? AND r.status = 'pending' AND r.id <> ?`,
  );
  const alerts = new Map<number, string | null>();
  const pending = new Map<number, string>();
  for (const id of ids.slice(0, 20)) {
    const bidx = identifierIndex(vault, id);
    for (const a of alertStmt.all(bidx, since) as Array<{ id: number; ref: string | null }>) alerts.set(a.id, a.ref);
    for (const p of pendingStmt.all(bidx, exceptReportId ?? -1) as Array<{ id: number; ref: string }>) pending.set(p.id, p.ref);
  }
  const newestFirst = <T>(m: Map<number, T>) => [...m.entries()].sort((a, b) => b[0] - a[0]).map(([, v]) => v);
  return {
    alerts: newestFirst(alerts).filter((ref): ref is string => ref !== null),
    alertCount: alerts.size,
    pending: newestFirst(pending),
  };
}
