import type { FakeTwilio } from '../fakes/fake-twilio';
import { startTwilioLine, waitFor, type Harness } from '../helpers/harness';

const MOD = '+14155550199';
const NEWCOMER = '+14155550123';

describe('SUBSCRIBE_MODE=approval', () => {
  let fake: FakeTwilio;
  let h: Harness;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ fake, h, stop } = await startTwilioLine({ env: { MODERATORS: MOD, SUBSCRIBE_MODE: 'approval', SEND_RATE: '100' } }));
  });
  afterAll(() => stop());

  // Tests stand alone (Stryker runs only those covering a mutant): the newcomer's JOIN is sent once, by whichever test needs it first.
  let ref = '';
  let requested: Promise<{ reply: string | null; notice: string }> | null = null;
  function join(): Promise<{ reply: string | null; notice: string }> {
    requested ??= (async () => {
      const r = await h.sms(NEWCOMER, 'JOIN 415');
      await waitFor(() => fake.to(MOD).length === 1, 5000, 'join request notice');
      const notice = fake.to(MOD)[0]!.body;
      ref = /#([A-Z0-9]{4,6})/.exec(notice)?.[1] ?? '';
      return { reply: r.message, notice };
    })();
    return requested;
  }

  it('holds a JOIN for a moderator, who is told of it with a reference and no number', async () => {
    const { reply, notice } = await join();
    expect(reply).toContain('moderator');
    expect(ref).toMatch(/^[A-Z0-9]{4,6}$/);
    expect(notice).not.toContain('0123');
    expect((await h.sms(MOD, 'PENDING')).message).toContain(`#${ref} join`);
  });

  it('sends alerts only to admitted members', async () => {
    await join();
    await h.sms(MOD, 'ALERT 415 first warning');
    await h.server.planner.idle();
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.to(NEWCOMER).filter((m) => m.body.includes('first warning'))).toHaveLength(0);
  });

  it('APPROVE admits the member, who is told and then gets alerts', async () => {
    await join();
    expect((await h.sms(MOD, `APPROVE ${ref}`)).message).toContain('admitted');
    await waitFor(() => fake.to(NEWCOMER).some((m) => m.body.includes("you're in")), 5000, 'admission message');
    await h.sms(MOD, 'ALERT 415 second warning');
    await waitFor(() => fake.to(NEWCOMER).some((m) => m.body.includes('second warning')), 5000, 'alert after admission');
  });

  it('REJECT of a join request erases the applicant', async () => {
    const before = fake.to(MOD).length;
    await h.sms('+14155550124', 'JOIN');
    await waitFor(() => fake.to(MOD).length === before + 1, 5000, 'second join request');
    const other = /#([A-Z0-9]{4,6})/.exec(fake.to(MOD)[before]!.body)?.[1] as string;
    expect((await h.sms(MOD, `REJECT ${other}`)).message).toContain('rejected');
    expect((await h.sms('+14155550124', 'AREAS')).message).toContain('not subscribed');
  });
});
