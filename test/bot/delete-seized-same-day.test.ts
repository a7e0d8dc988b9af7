/**
 * A DELETE, read from the database seized the same day without the key.
 * Twilio's records show who texted the line and when, so a gap in the day's
 * log of inbound messages (kept in arrival order) names whoever erased
 * herself, as does the one report whose reporter link is missing. Her rows
 * stay, looking like anyone's: her replies cleared and her indexes random.
 */
import type Database from 'better-sqlite3';
import { catalog } from '../../src/bot/catalog';
import { memberKey } from '../../src/phone/identity';
import { openReply } from '../../src/store/inbound-log';
import { startTwilioLine, waitFor, type Harness, refOf } from '../helpers/harness';
import type { FakeTwilio } from '../fakes/fake-twilio';
import { readSeized } from '../helpers/seized-file';

const MOD = '+13125550177';
const ALICE = '+14155550100';
const BETO = '+14155550142';
const EVE = '+12125550188';
const t = catalog('en');

describe('a DELETE in a database seized the same day', () => {
  let fake: FakeTwilio;
  let h: Harness;
  let stop: () => Promise<void>;
  let aliceRef: string;
  let eveRef: string;
  beforeAll(async () => {
    ({ fake, h, stop } = await startTwilioLine({ env: { MODERATORS: MOD, SEND_RATE: '1000' } }));
    // In arrival order: 1 Alice, 2 Eve, 3 Beto, 4 Alice (her report), 5 Eve (hers), 6 Beto, 7 Eve (DELETE).
    await h.sms(ALICE, 'JOIN 415');
    await h.sms(EVE, 'JOIN 212');
    await h.sms(BETO, 'JOIN 415');
    aliceRef = refOf((await h.sms(ALICE, 'REPORT 415 grey van, took my phone')).message);
    eveRef = refOf((await h.sms(EVE, 'REPORT 212 blue sedan, would not pay')).message);
    await h.sms(BETO, 'AREAS');
    await waitFor(() => fake.to(MOD).length === 2, 5_000, 'the notices');
    expect((await h.sms(EVE, 'DELETE')).message).toContain('erased');
  });
  afterAll(() => stop());

  /** The adversary: the file alone. */
  const seized = <T>(read: (file: Database.Database) => T): T => readSeized(h.dataDir, read);

  it('leaves no gap in the log of inbound messages', () => {
    const holes = seized((file) => file.prepare('SELECT log_id FROM inbound_seen WHERE log_id NOT IN (SELECT id FROM inbound_messages)').all());
    expect(holes).toEqual([]);
  });

  it('leaves every row of the log looking alike: a sender index, a reply of one length', () => {
    const rows = seized((file) => file.prepare('SELECT length(sender_bidx) AS sender, length(reply_ct) AS reply FROM inbound_messages ORDER BY id').all() as Array<{ sender: number | null; reply: number | null }>);
    expect(rows).toHaveLength(7);
    expect(new Set(rows.map((r) => `${r.sender}/${r.reply}`)).size).toBe(1);
  });

  it('leaves no report without a reporter link', () => {
    const links = seized((file) => file.prepare('SELECT length(reporter_bidx) AS n FROM reports ORDER BY id').all());
    expect(links).toEqual([{ n: 16 }, { n: 16 }]);
  });

  it('keeps nothing the key would tie to her: her replies are cleared, her index is on no row', () => {
    const { db, vault } = h.server;
    const hers = vault.index('replies', memberKey({ channel: 'sms', address: EVE }));
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM inbound_messages WHERE sender_bidx = ?').get(hers)).toEqual({ n: 0 });
    const replies = (db.sqlite.prepare('SELECT provider_bidx, reply_ct, key_version FROM inbound_messages').all() as Array<{ provider_bidx: Buffer; reply_ct: Buffer; key_version: number }>).map(
      (r) => openReply(vault, r),
    );
    expect(replies.filter((r) => r?.includes(`#${eveRef}`) || r?.includes('212'))).toEqual([]);
  });

  it('still lets BLOCK find no one behind her report, and the reporter of another', async () => {
    expect((await h.sms(MOD, `BLOCK ${eveRef}`)).message).toBe(t.modSenderErased(`#${eveRef}`));
    expect(h.server.db.sqlite.prepare('SELECT count(*) AS n FROM blocked_senders').get()).toEqual({ n: 0 });
    expect((await h.sms(MOD, `BLOCK ${aliceRef}`)).message).toBe(t.modBlockedDiscarded(`#${aliceRef}`, 1));
    expect(h.server.db.sqlite.prepare('SELECT count(*) AS n FROM blocked_senders').get()).toEqual({ n: 1 });
  });
});
