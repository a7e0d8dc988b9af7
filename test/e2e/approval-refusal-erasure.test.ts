/**
 * REJECT or BLOCK of an applicant erases them (README, threat model): as
 * DELETE does, nothing keyed to them stays, not only the member row: the
 * replies to their webhooks, the link to a report they filed while waiting
 * once it is decided (while pending it stays, for BLOCK to reach them by it),
 * and over Signal the records of their messages (findable from their UUID).
 * Their rate-limit counts stay until their windows end, as after DELETE.
 */
import fs from 'node:fs';
import path from 'node:path';
import { memberKey, type Sender } from '../../src/phone/identity';
import { memberIndex } from '../../src/store/members';
import { textEnvelope } from '../fakes/fake-signal';
import { SIGNAL_NUMBER, startHarness, waitFor, type Harness } from '../helpers/harness';
import { findNeedles, numberForms } from '../helpers/needles';
import { startSignalWorld, type SignalWorld } from '../helpers/signal-world';
import { clockFrom, EARLY_IN_A_DAY } from '../helpers/steady-clock';

const MOD = '+13125550177';

describe('a refused applicant leaves no trace keyed to them', () => {
  let h: Harness;
  beforeAll(async () => {
    // The day's counts must not end between her messages and the refusal (at midnight UTC they would be erased as ended).
    h = await startHarness({ env: { SUBSCRIBE_MODE: 'approval', MODERATORS: MOD }, now: clockFrom(EARLY_IN_A_DAY) });
    await new Promise((r) => setTimeout(r, 1_500));
  });
  afterAll(() => h.close());

  async function refuse(applicant: string, word: 'REJECT' | 'BLOCK') {
    const sender: Sender = { channel: 'sms', address: applicant, phone: applicant };
    const v = h.server.vault;
    const traces: Record<string, Buffer> = {
      member: memberIndex(v, sender),
      reporter: v.index('reporter', memberKey(sender)),
    };
    const senderIdx = v.index('sender', memberKey(sender));
    const logIdx = v.index('replies', memberKey(sender));
    expect((await h.sms(applicant, 'JOIN 713')).message).toContain('moderator');
    expect((await h.sms(applicant, 'REPORT 713 grey van driver, wrong name')).message).toContain('#');
    const sq = h.server.db.sqlite;
    const { ref } = sq.prepare('SELECT ref FROM member_requests ORDER BY id DESC LIMIT 1').get() as { ref: string };
    expect((await h.sms(MOD, `${word} ${ref}`)).message).toContain(`#${ref}`);
    await new Promise((r) => setTimeout(r, 1_500));
    const db = path.join(h.dataDir, 'heads-up.db');
    const left: string[] = [];
    for (const f of [db, `${db}-wal`]) {
      if (!fs.existsSync(f)) continue;
      const bytes = fs.readFileSync(f);
      for (const [k, b] of Object.entries(traces)) if (bytes.includes(b)) left.push(`${path.basename(f)}:${k}`);
      for (const n of findNeedles(bytes, numberForms(applicant))) left.push(`${path.basename(f)}:${n}`);
    }
    const count = (sql: string, key: Buffer) => (sq.prepare(sql).get(key) as { n: number }).n;
    const rows = {
      replies: count('SELECT count(*) AS n FROM inbound_messages WHERE sender_bidx = ?', logIdx),
      limits: count('SELECT count(*) AS n FROM sender_limits WHERE sender_bidx = ?', senderIdx),
      reports: count('SELECT count(*) AS n FROM reports WHERE reporter_bidx = ?', traces.reporter as Buffer),
      blocks: count('SELECT count(*) AS n FROM blocked_senders WHERE reporter_bidx = ?', traces.reporter as Buffer),
    };
    // A block stays, keyed by the reporter index (it keys nothing else): only BLOCK leaves that. So do the
    // counts of today's report and join notice, until the day ends: refused, she could otherwise ask again at once.
    // After REJECT her report still pending keeps its link to her, so that BLOCK of it still reaches her
    // (BLOCK discarded it first, and its link went with the refusal).
    const blocked = word === 'BLOCK';
    expect({ left, rows }).toEqual({ left: ['heads-up.db:reporter'], rows: { replies: 0, limits: 2, reports: blocked ? 0 : 1, blocks: blocked ? 1 : 0 } });
  }

  it('after REJECT', async () => {
    await refuse('+17135550142', 'REJECT');
  });

  it('after BLOCK', async () => {
    await refuse('+17135550143', 'BLOCK');
  });
});

describe('a refused Signal applicant leaves no record findable under her UUID', () => {
  let world: SignalWorld;
  beforeAll(async () => {
    world = await startSignalWorld({ env: { SUBSCRIBE_MODE: 'approval' } });
  });
  afterAll(() => world.close());

  it('after REJECT (at the command line, as an operator would)', async () => {
    const who = { uuid: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b', number: null };
    const t = 1_765_200_000_001;
    world.signal.push(textEnvelope(SIGNAL_NUMBER, who, 'JOIN 713', t));
    await waitFor(() => world.signal.to(who.uuid).length > 0, 10_000, 'the answer');
    const { vault, db } = world.h.server;
    const { ref } = db.sqlite.prepare('SELECT ref FROM member_requests ORDER BY id DESC LIMIT 1').get() as { ref: string };
    expect(world.h.server.bot.operate(`REJECT ${ref}`).reply).toContain(`#${ref}`);
    const key = vault.index('inbound', `signal:${who.uuid}:${t}`);
    const senderIdx = vault.index('replies', memberKey({ channel: 'signal', address: who.uuid }));
    const held = {
      seen: db.sqlite.prepare('SELECT count(*) AS n FROM inbound_seen WHERE provider_bidx = ? OR sender_bidx = ?').get(key, senderIdx),
      replies: db.sqlite.prepare('SELECT count(*) AS n FROM inbound_messages WHERE sender_bidx = ?').get(senderIdx),
    };
    expect(held).toEqual({ seen: { n: 0 }, replies: { n: 0 } });
  });
});
