/**
 * The de-duplication log: handled provider ids are recognised from memory,
 * survive a restart through the table, expire after the window, stay within
 * their memory bound, and are never remembered for a transaction that
 * rolled back. Real SQLite files and real crypto.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Db } from '../../src/store/db';
import { ageInboundLog, InboundLog } from '../../src/store/inbound-log';
import { migrate } from '../../src/store/migrate';
import { findProjectDir } from '../../src/store/find-up';
import { cryptoReady, Vault } from '../../src/store/vault';
import { newSid, startHarness, tempDir } from '../helpers/harness';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 22, 12);

describe('inbound log', () => {
  let vault: Vault;
  let file: string;
  let db: Db;

  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(5));
  });
  beforeEach(() => {
    file = path.join(tempDir(), 'heads-up.db');
    db = new Db(file);
    migrate(db);
  });
  afterEach(() => db.close());

  function rows(): number {
    return (db.sqlite.prepare('SELECT count(*) AS n FROM inbound_messages').get() as { n: number }).n;
  }

  it('answers a remembered id with its reply, and a silent one with null', () => {
    const log = new InboundLog(db, vault);
    const a = log.key('sms', newSid());
    const b = log.key('sms', newSid());
    expect(log.previousReply(a, T0)).toBeUndefined();
    db.transaction(() => log.remember(a, 'You are subscribed to 415.', T0));
    db.transaction(() => log.remember(b, null, T0));
    expect(log.previousReply(a, T0 + 1000)).toBe('You are subscribed to 415.');
    expect(log.previousReply(b, T0 + 1000)).toBeNull();
    expect(log.previousReply(log.key('sms', newSid()), T0 + 1000)).toBeUndefined();
    // The same provider id on another channel is another message.
    expect(log.key('signal', 'x')).not.toEqual(log.key('sms', 'x'));
  });

  it('stores the reply sealed, never in clear', () => {
    const log = new InboundLog(db, vault);
    db.transaction(() => log.remember(log.key('sms', newSid()), 'Report #K7Q2 received', T0));
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    expect(fs.readFileSync(file).includes(Buffer.from('K7Q2'))).toBe(false);
  });

  it('forgets what a rolled-back transaction remembered', () => {
    const log = new InboundLog(db, vault);
    const k = log.key('sms', newSid());
    log.previousReply(k, T0);
    expect(() =>
      db.transaction(() => {
        log.remember(k, 'never sent', T0);
        throw new Error('handler failed');
      }),
    ).toThrow('handler failed');
    expect(log.previousReply(k, T0)).toBeUndefined();
    expect(rows()).toBe(0);
  });

  it('recognises ids handled before a restart', () => {
    const first = new InboundLog(db, vault);
    const k = first.key('sms', newSid());
    first.previousReply(k, T0);
    db.transaction(() => first.remember(k, 'Report #AB12 received', T0));
    db.close();
    db = new Db(file);
    const second = new InboundLog(db, vault);
    expect(second.previousReply(k, T0 + HOUR)).toBe('Report #AB12 received');
  });

  it('forgets ids older than the window in memory, and past it recognises them without their reply', () => {
    const log = new InboundLog(db, vault, { windowMs: 2 * HOUR, maxIds: 100_000 });
    const old = log.key('sms', newSid());
    log.previousReply(old, T0);
    db.transaction(() => log.remember(old, 'old', T0));
    expect(log.previousReply(old, T0 + HOUR)).toBe('old');
    // Acted on once, ever: past the window the message is recognised, and answered with nothing.
    expect(log.previousReply(old, T0 + 3 * HOUR)).toBeNull();
    // Many later ids push the expiry marks past the old one.
    for (let i = 1; i <= 3000; i++) db.transaction(() => log.remember(log.key('sms', `SM${i}`), null, T0 + 3 * HOUR + i));
    // Retention moves it out of the log (in production before memory forgets it: REPLY_KEPT_MS < a day).
    ageInboundLog(db, T0 + HOUR);
    expect(log.previousReply(old, T0 + 3 * HOUR + 3001)).toBeNull();
    expect(log.previousReply(log.key('sms', 'SM3000'), T0 + 3 * HOUR + 3001)).toBeNull();
    // Later still, the first ids have left memory too, in batches, not just been found too old.
    for (let i = 3001; i <= 5000; i++) db.transaction(() => log.remember(log.key('sms', `SM${i}`), null, T0 + 6 * HOUR + i));
    expect(log.size).toBeLessThan(3100);
    expect(log.size).toBeGreaterThanOrEqual(2000);
    const reloaded = new InboundLog(db, vault, { windowMs: 2 * HOUR, maxIds: 100_000 });
    // Out of memory, moved out of the log by retention: still on record.
    expect(reloaded.previousReply(old, T0 + 3 * HOUR + 3001)).toBeNull();
    expect(reloaded.previousReply(log.key('sms', 'never-seen'), T0 + 3 * HOUR + 3001)).toBeUndefined();
    expect(reloaded.previousReply(log.key('sms', 'SM2999'), T0 + 3 * HOUR + 3001)).toBeNull();
  });

  it('keeps at most maxIds in memory, keeping the ids it forgets on record', () => {
    const log = new InboundLog(db, vault, { windowMs: 24 * HOUR, maxIds: 3 });
    const keys = Array.from({ length: 5 }, () => log.key('sms', newSid()));
    log.previousReply(keys[0] as Buffer, T0);
    keys.forEach((k, i) => db.transaction(() => log.remember(k, `reply ${i}`, T0 + i)));
    expect(log.size).toBe(3);
    const seen = keys.map((k) => log.previousReply(k, T0 + 10));
    expect(seen).toEqual([null, null, 'reply 2', 'reply 3', 'reply 4']);
    // Once the log rows are gone too (a day later), the spilled ids are still recognised.
    ageInboundLog(db, T0 + 10);
    expect(keys.map((k) => log.previousReply(k, T0 + 10))).toEqual([null, null, null, null, null]);
  });

  it('keeps the records of the previous schema through migration 0003', () => {
    // A database at migration 0002, with a record written the old way.
    const oldDir = tempDir();
    for (const f of ['0001_init.sql', '0002_signal_twins.sql']) fs.copyFileSync(path.join(findProjectDir('migrations'), f), path.join(oldDir, f));
    const oldFile = path.join(tempDir(), 'old.db');
    const old = new Db(oldFile);
    try {
      migrate(old, oldDir);
      const log = new InboundLog(old, vault);
      const k = log.key('sms', 'SM0123456789abcdef0123456789abcdef');
      const sealed = vault.seal('You are subscribed to 415.', { table: 'inbound_messages', column: 'reply', row: k.toString('hex') });
      old.sqlite.prepare('INSERT INTO inbound_messages (provider_bidx, reply_ct, key_version, created_at) VALUES (?, ?, 1, ?)').run(k, sealed, T0);
      expect(migrate(old)).toContain('0003_inbound_log.sql');
      expect(new InboundLog(old, vault).previousReply(k, T0 + HOUR)).toBe('You are subscribed to 415.');
      const indexes = old.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'inbound_messages'").all();
      expect(indexes).toEqual([]);
    } finally {
      old.close();
    }
  });
});

describe('a webhook retried after a restart', () => {
  it('is answered the same way and acted on once', async () => {
    const dataDir = tempDir();
    const from = '+14155550971';
    const sid = newSid();
    const reports = (h: { server: { db: Db } }) => (h.server.db.sqlite.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n;
    const before = await startHarness({ dataDir });
    let first;
    try {
      await before.sms(from, 'JOIN');
      first = await before.sms(from, 'REPORT 415 grey van, took my phone', { sid });
      expect(first.message).toMatch(/#[A-Z0-9]{4,6}/);
      expect(reports(before)).toBe(1);
    } finally {
      await before.close();
    }
    const after = await startHarness({ dataDir });
    try {
      const again = await after.sms(from, 'REPORT 415 grey van, took my phone', { sid });
      expect(again.message).toBe(first.message);
      expect(reports(after)).toBe(1);
    } finally {
      await after.close();
    }
  });
});
