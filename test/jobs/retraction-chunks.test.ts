/**
 * RETRACT of an alert with more unsent copies than one chunk: RETRACT only
 * records the retraction (one UPDATE of 200,000 copies held the event loop
 * for seconds), RetractionJob cancels the copies a chunk per transaction,
 * the loop free between chunks, and no copy goes out meanwhile: a lane's
 * claim cancels the copies of a retracted alert it meets. A restart between
 * chunks cancels the rest. The real Twilio adapter against the fake Twilio
 * API on loopback, the real dispatcher; real SQLite file, real crypto.
 */
import path from 'node:path';
import type { TwilioSender } from '../../src/channels/twilio/twilio-sender';
import { DEFAULT_RETRACTIONS, RetractionJob } from '../../src/jobs/retractions';
import { createLogger } from '../../src/log/logger';
import { DEFAULT_DISPATCHER, Dispatcher } from '../../src/outbox/dispatcher';
import { createAlert, planNextRange } from '../../src/store/alerts';
import { Db } from '../../src/store/db';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { enqueueMessage } from '../../src/store/outbox';
import { retractAlert } from '../../src/store/retractions';
import { subscribe } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import type { FakeTwilio } from '../fakes/fake-twilio';
import { twilioLoopback, type TwilioLoopback } from '../outbox/twilio-loopback';
import { tempDir } from '../helpers/temp-dir';
import { waitFor } from '../helpers/wait-for';

const AUTH_TOKEN = 'retraction-chunks-token-0123456789';
const MEMBERS = 25;
const CHUNK = 5;
const TEXT = 'grey van, took a phone';
const number = (i: number) => `+1415555${String(1000 + i)}`;
const log = createLogger('silent');

let fake: FakeTwilio;
let sender: TwilioSender;
let twilio: TwilioLoopback;
let vault: Vault;

beforeAll(async () => {
  await cryptoReady();
  vault = new Vault(new Uint8Array(32).fill(5));
  twilio = await twilioLoopback('6', AUTH_TOKEN);
  ({ fake, sender } = twilio);
});
afterAll(() => twilio.close());

/** A line of MEMBERS on SMS in 415 and an alert planned to them all, none sent yet; the first member is Rose. */
function plannedAlert(file: string): { db: Db; alert: number; rose: number } {
  const db = new Db(file);
  migrate(db);
  const now = Date.now();
  const ids: number[] = [];
  for (let i = 0; i < MEMBERS; i++) {
    const id = ensureMember(db, vault, { channel: 'sms', address: number(i), phone: number(i) }, 'en', now).id;
    subscribe(db, id, ['415'], now);
    ids.push(id);
  }
  const alert = createAlert(db, vault, { npas: ['415'], reach: ['415'], text: TEXT }, now);
  while (!planNextRange(db, alert, now).done);
  return { db, alert, rose: ids[0]! };
}

const dispatcherOn = (db: Db) => new Dispatcher(db, vault, new Map([['sms', sender]]), log, { ...DEFAULT_DISPATCHER, pollMs: 20, sendRate: 1_000 });
const jobOn = (db: Db) => new RetractionJob(db, vault, null, log, () => undefined, { ...DEFAULT_RETRACTIONS, everyMs: 100, cancelChunk: CHUNK });
const copies = (db: Db, alert: number, state: string) => (db.sqlite.prepare('SELECT count(*) AS n FROM outbox WHERE alert_id = ? AND state = ?').get(alert, state) as { n: number }).n;
const errors = (db: Db, alert: number) =>
  (db.sqlite.prepare('SELECT error, count(*) AS n FROM outbox WHERE alert_id = ? GROUP BY error ORDER BY error').all(alert) as Array<{ error: string; n: number }>).map((r) => `${r.error} ${r.n}`);
const sentSince = (before: number) => fake.sent.slice(before);

describe('RETRACT of an alert with more unsent copies than one chunk', () => {
  it('cancels every copy a chunk at a time, the event loop turning between chunks, and none is sent', async () => {
    const { db, alert, rose } = plannedAlert(path.join(tempDir(), 'heads-up.db'));
    const job = jobOn(db);
    const dispatcher = dispatcherOn(db);
    const before = fake.sent.length;
    try {
      const { cancelled } = db.transaction(() => retractAlert(db, alert, Date.now()));
      // The moderator is told of every copy, though the job cancels them after the reply.
      expect(cancelled).toBe(MEMBERS);
      // What the event loop sees between its turns while the job runs: how many copies still wait.
      const seen: number[] = [];
      let probing = true;
      const probe = () => {
        seen.push(copies(db, alert, 'pending'));
        if (probing) setImmediate(probe);
      };
      setImmediate(probe);
      job.wake();
      await job.idle();
      probing = false;
      expect(seen.some((n) => n > 0 && n < MEMBERS)).toBe(true);
      expect(errors(db, alert)).toEqual([`retracted ${MEMBERS}`]);
      // A reply queued after it goes out, and it alone: no copy of the alert went before or with it.
      enqueueMessage(db, vault, rose, 'You are subscribed to alerts for 415.', Date.now());
      dispatcher.start();
      await waitFor(() => sentSince(before).length >= 1, 5_000, 'the reply');
      await dispatcher.stop();
      expect(sentSince(before).map((m) => m.body)).toEqual(['You are subscribed to alerts for 415.']);
    } finally {
      await dispatcher.stop();
      await job.stop();
      db.close();
    }
  }, 30_000);

  it('cancels the rest after a restart between chunks, and sends none of them', async () => {
    const file = path.join(tempDir(), 'heads-up.db');
    const first = plannedAlert(file);
    const { alert, rose } = first;
    const before = fake.sent.length;
    const stopped = jobOn(first.db);
    first.db.transaction(() => retractAlert(first.db, alert, Date.now()));
    // Stopped as its first chunk runs: the server goes down with the rest of the copies still waiting.
    stopped.wake();
    await stopped.stop();
    expect(copies(first.db, alert, 'failed')).toBe(CHUNK);
    first.db.close();

    const db = new Db(file);
    const job = jobOn(db);
    const dispatcher = dispatcherOn(db);
    try {
      job.start();
      await waitFor(() => copies(db, alert, 'pending') === 0, 5_000, 'the rest cancelled');
      expect(errors(db, alert)).toEqual([`retracted ${MEMBERS}`]);
      enqueueMessage(db, vault, rose, 'You are subscribed to alerts for 415.', Date.now());
      dispatcher.start();
      await waitFor(() => sentSince(before).length >= 1, 5_000, 'the reply');
      await dispatcher.stop();
      expect(sentSince(before).map((m) => m.body)).toEqual(['You are subscribed to alerts for 415.']);
    } finally {
      await dispatcher.stop();
      await job.stop();
      db.close();
    }
  }, 30_000);

  it('sends no copy the dispatcher claims before the job cancels it, and corrects one an earlier try may have delivered', async () => {
    const { db, alert, rose } = plannedAlert(path.join(tempDir(), 'heads-up.db'));
    // Rose's copy was tried once before, its answer lost (a time-out): it may be on her phone.
    db.sqlite.prepare("UPDATE outbox SET attempts = 1, error = 'connection:ETIMEDOUT' WHERE alert_id = ? AND member_id = ?").run(alert, rose);
    const job = jobOn(db);
    const dispatcher = dispatcherOn(db);
    const before = fake.sent.length;
    try {
      db.transaction(() => retractAlert(db, alert, Date.now()));
      // The dispatcher runs before the job has cancelled anything.
      dispatcher.start();
      await waitFor(() => copies(db, alert, 'pending') === 0, 5_000, 'no copy left waiting');
      expect(errors(db, alert)).toEqual([`retracted ${MEMBERS - 1}`, 'retracted_maybe_sent 1']);
      // The follow-up corrects Rose, and only her: the correction is all that goes.
      job.wake();
      await job.idle();
      await waitFor(() => sentSince(before).length >= 1, 5_000, "Rose's correction").catch(() => undefined);
      await dispatcher.stop();
      const sent = sentSince(before);
      expect(sent.map((m) => m.to)).toEqual([number(0)]);
      // The correction, not the alert: it quotes the alert's first words, and the alert's own form is gone.
      expect(sent[0]!.body).not.toMatch(/^Heads Up alert/);
      expect(sent[0]!.body).toMatch(/withdrawn|retracted/i);
    } finally {
      await dispatcher.stop();
      await job.stop();
      db.close();
    }
  }, 30_000);
});
