/**
 * More check-in flows end to end (issue 13), over signed webhooks and a fake
 * Twilio, with the real timer and 3-second check-ins: DECLINE, LATER,
 * DELETE mid-check-in, a buddy who has since sent STOP, the fallback both
 * ways, and a restart across a deadline.
 */
import { catalog } from '../../src/bot/catalog';
import { FakeTwilio } from '../fakes/fake-twilio';
import { ACCOUNT_SID, AUTH_TOKEN, startHarness, tempDir, waitFor, type Harness } from '../helpers/harness';

const t = catalog('en');
const MOD = '+14155550199';
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Five of the timer job's looks (every 100 ms in the harness). */
const FIVE_TICKS = 500;

describe('check-in flows end to end', () => {
  let fake: FakeTwilio;
  let h: Harness;
  const dataDir = tempDir();
  const env = { CHECKIN_MIN_MINUTES: '0.05', CHECKIN_FALLBACK: 'moderators', MODERATORS: MOD };
  // The server's clock is moved on past a check-in's end (0.05 minutes, 3 s) rather than waited for.
  let ahead = 0;
  const start = () => startHarness({ dataDir, twilioApiBaseUrl: fake.url, env, now: () => Date.now() + ahead });

  beforeAll(async () => {
    fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    await fake.start();
    h = await start();
  });
  afterAll(async () => {
    await h.close();
    await fake.stop();
  });

  const to = (n: string, marker: string) => fake.to(n).filter((m) => m.body.includes(marker));

  /** A member with an accepted buddy. */
  async function pair(member: string, buddy: string, name: string): Promise<void> {
    await h.sms(member, 'JOIN');
    await h.sms(member, `BUDDY ${buddy} ${name}`);
    await waitFor(() => to(buddy, 'safety buddy').length === 1, 10_000, 'the invitation');
    expect((await h.sms(buddy, 'ACCEPT')).message).toBe(t.buddyAccepted());
  }

  it('DECLINE: the buddy is removed, the member told', async () => {
    await pair('+14155550101', '+14155550171', 'Ana');
    expect((await h.sms('+14155550171', 'DECLINE')).message).toBe(t.buddyDeclined('sms'));
    await waitFor(() => to('+14155550101', t.buddyDeclinedMember('0171')).length === 1, 10_000, 'the member told');
    expect((await h.sms('+14155550101', 'BUDDY')).message).toBe(t.buddyNone());
  });

  it('LATER: the escalation waits for the new end', async () => {
    await pair('+14155550102', '+14155550172', 'Bea');
    await h.sms('+14155550102', 'CHECKIN 0.05 later test');
    expect((await h.sms('+14155550102', 'LATER 0.1')).message).toContain('Heads Up: check-in extended to');
    // Past the first end (3 s): nothing yet.
    ahead += 4_000;
    await settle(FIVE_TICKS);
    expect(to('+14155550172', 'later test')).toEqual([]);
    // Past the new end (6 s more at most).
    ahead += 6_000;
    await waitFor(() => to('+14155550172', 'later test').length === 1, 15_000, 'the escalation at the new end');
  }, 30_000);

  it('DELETE mid-check-in: nothing is sent, the buddy link is gone', async () => {
    await pair('+14155550103', '+14155550173', 'Cy');
    await h.sms('+14155550103', 'CHECKIN 0.05 delete test');
    expect((await h.sms('+14155550103', 'DELETE')).message).toBe(t.deleted('sms'));
    ahead += 4_500;
    await settle(FIVE_TICKS);
    expect(to('+14155550173', 'delete test')).toEqual([]);
    expect(to(MOD, 'delete test')).toEqual([]);
  }, 30_000);

  it('a buddy who has since sent STOP hears nothing; with no buddy left the moderators are told (CHECKIN_FALLBACK=moderators)', async () => {
    await pair('+14155550104', '+14155550174', 'Di');
    await h.sms('+14155550104', 'CHECKIN 0.05 stop test');
    await h.sms('+14155550174', 'STOP');
    ahead += 3_000;
    await waitFor(() => to(MOD, 'stop test').length === 1, 15_000, 'the moderators told');
    expect(to(MOD, 'stop test')[0]?.body).not.toContain('4155550104');
    expect(to('+14155550174', 'stop test')).toEqual([]);
    await waitFor(() => to('+14155550104', t.checkinMemberTold('moderators')).length === 1, 10_000, 'the member told');
  }, 30_000);

  it('fallback moderators: CHECKIN with no buddy says the moderators will be told', async () => {
    const reply = (await h.sms('+14155550105', 'CHECKIN 30')).message ?? '';
    expect(reply).toContain("the line's moderators");
  });

  it('a graceful restart across the deadline: the escalation comes once after it', async () => {
    await pair('+14155550106', '+14155550176', 'Ed');
    await h.sms('+14155550106', 'CHECKIN 0.05 restart test');
    await h.close();
    // Down across the deadline.
    ahead += 4_000;
    h = await start();
    await waitFor(() => to('+14155550176', 'restart test').length === 1, 15_000, 'the escalation after the restart');
    await settle(FIVE_TICKS);
    expect(to('+14155550176', 'restart test')).toHaveLength(1);
  }, 40_000);
});

describe('CHECKIN_FALLBACK=none end to end', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { CHECKIN_MIN_MINUTES: '0.05', MODERATORS: MOD } });
  });
  afterAll(() => h.close());

  it('answers that a buddy is needed first, and starts nothing', async () => {
    expect((await h.sms('+14155550107', 'CHECKIN 30 nothing')).message).toBe(t.checkinNeedsBuddy());
    expect(h.server.db.sqlite.prepare('SELECT count(*) AS n FROM checkins').get()).toEqual({ n: 0 });
  });
});

describe('TZ that Node does not know', () => {
  it('is warned of at start (check-in times would silently be UTC); a known one is not', async () => {
    const warned = (h: Harness) => h.logs.some((l) => /"level":40/.test(l) && l.includes('TZ names no time zone Node knows'));
    const bad = await startHarness({ env: { TZ: 'America/LosAngeles' } });
    await bad.close();
    const good = await startHarness({ env: { TZ: 'America/Los_Angeles' } });
    await good.close();
    expect([warned(bad), warned(good)]).toEqual([true, false]);
  });
});
