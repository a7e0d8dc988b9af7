import { FakeTwilio, TWILIO_ERRORS } from '../fakes/fake-twilio';
import { ACCOUNT_SID, AUTH_TOKEN, startHarness, tempDir, waitFor, type Harness } from '../helpers/harness';
import { numbersIn, seedMembers } from '../helpers/seed';

const MOD = '+14155550199';
const MEMBERS = numbersIn('503', 300);

describe('a 429 storm', () => {
  let fake: FakeTwilio;
  let h: Harness;
  let requests = 0;

  beforeAll(async () => {
    // Every third request is throttled, whoever it is for: retries of one recipient can be throttled again.
    fake = new FakeTwilio({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      answer: () => (++requests % 3 === 0 ? TWILIO_ERRORS.throttled : 'accept'),
    });
    await fake.start();
    const dataDir = tempDir();
    await seedMembers(dataDir, '503', MEMBERS);
    h = await startHarness({
      dataDir,
      twilioApiBaseUrl: fake.url,
      env: { MODERATORS: MOD, SEND_RATE: '2000' },
      dispatcher: { backoff: { baseMs: 20, maxMs: 200, maxAttempts: 30 }, throttleBackoff: { baseMs: 20, maxMs: 200 } },
    });
  });

  afterAll(async () => {
    await h.close();
    await fake.stop();
  });

  it('delays an alert but delivers it to every member exactly once', async () => {
    const r = await h.sms(MOD, 'ALERT 503 storm test: blue truck');
    expect(r.message).toContain('503');
    await waitFor(() => new Set(fake.sent.map((m) => m.to)).size >= MEMBERS.length, 30_000, 'every member reached');
    await waitFor(
      () => (h.server.db.sqlite.prepare("SELECT count(*) n FROM outbox WHERE state = 'pending'").get() as { n: number }).n === 0,
      10_000,
      'outbox drained',
    );
    const alerts = fake.sent.filter((m) => m.body.includes('blue truck'));
    const perRecipient = new Map<string, number>();
    for (const m of alerts) perRecipient.set(m.to, (perRecipient.get(m.to) ?? 0) + 1);
    expect(perRecipient.size).toBe(MEMBERS.length);
    expect([...perRecipient.values()].every((n) => n === 1)).toBe(true);
    // The storm really happened: about a third of all requests were refused.
    expect(fake.requests - fake.sent.length).toBeGreaterThanOrEqual(MEMBERS.length / 3 - 1);
    const failed = h.server.db.sqlite.prepare("SELECT count(*) n FROM outbox WHERE state = 'failed'").get() as { n: number };
    expect(failed.n).toBe(0);
  });
});
