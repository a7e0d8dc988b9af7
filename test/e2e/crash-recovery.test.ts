import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createAlert, planNextRange } from '../../src/store/alerts';
import { Db } from '../../src/store/db';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { subscribe } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { FakeTwilio } from '../fakes/fake-twilio';
import { startChild, type Child } from '../helpers/child-server';
import { ACCOUNT_SID, AUTH_TOKEN, METRICS_TOKEN, readMetrics, smsTo, startHarness, tempDir, TEST_MASTER_KEY, twilioChildEnv, waitFor } from '../helpers/harness';
import { numbersIn, seedMembers } from '../helpers/seed';

const MOD = '+14155550199';
const REPORTER = '+12065550123';
// Six seconds of fan-out at SEND_RATE: the kill lands a third of the way in, with a dozen or more sends in flight.
const MEMBERS = numbersIn('206', 300);
const SEND_RATE = 50;


describe('kill -9 in the middle of a fan-out', () => {
  let fake: FakeTwilio;
  let child: Child | undefined;
  const dataDir = tempDir();

  beforeAll(async () => {
    // Twilio's own latency (150–400 ms): the lane keeps a dozen or more sends in flight.
    fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, latencyMs: 300 });
    await fake.start();
    await seedMembers(dataDir, '206', MEMBERS);
  });

  afterAll(async () => {
    child?.proc.kill('SIGKILL');
    await fake.stop();
  });

  const env = () =>
    twilioChildEnv(dataDir, fake.url, {
      NODE_ENV: 'production',
      MODERATORS: MOD,
      METRICS_TOKEN,
      SEND_RATE: String(SEND_RATE),
      // debug: the lane logs its window (the most sends it lets be in flight) whenever it changes.
      LOG_LEVEL: 'debug',
    });

  it('loses no recipient, and duplicates stay within what was in flight', async () => {
    child = await startChild(env());
    const ref = /#([A-Z0-9]{4,6})/.exec((await smsTo(child.url, REPORTER, 'REPORT 206 red pickup, knife')) ?? '')?.[1];
    expect(ref).toMatch(/^[A-Z0-9]{4,6}$/);
    expect(await smsTo(child.url, MOD, `APPROVE ${ref}`)).toContain('approved');
    const alerts = () => fake.sent.filter((m) => m.body.startsWith('Heads Up alert') && m.body.includes('red pickup'));

    // Kill once a good part, but not all, of the fan-out has gone out.
    await waitFor(() => alerts().length >= MEMBERS.length / 3, 20_000, 'fan-out under way');
    const killedAt = Date.now();
    child.proc.kill('SIGKILL');
    await child.exited;
    // Let the fake answer what the server had already written before it died.
    await waitFor(() => fake.inFlight === 0, 5_000, 'the fake to answer what was sent before the kill');
    // Sends in flight at the kill: created at the fake, answered only then or after. The
    // 2 ms also count answers on the wire or read in the server's last event-loop turn.
    const inFlightAtKill = fake.unansweredAt(killedAt - 2).length;
    const beforeKill = alerts().length;
    expect(beforeKill).toBeLessThan(MEMBERS.length);
    // The lane's window in the last second before the kill (rows claimed under it may still be unrecorded).
    const changes = child.output
      .join('')
      .split('\n')
      .filter((l) => l.includes('outbox lane window'))
      .map((l) => JSON.parse(l) as { window: number; time: string })
      .map((l) => ({ window: l.window, at: Date.parse(l.time) }));
    const since = killedAt - 1_000;
    const inForce = [...changes.filter((c) => c.at < since).slice(-1), ...changes.filter((c) => c.at >= since)];
    expect(inForce.length).toBeGreaterThan(0);
    const maxWindow = Math.max(...inForce.map((c) => c.window));

    child = await startChild(env());
    await waitFor(() => new Set(alerts().map((m) => m.to)).size === MEMBERS.length, 40_000, 'every member reached after restart');
    // Let everything queued drain (the sends repeated after the kill included) before counting duplicates.
    const pending = async () => Number(/^headsup_outbox_pending (\d+)/m.exec(await readMetrics(child!.url))?.[1] ?? NaN);
    await waitFor(async () => (await pending()) === 0, 20_000, 'an empty outbox');
    await waitFor(() => fake.inFlight === 0, 5_000, 'the last answers');
    const delivered = alerts();
    const unique = new Set(delivered.map((m) => m.to));
    expect(unique.size).toBe(MEMBERS.length);
    for (const n of unique) expect(MEMBERS).toContain(n);
    const duplicates = delivered.length - unique.size;
    process.stdout.write(
      `crash test: ${beforeKill} sent before kill, ${duplicates} duplicates after restart; ${inFlightAtKill} unanswered at the fake at the kill, lane window at most ${maxWindow}\n`,
    );
    // What a kill repeats is what was in flight: sends not yet answered (at most the window) and
    // answers read in the server's last turn of the event loop, whose outcomes were being written
    // (those sends were in the window too). Outcomes written 64 at a time would exceed it.
    expect(duplicates).toBeLessThanOrEqual(2 * maxWindow);
    expect(duplicates).toBeLessThanOrEqual(inFlightAtKill + maxWindow);
    expect(duplicates).toBeGreaterThanOrEqual(Math.min(1, inFlightAtKill));

    const health = await fetch(`${child.url}/readyz`);
    expect(health.status).toBe(200);
    child.proc.kill('SIGTERM');
    expect(await child.exited).toBe(0);
  }, 90_000);
});

const EARLY = '+14155550101';
const LATE = '+14155550102';
const DAY = 24 * 3_600_000;

describe('a fan-out interrupted between two ranges', () => {
  it('sends no copy of an alert whose planning resumes two days after the kill that interrupted it', async () => {
    const dataDir = tempDir();
    const t0 = Date.now();
    await cryptoReady();
    const vault = new Vault(new Uint8Array(Buffer.from(TEST_MASTER_KEY, 'base64')));
    const db = new Db(path.join(dataDir, 'heads-up.db'));
    try {
      migrate(db);
      db.transaction(() => {
        subscribe(db, ensureMember(db, vault, { channel: 'sms', address: EARLY, phone: EARLY }, 'en', t0).id, ['415'], t0);
        // Members come and go: the next member's id falls in a later range of the fan-out.
        db.stmt("INSERT INTO members (id, channel, address_bidx, key_version, status, created_at) VALUES (150000, 'sms', ?, 1, 'stopped', ?)").run(randomBytes(32), t0);
        subscribe(db, ensureMember(db, vault, { channel: 'sms', address: LATE, phone: LATE }, 'en', t0).id, ['415'], t0);
      });
      // APPROVE, and the planner's first range; then kill -9 (what a crash between two ranges leaves).
      const alert = createAlert(db, vault, { npas: ['415'], reach: ['415', '628'], text: 'grey van, Mission St' }, t0);
      expect(planNextRange(db, alert, t0)).toEqual({ written: 1, done: false });
    } finally {
      db.close();
    }

    const fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    await fake.start();
    // The line comes back two days later.
    const h = await startHarness({ twilioApiBaseUrl: fake.url, dataDir, env: { TWILIO_REDACT: 'off' }, now: () => Date.now() + 2 * DAY });
    try {
      await waitFor(
        () => (h.server.db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'pending'").get() as { n: number }).n === 0 &&
          (h.server.db.sqlite.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n === 2,
        10_000,
        'both copies settled',
      );
      const alerts = fake.sent.filter((m) => m.body.includes('grey van')).map((m) => m.to);
      expect(alerts).toEqual([]);
    } finally {
      await h.close();
      await fake.stop();
    }
  });
});
