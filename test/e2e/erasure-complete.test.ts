/**
 * DELETE erases everything keyed to the sender, in the database file and its
 * WAL alike: read with the key afterwards, the files hold nothing of them but
 * the counts of their limits' current windows (kept until those end).
 */
import fs from 'node:fs';
import path from 'node:path';
import { memberKey, type Sender } from '../../src/phone/identity';
import { linkIndex, memberIndex, openAddress } from '../../src/store/members';
import { openBody } from '../../src/store/outbox';
import type { FakeTwilio } from '../fakes/fake-twilio';
import { startTwilioLine, waitFor, type Harness, refOf } from '../helpers/harness';
import { findNeedles, numberForms } from '../helpers/needles';
import { openedWithKey } from '../helpers/opened-with-key';
import { clockFrom, EARLY_IN_A_DAY } from '../helpers/steady-clock';
import { openReply } from '../../src/store/inbound-log';

const MOD = '+14155550199';


describe('DELETE erases everything keyed to the sender', () => {
  let fake: FakeTwilio;
  let h: Harness;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    // The windows the sender's counts are kept for (the UTC day's reports, the hour's CHECKs) must not end before DELETE.
    ({ fake, h, stop } = await startTwilioLine({ env: { MODERATORS: MOD, SEND_RATE: '1000' }, now: clockFrom(EARLY_IN_A_DAY) }));
  });
  afterAll(() => stop());

  const files = () => {
    const db = path.join(h.dataDir, 'heads-up.db');
    return [db, `${db}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f));
  };
  /** Every byte string of the sender the database could hold, computed with the key (their rate-limit index aside). */
  function traces(number: string): Buffer[] {
    const { vault } = h.server;
    const sender: Sender = { channel: 'sms', address: number, phone: number };
    return [
      memberIndex(vault, sender),
      vault.index('reporter', memberKey(sender)),
      linkIndex(vault, number),
      ...numberForms(number).map((n) => Buffer.from(n)),
    ];
  }
  const sqlite = () => h.server.db.sqlite;

  it('leaves no index, sealed value or number of theirs in the database or its WAL, but the counts of their limits’ current windows', async () => {
    const who = '+17135550143';
    const senderIdx = h.server.vault.index('sender', memberKey({ channel: 'sms', address: who }));
    const logIdx = h.server.vault.index('replies', memberKey({ channel: 'sms', address: who }));
    await h.sms(who, 'JOIN 713');
    const ref = refOf((await h.sms(who, 'REPORT 713 silver sedan, wrong name given')).message);
    await h.sms(who, 'CHECK 713-555-0188');
    await waitFor(() => fake.to(MOD).length === 1, 5000, 'notice');
    // What the sender left: counters, stored replies, their sealed address, the notice quoting their report.
    expect((sqlite().prepare('SELECT count(*) AS n FROM sender_limits WHERE sender_bidx = ?').get(senderIdx) as { n: number }).n).toBe(2);
    const sealed = [
      ...(sqlite().prepare('SELECT reply_ct AS ct FROM inbound_messages WHERE sender_bidx = ?').all(logIdx) as Array<{ ct: Buffer }>),
      ...(sqlite().prepare('SELECT address_ct AS ct FROM members WHERE address_bidx = ?').all(memberIndex(h.server.vault, { channel: 'sms', address: who })) as Array<{ ct: Buffer }>),
      ...(sqlite().prepare('SELECT o.body_ct AS ct FROM outbox o JOIN report_notices n ON n.outbox_id = o.id').all() as Array<{ ct: Buffer }>),
    ].map((r) => r.ct.subarray(0, 32));
    expect(sealed.length).toBeGreaterThanOrEqual(5);
    const needles = [...traces(who), ...sealed];
    const present = () => files().some((bytes) => needles.some((n) => bytes.includes(n)));
    expect(present()).toBe(true);

    // The moderator decides the report: the notice that quoted it is erased.
    expect((await h.sms(MOD, `REJECT ${ref}`)).message).toContain('rejected');
    expect((await h.sms(who, 'DELETE')).message).toContain('erased');
    await waitFor(() => !present(), 5000, 'the sender to leave the files');
    for (const bytes of files()) {
      expect(needles.filter((n) => bytes.includes(n))).toEqual([]);
      expect(findNeedles(bytes, numberForms(who))).toEqual([]);
    }
    // Their rate-limit index keys only the counts of today's report and this hour's CHECK, so DELETE resets no limit.
    const keyed = (table: string) => (sqlite().prepare(`SELECT count(*) AS n FROM ${table} WHERE sender_bidx IN (?, ?)`).get(senderIdx, logIdx) as { n: number }).n;
    expect(['inbound_messages', 'inbound_seen', 'inbound_retry'].map(keyed)).toEqual([0, 0, 0]);
    expect(sqlite().prepare('SELECT kind, count FROM sender_limits WHERE sender_bidx = ? ORDER BY kind').all(senderIdx)).toEqual([
      { kind: 'check', count: 1 },
      { kind: 'report', count: 1 },
    ]);
    // And nothing left that the key opens mentions them.
    const { vault } = h.server;
    const replies = sqlite().prepare('SELECT provider_bidx, reply_ct, key_version FROM inbound_messages WHERE reply_ct IS NOT NULL').all() as Array<{
      provider_bidx: Buffer;
      reply_ct: Buffer;
      key_version: number;
    }>;
    const opened = replies.map((r) => (openReply(vault, r) ?? ''));
    expect(opened.filter((text) => text.includes(`#${ref}`) && !text.includes('rejected'))).toEqual([]);
    const addresses = (sqlite().prepare('SELECT id, address_ct, key_version FROM members').all() as Array<{ id: number; address_ct: Buffer; key_version: number }>).map(
      (m) => openAddress(vault, m),
    );
    expect(addresses).toContain(MOD);
    expect(addresses).not.toContain(who);
    const bodies = (sqlite().prepare('SELECT id, body_ct, key_version FROM outbox WHERE body_ct IS NOT NULL').all() as Array<{ id: number; body_ct: Buffer; key_version: number }>).map(
      (r) => openBody(vault, r),
    );
    expect(bodies.filter((b) => b.includes('silver sedan') || numberForms(who).some((n) => b.includes(n)))).toEqual([]);
  });

  it('lets a blocked sender DELETE: only the block, which keys nothing else, stays', async () => {
    const who = '+17135550144';
    const reporterIdx = h.server.vault.index('reporter', memberKey({ channel: 'sms', address: who }));
    await h.sms(who, 'JOIN 713');
    const ref = refOf((await h.sms(who, 'REPORT 713 spam spam')).message);
    expect((await h.sms(MOD, `BLOCK ${ref}`)).message).toContain('blocked');
    expect((await h.sms(who, 'JOIN 713')).message).toBeNull();

    expect((await h.sms(who, 'DELETE')).message).toContain('erased');
    expect(sqlite().prepare('SELECT 1 FROM members WHERE address_bidx = ?').get(memberIndex(h.server.vault, { channel: 'sms', address: who }))).toBeUndefined();
    expect(sqlite().prepare('SELECT 1 FROM reports WHERE reporter_bidx = ?').get(reporterIdx)).toBeUndefined();
    expect(sqlite().prepare('SELECT 1 AS blocked FROM blocked_senders WHERE reporter_bidx = ?').get(reporterIdx)).toEqual({ blocked: 1 });
    // All that is kept of her, to one who holds the key too: her number, sealed in the block (so that a key rotation keeps it).
    expect(openedWithKey(h.server.db, h.server.vault).filter((v) => numberForms(who).some((n) => v.includes(n)))).toEqual([`blocked_senders.value: sms:${who}`]);
    expect((await h.sms(who, 'JOIN 713')).message).toBeNull();
  });
});
