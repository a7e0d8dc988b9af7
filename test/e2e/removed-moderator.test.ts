/**
 * A moderator taken off MODERATORS (a volunteer who left, or one found
 * hostile) is sent nothing more as a moderator after the restart that
 * removes her: not the report notices still queued for her (they quote
 * reports, places and names), not a member's check-in escalation (her
 * details). The moderators kept get theirs.
 */
import { FakeTwilio } from '../fakes/fake-twilio';
import { ACCOUNT_SID, AUTH_TOKEN, refOf, startHarness, tempDir, waitFor, type Harness } from '../helpers/harness';

const KEPT = '+14155550198';
const REMOVED = '+14155550199';
const MEMBER = '+14155550123';
const env = { CHECKIN_FALLBACK: 'moderators', CHECKIN_MIN_MINUTES: '0.05', SEND_RATE: '50' };
/** The servers' clock, moved on past a check-in's end (0.05 minutes, 3 s) rather than waited for. */
let ahead = 0;
const now = () => Date.now() + ahead;
/**
 * Everything queued has been sent or given up (none pending). Whatever the start queues wrongly (a removed
 * moderator's notice, a second escalation, "we couldn't reach" told before the escalation went out) is
 * in the outbox by the time the awaited escalation reaches the fake, so it has gone out too by then.
 */
const drained = (h: Harness) => (h.server.db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'pending'").get() as { n: number }).n === 0;

it('sends a removed moderator none of the notices and escalations queued for her before the restart', async () => {
  const dataDir = tempDir();
  // Twilio unreachable (an outage): what is queued for the moderators waits in the outbox.
  const before = await startHarness({ dataDir, env: { ...env, MODERATORS: `${KEPT},${REMOVED}` }, now });
  await before.sms(MEMBER, 'JOIN 415');
  const ref = refOf((await before.sms(MEMBER, 'REPORT 415 grey van, Marisol at 22 Elm St was hurt')).message);
  expect((await before.sms(MEMBER, 'CHECKIN 0.05 room 12 at the Elm St motel')).message).toContain('check-in until');
  ahead += 3_000;
  const escalations = () => (before.server.db.sqlite.prepare("SELECT count(*) AS n FROM checkin_messages WHERE kind = 'escalation'").get() as { n: number }).n;
  await waitFor(() => escalations() === 2, 15_000, 'the escalations to both moderators');
  await before.close();

  const fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  await fake.start();
  const after = await startHarness({ dataDir, twilioApiBaseUrl: fake.url, env: { ...env, MODERATORS: KEPT }, now });
  try {
    await waitFor(() => fake.to(KEPT).some((m) => m.body.includes(ref)), 10_000, "the kept moderator's notice");
    await waitFor(() => fake.to(KEPT).some((m) => m.body.includes('room 12')), 10_000, "the kept moderator's escalation");
    await waitFor(() => drained(after), 10_000, 'the outbox to drain');
    expect(fake.to(REMOVED).map((m) => m.body)).toEqual([]);
    // The kept one had hers already: not queued to her again.
    expect(fake.to(KEPT).filter((m) => m.body.includes('room 12'))).toHaveLength(1);
  } finally {
    await after.close();
    await fake.stop();
  }
});

it('queues a missed check-in escalated to a moderator replaced before it went out to the moderator listed now, once', async () => {
  const dataDir = tempDir();
  const before = await startHarness({ dataDir, env: { ...env, MODERATORS: REMOVED }, now });
  await before.sms(MEMBER, 'JOIN 415');
  expect((await before.sms(MEMBER, 'CHECKIN 0.05 room 12 at the Elm St motel')).message).toContain('check-in until');
  ahead += 3_000;
  const escalations = () => (before.server.db.sqlite.prepare("SELECT count(*) AS n FROM checkin_messages WHERE kind = 'escalation'").get() as { n: number }).n;
  await waitFor(() => escalations() === 1, 15_000, 'the escalation to the moderator');
  await before.close();

  const fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  await fake.start();
  // The one listed then is replaced by another: the escalation is hers now, not withdrawn as reaching no one.
  const after = await startHarness({ dataDir, twilioApiBaseUrl: fake.url, env: { ...env, MODERATORS: KEPT }, now });
  try {
    await waitFor(() => fake.to(KEPT).some((m) => m.body.includes('room 12')), 10_000, "the new moderator's escalation");
    await waitFor(() => drained(after), 10_000, 'the outbox to drain');
    expect(fake.to(KEPT).filter((m) => m.body.includes('room 12'))).toHaveLength(1);
    expect(fake.to(REMOVED).map((m) => m.body)).toEqual([]);
    expect(fake.to(MEMBER).map((m) => m.body).join('\n')).not.toMatch(/couldn't reach/i);
  } finally {
    await after.close();
    await fake.stop();
  }
});
