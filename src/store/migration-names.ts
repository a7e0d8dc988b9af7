/**
 * The migrations a database records, matched by name, not number alone:
 * migrations were renumbered, and one reverted, after they had been on main,
 * so a database may record a number under a name that now means another
 * migration. Reads only; migrate.ts writes what this decides.
 */
import type Database from 'better-sqlite3';

/**
 * Every name a migration was applied under on main that is no file now (git
 * log --first-parent -- migrations/), and what it means now: the file its SQL
 * now runs as (renamed with the same SQL), or null for one reverted. A
 * database recording one of them ran that SQL: its file is not run again.
 * A migration renamed or reverted once on main is added here, never dropped.
 */
export const FORMER_NAMES: ReadonlyMap<string, string | null> = new Map([
  // 05cf877..16c95df: two files numbered 0034; only a start that then failed recorded this one.
  ['0034_checkin_moderators_queued_at.sql', '0036_checkin_moderators_queued_at.sql'],
  ['0038_screening_reindex.sql', '0039_screening_reindex.sql'],
  // bb2f3fc..f4af720, reverted: the column it added (blocked_senders.channel_only, default 0) is read by nothing.
  ['0043_blocks_of_one_channel.sql', null],
  ['0044_checkin_unreached_trying.sql', '0043_checkin_unreached_trying.sql'],
  ['0051_outbox_sends.sql', '0049_outbox_sends.sql'],
  ['0052_checkin_phone_sealed.sql', '0050_checkin_phone_sealed.sql'],
  ['0056_decided_requests.sql', '0055_decided_requests.sql'],
  // Made line_settings, as 0057_line_settings_renumbered does if it is missing (0056 then finds it).
  ['0057_line_settings.sql', '0057_line_settings_renumbered.sql'],
  ['0058_write_check.sql', '0054_write_check.sql'],
]);

/** A row of schema_migrations. */
export interface AppliedMigration {
  version: number;
  name: string;
  applied_at: number;
}

/** What the database records, as this version names it: `rows` to keep (changed: they differ from the table), or why it is refused. */
export type AppliedNames = { rows: AppliedMigration[]; changed: boolean } | { problem: string };

const versionOf = (file: string): number => Number(file.slice(0, 4));

/** The rows of schema_migrations, none if the table is not there yet (a new line). */
export function readApplied(db: Database.Database): AppliedMigration[] {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined;
  return table ? (db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all() as AppliedMigration[]) : [];
}

/** The recorded rows renamed to this version's `files`, a reverted one dropped; refused if one names no migration this version knows. */
export function appliedNames(recorded: AppliedMigration[], files: string[]): AppliedNames {
  const current = new Set(files);
  const isCurrent = (row: AppliedMigration) => current.has(row.name) && versionOf(row.name) === row.version;
  const isFormer = (row: AppliedMigration) => FORMER_NAMES.has(row.name) && versionOf(row.name) === row.version;
  const unknown = recorded.filter((row) => !isCurrent(row) && !isFormer(row));
  const known = Math.max(0, ...files.map(versionOf));
  const schema = Math.max(0, ...unknown.map((row) => row.version));
  if (schema > known) {
    return { problem: `the database was made by a newer version of Heads Up (schema ${schema}, this one knows ${known}): run that version, or restore a backup made by this one` };
  }
  // Never skipped: what that migration did is not known here, and the files after it may not fit it.
  if (unknown.length > 0) {
    return {
      problem: `the database records migration ${unknown[0]!.name}, which this version of Heads Up does not know: it was made by another version; run that version, or restore a backup made by this one`,
    };
  }
  const rows: AppliedMigration[] = [];
  const recordedAs = new Map<AppliedMigration, string>();
  for (const row of recorded) {
    const now = isCurrent(row) ? row.name : FORMER_NAMES.get(row.name);
    if (!now) continue;
    const kept = now === row.name ? row : { version: versionOf(now), name: now, applied_at: row.applied_at };
    rows.push(kept);
    recordedAs.set(kept, row.name);
  }
  const changed = rows.length !== recorded.length || rows.some((row) => recordedAs.get(row) !== row.name);
  const seen = new Map<number, string>();
  for (const row of rows) {
    const name = recordedAs.get(row)!;
    const other = seen.get(row.version);
    if (other !== undefined) return { problem: `the database records ${row.name} twice (as ${other} and as ${name}): restore a backup made by this version` };
    seen.set(row.version, name);
  }
  return { rows: rows.sort((a, b) => a.version - b.version), changed };
}
