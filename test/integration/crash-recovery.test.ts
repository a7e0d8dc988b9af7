import twilio from 'twilio';
import { FakeTwilio } from '../fakes/fake-twilio';
import { startChild, type Child } from '../helpers/child-server';
import { ACCOUNT_SID, AUTH_TOKEN, FROM_NUMBER, newSid, PUBLIC_URL, TEST_MASTER_KEY, tempDir, twimlMessage, waitFor } from '../helpers/harness';
import { numbersIn, seedMembers } from '../helpers/seed';

const MOD = '+14155550199';
const REPORTER = '+12065550123';
const MEMBERS = numbersIn('206', 600);
const SEND_RATE = 50;
/** Answers the server may have read but not yet recorded at the kill: 200 ms of a loaded machine's event-loop lag. */
const LAG_SLACK = Math.ceil(SEND_RATE * 0.2);

async function sms(url: string, from: string, body: string): Promise<string | null> {
  const fields = { MessageSid: newSid(), AccountSid: ACCOUNT_SID, From: from, To: FROM_NUMBER, Body: body };
  const res = await fetch(`${url}/webhooks/twilio/sms`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_URL}/webhooks/twilio/sms`, fields),
    },
    body: new URLSearchParams(fields).toString(),
  });
  return twimlMessage(await res.text());
}

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

  const env = () => ({
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    HEADSUP_MASTER_KEY: TEST_MASTER_KEY,
    PUBLIC_URL,
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_FROM_NUMBER: FROM_NUMBER,
    TWILIO_API_BASE_URL: fake.url,
    MODERATORS: MOD,
    SEND_RATE: String(SEND_RATE),
    // debug: the lane logs its window (the most sends it lets be in flight) whenever it changes.
    LOG_LEVEL: 'debug',
  });

  it('loses no recipient, and duplicates stay within what was in flight', async () => {
    child = await startChild(env());
    const ref = /#([A-Z0-9]{4,6})/.exec((await sms(child.url, REPORTER, 'REPORT 206 red pickup, knife')) ?? '')?.[1];
    expect(ref).toBeDefined();
    expect(await sms(child.url, MOD, `APPROVE ${ref}`)).toContain('approved');
    const alerts = () => fake.sent.filter((m) => m.body.startsWith('Heads Up alert') && m.body.includes('red pickup'));

    // Kill once a good part, but not all, of the fan-out has gone out.
    await waitFor(() => alerts().length >= 200, 20_000, 'fan-out under way');
    const killedAt = Date.now();
    child.proc.kill('SIGKILL');
    await child.exited;
    // Let the fake answer what the server had already written before it died.
    await waitFor(() => fake.inFlight === 0, 5_000, 'the fake to answer what was sent before the kill');
    // Sends in flight at the kill: created at the fake, answered only then or after. The
    // 2 ms also count answers on the wire or read in the server's last event-loop turn.
    const inFlightAtKill = fake.unansweredAt(killedAt - 2).length;
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
    const beforeKill = alerts().length;
    expect(beforeKill).toBeLessThan(MEMBERS.length);

    child = await startChild(env());
    await waitFor(() => new Set(alerts().map((m) => m.to)).size === MEMBERS.length, 40_000, 'every member reached after restart');
    // Let anything still queued drain before counting duplicates.
    await new Promise((r) => setTimeout(r, 500));
    const delivered = alerts();
    const unique = new Set(delivered.map((m) => m.to));
    expect(unique.size).toBe(MEMBERS.length);
    for (const n of unique) expect(MEMBERS).toContain(n);
    const duplicates = delivered.length - unique.size;
    process.stdout.write(
      `crash test: ${beforeKill} sent before kill, ${duplicates} duplicates after restart; ${inFlightAtKill} still unanswered at the fake at the kill, lane window at most ${maxWindow} in the last second (lag slack ${LAG_SLACK})\n`,
    );
    // A send's row counts against the window until its outcome is in the database, so what a
    // kill can repeat is at most the window: the sends in flight (those answered but not yet
    // recorded included).
    expect(duplicates).toBeLessThanOrEqual(maxWindow);
    // Outcomes are recorded as they are read: beyond the sends unanswered at the kill, only
    // answers still being read (event-loop lag) are sent again.
    expect(duplicates).toBeLessThanOrEqual(inFlightAtKill + LAG_SLACK);

    const health = await fetch(`${child.url}/readyz`);
    expect(health.status).toBe(200);
    child.proc.kill('SIGTERM');
    expect(await child.exited).toBe(0);
  }, 90_000);
});
