/**
 * A Signal deletion the loop listed, then waited for the lane's pace to
 * send, whose row a correction round corrected meanwhile (Signal's day ran
 * out): its outcome must not overwrite 'corrected', or she is sent the
 * correction twice.
 */
import path from 'node:path';
import { SignalSender } from '../../src/channels/signal/signal-sender';
import { DEFAULT_RETRACTIONS, RetractionJob } from '../../src/jobs/retractions';
import { createLogger } from '../../src/log/logger';
import { Pacer } from '../../src/outbox/pacer';
import { createAlert, planNextRange } from '../../src/store/alerts';
import { Db } from '../../src/store/db';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { retractAlert, SIGNAL_DELETE_WINDOW_MS } from '../../src/store/retractions';
import { subscribe } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { FakeSignal, SIGNAL_ERRORS } from '../fakes/fake-signal';
import { tempDir } from '../helpers/temp-dir';
import { waitFor } from '../helpers/wait-for';

const ACCOUNT = '+15005550199';
const MEMBER = '4c3d4e5f-6a7b-4c8d-9e0f-000000000007';

describe('a Signal deletion waiting on the lane pace when Signal\'s day passes', () => {
  it('sends the member one correction, not two', async () => {
    await cryptoReady();
    const vault = new Vault(new Uint8Array(32).fill(5));
    const db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    const fake = new FakeSignal({ account: ACCOUNT });
    await fake.start();
    // The recipient left Signal: the deletion is refused for good (corrected instead).
    fake.remoteDeleteAnswer = () => SIGNAL_ERRORS.unregistered(MEMBER);
    const log = createLogger('silent');
    const signal = new SignalSender({ apiUrl: fake.url, number: ACCOUNT, log });
    const t0 = 1_800_000_000_000;
    let clock = t0;
    const id = ensureMember(db, vault, { channel: 'signal', address: MEMBER }, 'en', t0).id;
    subscribe(db, id, ['212'], t0);
    // Other members: with them, the alert has more copies than a round's batch (5 here, 500 by default).
    for (let i = 10; i < 150; i++) subscribe(db, ensureMember(db, vault, { channel: 'signal', address: `4c3d4e5f-6a7b-4c8d-9e0f-000000000${i}` }, 'en', t0).id, ['212'], t0);
    const a = createAlert(db, vault, { npas: ['212'], reach: ['212'], text: 'grey van, took a phone' }, t0);
    while (!planNextRange(db, a, t0).done);
    db.sqlite.prepare("UPDATE outbox SET state = 'sent', provider_id = '1800000000123', updated_at = ? WHERE alert_id IS NOT NULL").run(t0);
    const corrections = () => (db.sqlite.prepare('SELECT count(*) AS n FROM outbox WHERE member_id = ? AND alert_id IS NULL').get(id) as { n: number }).n;

    // The Signal lane is paused (a 429 on a send) for a moment.
    const pace = new Pacer(100);
    pace.pauseFor(1_500);
    // Retracted a little before Signal's day is over: the copy is marked for deletion.
    clock = t0 + SIGNAL_DELETE_WINDOW_MS - 5_000;
    const job = new RetractionJob(db, vault, signal, log, () => undefined, { ...DEFAULT_RETRACTIONS, everyMs: 100, batch: 5, deletesPerTick: 1, pace }, () => clock);
    try {
      db.transaction(() => retractAlert(db, a, clock));
      job.start();
      await job.idle();
      // The day passes while the deletion waits for the lane: the next round corrects the copy.
      await new Promise((resolve) => setTimeout(resolve, 300));
      clock += 10_000;
      await waitFor(() => corrections() === 1, 2_000, 'the correction');
      // The pause ends, the deletion listed before goes and is refused; a few more rounds.
      await waitFor(() => fake.remoteDeleteRequests >= 1, 5_000, 'the remote delete').catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(corrections()).toBe(1);
    } finally {
      await job.stop();
      await fake.stop();
      await signal.close();
      db.close();
    }
  }, 30_000);
});
