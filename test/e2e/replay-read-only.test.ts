/**
 * A captured webhook replayed later is recognised and does nothing (README,
 * Replays; SPEC: answered again but acted on once), also when that first
 * time only read (a moderator's PENDING, a member's AREAS) or changed
 * nothing (a JOIN of an area she already had): it is answered as it was the
 * first time. Twilio signatures carry no nonce: one captured moderator
 * webhook must not become a standing read of the queue.
 */
import { startHarness, refOf, newSid, type Harness } from '../helpers/harness';

const MOD = '+14155550199';
const REPORTER = '+14155550105';
const MEMBER = '+14155550106';

describe('replay of a captured read-only webhook', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { MODERATORS: MOD } });
  });
  afterAll(async () => h?.close());

  it("a replayed moderator PENDING is answered as it was the first time, not with today's queue", async () => {
    const sid = newSid();
    const first = await h.sms(MOD, 'PENDING', { sid });
    expect(first.status).toBe(200);
    const ref = refOf((await h.sms(REPORTER, 'REPORT 415 tall man grey van, took my phone')).message);
    expect(first.message ?? '').not.toContain(ref);
    // The same signed request, replayed (Twilio signatures carry no nonce).
    const replay = await h.sms(MOD, 'PENDING', { sid });
    expect(replay.status).toBe(200);
    expect(replay.message).toBe(first.message);
    // Asked afresh, the queue shows it.
    expect((await h.sms(MOD, 'PENDING')).message).toContain(ref);
  });

  it('a retried or replayed AREAS is answered as it was the first time, not with the member\'s areas now', async () => {
    await h.sms(MEMBER, 'JOIN 415');
    const sid = newSid();
    const first = await h.sms(MEMBER, 'AREAS', { sid });
    await h.sms(MEMBER, 'JOIN 212');
    const replay = await h.sms(MEMBER, 'AREAS', { sid });
    expect(first.message).toContain('415');
    expect(replay.message).toBe(first.message);
  });

  it('a replayed JOIN that changed nothing the first time does not subscribe again a member who has since sent STOP', async () => {
    const who = '+14155550107';
    expect((await h.sms(who, 'JOIN 415')).message).toContain('415');
    const sid = newSid();
    await h.sms(who, 'JOIN 415', { sid }); // already subscribed: nothing changes
    await h.sms(who, 'STOP');
    expect((await h.sms(who, 'AREAS')).message).toMatch(/no alert areas/);
    await h.sms(who, 'JOIN 415', { sid }); // the captured webhook, replayed
    expect((await h.sms(who, 'AREAS')).message).toMatch(/no alert areas/);
  });
});
