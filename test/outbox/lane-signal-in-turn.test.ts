/**
 * The Signal lane against signal-cli-rest-api in normal/native mode
 * (SIGNAL_RECEIVE_MODE=poll, the default), which runs one signal-cli process
 * per send; the processes of one account take turns on its lock, so sends
 * are served one at a time. A send left waiting at signal-cli behind others
 * can pass the client's time-out (30 s) there: it is counted failed and sent
 * again while signal-cli still sends it, and the member gets the alert twice.
 * - A lane keeping 16 sends in flight (its window grows with the latency it
 *   sees) makes the last wait for the 15 before it: 16 sends of 2 s.
 * - Even two in flight: at 18 s a send (a slow phone line, a busy server),
 *   the second waits 18 s and is served in 18 s more, past 30 s.
 * The sender issues each request only once the one before has answered, so
 * its time-out counts signal-cli's work on it alone.
 *
 * Scaled here: the client gives up after 3 s (1/10), or 1.5 s (1/20).
 */
import path from 'node:path';
import { SignalSender } from '../../src/channels/signal/signal-sender';
import { createLogger } from '../../src/log/logger';
import { OutcomeWriter } from '../../src/outbox/outcome-writer';
import { createAlert, planNextRange } from '../../src/store/alerts';
import { Db } from '../../src/store/db';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { subscribe } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { FakeSignal } from '../fakes/fake-signal';
import { laneOn } from '../helpers/lane-world';
import { tempDir } from '../helpers/temp-dir';
import { waitFor } from '../helpers/wait-for';

const ACCOUNT = '+15005550199';
const uuid = (n: number) => `5c3d4e5f-6a7b-4c8d-9e0f-${String(n).padStart(12, '0')}`;

/** `members` Signal members, an alert to them planned, and a sender to a signal-cli taking `sendMs` a send, the client giving up after `timeoutMs`. */
async function planned(members: number, sendMs: number, timeoutMs: number) {
  await cryptoReady();
  const vault = new Vault(new Uint8Array(32).fill(5));
  const db = new Db(path.join(tempDir(), 'heads-up.db'));
  migrate(db);
  const fake = new FakeSignal({ account: ACCOUNT, mode: 'normal' });
  await fake.start();
  fake.sendMs = sendMs;
  const log = createLogger('silent');
  const sender = new SignalSender({ apiUrl: fake.url, number: ACCOUNT, log, timeoutMs, sendsInTurn: true });
  const t0 = Date.now();
  const who = Array.from({ length: members }, (_, i) => uuid(i + 1));
  for (const m of who) subscribe(db, ensureMember(db, vault, { channel: 'signal', address: m }, 'en', t0).id, ['415'], t0);
  const alert = createAlert(db, vault, { npas: ['415'], reach: ['415'], text: 'grey van, took a phone' }, t0);
  while (!planNextRange(db, alert, t0).done);
  return { vault, db, fake, log, sender, who };
}

/** An alert to `members` Signal members through a lane, signal-cli taking `sendMs` a send and the client giving up after `timeoutMs`. */
async function fanOut(members: number, sendMs: number, timeoutMs: number) {
  const { vault, db, fake, log, sender, who } = await planned(members, sendMs, timeoutMs);
  const writer = new OutcomeWriter(db, log);
  const lane = laneOn({ db, vault, log, now: Date.now, writer }, sender, { pollMs: 50, backoff: { baseMs: 100, maxMs: 500, maxAttempts: 12 } });
  const started = performance.now();
  lane.start();
  try {
    const pending = () => (db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'pending'").get() as { n: number }).n;
    await waitFor(() => pending() === 0, members * sendMs * 3, 'the fan-out to finish').catch(() => undefined);
    const ms = performance.now() - started;
    // Sends whose client gave up are still served: wait for signal-cli to finish them.
    await waitFor(() => fake.sent.length === fake.sendRequests, 10_000, 'signal-cli to finish');
    const twice = who.filter((m) => fake.to(m).length > 1).length;
    return { pending: pending(), twice, ms, waitingAtSignalCli: fake.mostWaitingForTurn };
  } finally {
    await lane.stop();
    writer.flush();
    await sender.close();
    await fake.stop();
    db.close();
  }
}

describe('a Signal fan-out to signal-cli-rest-api in normal/native mode, which serves sends one at a time', () => {
  it('sends each member the alert once (40 members, 200 ms a send, 3 s time-out)', async () => {
    const { pending, twice, waitingAtSignalCli } = await fanOut(40, 200, 3_000);
    expect({ pending, twice }).toEqual({ pending: 0, twice: 0 });
    expect(waitingAtSignalCli).toBe(0);
  }, 90_000);

  it('sends each member the alert once when a send takes more than half the time-out (900 ms a send, 1.5 s time-out)', async () => {
    const { pending, twice, waitingAtSignalCli } = await fanOut(6, 900, 1_500);
    expect({ pending, twice }).toEqual({ pending: 0, twice: 0 });
    expect(waitingAtSignalCli).toBe(0);
  }, 60_000);

  it('stops without issuing the sends waiting their turn: refused as never sent, they go at the next start', async () => {
    const { vault, db, fake, log, sender } = await planned(3, 400, 3_000);
    const writer = new OutcomeWriter(db, log);
    const lane = laneOn({ db, vault, log, now: Date.now, writer }, sender, { pollMs: 50 });
    try {
      lane.start();
      // The first send served; the next waits here for its turn (or, its answer read first, is at signal-cli).
      await waitFor(() => fake.sendRequests === 1, 2_000, 'the first send served');
      await lane.stop();
      writer.flush();
      const rows = db.sqlite.prepare('SELECT state, error, attempts FROM outbox WHERE alert_id IS NOT NULL ORDER BY id').all() as Array<{ state: string; error: string | null; attempts: number }>;
      // What signal-cli served went; what waited here was refused unissued, to go at the next start.
      const sent = rows.filter((r) => r.state === 'sent').length;
      expect(fake.sendRequests).toBe(sent);
      expect(sent).toBeLessThan(3);
      // Each left is either never claimed or refused at the stop, no try used (three deploys in a fan-out must not
      // count as three failures: a Signal copy would go by SMS). Which one waited depends on when the stop came.
      const left = rows.filter((r) => r.state === 'pending');
      expect(left.length).toBe(3 - sent);
      for (const r of left) expect([null, 'connection:ESHUTDOWN']).toContain(r.error);
      expect(left.map((r) => r.attempts)).toEqual(left.map(() => 0));
    } finally {
      await sender.close();
      await fake.stop();
      db.close();
    }
  });
});
