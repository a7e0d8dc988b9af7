/**
 * Retention erases a large history in bounded transactions: the first run
 * after a long outage, a lowered RETENTION_DAYS or `heads-up purge` must not
 * hold the write lock (and grow the WAL) for the whole of the outbox, the
 * alerts' deliveries, the reports and the inbound log at once. Watched from
 * a second connection to the same file, as another process would see it.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { Regions } from '../../src/alerts/regions';
import { issueAlert } from '../../src/alerts/alert-service';
import { runRetention, runRetentionInTurns } from '../../src/jobs/retention';
import { planNextRange } from '../../src/store/alerts';
import { Db } from '../../src/store/db';
import { InboundLog } from '../../src/store/inbound-log';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { enqueueMessage, recordOutcomes } from '../../src/store/outbox';
import { linkReadQuotes } from '../../src/store/read-quotes';
import { createReport } from '../../src/store/reports';
import { subscribe } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 2, 6);
const OLD = NOW - 100 * DAY;
const BIG = ['outbox', 'reports', 'inbound_messages'] as const;

/** A database file with an old history: 30 members of 415, an old alert to all of them (20 copies sent, 10 never), 30 old messages sent, 30 old reports, 30 old handled ids. */
async function oldHistory(): Promise<{ db: Db; file: string }> {
  await cryptoReady();
  const vault = new Vault(new Uint8Array(32).fill(4));
  const file = path.join(tempDir(), 'heads-up.db');
  const db = new Db(file);
  migrate(db);
  const ids = Array.from({ length: 30 }, (_, i) => ensureMember(db, vault, { channel: 'sms', address: `+1415555${String(1000 + i)}` }, 'en', OLD).id);
  const log = new InboundLog(db, vault);
  db.transaction(() => {
    for (const id of ids) subscribe(db, id, ['415'], OLD);
    const alertId = issueAlert({ db, vault, regions: Regions.load(), onAlert: () => undefined }, { npas: ['415'], body: { text: 'grey van' } }, OLD);
    planNextRange(db, alertId, OLD);
    const copies = db.sqlite.prepare('SELECT id FROM outbox WHERE alert_id = ? ORDER BY id LIMIT 20').all(alertId) as Array<{ id: number }>;
    const notes = ids.map((id) => enqueueMessage(db, vault, id, 'an old notice', OLD));
    recordOutcomes(db, [...copies.map((r) => r.id), ...notes].map((id) => ({ id, kind: 'sent' as const, providerId: `SM${id}` })), OLD);
    for (let i = 0; i < 30; i++) {
      createReport(db, vault, { npas: ['415'], text: `old report ${i}`, reporterKey: Buffer.alloc(16, i) }, OLD);
      log.remember(log.key('sms', `SM-old-${i}`), 'an old reply', OLD);
    }
  });
  return { db, file };
}

const bigRows = (db: Database.Database): number => BIG.reduce((n, t) => n + (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n, 0);

describe('retention of a large history', () => {
  it('commits every batch before the next: no transaction erases more than a batch of rows of a big table', async () => {
    const { db, file } = await oldHistory();
    const other = new Database(file, { readonly: true });
    try {
      const committed = () => bigRows(other);
      const before = committed();
      expect(before).toBe(60 + 30 + 30);

      // Each row of a big table erased: how many erased rows the other connection cannot see yet (not committed).
      let erased = 0;
      let mostUncommitted = 0;
      db.sqlite.function('erased_one', () => {
        erased++;
        mostUncommitted = Math.max(mostUncommitted, erased - (before - committed()));
        return null;
      });
      for (const t of BIG) db.sqlite.exec(`CREATE TEMP TRIGGER watch_${t} AFTER DELETE ON main.${t} BEGIN SELECT erased_one(); END`);

      const counts = runRetention(db, 90, NOW, 10);

      expect(counts).toMatchObject({ outbox: 50, alerts: 1, reports: 30, inbound: 30 });
      expect(erased).toBe(before);
      expect(committed()).toBe(0);
      expect(mostUncommitted).toBeGreaterThan(0);
      expect(mostUncommitted).toBeLessThanOrEqual(10);
    } finally {
      other.close();
      db.close();
    }
  });

  it('lets the server run between its commits: a webhook waits for one batch, not for the whole history (runRetentionInTurns)', async () => {
    const { db } = await oldHistory();
    try {
      const before = bigRows(db.sqlite);
      let finished = false;
      const run = runRetentionInTurns(db, 90, NOW, 10).then((counts) => {
        finished = true;
        return counts;
      });
      // One turn of the event loop, as a webhook arriving meanwhile gets: part of the history is erased, not all.
      await new Promise((resolve) => setImmediate(resolve));
      expect(finished).toBe(false);
      const midway = bigRows(db.sqlite);
      expect(midway).toBeLessThan(before);
      expect(midway).toBeGreaterThan(0);
      expect(await run).toMatchObject({ outbox: 50, alerts: 1, reports: 30, inbound: 30 });
      expect(bigRows(db.sqlite)).toBe(0);
    } finally {
      db.close();
    }
  });

  // Retention yielded only after a full batch of one alert: many old alerts, each with fewer rows than a batch
  // (the unread notices of discreet members who never sent READ), went in one turn of the event loop.
  it('erases about a batch of rows between two turns of the event loop, however many old alerts share them', async () => {
    await cryptoReady();
    const vault = new Vault(new Uint8Array(32).fill(4));
    const db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    try {
      // 4 discreet members of 415 and 40 old alerts to them, sent long ago and never read.
      const ids = Array.from({ length: 4 }, (_, i) => ensureMember(db, vault, { channel: 'sms', address: `+1415555${String(2000 + i)}` }, 'en', OLD).id);
      db.sqlite.prepare('UPDATE members SET discreet = 1').run();
      db.transaction(() => {
        for (const id of ids) subscribe(db, id, ['415'], OLD);
        for (let i = 0; i < 40; i++) {
          const alertId = issueAlert({ db, vault, regions: Regions.load(), onAlert: () => undefined }, { npas: ['415'], body: { text: `grey van ${i}` } }, OLD);
          planNextRange(db, alertId, OLD);
        }
        const copies = db.sqlite.prepare('SELECT id FROM outbox').all() as Array<{ id: number }>;
        recordOutcomes(db, copies.map((r) => ({ id: r.id, kind: 'sent' as const, providerId: `SM${r.id}` })), OLD);
      });
      const rows = () => (db.sqlite.prepare('SELECT (SELECT count(*) FROM unread_alerts) + (SELECT count(*) FROM outbox) + (SELECT count(*) FROM alerts) AS n').get() as { n: number }).n;
      expect((db.sqlite.prepare('SELECT count(*) AS n FROM unread_alerts').get() as { n: number }).n).toBe(160);

      // Rows erased between two turns of the event loop, as a webhook arriving meanwhile would wait for them.
      let done = false;
      let last = rows();
      let most = 0;
      const watch = (): void => {
        const now = rows();
        most = Math.max(most, last - now);
        last = now;
        if (!done) setImmediate(watch);
      };
      setImmediate(watch);
      const counts = await runRetentionInTurns(db, 90, NOW, 10);
      done = true;
      await new Promise((resolve) => setImmediate(resolve));
      expect(counts).toMatchObject({ outbox: 160, alerts: 40 });
      expect(rows()).toBe(0);
      // One batch: a short last batch pauses too, so the next step's rows wait for the next turn.
      expect(most).toBeLessThanOrEqual(10);
    } finally {
      db.close();
    }
  });

  // Many discreet members read an old alert with READ weeks after it went: their messages, newer than the
  // cutoff, stay, and what they quoted of it (read_quotes) would go with the alert in one cascade.
  it('erases what READ messages quoted of an old alert a batch at a time, not in the alert\'s cascade', async () => {
    await cryptoReady();
    const vault = new Vault(new Uint8Array(32).fill(4));
    const file = path.join(tempDir(), 'heads-up.db');
    const db = new Db(file);
    migrate(db);
    const other = new Database(file, { readonly: true });
    try {
      const ids = Array.from({ length: 30 }, (_, i) => ensureMember(db, vault, { channel: 'sms', address: `+1415555${String(3000 + i)}` }, 'en', OLD).id);
      db.transaction(() => {
        const alertId = issueAlert({ db, vault, regions: Regions.load(), onAlert: () => undefined }, { npas: ['415'], body: { text: 'grey van' } }, OLD);
        planNextRange(db, alertId, OLD);
        for (const id of ids) linkReadQuotes(db, enqueueMessage(db, vault, id, '(415) grey van', NOW - 30 * DAY), [alertId], 0);
      });
      const quotes = (c: Database.Database) => (c.prepare('SELECT count(*) AS n FROM read_quotes').get() as { n: number }).n;
      expect(quotes(other)).toBe(30);
      let erased = 0;
      let mostUncommitted = 0;
      db.sqlite.function('quote_erased', () => {
        erased++;
        mostUncommitted = Math.max(mostUncommitted, erased - (30 - quotes(other)));
        return null;
      });
      db.sqlite.exec('CREATE TEMP TRIGGER watch_quotes AFTER DELETE ON main.read_quotes BEGIN SELECT quote_erased(); END');
      expect(runRetention(db, 90, NOW, 10)).toMatchObject({ alerts: 1 });
      expect(erased).toBe(30);
      expect(quotes(other)).toBe(0);
      expect(mostUncommitted).toBeLessThanOrEqual(10);
    } finally {
      other.close();
      db.close();
    }
  });
});
