import fs from 'node:fs';
import path from 'node:path';
import { Regions } from '../../src/alerts/regions';
import { issueAlert } from '../../src/alerts/alert-service';
import { runCheckinTimers } from '../../src/jobs/checkin-timers';
import { runRetention, scheduleRetention } from '../../src/jobs/retention';
import { createLogger } from '../../src/log/logger';
import { escalatedCheckins, startCheckin } from '../../src/store/checkins';
import { planNextRange } from '../../src/store/alerts';
import { Db } from '../../src/store/db';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { enqueueMessage, enqueueReply, openBody, recordOutcomes } from '../../src/store/outbox';
import { createReport } from '../../src/store/reports';
import { indexReportIdentifiers, lookupIdentifier, lookupNumber } from '../../src/store/screening';
import { subscribe } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const DAY = 86_400_000;

describe('retention', () => {
  let db: Db;
  let vault: Vault;

  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(3));
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
  });
  afterAll(() => db.close());

  function count(table: string): number {
    return (db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  }

  it('erases reports, alerts, screening entries and finished deliveries older than RETENTION_DAYS, and keeps recent ones', async () => {
    const now = Date.now();
    const old = now - 100 * DAY;
    const member = ensureMember(db, vault, { channel: 'sms', address: '+14155550100', phone: '+14155550100' }, 'en', old);
    subscribe(db, member.id, ['415'], old);
    const deps = { db, vault, regions: Regions.load(), onAlert: () => undefined };
    for (const at of [old, now]) {
      db.transaction(() => {
        createReport(db, vault, { npas: ['415'], text: 'blue car, 415-555-0177', reporterKey: Buffer.alloc(16, 1) }, at);
        const alertId = issueAlert(deps, { npas: ['415'], body: { text: 'blue car, 415-555-0177' } }, at);
        planNextRange(db, alertId, at);
      });
    }
    const rows = db.sqlite.prepare('SELECT id FROM outbox ORDER BY id').all() as Array<{ id: number }>;
    recordOutcomes(db, rows.map((r) => ({ id: r.id, kind: 'sent' as const, providerId: `SM${r.id}` })), old);
    db.sqlite.prepare('UPDATE outbox SET updated_at = ? WHERE id = ?').run(now, rows[1]!.id);
    expect([count('reports'), count('alerts'), count('screening'), count('outbox')]).toEqual([2, 2, 2, 2]);

    const erased = runRetention(db, 90, now);

    expect(erased).toMatchObject({ reports: 1, alerts: 1, screening: 1, outbox: 1 });
    expect([count('reports'), count('alerts'), count('screening'), count('outbox')]).toEqual([1, 1, 1, 1]);
    const found = lookupNumber(db, vault, '+14155550177', now - 90 * DAY);
    expect(found?.count).toBe(1);
    // Members are not erased by age: they stay until they leave or DELETE.
    expect(count('members')).toBe(1);
  });

  it('leaves no copy of what it erased in the WAL', async () => {
    const now = Date.now();
    const old = now - 100 * DAY;
    const file = db.sqlite.name;
    const id = db.transaction(() => createReport(db, vault, { npas: ['415'], text: 'purple hatchback, old report', reporterKey: Buffer.alloc(16, 2) }, old).id);
    const sealed = (db.sqlite.prepare('SELECT text_ct FROM reports WHERE id = ?').get(id) as { text_ct: Buffer }).text_ct.subarray(0, 32);
    const holds = (f: string) => fs.existsSync(f) && fs.readFileSync(f).includes(sealed);
    expect(holds(`${file}-wal`)).toBe(true);

    expect(runRetention(db, 90, now).reports).toBe(1);
    // The WAL is checkpointed and truncated just after the erasing commit.
    await new Promise((resolve) => setImmediate(resolve));
    expect(holds(`${file}-wal`)).toBe(false);
    expect(holds(file)).toBe(false);
  });

  it('never erases rows still waiting to be sent within RETENTION_DAYS, however long ago they were written or touched', () => {
    const now = Date.now();
    const member = ensureMember(db, vault, { channel: 'sms', address: '+14155550101', phone: '+14155550101' }, 'en', now - 200 * DAY);
    const id = db.transaction(() => enqueueMessage(db, vault, member.id, 'a message still waiting', now - 200 * DAY, { dueAt: now - 89 * DAY }));
    db.sqlite.prepare('UPDATE outbox SET updated_at = ? WHERE id = ?').run(now - 200 * DAY, id);
    runRetention(db, 90, now);
    expect(db.sqlite.prepare('SELECT state FROM outbox WHERE id = ?').get(id)).toEqual({ state: 'pending' });
  });

  it('erases rows stranded unsent past RETENTION_DAYS (their channel no longer configured), sealed address and text with them: none goes out that late', () => {
    const now = Date.now();
    const stranger = { channel: 'signal' as const, address: '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9' };
    const member = ensureMember(db, vault, { channel: 'signal', address: 'a4b3c2d1-e0f9-4978-8695-0f1e2d3c4b5a' }, 'en', now - 200 * DAY);
    const ids = db.transaction(() => [
      enqueueReply(db, vault, stranger, 'Heads Up: thank you. Report #OLD1 is with a moderator.', now - 90 * DAY - 1),
      enqueueMessage(db, vault, member.id, 'Heads Up: your buddies were told.', now - 120 * DAY),
    ]);
    const waiting = (id: number) => db.sqlite.prepare('SELECT id, address_ct, body_ct, key_version FROM outbox WHERE id = ?').get(id);
    expect(ids.map(waiting).every((row) => row !== undefined)).toBe(true);

    const erased = runRetention(db, 90, now);

    expect(ids.map(waiting)).toEqual([undefined, undefined]);
    expect(erased.stranded).toBe(2);
  });

  it("erases a guided report's sealed fields, its identifiers and its alert's screening entries of every kind with it (issue 11)", () => {
    const now = Date.now();
    const old = now - 100 * DAY;
    const deps = { db, vault, regions: Regions.load(), onAlert: () => undefined };
    const fields = { categories: ['violence' as const], vehicle: 'grey van plate 6RTY 882', contact: '@oldclient' };
    const alert = { categories: fields.categories, vehicle: fields.vehicle, contact: '@oldclient' };
    db.transaction(() => {
      const report = createReport(db, vault, { npas: ['415'], text: '', reporterKey: Buffer.alloc(16, 4), fields: { fields, alert } }, old);
      indexReportIdentifiers(db, vault, report.id, [{ kind: 'plate', value: '6RTY882' }, { kind: 'handle', value: 'oldclient' }]);
      const alertId = issueAlert(deps, { reportId: report.id, npas: ['415'], body: { fields: alert }, categories: ['violence'] }, old);
      planNextRange(db, alertId, old);
    });
    expect(lookupIdentifier(db, vault, { kind: 'plate', value: '6RTY882' }, old)?.byCategory).toEqual({ violence: 1 });
    const before = count('report_identifiers');
    expect(before).toBeGreaterThanOrEqual(2);

    runRetention(db, 90, now);

    expect(count('report_identifiers')).toBe(before - 2);
    expect(lookupIdentifier(db, vault, { kind: 'plate', value: '6RTY882' }, 0)).toBeNull();
    expect(lookupIdentifier(db, vault, { kind: 'handle', value: 'oldclient' }, 0)).toBeNull();
    expect((db.sqlite.prepare('SELECT count(*) AS n FROM reports WHERE fields_ct IS NOT NULL').get() as { n: number }).n).toBe(0);
    expect((db.sqlite.prepare('SELECT count(*) AS n FROM alerts WHERE fields_ct IS NOT NULL').get() as { n: number }).n).toBe(0);
  });

  it('keeps a report exactly RETENTION_DAYS old and erases one a millisecond older', () => {
    const fresh = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(fresh);
    try {
      const now = Date.UTC(2026, 11, 2, 6);
      const report = (at: number, key: number) => fresh.transaction(() => createReport(fresh, vault, { npas: ['415'], text: 'white sedan', reporterKey: Buffer.alloc(16, key) }, at).id);
      const older = report(now - 30 * DAY - 1, 5);
      const edge = report(now - 30 * DAY, 6);
      const recent = report(now - 3_600_000, 7);

      expect(runRetention(fresh, 30, now).reports).toBe(1);

      const left = (fresh.sqlite.prepare('SELECT id FROM reports ORDER BY id').all() as Array<{ id: number }>).map((r) => r.id);
      expect(left).toEqual([edge, recent]);
    } finally {
      fresh.close();
    }
  });

  it("erases an escalated check-in's details and the messages that carried them a day after, in the files too", async () => {
    const fresh = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(fresh);
    try {
      const start = Date.UTC(2026, 11, 2, 6);
      // No buddy, CHECKIN_FALLBACK=none: the check-in queues only the member's own notice.
      const member = ensureMember(fresh, vault, { channel: 'sms', address: '+14155550100', phone: '+14155550100' }, 'en', start);
      const id = fresh.transaction(() => startCheckin(fresh, vault, member.id, start + 20 * 60_000, null, 'silver minivan by the motel', start));
      const sealed = (fresh.sqlite.prepare('SELECT details_ct FROM checkins WHERE id = ?').get(id) as { details_ct: Buffer }).details_ct.subarray(0, 32);
      expect(runCheckinTimers({ db: fresh, vault, fallback: 'none', moderatorContacts: [] }, start + 20 * 60_000).escalated).toBe(1);
      const notice = fresh.sqlite.prepare('SELECT id, body_ct, key_version FROM outbox').get() as { id: number; body_ct: Buffer; key_version: number };
      expect(openBody(vault, notice)).toContain('Heads Up');
      const noticeBytes = notice.body_ct.subarray(0, 32);
      const file = fresh.sqlite.name;
      const holds = (f: string, bytes: Buffer) => fs.existsSync(f) && fs.readFileSync(f).includes(bytes);
      expect(holds(`${file}-wal`, sealed)).toBe(true);

      expect(runRetention(fresh, 90, start + 20 * 60_000 + DAY).checkins).toBe(0);
      const erased = runRetention(fresh, 90, start + 20 * 60_000 + DAY + 1);

      // The notice and the details.
      expect(erased.checkins).toBe(2);
      expect(fresh.sqlite.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
      expect(escalatedCheckins(fresh, member.id)).toHaveLength(1);
      // The WAL is checkpointed and truncated just after the erasing commit.
      await new Promise((resolve) => setImmediate(resolve));
      for (const bytes of [sealed, noticeBytes]) {
        expect(holds(`${file}-wal`, bytes)).toBe(false);
        expect(holds(file, bytes)).toBe(false);
      }
    } finally {
      fresh.close();
    }
  });

  describe('scheduleRetention', () => {
    afterEach(() => jest.useRealTimers());

    it('runs now and then every period; a run that fails is logged under its name and tried again; stop ends it', async () => {
      jest.useFakeTimers();
      const lines: Array<Record<string, unknown>> = [];
      const log = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
      let runs = 0;
      const stop = scheduleRetention(
        log,
        async () => {
          runs++;
          throw new Error('database is locked');
        },
        60_000,
      );
      await jest.advanceTimersByTimeAsync(0);
      expect(runs).toBe(1);
      expect(lines).toEqual([expect.objectContaining({ level: 50, job: 'retention' })]);

      await jest.advanceTimersByTimeAsync(59_999);
      expect(runs).toBe(1);
      await jest.advanceTimersByTimeAsync(1);
      expect(runs).toBe(2);
      expect(lines).toHaveLength(2);
      expect(lines[1]).toMatchObject({ level: 50, job: 'retention' });

      await stop();
      await jest.advanceTimersByTimeAsync(600_000);
      expect(runs).toBe(2);
    });

    it('starts no run while one is under way, and stop waits for it to finish', async () => {
      jest.useFakeTimers();
      const log = createLogger('info', { write: () => undefined });
      let runs = 0;
      let finish = (): void => undefined;
      let finished = false;
      const stop = scheduleRetention(
        log,
        () => {
          runs++;
          return new Promise<void>((resolve) => (finish = resolve)).then(() => void (finished = true));
        },
        60_000,
      );
      await jest.advanceTimersByTimeAsync(180_000);
      expect(runs).toBe(1);
      const stopped = stop().then(() => finished);
      finish();
      expect(await stopped).toBe(true);
    });
  });
});
