/** Bad date reports: sealed text and fields, plain areas, and a reporter link only BLOCK and DELETE use. */
import type { AlertBody, AlertFields, ReportFields } from '../alerts/report-template';
import { startOfHour } from './coarse-time';
import type { Db } from './db';
import { newRef } from './refs';
import type { Vault } from './vault';

export interface Report {
  id: number;
  ref: string;
  status: 'pending' | 'approved' | 'rejected';
  npas: string[];
  /** The text (a one-message report, or a moderator's EDIT); '' for a guided report not edited. */
  text: string;
  /** A guided report's fields, with the alert-safe subset the template shows. */
  fields: StoredFields | null;
  /** Whether a moderator's EDIT replaced the text. */
  edited: boolean;
}

/** What a guided report seals in fields_ct. */
export interface StoredFields {
  fields: ReportFields;
  alert: AlertFields;
}

const SLOT = { table: 'reports', column: 'text' } as const;
const FIELDS = { table: 'reports', column: 'fields' } as const;

/** What an approval of this report would send: its text once edited or written in one message, else its fields' template. */
export function reportBody(r: Pick<Report, 'text' | 'fields'>): AlertBody {
  return r.text === '' && r.fields ? { fields: r.fields.alert } : { text: r.text };
}

interface ReportRow {
  id: number;
  ref: string;
  status: Report['status'];
  npas: string;
  text_ct: Buffer | null;
  fields_ct: Buffer | null;
  key_version: number;
  edited: number;
}

function toReport(vault: Vault, row: ReportRow): Report {
  return {
    id: row.id,
    ref: row.ref,
    status: row.status,
    npas: row.npas.split(','),
    text: row.text_ct ? vault.open(row.text_ct, { ...SLOT, row: row.id }, row.key_version) : '',
    fields: row.fields_ct ? (JSON.parse(vault.open(row.fields_ct, { ...FIELDS, row: row.id }, row.key_version)) as StoredFields) : null,
    edited: row.edited === 1,
  };
}

/** Stores a pending report; returns its id and reference (without '#'). */
export function createReport(
  db: Db,
  vault: Vault,
  input: { npas: string[]; text: string; reporterKey: Buffer; phoneReporterKey?: Buffer; fields?: StoredFields },
  now: number,
): { id: number; ref: string } {
  return db.transaction(() => {
    const ref = newRef(db);
    const id = db.nextId('reports');
    db.stmt('INSERT INTO reports (id, ref, npas, text_ct, fields_ct, key_version, reporter_bidx, phone_reporter_bidx, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      id,
      ref,
      input.npas.join(','),
      input.text === '' && input.fields ? null : vault.seal(input.text, { ...SLOT, row: id }),
      input.fields ? vault.seal(JSON.stringify(input.fields), { ...FIELDS, row: id }) : null,
      vault.keyVersion,
      input.reporterKey,
      input.phoneReporterKey ?? null,
      // The hour is enough for retention; pending reports are listed in id order.
      startOfHour(now),
    );
    return { id, ref };
  });
}

/** The report with that reference, decrypted, if any. */
export function findReport(db: Db, vault: Vault, ref: string): Report | undefined {
  const row = db.stmt('SELECT id, ref, status, npas, text_ct, fields_ct, key_version, edited FROM reports WHERE ref = ?').get(ref) as ReportRow | undefined;
  return row ? toReport(vault, row) : undefined;
}

/** Pending reports, oldest first, at most `limit` (PENDING reads them a page at a time). */
export function listPendingReports(db: Db, limit: number): Array<{ ref: string; npas: string[] }> {
  return (db.stmt("SELECT ref, npas FROM reports WHERE status = 'pending' ORDER BY id LIMIT +?").all(limit) as Array<{
    ref: string;
    npas: string;
  }>).map((r) => ({ ref: r.ref, npas: r.npas.split(',') }));
}

/** Replaces a report's text, as a moderator's EDIT (re-sealed, with its fields: both share the row's key version). */
export function setReportText(db: Db, vault: Vault, id: number, text: string): void {
  const row = db.stmt('SELECT fields_ct, key_version FROM reports WHERE id = ?').get(id) as { fields_ct: Buffer | null; key_version: number } | undefined;
  const fields = row?.fields_ct ? vault.seal(vault.open(row.fields_ct, { ...FIELDS, row: id }, row.key_version), { ...FIELDS, row: id }) : null;
  db.stmt('UPDATE reports SET text_ct = ?, fields_ct = ?, key_version = ?, edited = 1 WHERE id = ?').run(vault.seal(text, { ...SLOT, row: id }), fields, vault.keyVersion, id);
}

/**
 * Records a moderator's decision; a rejected report is discarded in the same
 * transaction (discardReport). Returns false if the report was no longer pending.
 */
export function decideReport(db: Db, id: number, status: 'approved' | 'rejected', now: number): boolean {
  return db.transaction(() => {
    const decided = db.stmt("UPDATE reports SET status = ?, decided_at = ? WHERE id = ? AND status = 'pending'").run(status, startOfHour(now), id).changes === 1;
    if (decided && status === 'rejected') {
      discardReport(db, id);
      // The WAL is truncated after the commit, so no copy of what went stays there (retention does the same once per run).
      db.eraseSoon();
    }
    return decided;
  });
}

/**
 * What REJECT (and BLOCK's discard) leave of a report: its reference, state,
 * dates, areas and reporter link ("already decided", BLOCK of it). Its text,
 * its guided answers and the index of every identifier it names go: a false
 * or doxxing report must not stay readable to whoever holds the key, nor
 * confirm a guessed number (the index only ever matched pending reports).
 */
function discardReport(db: Db, id: number): void {
  db.stmt('DELETE FROM report_identifiers WHERE report_id = ?').run(id);
  db.stmt('UPDATE reports SET text_ct = NULL, fields_ct = NULL WHERE id = ?').run(id);
}

/**
 * Retention: discards at most `limit` rejected reports that still hold their
 * text, answers or identifiers (rejected before REJECT discarded at once), as
 * REJECT does; returns how many.
 */
export function discardRejectedReports(db: Db, limit: number): number {
  const ids = db
    .stmt(
      `SELECT id FROM reports r WHERE status = 'rejected'
       AND (text_ct IS NOT NULL OR fields_ct IS NOT NULL OR EXISTS (SELECT 1 FROM report_identifiers i WHERE i.report_id = r.id))
       LIMIT +?`,
    )
    .all(limit) as Array<{ id: number }>;
  for (const { id } of ids) discardReport(db, id);
  return ids.length;
}

/**
 * The reporter indexes of the report with that reference: the sender's, and
 * over Signal with the number shown that number's over SMS too (none if no
 * such report, or once the reporter used DELETE).
 */
export function reportersOf(db: Db, vault: Vault, ref: string): Buffer[] {
  const row = db.stmt('SELECT id, reporter_bidx, phone_reporter_bidx FROM reports WHERE ref = ?').get(ref) as
    | { id: number; reporter_bidx: Buffer | null; phone_reporter_bidx: Buffer | null }
    | undefined;
  if (!row) return [];
  const gone = [noReporter(vault, row.id, 'reporter'), noReporter(vault, row.id, 'phone_reporter')];
  return [row.reporter_bidx, row.phone_reporter_bidx].filter((k): k is Buffer => k !== null && !gone.some((g) => g.equals(k)));
}

/**
 * What an erased reporter's link becomes: an index no one has, which to
 * anyone without the key looks like any reporter's (a missing one would
 * point out, the same day, the report of the member who erased herself).
 * Keyed to the report, so that BLOCK knows it for no one.
 */
export function noReporter(vault: Vault, reportId: number, column: 'reporter' | 'phone_reporter'): Buffer {
  return vault.index('reporter', `erased:${column}:${reportId}`);
}

/**
 * Reports whose reporter erased herself before migration 0030 kept NULL
 * where her link was, which singles her report out in a seized file: they
 * get the index no one has, as forgetReporter gives now. It needs the key,
 * so the server runs it as it starts, not the migration; once done, it
 * finds nothing. (A report retention cut down to its reference keeps no
 * link at all, as all such reports do; a rejected one, its text discarded, does.) Returns how many were untied.
 */
export function untieErasedReporters(db: Db, vault: Vault): number {
  const ids = db
    .stmt("SELECT id FROM reports WHERE reporter_bidx IS NULL AND (text_ct IS NOT NULL OR fields_ct IS NOT NULL OR status = 'rejected')")
    .all() as Array<{ id: number }>;
  for (const { id } of ids) db.stmt('UPDATE reports SET reporter_bidx = ? WHERE id = ?').run(noReporter(vault, id, 'reporter'), id);
  return ids.length;
}

/**
 * Whether a report with that reference exists (whatever its state), other
 * than as the bare reference retention keeps for its alert (reduceOldReports):
 * such a report is erased as far as BLOCK is concerned. A rejected one, its
 * text discarded (discardReport), still exists: it was never approved, so
 * never cut down.
 */
export function reportExists(db: Db, ref: string): boolean {
  return db.stmt("SELECT 1 FROM reports WHERE ref = ? AND (text_ct IS NOT NULL OR fields_ct IS NOT NULL OR status = 'rejected')").get(ref) !== undefined;
}

/**
 * Erases the link between a reporter and the reports she sent (their
 * DELETE): both indexes of each, each replaced by an index no one has
 * (noReporter). Only what this sender sent: her number's index on a report
 * (or check-in) sent over Signal showing it stays until her DELETE there, as
 * an SMS may be spoofed, or come from a recycled number's new holder.
 * `keepPending`: the links of reports still pending stay (a refused
 * applicant's: a moderator must still be able to BLOCK her by one).
 */
export function forgetReporter(db: Db, vault: Vault, reporterKey: Buffer, keepPending = false): number {
  const which = keepPending ? "reporter_bidx = ? AND status <> 'pending'" : 'reporter_bidx = ?';
  const own = db.stmt(`SELECT id, phone_reporter_bidx IS NOT NULL AS phone FROM reports WHERE ${which}`).all(reporterKey) as Array<{ id: number; phone: number }>;
  for (const r of own) {
    // A report that carried no number's index (sent by SMS, or over Signal with the number hidden) still carries none.
    const phone = r.phone ? noReporter(vault, r.id, 'phone_reporter') : null;
    db.stmt('UPDATE reports SET reporter_bidx = ?, phone_reporter_bidx = ? WHERE id = ?').run(noReporter(vault, r.id, 'reporter'), phone, r.id);
  }
  return own.length;
}

/**
 * The pending reports sent under any of these reporter indexes, as their sender or as the number a Signal
 * sender showed (a block of that number silences her there too), oldest first; not those sent by one of
 * `spared` (a moderator's: the block never silences her, and she relays real reports).
 */
export function pendingReportsOf(db: Db, reporterKeys: readonly Buffer[], spared: readonly Buffer[] = []): number[] {
  const ids = new Set<number>();
  for (const key of reporterKeys) {
    const rows = db
      .stmt("SELECT id, reporter_bidx FROM reports WHERE status = 'pending' AND (reporter_bidx = ? OR phone_reporter_bidx = ?)")
      .all(key, key) as Array<{ id: number; reporter_bidx: Buffer | null }>;
    for (const { id, reporter_bidx } of rows) if (!spared.some((k) => reporter_bidx !== null && k.equals(reporter_bidx))) ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
}

/** The report this reporter filed last (the one a message of hers just filed, in its transaction). */
export function newestReportOf(db: Db, reporterKey: Buffer): number | undefined {
  return (db.stmt('SELECT id FROM reports WHERE reporter_bidx = ? ORDER BY id DESC LIMIT 1').get(reporterKey) as { id: number } | undefined)?.id;
}

/** Whether the report still awaits a moderator. */
export function reportPending(db: Db, id: number): boolean {
  return db.stmt("SELECT 1 FROM reports WHERE id = ? AND status = 'pending'").get(id) !== undefined;
}

/** How many reports await a moderator. */
export function countPendingReports(db: Db): number {
  return (db.stmt("SELECT count(*) AS n FROM reports WHERE status = 'pending'").get() as { n: number }).n;
}

/** Erases at most `limit` reports filed before `cutoff` whose alert, if any, is gone; returns how many. */
export function eraseOldReports(db: Db, cutoff: number, limit: number): number {
  return db
    .stmt('DELETE FROM reports WHERE id IN (SELECT id FROM reports r WHERE created_at < @cutoff AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.report_id = r.id) LIMIT +@limit)')
    .run({ cutoff, limit }).changes;
}

/**
 * Cuts at most `limit` reports filed before `cutoff` whose alert is still
 * kept (it was approved later, and ages out later) down to their reference
 * and areas: RETRACT of that reference still finds the alert CHECK finds.
 * Their text, fields, reporter link, identifiers and notice links go now,
 * as an erased report's would. Returns how many.
 */
export function reduceOldReports(db: Db, cutoff: number, limit: number): number {
  const ids = db
    .stmt(
      `SELECT id FROM reports r WHERE created_at < @cutoff AND EXISTS (SELECT 1 FROM alerts a WHERE a.report_id = r.id)
       AND (text_ct IS NOT NULL OR fields_ct IS NOT NULL OR reporter_bidx IS NOT NULL OR phone_reporter_bidx IS NOT NULL
            OR EXISTS (SELECT 1 FROM report_identifiers i WHERE i.report_id = r.id) OR EXISTS (SELECT 1 FROM report_notices n WHERE n.report_id = r.id))
       LIMIT +@limit`,
    )
    .all({ cutoff, limit }) as Array<{ id: number }>;
  for (const { id } of ids) {
    db.stmt('DELETE FROM report_identifiers WHERE report_id = ?').run(id);
    db.stmt('DELETE FROM report_notices WHERE report_id = ?').run(id);
    db.stmt('UPDATE reports SET text_ct = NULL, fields_ct = NULL, reporter_bidx = NULL, phone_reporter_bidx = NULL WHERE id = ?').run(id);
  }
  return ids.length;
}
