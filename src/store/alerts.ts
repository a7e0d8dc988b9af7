/**
 * Alerts and their fan-out planning. Planning walks member ids in ranges,
 * one transaction per range, writing one outbox row per active subscriber
 * of the alert's areas with INSERT … SELECT: no member is loaded into memory,
 * and a crash resumes from the saved cursor.
 */
import type { AlertBody, AlertFields } from '../alerts/report-template';
import type { Db } from './db';
import { anySignalNumber } from './members';
import type { Vault } from './vault';

const SLOT = { table: 'alerts', column: 'text' } as const;
const FIELDS = { table: 'alerts', column: 'fields' } as const;

/**
 * Members whose ids fall in one planning range. Large enough to amortize a commit, small enough to keep the write lock
 * short and the event loop free: a range of 100,000 held it for about a second (bench:fanout prints the longest).
 */
export const PLAN_RANGE = 20_000;

/** The alert a reference names: an approved report's (its latest), or a moderator's own ALERT. */
export function alertByRef(db: Db, ref: string): { alertId: number; retracted: boolean } | undefined {
  const row = db
    .stmt(
      `SELECT id AS alertId, retracted_at AS retractedAt FROM alerts WHERE ref = @ref
       UNION ALL SELECT a.id, a.retracted_at FROM reports r JOIN alerts a ON a.report_id = r.id WHERE r.ref = @ref
       ORDER BY alertId DESC LIMIT 1`,
    )
    .get({ ref }) as { alertId: number; retractedAt: number | null } | undefined;
  return row ? { alertId: row.alertId, retracted: row.retractedAt !== null } : undefined;
}

/** Creates an alert. `reach` are the areas it goes to, overlays included; `npas` are the areas it names. */
export function createAlert(
  db: Db,
  vault: Vault,
  input: { reportId?: number; ref?: string; npas: string[]; reach: string[]; text: string; fields?: AlertFields },
  now: number,
): number {
  return db.transaction(() => {
    const maxMember = (db.stmt('SELECT coalesce(max(id), 0) AS m FROM members').get() as { m: number }).m;
    const { lastInsertRowid } = db
      .stmt('INSERT INTO alerts (report_id, ref, npas, reach, key_version, plan_cursor, plan_until, created_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?)')
      .run(input.reportId ?? null, input.ref ?? null, input.npas.join(','), input.reach.join(','), vault.keyVersion, maxMember, now);
    const id = Number(lastInsertRowid);
    db.stmt('UPDATE alerts SET text_ct = ?, fields_ct = ? WHERE id = ?').run(
      vault.seal(input.text, { ...SLOT, row: id }),
      input.fields ? vault.seal(JSON.stringify(input.fields), { ...FIELDS, row: id }) : null,
      id,
    );
    return id;
  });
}

type AlertRow = { npas: string; text_ct: Buffer; fields_ct: Buffer | null; key_version: number; retracted_at: number | null; created_at: number };

/** Opens an alert's areas and body (for the dispatcher, in memory only); undefined when gone or retracted. */
export function openAlert(db: Db, vault: Vault, id: number): { npas: string[]; body: AlertBody; createdAt: number } | undefined {
  const row = alertRow(db, id);
  return row && row.retracted_at === null ? opened(vault, id, row) : undefined;
}

/** Opens an alert's areas and body, a retracted one's too (its correction names it); undefined when gone. */
export function openAlertEvenRetracted(db: Db, vault: Vault, id: number): { npas: string[]; body: AlertBody; createdAt: number } | undefined {
  const row = alertRow(db, id);
  return row ? opened(vault, id, row) : undefined;
}

function alertRow(db: Db, id: number): AlertRow | undefined {
  return db.stmt('SELECT npas, text_ct, fields_ct, key_version, retracted_at, created_at FROM alerts WHERE id = ?').get(id) as AlertRow | undefined;
}

function opened(vault: Vault, id: number, row: AlertRow): { npas: string[]; body: AlertBody; createdAt: number } {
  const body: AlertBody = row.fields_ct
    ? { fields: JSON.parse(vault.open(row.fields_ct, { ...FIELDS, row: id }, row.key_version)) as AlertFields }
    : { text: vault.open(row.text_ct, { ...SLOT, row: id }, row.key_version) };
  return { npas: row.npas.split(','), body, createdAt: row.created_at };
}

/** Alerts whose fan-out is not fully planned yet (new, or interrupted by a crash). */
export function unplannedAlerts(db: Db): number[] {
  return (db.stmt('SELECT id FROM alerts WHERE planned_at IS NULL ORDER BY id').all() as Array<{ id: number }>).map((r) => r.id);
}

/** The plan of a range when no Signal member shows a number: no person can be on both channels. */
const PLAN_RANGE_SIMPLE_SQL = `
INSERT OR IGNORE INTO outbox (member_id, alert_id, channel, key_version, state, due_at, created_at, updated_at)
SELECT m.id, @alert, m.channel, 0, 'pending', @now, @created, @now FROM members m
WHERE m.id > @lo AND m.id <= @hi AND m.status = 'active'
  AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.member_id = m.id AND s.npa IN (SELECT value FROM json_each(@reach)))`;

/**
 * The plan of a range when the line does not send on Signal (its settings
 * removed, the database kept): a person on both channels gets the alert by
 * SMS, her Signal membership skipped, so that Signal restored within the
 * alert's day does not send it to her a second time. Someone only on Signal
 * keeps a copy waiting for it.
 */
const PLAN_RANGE_SMS_FIRST_SQL = `${PLAN_RANGE_SIMPLE_SQL}
  AND NOT (m.channel = 'signal' AND m.phone_bidx IS NOT NULL AND EXISTS (
    SELECT 1 FROM members t WHERE t.phone_bidx = m.phone_bidx AND t.channel = 'sms' AND t.status = 'active'
      AND EXISTS (SELECT 1 FROM subscriptions ts WHERE ts.member_id = t.id AND ts.npa IN (SELECT value FROM json_each(@reach)))))`;

/**
 * One range of a fan-out: every active subscriber of the reach, once per
 * person. A person on both SMS and Signal has two member rows, linked when
 * their Signal number is visible: both rows carry the same link index
 * (phone_bidx, an index of its own purpose; hidden numbers cannot be
 * linked, so those get both). Such a person gets the alert once:
 * - over Signal when both rows are in this range and the Signal membership
 *   is active and covers the reach (Signal is encrypted end to end and costs
 *   nothing; the SMS membership still serves alerts Signal does not cover);
 * - otherwise over whichever row was planned first: a row whose twin already
 *   has this alert's outbox row (planned in an earlier range) is skipped.
 * Earlier ranges are judged by what was written then, never re-evaluated, so
 * a twin's change of state between two ranges can neither drop the alert nor
 * send it twice.
 */
const PLAN_RANGE_SQL = `
INSERT OR IGNORE INTO outbox (member_id, alert_id, channel, key_version, state, due_at, created_at, updated_at)
SELECT m.id, @alert, m.channel, 0, 'pending', @now, @created, @now FROM members m
WHERE m.id > @lo AND m.id <= @hi AND m.status = 'active'
  AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.member_id = m.id AND s.npa IN (SELECT value FROM json_each(@reach)))
  AND CASE
    WHEN m.phone_bidx IS NULL THEN 1
    WHEN m.channel = 'sms' THEN NOT EXISTS (
      SELECT 1 FROM members t
      WHERE t.phone_bidx = m.phone_bidx AND t.channel = 'signal' AND t.phone_bidx IS NOT NULL
        AND CASE WHEN t.id <= @lo THEN EXISTS (SELECT 1 FROM outbox o WHERE o.alert_id = @alert AND o.member_id = t.id)
          ELSE t.id <= @hi AND t.status = 'active'
            AND EXISTS (SELECT 1 FROM subscriptions ts WHERE ts.member_id = t.id AND ts.npa IN (SELECT value FROM json_each(@reach)))
        END)
    ELSE NOT EXISTS (
      SELECT 1 FROM members t
      WHERE t.phone_bidx = m.phone_bidx AND t.channel = 'sms' AND t.phone_bidx IS NOT NULL AND t.id <= @lo
        AND EXISTS (SELECT 1 FROM outbox o WHERE o.alert_id = @alert AND o.member_id = t.id))
  END`;

/**
 * The discreet members of a range this alert was planned for: their copy is
 * a notice, the alert unread until READ. A person on both channels who
 * asked for discreet alerts on either gets them so on the one planned: the
 * two are on the same phone, and its lock screen shows Signal's messages too.
 */
const PLAN_UNREAD_SQL = `
INSERT OR IGNORE INTO unread_alerts (member_id, alert_id)
SELECT m.id, @alert FROM members m
WHERE m.id > @lo AND m.id <= @hi
  AND (m.discreet = 1
    OR (m.channel = 'signal' AND m.phone_bidx IS NOT NULL AND EXISTS (
      SELECT 1 FROM members t WHERE t.phone_bidx = m.phone_bidx AND t.channel = 'sms' AND t.phone_bidx IS NOT NULL AND t.discreet = 1))
    OR (m.channel = 'sms' AND m.phone_bidx IS NOT NULL AND EXISTS (
      SELECT 1 FROM members t WHERE t.phone_bidx = m.phone_bidx AND t.channel = 'signal' AND t.phone_bidx IS NOT NULL AND t.discreet = 1)))
  AND EXISTS (SELECT 1 FROM outbox o WHERE o.alert_id = @alert AND o.member_id = m.id)`;

/** The active SMS membership of the person behind a Signal member that this (unretracted) alert reaches, if any. */
export function smsTwinFor(db: Db, signalMemberId: number, alertId: number): { id: number; discreet: number } | undefined {
  const alert = db.stmt('SELECT reach FROM alerts WHERE id = ? AND retracted_at IS NULL').get(alertId) as { reach: string } | undefined;
  if (!alert) return undefined;
  return db
    .stmt(
      `SELECT t.id, max(t.discreet, s.discreet) AS discreet FROM members s JOIN members t ON t.phone_bidx = s.phone_bidx AND t.channel = 'sms' AND t.status = 'active'
       WHERE s.id = ? AND s.channel = 'signal' AND s.phone_bidx IS NOT NULL
         AND EXISTS (SELECT 1 FROM subscriptions x WHERE x.member_id = t.id AND x.npa IN (SELECT value FROM json_each(?)))`,
    )
    .get(signalMemberId, JSON.stringify(alert.reach.split(','))) as { id: number; discreet: number } | undefined;
}

/**
 * The alert's copy for a person's SMS membership, when the Signal copy the
 * planner chose instead of it has failed for good (Signal uninstalled, an
 * identity refused, her Signal membership stopped since): she still gets the
 * alert, once, if the SMS membership is active, covers the alert's areas and
 * the alert stands. A discreet SMS membership gets it as a notice, as the
 * planner would, and the alert is no longer unread over Signal. Returns
 * whether a copy was queued.
 */
export function planTwinFallback(db: Db, signalMemberId: number, alertId: number, now: number, plannedAt = now): boolean {
  const twin = smsTwinFor(db, signalMemberId, alertId);
  if (!twin) return false;
  // Planned when the Signal copy was: a stale alert expires by SMS as it would have by Signal.
  const { changes } = db
    .stmt("INSERT OR IGNORE INTO outbox (member_id, alert_id, channel, key_version, state, due_at, created_at, updated_at) VALUES (?, ?, 'sms', 0, 'pending', ?, ?, ?)")
    .run(twin.id, alertId, now, plannedAt, now);
  if (changes === 0) return false;
  // Discreet on either membership: the two are on one phone (as the planner does). The entry follows the
  // copy: READ over Signal must not show an alert that went by SMS, and READ by SMS shows it once.
  if (twin.discreet) db.stmt('INSERT OR IGNORE INTO unread_alerts (member_id, alert_id) VALUES (?, ?)').run(twin.id, alertId);
  db.stmt('DELETE FROM unread_alerts WHERE member_id = ? AND alert_id = ?').run(signalMemberId, alertId);
  return true;
}

/** Alert copies moved to SMS per transaction (moveTwinAlertBatch): a pause over many people holds the event loop for one batch at a time. */
export const TWIN_BATCH = 100;

/** How far a pass of moveTwinAlertBatch has come: the person (her SMS membership's phone index) and the copy. */
export interface TwinCursor {
  bidx: Buffer;
  id: number;
}

/** Before every person: a blob sorts after no other blob. */
export const TWIN_START: TwinCursor = { bidx: Buffer.alloc(0), id: 0 };

/**
 * The Signal side of the line is held (its account refused) or paused by a
 * rate limit: the alert copies waiting there for people who are on SMS too
 * go to their SMS membership now (planTwinFallback), rather than after the
 * outage, or never (a copy a day old expires). Each Signal copy moved fails
 * as 'sms_instead'; one whose person has no SMS membership that can take it
 * waits on Signal. A copy in flight is left to its answer. One batch of at
 * most `limit` copies after `from`, in the caller's transaction; `next` is
 * where the next batch starts, null once the pass is done.
 */
export function moveTwinAlertBatch(db: Db, now: number, from: TwinCursor, limit: number = TWIN_BATCH): { moved: number; next: TwinCursor | null } {
  // Read from the people on both channels (the small index of linked SMS rows, in its order), never the whole
  // fan-out: CROSS JOIN keeps SQLite to that order, and the cursor lets a copy that cannot move be passed over.
  const waiting = db
    .stmt(
      `SELECT o.id, o.member_id AS member, o.alert_id AS alert, o.created_at AS plannedAt, t.phone_bidx AS bidx FROM members t
       CROSS JOIN members m ON m.phone_bidx = t.phone_bidx AND m.channel = 'signal' AND m.phone_bidx IS NOT NULL
       CROSS JOIN outbox o ON o.member_id = m.id
       WHERE t.channel = 'sms' AND t.phone_bidx IS NOT NULL AND t.status = 'active'
         AND o.channel = 'signal' AND o.state = 'pending' AND o.alert_id IS NOT NULL AND o.lease_until <= ?
         AND t.phone_bidx >= ? AND (t.phone_bidx > ? OR o.id > ?)
       ORDER BY t.phone_bidx, o.id LIMIT +?`,
    )
    .all(now, from.bidx, from.bidx, from.id, limit) as Array<{ id: number; member: number; alert: number; plannedAt: number; bidx: Buffer }>;
  const moved = db.stmt("UPDATE outbox SET state = 'failed', error = 'sms_instead', lease_until = 0, address_ct = NULL, updated_at = ? WHERE id = ?");
  let n = 0;
  for (const w of waiting) {
    if (!planTwinFallback(db, w.member, w.alert, now, w.plannedAt)) continue;
    moved.run(now, w.id);
    n++;
  }
  const last = waiting.at(-1);
  return { moved: n, next: last && waiting.length === limit ? { bidx: last.bidx, id: last.id } : null };
}

/** Every such copy at once, batch after batch in the caller's transaction (a line starting without Signal; tests). Returns how many moved. */
export function moveTwinAlertsToSms(db: Db, now: number): number {
  let total = 0;
  for (let from: TwinCursor | null = TWIN_START; from; ) {
    const batch = moveTwinAlertBatch(db, now, from);
    total += batch.moved;
    from = batch.next;
  }
  return total;
}

/**
 * Plans the next range of an alert's fan-out in one transaction. Returns the
 * rows written and whether planning is complete. `signalSends`: whether the
 * line sends over Signal now; when it does not (its Signal configuration
 * removed, the database kept), a person on both channels gets her alert by
 * SMS, not over Signal where no lane would send it.
 */
export function planNextRange(db: Db, alertId: number, now: number, signalSends = true): { written: number; done: boolean } {
  // Each row written references the member it was selected from and this alert: re-checking both keys per row is wasted work.
  return db.withoutForeignKeys(() => db.transaction(() => {
    const alert = db.stmt('SELECT reach, plan_cursor, plan_until, planned_at, created_at FROM alerts WHERE id = ?').get(alertId) as
      | { reach: string; plan_cursor: number; plan_until: number; planned_at: number | null; created_at: number }
      | undefined;
    if (!alert || alert.planned_at !== null) return { written: 0, done: true };
    const upper = Math.min(alert.plan_cursor + PLAN_RANGE, alert.plan_until);
    // Without any Signal member showing a number there is no twin to look up: SMS-only lines plan at full speed.
    const { changes } = db
      .stmt(!anySignalNumber(db) ? PLAN_RANGE_SIMPLE_SQL : signalSends ? PLAN_RANGE_SQL : PLAN_RANGE_SMS_FIRST_SQL)
      // Each copy is as old as its alert, however late it is planned (a crash between two ranges, a restart
      // days later): an alert past its age is not sent to the members planned after the restart either.
      .run({ alert: alertId, now, created: alert.created_at, lo: alert.plan_cursor, hi: upper, reach: JSON.stringify(alert.reach.split(',')) });
    // A discreet member is sent a neutral notice; the alert waits for READ (store/unread-alerts.ts).
    db.stmt(PLAN_UNREAD_SQL).run({ alert: alertId, lo: alert.plan_cursor, hi: upper });
    const done = upper >= alert.plan_until;
    db.stmt('UPDATE alerts SET plan_cursor = ?, planned_at = ? WHERE id = ?').run(upper, done ? now : null, alertId);
    return { written: changes, done };
  }));
}

/** How many alerts were created (for STATS). */
export function countAlerts(db: Db): number {
  return (db.stmt('SELECT count(*) AS n FROM alerts').get() as { n: number }).n;
}

/** How many alerts a moderator retracted (counted in countAlerts too). */
export function countRetractedAlerts(db: Db): number {
  return (db.stmt('SELECT count(*) AS n FROM alerts WHERE retracted_at IS NOT NULL').get() as { n: number }).n;
}
