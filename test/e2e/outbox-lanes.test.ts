/**
 * The outbox's lanes: a notice overtakes a fan-out already under way on its
 * own channel, and SMS keeps flowing while Signal is paused by a 429.
 */
import path from 'node:path';
import { Db } from '../../src/store/db';
import { ensureMember, findMember } from '../../src/store/members';
import { subscribe } from '../../src/store/subscriptions';
import { Vault } from '../../src/store/vault';
import { FakeSignal, SIGNAL_ERRORS, textEnvelope } from '../fakes/fake-signal';
import { FakeTwilio } from '../fakes/fake-twilio';
import { ACCOUNT_SID, AUTH_TOKEN, SIGNAL_NUMBER, startHarness, tempDir, TEST_MASTER_KEY, waitFor, type Harness } from '../helpers/harness';
import { numbersIn, seedMembers } from '../helpers/seed';

const MOD = '+14155550199';
const REPORTER = '+14155550188';

/** Adds Signal members (by UUID) subscribed to `npa`, through a second connection to the running server's database. */
function seedSignal(dataDir: string, npa: string, uuids: string[]): void {
  const vault = new Vault(new Uint8Array(Buffer.from(TEST_MASTER_KEY, 'base64')));
  const db = new Db(path.join(dataDir, 'heads-up.db'));
  try {
    const now = Date.now();
    db.transaction(() => {
      for (const uuid of uuids) subscribe(db, ensureMember(db, vault, { channel: 'signal', address: uuid }, 'en', now).id, [npa], now);
    });
  } finally {
    db.close();
  }
}

describe('a notice during a fan-out', () => {
  const SEND_RATE = 20;
  // Six seconds of fan-out at SEND_RATE: room for the notice to overtake it, no more.
  const MEMBERS = numbersIn('206', 120);
  let fake: FakeTwilio;
  let h: Harness;

  beforeAll(async () => {
    fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, latencyMs: 5 });
    await fake.start();
    const dataDir = tempDir();
    await seedMembers(dataDir, '206', MEMBERS);
    h = await startHarness({ dataDir, twilioApiBaseUrl: fake.url, env: { MODERATORS: MOD, SEND_RATE: String(SEND_RATE) } });
  });

  afterAll(async () => {
    await h.close();
    await fake.stop();
  });

  it('goes out next, ahead of the alerts still queued', async () => {
    const alerts = () => fake.sent.filter((m) => m.body.includes('black pickup'));
    expect((await h.sms(MOD, 'ALERT 206 black pickup, threatened with a knife')).status).toBe(200);
    await waitFor(() => alerts().length >= SEND_RATE, 10_000, 'fan-out under way');
    const r = await h.sms(REPORTER, 'REPORT 206 silver hatchback, refused to pay');
    expect(r.message).toMatch(/#[A-Z0-9]{4,6}/);
    const alertsBefore = alerts().length;
    await waitFor(() => fake.to(MOD).some((m) => m.body.includes('silver hatchback')), 10_000, 'moderator notice');
    const noticeAt = fake.sent.findIndex((m) => m.to === MOD && m.body.includes('silver hatchback'));
    const alertsAhead = fake.sent.slice(0, noticeAt).filter((m) => m.body.includes('black pickup')).length;
    // At most the sends already in flight (and one token's worth) went out between the report and its notice.
    expect(alertsAhead - alertsBefore).toBeLessThanOrEqual(5);
    // The fan-out was far from over when the notice went.
    expect(alertsAhead).toBeLessThan(MEMBERS.length / 2);
    await waitFor(() => alerts().length === MEMBERS.length, 30_000, 'the rest of the fan-out');
  }, 40_000);
});

describe('a Signal pause', () => {
  const SMS_MEMBERS = numbersIn('206', 10);
  const SIGNAL_MEMBERS = Array.from({ length: 60 }, (_, i) => `5a6b7c8d-9e0f-4a1b-8c2d-${String(i).padStart(12, '0')}`);
  let twilio: FakeTwilio;
  let signal: FakeSignal;
  let h: Harness;

  beforeAll(async () => {
    twilio = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    signal = new FakeSignal({ account: SIGNAL_NUMBER, answer: () => SIGNAL_ERRORS.rateLimited(SIGNAL_NUMBER) });
    await twilio.start();
    await signal.start();
    h = await startHarness({
      twilioApiBaseUrl: twilio.url,
      signalApiUrl: signal.url,
      env: { MODERATORS: MOD, SEND_RATE: '10' },
      // Signal's pause lasts ten minutes, as a real rate limit can.
      signal: { throttle: { baseMs: 600_000, maxMs: 600_000 }, receiver: { pingMs: 200, pongTimeoutMs: 5_000, reconnectBaseMs: 20, reconnectMaxMs: 200, pollMs: 20, pollTimeoutS: 1 } },
      dispatcher: { twinSweepMs: 200 },
    });
    // Signal members first: their rows are planned ahead of the SMS members'.
    seedSignal(h.dataDir, '206', SIGNAL_MEMBERS);
    await seedMembers(h.dataDir, '206', SMS_MEMBERS);
  });

  afterAll(async () => {
    await h.close();
    await signal.stop();
    await twilio.stop();
  });

  it('does not hold SMS back', async () => {
    expect((await h.sms(MOD, 'ALERT 206 tan minivan, followed a worker')).status).toBe(200);
    await waitFor(() => SMS_MEMBERS.every((n) => twilio.to(n).some((m) => m.body.includes('tan minivan'))), 15_000, 'every SMS member');
    expect(signal.sent).toHaveLength(0);
    // Signal was asked once or a few times (sends in flight when the 429 came), then left alone: no busy loop.
    expect(signal.sendRequests).toBeGreaterThanOrEqual(1);
    expect(signal.sendRequests).toBeLessThanOrEqual(10);
    expect(h.logs.some((l) => l.includes('rate-limit-challenge'))).toBe(true);
  });

  it('sends by SMS an alert planned during the pause for a person also on SMS, without waiting for its end', async () => {
    const phone = '+12065550190';
    const twin = { uuid: '5a6b7c8d-9e0f-4a1b-8c2d-0000000000f0', number: phone };
    await waitFor(() => signal.connected === 1, 5_000, 'the receive websocket');
    await h.sms(phone, 'JOIN 206');
    signal.push(textEnvelope(SIGNAL_NUMBER, twin, 'JOIN 206'));
    const linked = () => (h.server.db.sqlite.prepare("SELECT count(*) AS n FROM members WHERE channel = 'signal' AND phone_bidx IS NOT NULL").get() as { n: number }).n;
    await waitFor(() => linked() === 1, 5_000, 'her Signal membership');
    expect((await h.sms(MOD, 'ALERT 206 green hatchback')).status).toBe(200);
    await waitFor(() => twilio.to(phone).some((m) => m.body.includes('green hatchback')), 5_000, 'her alert by SMS');
    expect(signal.sent).toHaveLength(0);
  });
});

describe('a Signal reply during a rate limit', () => {
  const STRANGER = { uuid: '5a6b7c8d-9e0f-4a1b-8c2d-00000000abcd', number: null };
  let signal: FakeSignal;
  let h: Harness;
  let refusals = 0;

  beforeAll(async () => {
    // Signal refuses the first five sends with 429: more than any in-memory retry would wait for.
    signal = new FakeSignal({ account: SIGNAL_NUMBER, answer: () => (refusals < 5 ? (refusals++, SIGNAL_ERRORS.rateLimited(SIGNAL_NUMBER)) : 'accept') });
    await signal.start();
    h = await startHarness({
      twilio: false,
      signalApiUrl: signal.url,
      // Short waits after each 429 (the defaults add up to seconds over five): the count of refusals is what matters.
      dispatcher: { backoff: { baseMs: 20, maxMs: 200, maxAttempts: 20 }, throttleBackoff: { baseMs: 20, maxMs: 200 } },
      signal: { throttle: { baseMs: 20, maxMs: 160 }, receiver: { pingMs: 200, pongTimeoutMs: 5_000, reconnectBaseMs: 20, reconnectMaxMs: 200, pollMs: 20, pollTimeoutS: 1 } },
    });
    await waitFor(() => signal.connected === 1, 5_000, 'the receive websocket');
  });

  afterAll(async () => {
    await h.close();
    await signal.stop();
  });

  it('leaves through the outbox and arrives once the pause is over, without making the sender a member', async () => {
    signal.push(textEnvelope(SIGNAL_NUMBER, STRANGER, 'HELP'));
    await waitFor(() => signal.to(STRANGER.uuid).length === 1, 20_000, 'the HELP reply');
    expect(refusals).toBe(5);
    expect(signal.to(STRANGER.uuid)[0]!.message).toMatch(/JOIN/);
    const vault = new Vault(new Uint8Array(Buffer.from(TEST_MASTER_KEY, 'base64')));
    expect(findMember(h.server.db, vault, { channel: 'signal', address: STRANGER.uuid })).toBeUndefined();
  }, 30_000);
});
