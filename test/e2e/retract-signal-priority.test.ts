/**
 * A RETRACT's Signal remote deletes use the Signal channel's SEND_RATE, as
 * copies do; a new alert must not wait behind them. With deletes for five
 * members queued, the next alert's five copies went at half the rate,
 * turn about with the deletes: an alert arrives late for a clean-up that
 * can wait (Signal apps honour a delete for a day).
 */
import path from 'node:path';
import { Db } from '../../src/store/db';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { subscribe } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { FakeSignal } from '../fakes/fake-signal';
import { refOf, SIGNAL_NUMBER, startHarness, tempDir, TEST_MASTER_KEY, waitFor, type Harness } from '../helpers/harness';

const MEMBERS = Array.from({ length: 5 }, (_, i) => `2c3d4e5f-6071-4b8c-9dae-${String(i + 1).padStart(12, '0')}`);

describe('a new alert over Signal while a RETRACT deletes copies', () => {
  let signal: FakeSignal;
  let h: Harness;
  // What reached signal-cli-rest-api, in order: a copy's first words, or "delete".
  const log: string[] = [];

  beforeAll(async () => {
    signal = new FakeSignal({
      account: SIGNAL_NUMBER,
      answer: (m) => (log.push(m.message.includes('blue Honda') ? 'blue' : m.message.includes('grey van') ? 'grey' : 'other'), 'accept'),
    });
    signal.remoteDeleteAnswer = () => (log.push('delete'), 'accept');
    await signal.start();
    const dataDir = tempDir();
    await cryptoReady();
    const db = new Db(path.join(dataDir, 'heads-up.db'));
    migrate(db);
    const vault = new Vault(new Uint8Array(Buffer.from(TEST_MASTER_KEY, 'base64')));
    db.transaction(() => {
      for (const uuid of MEMBERS) subscribe(db, ensureMember(db, vault, { channel: 'signal', address: uuid }, 'en', Date.now()).id, ['415'], Date.now());
    });
    db.close();
    // Twilio configured (against nothing): the report comes by SMS, its reference in the TwiML reply.
    h = await startHarness({ dataDir, signalApiUrl: signal.url, env: { SEND_RATE: '2' }, retractions: { everyMs: 100 } });
  });

  afterAll(async () => {
    await h.close();
    await signal.stop();
  });

  it('sends the alert’s copies before the remaining deletes', async () => {
    const ref = refOf((await h.sms('+14155550177', 'REPORT 415 grey van, took my phone')).message);
    expect(h.server.bot.operate(`APPROVE ${ref}`).reply).toContain('approved');
    await waitFor(() => log.filter((e) => e === 'grey').length === MEMBERS.length, 20_000, 'the five copies');
    expect(h.server.bot.operate(`RETRACT ${ref}`).reply).toContain('retracted');
    await waitFor(() => log.includes('delete'), 10_000, 'the first delete');
    expect(h.server.bot.operate('ALERT 415 blue Honda, knife').reply).toContain('going to');
    await waitFor(() => log.filter((e) => e === 'delete' || e === 'blue').length === 2 * MEMBERS.length, 20_000, 'the five deletes and the five copies');
    const lastBlue = log.lastIndexOf('blue');
    const firstBlue = log.indexOf('blue');
    // At most one delete already in flight when the alert came.
    expect(log.slice(firstBlue, lastBlue).filter((e) => e === 'delete').length).toBeLessThanOrEqual(1);
  }, 60_000);
});
