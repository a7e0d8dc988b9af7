/**
 * SPEC, configuration: SEND_RATE is the "most messages per second sent
 * through each channel". A Signal remote delete (RETRACT's follow-up) is a
 * message sent through Signal, as a copy is: with SEND_RATE=1 the Signal
 * channel must not carry more than one message in any second. The deletes
 * went all at once, outside the lane's pace.
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

/**
 * Most of these instants within any one second, less 250 ms for the loopback's and the timers' jitter (the
 * pacer counts when a send starts, the fake when it arrives; on a loaded machine one send may start late and
 * the next on time). Sends outside the pace arrive milliseconds apart, so the check still holds them.
 */
function busiestSecond(times: number[]): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while ((t[i] as number) - (t[j] as number) >= 750) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('SEND_RATE over Signal, RETRACT included', () => {
  let signal: FakeSignal;
  let h: Harness;
  // When each message reached signal-cli-rest-api: a copy (POST /v2/send) or a remote delete.
  const messages: number[] = [];

  beforeAll(async () => {
    signal = new FakeSignal({ account: SIGNAL_NUMBER, answer: () => (messages.push(Date.now()), 'accept') });
    signal.remoteDeleteAnswer = () => (messages.push(Date.now()), 'accept');
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
    // SMS on the console channel: the report comes in by webhook; Signal carries the alert.
    // Twilio configured (against nothing): the report comes by SMS, its reference in the TwiML reply.
    h = await startHarness({ dataDir, signalApiUrl: signal.url, env: { SEND_RATE: '1' }, retractions: { everyMs: 200 } });
  });

  afterAll(async () => {
    await h.close();
    await signal.stop();
  });

  it('sends the alert copies and then their remote deletes at most SEND_RATE a second', async () => {
    const ref = refOf((await h.sms('+14155550177', 'REPORT 415 grey van, took my phone')).message);
    expect(h.server.bot.operate(`APPROVE ${ref}`).reply).toContain('approved');
    await waitFor(() => MEMBERS.every((m) => signal.to(m).some((s) => s.message.includes('grey van'))), 20_000, 'the five copies');
    expect(h.server.bot.operate(`RETRACT ${ref}`).reply).toContain('retracted');
    await waitFor(() => signal.remoteDeletes.length === MEMBERS.length, 20_000, 'the five remote deletes');
    expect(messages).toHaveLength(2 * MEMBERS.length);
    expect(busiestSecond(messages)).toBeLessThanOrEqual(1);
  }, 60_000);
});
