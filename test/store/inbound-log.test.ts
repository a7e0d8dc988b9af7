/**
 * The de-duplication log: handled provider ids are recognised within the
 * transaction that handled them and after a restart, answered with their
 * reply for a day and with nothing after it (or once retention or DELETE
 * erased the reply), and never remembered for a transaction that rolled
 * back. Real SQLite files and real crypto.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Db } from '../../src/store/db';
import { ageInboundLog, forgetSenderReplies, InboundLog, REPLY_KEPT_MS } from '../../src/store/inbound-log';
import { migrate } from '../../src/store/migrate';
import { findProjectDir } from '../../src/store/find-up';
import { cryptoReady, Vault } from '../../src/store/vault';
import { newSid, startHarness, tempDir } from '../helpers/harness';

const HOUR = 3_600_000;

/** A directory holding the migrations before `first`. */
function migrationsBefore(first: string): string {
  const dir = tempDir();
  for (const f of fs.readdirSync(findProjectDir('migrations')).filter((f) => f < first)) fs.copyFileSync(path.join(findProjectDir('migrations'), f), path.join(dir, f));
  return dir;
}
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

  it('past the window, and once retention or DELETE erased the reply, recognises an id and answers nothing', () => {
    const log = new InboundLog(db, vault, { windowMs: 2 * HOUR });
    const [old, recent, erased] = ['SMold', 'SMrecent', 'SMerased'].map((sid) => log.key('sms', sid)) as [Buffer, Buffer, Buffer];
    const sender = Buffer.alloc(16, 7);
    db.transaction(() => log.remember(old, 'old', T0));
    db.transaction(() => log.remember(recent, 'recent', T0 + 2 * HOUR));
    db.transaction(() => log.remember(erased, 'erased', T0 + 2 * HOUR, sender));
    expect(log.previousReply(old, T0 + HOUR)).toBe('old');
    // The window's last moment still gives the reply.
    expect(log.previousReply(old, T0 + 2 * HOUR)).toBe('old');
    expect(log.previousReply(old, T0 + 2 * HOUR + 1)).toBeNull();
    // Acted on once, ever: past the window the message is recognised, and answered with nothing.
    expect(log.previousReply(old, T0 + 3 * HOUR)).toBeNull();
    // Retention erases the replies before its cutoff, and only those; DELETE erases its sender's.
    expect(ageInboundLog(db, T0 + HOUR, 1)).toBe(1);
    expect(forgetSenderReplies(db, vault, [sender])).toBe(1);
    const reloaded = new InboundLog(db, vault, { windowMs: 2 * HOUR });
    expect([old, recent, erased].map((k) => reloaded.previousReply(k, T0 + 2 * HOUR))).toEqual([null, 'recent', null]);
    expect(reloaded.previousReply(log.key('sms', 'never-seen'), T0 + 2 * HOUR)).toBeUndefined();
    // A later message that takes a freed row id of the log is not taken for the erased one.
    const next = log.key('sms', 'SMnext');
    db.transaction(() => log.remember(next, 'next', T0 + 2 * HOUR));
    expect([erased, next].map((k) => reloaded.previousReply(k, T0 + 2 * HOUR))).toEqual([null, 'next']);
  });

  it('erases, without a limit, every reply stored before the cutoff and none after', () => {
    const log = new InboundLog(db, vault);
    for (const [sid, at] of [['SM1', T0], ['SM2', T0 + 1], ['SM3', T0 + HOUR]] as const) db.transaction(() => log.remember(log.key('sms', sid), sid, at));
    expect(ageInboundLog(db, T0 + HOUR)).toBe(2);
    expect(['SM1', 'SM2', 'SM3'].map((sid) => log.previousReply(log.key('sms', sid), T0 + HOUR))).toEqual([null, null, 'SM3']);
  });

  it('recognises an id within the transaction that remembered it (messages of a batch share one)', () => {
    const log = new InboundLog(db, vault);
    const k = log.key('sms', newSid());
    db.transaction(() => {
      log.remember(k, 'Report #AB12 received', T0);
      expect(log.previousReply(k, T0)).toBe('Report #AB12 received');
    });
  });

  it('keeps what the previous version held only in memory through migration 0017', () => {
    // A database at migration 0016, with a handled id of the last day only in the log.
    const oldDir = tempDir();
    for (const f of fs.readdirSync(findProjectDir('migrations')).filter((f) => f < '0017')) fs.copyFileSync(path.join(findProjectDir('migrations'), f), path.join(oldDir, f));
    const old = new Db(path.join(tempDir(), 'old.db'));
    try {
      migrate(old, oldDir);
      const log = new InboundLog(old, vault);
      const [k, spilled] = [log.key('sms', newSid()), log.key('sms', newSid())];
      // Sealed padded, as now: what this test follows is the row, through the migration.
      const sealed = (key: Buffer) => vault.sealPadded('You are subscribed to 415.', { table: 'inbound_messages', column: 'reply', row: key.toString('hex') }, 512);
      const insert = old.sqlite.prepare('INSERT INTO inbound_messages (provider_bidx, reply_ct, key_version, created_at) VALUES (?, ?, 1, ?)');
      insert.run(k, sealed(k), T0);
      // One the old version had already copied to inbound_seen (its memory overflowed).
      insert.run(spilled, sealed(spilled), T0);
      old.sqlite.prepare('INSERT INTO inbound_seen (provider_bidx, day) VALUES (?, ?)').run(spilled, Math.floor(T0 / 86_400_000));
      // Up to 0029: 0030 clears the replies sealed the old way (below).
      expect(migrate(old, migrationsBefore('0030'))[0]).toBe('0017_inbound_seen_at_once.sql');
      expect([k, spilled].map((key) => new InboundLog(old, vault).previousReply(key, T0 + HOUR))).toEqual(['You are subscribed to 415.', 'You are subscribed to 415.']);
    } finally {
      old.close();
    }
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
      // Sealed padded, as now: what this test follows is the row, through the migration.
      const sealed = vault.sealPadded('You are subscribed to 415.', { table: 'inbound_messages', column: 'reply', row: k.toString('hex') }, 512);
      old.sqlite.prepare('INSERT INTO inbound_messages (provider_bidx, reply_ct, key_version, created_at) VALUES (?, ?, 1, ?)').run(k, sealed, T0);
      expect(migrate(old, migrationsBefore('0030'))).toContain('0003_inbound_log.sql');
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

describe('a DELETE and the records of handled ids', () => {
  const T0 = Date.UTC(2026, 10, 22, 12);
  const HOUR = 3_600_000;
  let vault: Vault;
  let db: Db;
  let log: InboundLog;
  const her = Buffer.alloc(32, 1);
  const other = Buffer.alloc(32, 2);

  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(5));
  });
  beforeEach(() => {
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    log = new InboundLog(db, vault);
  });
  afterEach(() => db.close());

  const held = (key: Buffer) => db.sqlite.prepare('SELECT 1 FROM inbound_seen WHERE provider_bidx = ?').get(key) !== undefined;

  it('erase the record of her Signal message whose reply is long gone (its id is her UUID and a time)', () => {
    const key = log.key('signal', '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f:1765100000001');
    db.transaction(() => log.remember(key, 'Report received.', T0, her, true));
    // The hourly retention run erases the reply after REPLY_KEPT_MS; the id stays for RETENTION_DAYS.
    ageInboundLog(db, T0 + REPLY_KEPT_MS + HOUR);
    forgetSenderReplies(db, vault, [her]);
    expect(held(key)).toBe(false);
  });

  it("keep another sender's SMS id (against replays), whatever log row ids were reused", () => {
    const sms = log.key('sms', 'SM0123456789abcdef0123456789abcdef');
    db.transaction(() => log.remember(sms, 'Report received.', T0, other));
    // The SMS sender's DELETE erases her reply row; her id stays on record against a replay.
    forgetSenderReplies(db, vault, [other]);
    expect(held(sms)).toBe(true);
    // A Signal member's next message gets the freed log row id.
    const sig = log.key('signal', '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f:1765100000002');
    db.transaction(() => log.remember(sig, 'Hi', T0 + HOUR, her, true));
    forgetSenderReplies(db, vault, [her]);
    expect(held(sig)).toBe(false);
    // The captured SMS webhook is still recognised as handled, not acted on again.
    expect(held(sms)).toBe(true);
    expect(log.previousReply(sms, T0 + 2 * HOUR)).toBeNull();
  });
});
