import twilio from 'twilio';
import { FakeTwilio } from '../fakes/fake-twilio';
import { startChild, type Child } from '../helpers/child-server';
import { ACCOUNT_SID, AUTH_TOKEN, FROM_NUMBER, newSid, PUBLIC_URL, TEST_MASTER_KEY, tempDir, twimlMessage, waitFor } from '../helpers/harness';
import { numbersIn, seedMembers } from '../helpers/seed';

const MOD = '+14155550199';
const REPORTER = '+12065550123';
const MEMBERS = numbersIn('206', 3000);
const SEND_RATE = 400;
/** What one claim can hold: two seconds at SEND_RATE on one channel (see Dispatcher.claimSize), capped at 256. */
const MAX_IN_FLIGHT = Math.min(256, SEND_RATE * 2);

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
    fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, latencyMs: 2 });
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
    LOG_LEVEL: 'warn',
  });

  it('loses no recipient, and duplicates stay within what was in flight', async () => {
    child = await startChild(env());
    const ref = /#([A-Z0-9]{4,6})/.exec((await sms(child.url, REPORTER, 'REPORT 206 red pickup, knife')) ?? '')?.[1];
    expect(ref).toBeDefined();
    expect(await sms(child.url, MOD, `APPROVE ${ref}`)).toContain('approved');
    const alerts = () => fake.sent.filter((m) => m.body.startsWith('Heads Up alert') && m.body.includes('red pickup'));

    // Kill once a good part, but not all, of the fan-out has gone out.
    await waitFor(() => alerts().length >= 800, 20_000, 'fan-out under way');
    child.proc.kill('SIGKILL');
    await child.exited;
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
    expect(duplicates).toBeLessThanOrEqual(MAX_IN_FLIGHT);
    process.stdout.write(`crash test: ${beforeKill} sent before kill, ${duplicates} duplicates after restart (bound ${MAX_IN_FLIGHT})\n`);

    const health = await fetch(`${child.url}/readyz`);
    expect(health.status).toBe(200);
    child.proc.kill('SIGTERM');
    expect(await child.exited).toBe(0);
  }, 90_000);
});
