/**
 * CHECKIN_FALLBACK=moderators: a missed check-in's notice to the moderators
 * carries a reference, as a report's does, and BLOCK of it silences the
 * sender (one hostile number could otherwise text every moderator its own
 * words every ten minutes), without showing who she is. The reference goes
 * with her on DELETE, and by retention.
 */
import { catalog } from '../../src/bot/catalog';
import { runRetention } from '../../src/jobs/retention';
import type { Sender } from '../../src/phone/identity';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { missedCheckin, ROSE, sendPass, timers, type Fallback } from '../helpers/checkin-escalation';
import { numberForms } from '../helpers/needles';

const MOD = '+14155550199';
const MOD2 = '+14155550198';
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const t = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const MODERATORS: Fallback = { fallback: 'moderators', moderatorContacts: [sms(MOD), sms(MOD2)] };
const toModerator = (w: BotWorld, address: string) => w.queued(sms(address)).map((m) => m.text);
const refIn = (text: string | undefined) => /#([A-Z2-9]{4,6})/.exec(text ?? '')?.[1];

/** Rose (no buddy) missed a check-in; the moderators' notices are queued. Returns the reference they name. */
async function missed(): Promise<{ w: BotWorld; ref: string }> {
  const w = await missedCheckin('sms', [], MODERATORS);
  const ref = refIn(toModerator(w, MOD)[0]);
  if (!ref) throw new Error('the notice names no reference');
  return { w, ref };
}

describe("BLOCK of a missed check-in's notice to the moderators", () => {
  it('the notice names one reference for every moderator, and not her number', async () => {
    const { w, ref } = await missed();
    expect(refIn(toModerator(w, MOD2)[0])).toBe(ref);
    for (const form of numberForms(ROSE)) expect(toModerator(w, MOD)[0]).not.toContain(form);
  });

  it("silences her: BLOCK says so, and her messages are dropped from then on", async () => {
    const { w, ref } = await missed();
    expect(w.sms(MOD, `BLOCK ${ref}`).reply).toBe(t.modBlocked(`#${ref}`));
    expect(w.sms(ROSE, 'CHECKIN 10 hello moderators')).toMatchObject({ reply: null, dropped: 'blocked' });
    expect(w.sms(ROSE, 'REPORT 415 a grey van')).toMatchObject({ reply: null, dropped: 'blocked' });
  });

  it("discards her reports still pending, as BLOCK of a report's reference does, but not another's", async () => {
    const { w, ref } = await missed();
    const hers = refIn(w.sms(ROSE, 'REPORT 415 my words again and again').reply ?? undefined);
    const other = refIn(w.sms('+14155550123', 'REPORT 415 a grey van, took my phone').reply ?? undefined);
    expect(w.sms(MOD, `BLOCK ${ref}`).reply).toBe(t.modBlockedDiscarded(`#${ref}`, 1));
    const pending = w.sms(MOD, 'PENDING').reply ?? '';
    expect(pending).toContain(`#${other}`);
    expect(pending).not.toContain(`#${hers}`);
    expect(w.sms(MOD, `APPROVE ${hers}`).reply).toBe(t.modAlreadyDecided(`#${hers}`));
  });

  it('withdraws her escalations still queued for the other moderators', async () => {
    const { w, ref } = await missed();
    w.sms(MOD, `BLOCK ${ref}`);
    const lane = await sendPass(w, 'sms');
    expect(lane.calls.filter((c) => c.to === MOD2)).toEqual([]);
  });

  it('her check-in running at the block goes to no moderator at its end; she is told no one was', async () => {
    const { w, ref } = await missed();
    await sendPass(w, 'sms');
    w.sms(ROSE, 'CHECKIN 30 second one');
    w.sms(MOD, `BLOCK ${ref}`);
    w.clock.now += 31 * MIN;
    timers(w, MODERATORS);
    const lane = await sendPass(w, 'sms');
    expect(lane.calls.filter((c) => c.to !== ROSE)).toEqual([]);
    expect(lane.calls.map((c) => c.body)).toEqual([t.checkinMemberTold('nobody')]);
  });

  it('finds no one after she erased herself with DELETE', async () => {
    const { w, ref } = await missed();
    w.sms(ROSE, 'DELETE');
    expect(w.sms(MOD, `BLOCK ${ref}`).reply).toBe(t.modNoSuchRef(`#${ref}`));
    expect(w.sms(ROSE, 'REPORT 415 a grey van').dropped).toBeUndefined();
  });

  it('finds no one once retention has erased the reference', async () => {
    const { w, ref } = await missed();
    w.clock.now += 8 * DAY;
    runRetention(w.db, 90, w.clock.now);
    expect(w.sms(MOD, `BLOCK ${ref}`).reply).toBe(t.modNoSuchRef(`#${ref}`));
  });
});

describe('BLOCK of a check-in reference of a member on Signal, her number showing', () => {
  const ROSE_UUID = '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d';
  let n = 0;
  const fromRoseSignal = (w: BotWorld, text: string) =>
    w.bot.handle({ sender: { channel: 'signal', address: ROSE_UUID, phone: ROSE }, text, providerId: `${ROSE_UUID}:${1_700_000_000_000 + ++n}` }, 'outbox');

  it('silences her SMS from the number she showed, as BLOCK of her report does', async () => {
    const w = await botWorld({ checkins: { fallback: 'moderators', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] }, moderatorContacts: [sms(MOD)], moderators: new Set([MOD]) });
    fromRoseSignal(w, 'JOIN 415');
    fromRoseSignal(w, 'CHECKIN 10 room 12');
    w.clock.now += 10 * MIN;
    expect(timers(w, { fallback: 'moderators', moderatorContacts: [sms(MOD)] }).escalated).toBe(1);
    const ref = refIn(toModerator(w, MOD).at(-1));
    expect(w.sms(MOD, `BLOCK ${ref}`).reply).toBe(t.modBlocked(`#${ref}`));
    expect(fromRoseSignal(w, 'REPORT 415 a red car')).toMatchObject({ reply: null, dropped: 'blocked' });
    expect(w.sms(ROSE, 'REPORT 415 a red car')).toMatchObject({ reply: null, dropped: 'blocked' });
  });
});
