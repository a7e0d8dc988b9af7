/** Retention of the inbound log (replies: 20 hours; handled ids: RETENTION_DAYS) and of rate-limit rows (windows that started before yesterday), whatever RETENTION_DAYS says. */
import path from 'node:path';
import { runRetention } from '../../src/jobs/retention';
import { saveConversation } from '../../src/store/conversations';
import { Db } from '../../src/store/db';
import { InboundLog } from '../../src/store/inbound-log';
import { ensureMember, memberIndex } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { claimLane, enqueueMessage, enqueueReply, recordOutcomes } from '../../src/store/outbox';
import { countProviderTasks, enqueueProviderTask } from '../../src/store/provider-tasks';
import { LONGEST_WINDOW_MS, SenderLimits } from '../../src/store/sender-limits';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = 1_800_000_000_000;

describe('retention of bookkeeping', () => {
  let db: Db;
  let vault: Vault;

  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(9));
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
  });
  afterAll(() => db.close());

  const count = (table: string) => (db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

  it('erases stored replies after 20 hours but keeps the handled id until RETENTION_DAYS, and rate-limit windows that started the longest day ago or more', () => {
    db.sqlite.exec('DELETE FROM inbound_messages; DELETE FROM inbound_seen; DELETE FROM sender_limits');
    const log = new InboundLog(db, vault);
    db.transaction(() => {
      log.remember(log.key('sms', 'SM-ancient'), 'an ancient reply', NOW - 91 * DAY);
      log.remember(log.key('sms', 'SM-old'), 'an old reply', NOW - 21 * HOUR);
      log.remember(log.key('sms', 'SM-new'), 'a new reply', NOW - 19 * HOUR);
      // A day's window may last 25 hours (the clocks going back): one that began that long ago has ended.
      new SenderLimits(db).take(Buffer.alloc(16, 1), 'report', { max: 5, windowMs: 1 }, NOW - LONGEST_WINDOW_MS);
      new SenderLimits(db).take(Buffer.alloc(16, 2), 'report', { max: 5, windowMs: 1 }, NOW - HOUR);
    });
    expect([count('inbound_messages'), count('sender_limits')]).toEqual([3, 2]);

    // RETENTION_DAYS is far longer: replies and windows go regardless.
    const erased = runRetention(db, 90, NOW);

    expect(erased).toMatchObject({ inbound: 2, seen: 1, limits: 1 });
    // The ids of SM-old and SM-new stay on record; SM-ancient's is past RETENTION_DAYS.
    expect([count('inbound_messages'), count('inbound_seen'), count('sender_limits')]).toEqual([1, 2, 1]);
    const fresh = new InboundLog(db, vault);
    expect(fresh.previousReply(fresh.key('sms', 'SM-new'), NOW)).toBe('a new reply');
    // Still recognised (a replay is not acted on again), but its reply is gone.
    expect(fresh.previousReply(fresh.key('sms', 'SM-old'), NOW)).toBeNull();
    // Past RETENTION_DAYS not even the id is kept.
    expect(fresh.previousReply(fresh.key('sms', 'SM-ancient'), NOW)).toBeUndefined();
    expect((db.sqlite.prepare('SELECT sender_bidx FROM sender_limits').get() as { sender_bidx: Buffer }).sender_bidx).toEqual(Buffer.alloc(16, 2));
  });

  it('keeps a reply exactly 20 hours old and a window that started just under a day ago, and erases nothing else', () => {
    db.sqlite.exec('DELETE FROM inbound_messages; DELETE FROM inbound_seen; DELETE FROM sender_limits');
    const log = new InboundLog(db, vault);
    db.transaction(() => {
      log.remember(log.key('sms', 'SM-edge'), null, NOW - 20 * HOUR);
      new SenderLimits(db).take(Buffer.alloc(16, 3), 'hint', { max: 1, windowMs: 1 }, NOW - DAY + 1);
    });
    const erased = runRetention(db, 90, NOW);
    // Nothing erased in any table (whatever tables retention covers by now).
    expect(Object.entries(erased).filter(([, n]) => n !== 0)).toEqual([]);
    expect(erased).toMatchObject({ inbound: 0, seen: 0, limits: 0 });
    expect([count('inbound_messages'), count('sender_limits')]).toEqual([1, 1]);
  });

  it('erases a Twilio clean-up task no worker took up for RETENTION_DAYS (redaction turned off, Twilio removed), with the message ids it sealed', () => {
    const sid = (n: number) => `SM${String(n).padStart(32, '0')}`;
    enqueueProviderTask(db, vault, 'redact', [sid(1)], NOW - 90 * DAY - 1);
    enqueueProviderTask(db, vault, 'delete', [sid(2), sid(3)], NOW - 90 * DAY);
    enqueueProviderTask(db, vault, 'redact', [sid(4)], NOW - HOUR);
    expect(countProviderTasks(db)).toBe(3);

    expect(runRetention(db, 90, NOW).providerTasks).toBe(1);

    expect(countProviderTasks(db)).toBe(2);
  });

  it('leaves lapsed conversations, however old, to the report-draft job, which files or drops a draft and tells its member', () => {
    db.sqlite.exec('DELETE FROM conversations');
    const key = memberIndex(vault, { channel: 'sms', address: '+14155550101' });
    saveConversation(db, vault, key, { topic: 'report', question: 'when', answers: {}, lang: 'en', expiresAt: NOW - 86_400_000 }, NOW - 86_460_000);
    expect(runRetention(db, 90, NOW)).not.toHaveProperty('conversations');
    expect(count('conversations')).toBe(1);
  });

  it('forgets the address of an SMS sent straight to it once no "undelivered" can send it again (4 hours), and only then', () => {
    const sent = (to: string, at: number) => {
      const id = db.transaction(() => enqueueReply(db, vault, { channel: 'sms', address: to }, 'Heads Up: a message', at));
      db.transaction(() => claimLane(db, 'sms', at, 10, at + 120_000));
      recordOutcomes(db, [{ id, kind: 'sent', providerId: `SM${String(id).padStart(32, '0')}` }], at + 1_000);
      return id;
    };
    const old = sent('+14155550188', NOW - 5 * HOUR);
    const recent = sent('+14155550189', NOW - 3 * HOUR);
    const address = (id: number) => (db.sqlite.prepare('SELECT address_ct FROM outbox WHERE id = ?').get(id) as { address_ct: Buffer | null }).address_ct;
    expect([address(old), address(recent)].map((a) => a !== null)).toEqual([true, true]);

    expect(runRetention(db, 90, NOW)).toMatchObject({ sentAddresses: 1 });
    expect([address(old), address(recent)].map((a) => a !== null)).toEqual([false, true]);
  });

  it('forgets the text of an SMS sent with no final status once no "undelivered" can send it again (4 hours), and only then', () => {
    const member = ensureMember(db, vault, { channel: 'sms', address: '+14155550190', phone: '+14155550190' }, 'en', NOW - DAY).id;
    const sent = (queue: (at: number) => number, at: number) => {
      const id = db.transaction(() => queue(at));
      db.transaction(() => claimLane(db, 'sms', at, 10, at + 120_000));
      recordOutcomes(db, [{ id, kind: 'sent', providerId: `SM${String(id).padStart(32, '0')}` }], at + 1_000);
      return id;
    };
    const toMember = (at: number) => enqueueMessage(db, vault, member, 'Heads Up: a member with no buddy missed a check-in. They shared: blue Honda', at);
    const toBuddy = (at: number) => enqueueReply(db, vault, { channel: 'sms', address: '+14155550191' }, 'Heads Up: Rose has not checked in. They shared: blue Honda', at);
    const old = [sent(toMember, NOW - 5 * HOUR), sent(toBuddy, NOW - 5 * HOUR)];
    const recent = [sent(toMember, NOW - 3 * HOUR), sent(toBuddy, NOW - 3 * HOUR)];
    const kept = (id: number) => (db.sqlite.prepare('SELECT body_ct FROM outbox WHERE id = ?').get(id) as { body_ct: Buffer | null }).body_ct !== null;
    expect([...old, ...recent].map(kept)).toEqual([true, true, true, true]);

    expect(runRetention(db, 90, NOW)).toMatchObject({ sentTexts: 2 });
    expect([...old, ...recent].map(kept)).toEqual([false, false, true, true]);
  });
});
