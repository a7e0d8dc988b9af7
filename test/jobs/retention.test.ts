import fs from 'node:fs';
import path from 'node:path';
import { Regions } from '../../src/alerts/regions';
import { issueAlert } from '../../src/alerts/alert-service';
import { runRetention } from '../../src/jobs/retention';
import { planNextRange } from '../../src/store/alerts';
import { Db } from '../../src/store/db';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { recordOutcomes } from '../../src/store/outbox';
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

  it('never erases rows still waiting to be sent', () => {
    const now = Date.now();
    db.sqlite.prepare("UPDATE outbox SET state = 'pending', updated_at = ? ").run(now - 200 * DAY);
    runRetention(db, 90, now);
    expect(count('outbox')).toBe(1);
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
});
