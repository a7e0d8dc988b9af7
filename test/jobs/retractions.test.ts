/**
 * RETRACT's follow-up (jobs/retractions.ts) against a fake signal-cli-rest-api:
 * a stuck one (it takes a remote delete and never answers, 30 s each) holds
 * up no SMS correction (SPEC, Order: one channel's outage never delays
 * another); deletions keep to the Signal lane's pace and a 429 on one pauses
 * the lane; a deletion overtaken by a correction sends no second one.
 */
import path from 'node:path';
import { SignalSender } from '../../src/channels/signal/signal-sender';
import { DEFAULT_RETRACTIONS, RetractionJob } from '../../src/jobs/retractions';
import { createLogger } from '../../src/log/logger';
import { createAlert, planNextRange } from '../../src/store/alerts';
import { Db } from '../../src/store/db';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { recordOutcomes } from '../../src/store/outbox';
import { claimLane } from '../../src/store/outbox-claims';
import { retractAlert, SIGNAL_DELETE_WINDOW_MS } from '../../src/store/retractions';
import { subscribe } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { Pacer, type SendPace } from '../../src/outbox/pacer';
import { FakeSignal, SIGNAL_ERRORS } from '../fakes/fake-signal';
import { tempDir } from '../helpers/temp-dir';
import { waitFor } from '../helpers/wait-for';

const ACCOUNT = '+15005550199';

/** A database file, a fake signal-cli-rest-api for the bot's account and the sender to it; close() ends them after the job. */
async function line() {
  await cryptoReady();
  const vault = new Vault(new Uint8Array(32).fill(5));
  const db = new Db(path.join(tempDir(), 'heads-up.db'));
  migrate(db);
  const fake = new FakeSignal({ account: ACCOUNT });
  await fake.start();
  const log = createLogger('silent');
  const signal = new SignalSender({ apiUrl: fake.url, number: ACCOUNT, log });
  // Closing the fake first drops a request it holds: job.stop() waits only for the deletion in flight.
  const close = async (job: RetractionJob) => {
    await fake.stop();
    await job.stop();
    await signal.close();
    db.close();
  };
  return { vault, db, fake, log, signal, close };
}

/** An alert for 212, its copies sent over Signal (their send timestamp kept for a deletion). */
function sentAlert(db: Db, vault: Vault, t0: number): number {
  const a = createAlert(db, vault, { npas: ['212'], reach: ['212'], text: 'grey van, took a phone' }, t0);
  while (!planNextRange(db, a, t0).done);
  db.sqlite.prepare("UPDATE outbox SET state = 'sent', provider_id = '1800000000123', updated_at = ? WHERE alert_id IS NOT NULL").run(t0);
  return a;
}

const MEMBER = '4c3d4e5f-6a7b-4c8d-9e0f-000000000007';

/** A Signal lane's pace with nothing of its own due. */
const idleLane = (p: Pacer): SendPace => ({ waitMs: () => p.waitMs(), busy: () => false, take: () => p.take(), pauseFor: (ms) => p.pauseFor(ms) });

describe('RETRACT follow-up while signal-cli-rest-api is stuck', () => {
  it("queues another retracted alert's SMS corrections without waiting for Signal remote deletes", async () => {
    const { vault, db, fake, log, signal, close } = await line();
    fake.remoteDeleteAnswer = () => 'hang';

    const t0 = Date.now();
    const onSignal = ensureMember(db, vault, { channel: 'signal', address: '4c3d4e5f-6a7b-4c8d-9e0f-000000000001' }, 'en', t0).id;
    const onSms = ensureMember(db, vault, { channel: 'sms', address: '+14155550100', phone: '+14155550100' }, 'en', t0).id;
    subscribe(db, onSignal, ['212'], t0);
    subscribe(db, onSms, ['415'], t0);
    const a = createAlert(db, vault, { npas: ['212'], reach: ['212'], text: 'grey van, took a phone' }, t0);
    const b = createAlert(db, vault, { npas: ['415'], reach: ['415'], text: 'red sedan, no pay' }, t0);
    while (!planNextRange(db, a, t0).done);
    while (!planNextRange(db, b, t0).done);
    // Both copies went out: the Signal one with its send timestamp, the SMS one with a Twilio sid.
    db.sqlite
      .prepare("UPDATE outbox SET state = 'sent', provider_id = CASE channel WHEN 'signal' THEN '1800000000123' ELSE 'SM0123456789abcdef0123456789abcdef' END, updated_at = ? WHERE alert_id IS NOT NULL")
      .run(t0);
    const corrections = () => (db.sqlite.prepare('SELECT count(*) AS n FROM outbox WHERE member_id = ? AND alert_id IS NULL').get(onSms) as { n: number }).n;

    const job = new RetractionJob(db, vault, signal, log, () => undefined, { ...DEFAULT_RETRACTIONS, everyMs: 100 });
    try {
      db.transaction(() => retractAlert(db, a, Date.now()));
      job.start();
      await waitFor(() => fake.remoteDeleteRequests === 1, 5_000, 'the remote delete of the Signal copy');
      // Another alert is retracted while that deletion hangs: its SMS recipient is owed a correction.
      db.transaction(() => retractAlert(db, b, Date.now()));
      job.wake();
      await waitFor(() => corrections() === 1, 5_000, "the SMS recipient's correction").catch(() => undefined);
      expect(corrections()).toBe(1);
    } finally {
      await close(job);
    }
  }, 60_000);
});

describe('RETRACT follow-up and the Signal lane pace', () => {
  it("waits out the lane's pause, and a 429 on a deletion pauses the lane (its sends with it)", async () => {
    const { vault, db, fake, log, signal, close } = await line();
    fake.remoteDeleteAnswer = () => SIGNAL_ERRORS.rateLimited(ACCOUNT);
    const t0 = Date.now();
    for (let i = 1; i <= 3; i++) subscribe(db, ensureMember(db, vault, { channel: 'signal', address: `4c3d4e5f-6a7b-4c8d-9e0f-00000000000${i}` }, 'en', t0).id, ['212'], t0);
    const a = sentAlert(db, vault, t0);

    const pace = new Pacer(100);
    pace.pauseFor(300);
    const job = new RetractionJob(db, vault, signal, log, () => undefined, { ...DEFAULT_RETRACTIONS, everyMs: 50, pace: idleLane(pace) });
    try {
      db.transaction(() => retractAlert(db, a, Date.now()));
      const retracted = Date.now();
      job.start();
      await waitFor(() => fake.remoteDeleteRequests === 1, 5_000, 'the first remote delete');
      // Not before the lane's pause ended.
      expect(Date.now() - retracted).toBeGreaterThanOrEqual(290);
      // Its 429 paused the lane: no send, and no other deletion, goes meanwhile.
      await waitFor(() => pace.paused, 2_000, 'the lane paused');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(fake.remoteDeleteRequests).toBe(1);
      expect(pace.waitMs()).toBeGreaterThan(10_000);
    } finally {
      await close(job);
    }
  }, 30_000);
});

// A deletion the loop listed, then waiting for the lane's pace while a round corrected its row (Signal's day
// ran out): its outcome must not overwrite 'corrected', or she is sent the correction twice.
describe('a Signal deletion waiting on the lane pace when Signal\'s day passes', () => {
  it('sends the member one correction, not two', async () => {
    const { vault, db, fake, log, signal, close } = await line();
    // The recipient left Signal: the deletion is refused for good (corrected instead).
    fake.remoteDeleteAnswer = () => SIGNAL_ERRORS.unregistered(MEMBER);
    const t0 = 1_800_000_000_000;
    let clock = t0;
    const id = ensureMember(db, vault, { channel: 'signal', address: MEMBER }, 'en', t0).id;
    subscribe(db, id, ['212'], t0);
    // Other members: with them, the alert has more copies than a round's batch (5 here, 500 by default).
    for (let i = 10; i < 150; i++) subscribe(db, ensureMember(db, vault, { channel: 'signal', address: `4c3d4e5f-6a7b-4c8d-9e0f-000000000${i}` }, 'en', t0).id, ['212'], t0);
    const a = sentAlert(db, vault, t0);
    const corrections = () => (db.sqlite.prepare('SELECT count(*) AS n FROM outbox WHERE member_id = ? AND alert_id IS NULL').get(id) as { n: number }).n;

    // The Signal lane is paused (a 429 on a send) for a moment.
    const pace = new Pacer(100);
    pace.pauseFor(1_500);
    // Retracted a little before Signal's day is over: the copy is marked for deletion.
    clock = t0 + SIGNAL_DELETE_WINDOW_MS - 5_000;
    const job = new RetractionJob(db, vault, signal, log, () => undefined, { ...DEFAULT_RETRACTIONS, everyMs: 100, batch: 5, deletesPerTick: 1, pace: idleLane(pace) }, () => clock);
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
      await close(job);
    }
  }, 30_000);
});

// An alert's first Signal try timed out (signal-cli may still deliver it), the next one went with a new
// timestamp: a deletion by that timestamp leaves the first copy on her phone, so she is corrected too.
describe('a Signal copy sent after a try whose fate is unknown', () => {
  it('is deleted by the timestamp kept and corrected; a copy sent at its first try, or after a 429, only deleted', async () => {
    const { vault, db, fake, log, signal, close } = await line();
    const t0 = Date.now();
    const member = (n: number) => {
      const id = ensureMember(db, vault, { channel: 'signal', address: `4c3d4e5f-6a7b-4c8d-9e0f-00000000002${n}` }, 'en', t0).id;
      subscribe(db, id, ['212'], t0);
      return id;
    };
    const [timedOut, firstTry, throttled] = [member(1), member(2), member(3)];
    const a = createAlert(db, vault, { npas: ['212'], reach: ['212'], text: 'grey van, took a phone' }, t0);
    while (!planNextRange(db, a, t0).done);
    const rowOf = (m: number) => (db.sqlite.prepare('SELECT id FROM outbox WHERE member_id = ? AND alert_id = ?').get(m, a) as { id: number }).id;
    // The outbox's own record of each copy's tries: claimed, answered, claimed again, sent.
    expect(claimLane(db, 'signal', t0, 10, t0 + 30_000)).toHaveLength(3);
    recordOutcomes(
      db,
      [
        { id: rowOf(timedOut), kind: 'retry', dueAt: t0, error: 'connection:ECONNABORTED' },
        { id: rowOf(firstTry), kind: 'sent', providerId: '1796184000222' },
        { id: rowOf(throttled), kind: 'retry', dueAt: t0, error: 'throttled:429', throttled: true },
      ],
      t0,
    );
    expect(claimLane(db, 'signal', t0 + 1, 10, t0 + 30_000)).toHaveLength(2);
    recordOutcomes(
      db,
      [
        { id: rowOf(timedOut), kind: 'sent', providerId: '1796184000999' },
        { id: rowOf(throttled), kind: 'sent', providerId: '1796184000333' },
      ],
      t0 + 1,
    );
    const corrections = (m: number) => (db.sqlite.prepare('SELECT count(*) AS n FROM outbox WHERE member_id = ? AND alert_id IS NULL').get(m) as { n: number }).n;

    const job = new RetractionJob(db, vault, signal, log, () => undefined, { ...DEFAULT_RETRACTIONS, everyMs: 50 });
    try {
      db.transaction(() => retractAlert(db, a, Date.now()));
      job.start();
      await waitFor(() => fake.remoteDeletes.length === 3 && corrections(timedOut) === 1, 5_000, 'three deletes and a correction').catch(() => undefined);
      expect(fake.remoteDeletes.map((d) => d.timestamp).sort()).toEqual(['1796184000222', '1796184000333', '1796184000999']);
      expect(corrections(timedOut)).toBe(1);
      // A few more rounds: nothing more for anyone.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await job.idle();
      expect([timedOut, firstTry, throttled].map(corrections)).toEqual([1, 0, 0]);
      expect(fake.remoteDeletes).toHaveLength(3);
    } finally {
      await close(job);
    }
  }, 30_000);
});
