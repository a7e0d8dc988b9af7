/**
 * The stored replies, read from a database seized the same day without the
 * key. Twilio's records show who texted the line and when (README), so a
 * row that can be told apart by its position names a number: no row may say
 * whose message it was (its sender index is the log's own, not the one the
 * day's limit counts key by) nor what kind of reply it kept (each is sealed
 * at a padded length).
 */
import type Database from 'better-sqlite3';
import { newSid, startTwilioLine, waitFor, type Harness, refOf } from '../helpers/harness';
import type { FakeTwilio } from '../fakes/fake-twilio';
import { forgetSenderReplies, InboundLog, senderLogKeys } from '../../src/store/inbound-log';
import { testStore } from '../helpers/test-store';
import { readSeized } from '../helpers/seized-file';

const MOD = '+13125550177';
const ALICE = '+14155550100';
const BETO = '+14155550142';
const CARLA = '+14155550123';

describe('the inbound log, seized without the key', () => {
  let fake: FakeTwilio;
  let h: Harness;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    ({ fake, h, stop } = await startTwilioLine({ env: { MODERATORS: MOD, SEND_RATE: '1000' } }));
    // In arrival order: 1 Beto, 2 Alice, 3 Carla, 4 Alice (REPORT), 5 Beto, 6 Carla.
    await h.sms(BETO, 'JOIN 415');
    await h.sms(ALICE, 'JOIN 415');
    await h.sms(CARLA, 'JOIN 415');
    refOf((await h.sms(ALICE, 'REPORT 415 grey van, took my phone')).message);
    await h.sms(BETO, 'AREAS');
    await h.sms(CARLA, 'AREAS');
    await waitFor(() => fake.to(MOD).length === 1, 5_000, 'the notice');
  });
  afterAll(() => stop());

  /** The adversary: the file alone. */
  const seized = <T>(read: (file: Database.Database) => T): T => readSeized(h.dataDir, read);

  it('keys no message by the index the limit counts are kept under', () => {
    const joined = seized((file) =>
      file.prepare('SELECT m.id FROM inbound_messages m JOIN sender_limits l ON l.sender_bidx = m.sender_bidx ORDER BY m.id').all(),
    );
    expect(joined).toEqual([]);
  });

  it('seals every reply at the same length, a report receipt as a list of areas', () => {
    const sizes = seized((file) => (file.prepare('SELECT length(reply_ct) AS n FROM inbound_messages ORDER BY id').all() as Array<{ n: number }>).map((r) => r.n));
    expect(sizes).toHaveLength(6);
    expect(new Set(sizes).size).toBe(1);
  });

  it('still answers a retried webhook with the reply it gave', async () => {
    const sid = newSid();
    const first = await h.sms(BETO, 'AREAS', { sid });
    expect(first.message).toContain('415');
    expect((await h.sms(BETO, 'AREAS', { sid })).message).toBe(first.message);
  });
});

describe('the inbound log, row by row', () => {
  const T0 = Date.UTC(2026, 10, 22, 12);

  it('seals "no reply" as long as a reply, and gives back null for it', async () => {
    const { db, vault } = await testStore();
    const log = new InboundLog(db, vault);
    const [said, silent] = [log.key('sms', newSid()), log.key('sms', newSid())];
    db.transaction(() => log.remember(said, 'You are subscribed to 415.', T0));
    db.transaction(() => log.remember(silent, null, T0));
    const sizes = (db.sqlite.prepare('SELECT length(reply_ct) AS n FROM inbound_messages').all() as Array<{ n: number }>).map((r) => r.n);
    expect(new Set(sizes).size).toBe(1);
    expect([said, silent].map((k) => log.previousReply(k, T0))).toEqual(['You are subscribed to 415.', null]);
    db.close();
  });

  it("finds, for DELETE, a Signal id's record kept under the index of before 0030", async () => {
    const { db, vault } = await testStore();
    const log = new InboundLog(db, vault);
    const her = 'signal:3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';
    const key = log.key('signal', '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f:1765100000001');
    db.transaction(() => log.remember(key, null, T0, vault.index('sender', her), true));
    const keys = senderLogKeys(vault, her).all;
    forgetSenderReplies(db, vault, keys);
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM inbound_seen WHERE provider_bidx = ? OR sender_bidx IN (?, ?)').get(key, ...keys)).toEqual({ n: 0 });
    db.close();
  });
});
