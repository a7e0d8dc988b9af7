/**
 * What follows a Signal moderator's identity change (the members relying on
 * the moderators told their check-in reaches no one) ran inside the
 * transaction that records the change. Found by a hostile review: when it
 * threw, the change, the withdrawals and the other moderators' notice were
 * all undone, to be found and fail again at her next message. It then ran
 * after the commit, once (a failure was never tried again); it is now only
 * marked due with the change and decided by the check-in timers
 * (test/e2e/checkin-moderators-gone-retried.test.ts): the change always
 * lands, once.
 */
import path from 'node:path';
import { Writable } from 'node:stream';
import { ModeratorIdentityGate } from '../../../src/channels/signal/moderator-identity-gate';
import { SignalIdentities } from '../../../src/channels/signal/signal-identities';
import { createLogger } from '../../../src/log/logger';
import { Db } from '../../../src/store/db';
import { migrate } from '../../../src/store/migrate';
import { cryptoReady, Vault } from '../../../src/store/vault';
import { FakeSignal, textEnvelope } from '../../fakes/fake-signal';
import { SIGNAL_NUMBER, tempDir } from '../../helpers/harness';

const MOD = { uuid: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c77', number: null };
const MOD2 = '+14155550199';
const NOTICE = 'moderator 1 changed';

describe("what follows a Signal moderator's identity change", () => {
  let signal: FakeSignal;
  beforeEach(async () => {
    await cryptoReady();
    signal = new FakeSignal({ account: SIGNAL_NUMBER, mode: 'normal' });
    await signal.start();
  });
  afterEach(async () => signal.stop());

  it('leaves the change, and the notice to the other moderator, recorded once', async () => {
    const db = new Db(path.join(tempDir(), 'h.db'));
    migrate(db);
    const vault = new Vault(new Uint8Array(32).fill(12));
    const lines: string[] = [];
    const log = createLogger('info', new Writable({ write: (c, _e, done) => (lines.push(String(c)), done()) }));
    let woken = 0;
    const gate = new ModeratorIdentityGate({
      db, vault, log,
      identities: new SignalIdentities(signal.url, SIGNAL_NUMBER, 2_000),
      moderators: [MOD.uuid, MOD2],
      contacts: [{ channel: 'signal', address: MOD.uuid }, { channel: 'sms', address: MOD2, phone: MOD2 }],
      notice: () => NOTICE, readmitNote: () => '', wake: () => woken++, now: () => Date.UTC(2026, 10, 22, 3),
    });
    const arrive = async () => {
      const item = textEnvelope(SIGNAL_NUMBER, MOD, 'STATS');
      signal.push(item);
      await gate.observe(item);
    };
    const notices = () => (db.sqlite.prepare('SELECT count(*) AS n FROM outbox WHERE member_id IS NOT NULL').get() as { n: number }).n;
    await arrive();
    signal.changeIdentity(MOD.uuid).status = 'TRUSTED_UNVERIFIED';
    await arrive();
    expect(notices()).toBe(1);
    expect(woken).toBe(1);
    // Her next message finds the change already recorded: no second notice.
    await arrive();
    expect(notices()).toBe(1);
    expect(gate.trusted({ channel: 'signal', address: MOD.uuid })).toBe(false);
    const errors = lines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level >= 50);
    expect(errors.map((l) => l.msg)).toEqual([]);
    expect(lines.join('').includes(MOD.uuid) || lines.join('').includes(MOD2)).toBe(false);
  });
});
