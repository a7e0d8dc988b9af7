/**
 * A missed check-in whose escalation to her buddy is still retried 3
 * minutes on (Twilio 30003: the buddy's handset off): she is told her buddy
 * could not be reached yet, "we're still trying". Should every message of
 * it then fail for good (the buddy opted out, 21610, or the retries run
 * out), she is told once that we could not reach them after all; none when
 * she never heard "we're still trying", and the notice not sent yet gives
 * way to the correction.
 */
import { catalog } from '../../src/bot/catalog';
import { SendError } from '../../src/channels/types';
import { runRetention } from '../../src/jobs/retention';
import type { Sender } from '../../src/phone/identity';
import { afterAllCheckins } from '../../src/store/unreached-checkins';
import type { BotWorld } from '../helpers/bot-world';
import { finalStatus, missedCheckin, ROSE, sendPass, timers, type Fallback } from '../helpers/checkin-escalation';

const LILY = '+14155550177';
const JO = '+12125550142';
const MIN = 60_000;
const MOD: Sender = { channel: 'signal', address: '9d8c7b6a-5f4e-4d3c-8b2a-190817263544' };
const t = catalog('en');

/** A pass of the SMS lane over what is due now: what it sent Rose, and the provider (to report final statuses on). */
async function pass(w: BotWorld) {
  const sms = await sendPass(w, 'sms');
  return { sms, toRose: sms.calls.filter((c) => c.to === ROSE).map((c) => c.body) };
}

/** Rose's check-in missed, her escalation to `buddies` sent and each answered "unreachable" (30003); 4 minutes on she is told "we're still trying". */
async function stillTrying(buddies: string[], setup: (w: BotWorld) => void = () => undefined, line?: Fallback) {
  const w = await missedCheckin('sms', buddies, line);
  setup(w);
  const first = await pass(w);
  for (const b of buddies) finalStatus(w, first.sms, b, 'undelivered', '30003');
  w.clock.now += 4 * MIN;
  timers(w, line);
  return { w, first };
}

describe('an escalation she was told we are still trying, that then fails for good', () => {
  it('tells her once, after the still-trying notice, that her buddy could not be reached after all (21610 on the retry)', async () => {
    const { w, first } = await stillTrying([LILY]);
    const told = await pass(w);
    expect(told.toRose).toEqual([t.checkinBuddiesUnreached(1, true)]);
    // The retry comes due (10 minutes on), and Lily's carrier says she opted out.
    w.clock.now += 10 * MIN;
    const retry = await pass(w);
    finalStatus(w, retry.sms, LILY, 'undelivered', '21610');
    timers(w);
    timers(w);
    const after = await pass(w);
    expect(first.toRose.at(-1)).toBe(t.checkinMemberTold('buddies'));
    expect(after.toRose).toEqual([t.checkinUnreachedAfterAll(1, false)]);
    w.clock.now += 10 * MIN;
    timers(w);
    expect((await pass(w)).toRose).toEqual([]);
  });

  it('tells her when the retries run out (30003 on each of the 3 sends), discreetly if she chose DISCREET', async () => {
    const { w } = await stillTrying([LILY, JO], (world) => world.sms(ROSE, 'DISCREET'));
    expect((await pass(w)).toRose).toEqual([t.discreetUnreached(true)]);
    for (const wait of [10, 20]) {
      w.clock.now += wait * MIN;
      const retry = await pass(w);
      finalStatus(w, retry.sms, LILY, 'undelivered', '30003');
      finalStatus(w, retry.sms, JO, 'undelivered', '30003');
      timers(w);
    }
    expect((await pass(w)).toRose).toEqual([t.discreetUnreachedAfterAll(2, false)]);
  });

  it('tells her nothing more when one buddy of two is reached after all', async () => {
    const { w } = await stillTrying([LILY, JO]);
    await pass(w);
    w.clock.now += 10 * MIN;
    const retry = await pass(w);
    finalStatus(w, retry.sms, LILY, 'undelivered', '21610');
    finalStatus(w, retry.sms, JO, 'delivered', '');
    timers(w);
    expect((await pass(w)).toRose).toEqual([]);
  });

  it('withdraws the still-trying notice not sent yet: she hears the correction alone', async () => {
    const { w } = await stillTrying([LILY]);
    // Before her notice goes, Lily texts STOP: her escalation waiting for its retry is withdrawn.
    w.sms(LILY, 'STOP');
    timers(w);
    expect((await pass(w)).toRose).toEqual([t.buddyStoppedMember('0177'), t.checkinUnreachedAfterAll(1, false)]);
  });

  it('queues no correction when the still-trying notice itself failed for good (it never reached her)', async () => {
    const { w } = await stillTrying([LILY]);
    // Her carrier refuses the notice for good (a number no longer in service).
    await sendPass(w, 'sms', { [ROSE]: new SendError('invalid', '21211') });
    w.clock.now += 10 * MIN;
    finalStatus(w, (await pass(w)).sms, LILY, 'undelivered', '21610');
    // Nothing told: the run does not count her (the server logs and wakes on what it counts).
    expect(timers(w).unreached).toBe(0);
    timers(w);
    const waiting = w.db.sqlite.prepare("SELECT count(*) AS n FROM checkin_messages c JOIN outbox o ON o.id = c.outbox_id WHERE c.kind = 'notice' AND o.state = 'pending'").get();
    expect(waiting).toEqual({ n: 0 });
  });

  it('tells her nothing more when her notice already said it failed for good (no "still trying")', async () => {
    const w = await missedCheckin('sms', [LILY]);
    finalStatus(w, (await pass(w)).sms, LILY, 'undelivered', '21610');
    timers(w);
    expect((await pass(w)).toRose).toEqual([t.checkinBuddiesUnreached(1, false)]);
    w.clock.now += 10 * MIN;
    timers(w);
    expect((await pass(w)).toRose).toEqual([]);
  });

  it('with CHECKIN_FALLBACK=moderators, none of them reached either: one notice that no one was, still trying, then one that no one was after all', async () => {
    const line: Fallback = { fallback: 'moderators', moderatorContacts: [MOD] };
    const { w } = await stillTrying([LILY], undefined, line);
    // The moderator left Signal: refused for good.
    await sendPass(w, 'signal', { [MOD.address]: new SendError('invalid', 'unregistered') });
    timers(w, line);
    expect((await pass(w)).toRose).toEqual([t.checkinNoOneReached(1, true)]);
    w.clock.now += 10 * MIN;
    finalStatus(w, (await pass(w)).sms, LILY, 'undelivered', '21610');
    timers(w, line);
    expect((await pass(w)).toRose).toEqual([t.checkinUnreachedAfterAll(1, true)]);
  });

  it('with CHECKIN_FALLBACK=moderators, a moderator reached: nothing more when her buddy then fails for good', async () => {
    const line: Fallback = { fallback: 'moderators', moderatorContacts: [MOD] };
    const { w } = await stillTrying([LILY], undefined, line);
    await sendPass(w, 'signal');
    expect((await pass(w)).toRose).toEqual([t.checkinBuddiesUnreachedModeratorsTold(1, true)]);
    w.clock.now += 10 * MIN;
    finalStatus(w, (await pass(w)).sms, LILY, 'undelivered', '21610');
    timers(w, line);
    expect((await pass(w)).toRose).toEqual([]);
  });

  it('tells her nothing when a Signal copy was given up after time-outs (signal-cli may have delivered it), its SMS then failing for good', async () => {
    const w = await missedCheckin('signal', [LILY]);
    // signal-cli times out: the copy is given up and goes by SMS, whose carrier says unreachable (30003).
    for (let i = 0; i < 4; i++) {
      await sendPass(w, 'signal', { [LILY]: new SendError('connection', 'ETIMEDOUT') });
      w.clock.now += MIN / 2;
    }
    finalStatus(w, (await pass(w)).sms, LILY, 'undelivered', '30003');
    w.clock.now += 4 * MIN;
    timers(w);
    expect((await pass(w)).toRose).toEqual([t.checkinBuddiesUnreached(1, true)]);
    w.clock.now += 10 * MIN;
    finalStatus(w, (await pass(w)).sms, LILY, 'undelivered', '30005');
    expect(timers(w).unreached).toBe(0);
    expect((await pass(w)).toRose).toEqual([]);
  });

  it("tells her we're still trying, once she has started another check-in, without asking for the OK that would end the new one too", async () => {
    const { w } = await stillTrying([LILY], (x) => x.sms(ROSE, 'CHECKIN 120 red Ford'));
    const told = (await pass(w)).toRose;
    expect(told).toEqual([t.checkinBuddiesUnreached(1, true, true)]);
    expect(told[0]).toContain("We're still trying.");
    expect(told[0]).not.toMatch(/\bOK\b/);
  });

  it('tells her nothing about an old escalation once she has started another check-in (her OK would end the new one too)', async () => {
    const { w } = await stillTrying([LILY]);
    await pass(w);
    w.sms(ROSE, 'CHECKIN 120 red Ford');
    w.clock.now += 10 * MIN;
    finalStatus(w, (await pass(w)).sms, LILY, 'undelivered', '30005');
    expect(timers(w).unreached).toBe(0);
    expect((await pass(w)).toRose).toEqual([]);
    // Her new check-in still runs: missed, it is escalated.
    w.clock.now += 120 * MIN;
    expect(timers(w).escalated).toBe(1);
    expect((await pass(w)).toRose).toEqual([t.checkinMemberTold('buddies')]);
    expect(afterAllCheckins(w.db, 10)).toEqual([]);
  });

  it.each([90, 1])('tells her when retention erases her escalation unsent a day on (the SMS lane held all along; RETENTION_DAYS %i)', async (days) => {
    const w = await missedCheckin('sms', [LILY]);
    const held = { [LILY]: new SendError('line', '21212') };
    await sendPass(w, 'sms', held);
    w.clock.now += 4 * MIN;
    timers(w);
    const told = await sendPass(w, 'sms', held);
    expect(told.calls.filter((c) => c.to === ROSE).map((c) => c.body)).toEqual([t.checkinBuddiesUnreached(1, true)]);
    w.clock.now += 24 * 60 * MIN + MIN;
    runRetention(w.db, days, w.clock.now);
    expect(timers(w).unreached).toBe(1);
    const after = await pass(w);
    expect(after.toRose).toEqual([t.checkinUnreachedAfterAll(1, false)]);
    expect(after.sms.calls.filter((c) => c.body.includes('blue Honda'))).toEqual([]);
    // Told once; the next retention pass erases what is left of it.
    runRetention(w.db, days, w.clock.now);
    timers(w);
    expect((await pass(w)).toRose).toEqual([]);
    expect(w.db.sqlite.prepare('SELECT count(*) AS n FROM checkin_messages').get()).toEqual({ n: 0 });
  });

  it('with CHECKIN_FALLBACK=moderators, waits for her notice that the moderators were not reached either before any correction', async () => {
    const line: Fallback = { fallback: 'moderators', moderatorContacts: [MOD] };
    const { w } = await stillTrying([LILY], undefined, line);
    expect((await pass(w)).toRose).toEqual([t.checkinBuddiesUnreachedModeratorsTold(1, true)]);
    await sendPass(w, 'signal', { [MOD.address]: new SendError('invalid', 'unregistered') });
    w.clock.now += 10 * MIN;
    finalStatus(w, (await pass(w)).sms, LILY, 'undelivered', '21610');
    // A batch of the timers that has not told her of the moderators yet owes no correction.
    expect(afterAllCheckins(w.db, 10)).toEqual([]);
    timers(w, line);
    expect((await pass(w)).toRose).toEqual([t.checkinNoOneReached(1, false)]);
  });

  it('with CHECKIN_FALLBACK=moderators, tells her when the first "still trying" notice reached her though the later one failed for good', async () => {
    const line: Fallback = { fallback: 'moderators', moderatorContacts: [MOD] };
    const { w } = await stillTrying([LILY], undefined, line);
    finalStatus(w, (await pass(w)).sms, ROSE, 'delivered', '', 'told the line');
    await sendPass(w, 'signal', { [MOD.address]: new SendError('invalid', 'unregistered') });
    timers(w, line);
    // Her handset is off from then on: the notice that no one was reached, still trying, never reaches her, as Lily's retries.
    const later = await pass(w);
    expect(later.toRose).toEqual([t.checkinNoOneReached(1, true)]);
    finalStatus(w, later.sms, ROSE, 'undelivered', '30003', 'nor the line');
    let run = timers(w, line);
    for (const wait of [10, 20]) {
      w.clock.now += wait * MIN;
      const retry = await pass(w);
      finalStatus(w, retry.sms, ROSE, 'undelivered', '30003', 'nor the line');
      finalStatus(w, retry.sms, LILY, 'undelivered', '30003');
      run = timers(w, line);
    }
    // Lily's escalation and her notice, each after its 3 sends.
    const failed = w.db.sqlite.prepare("SELECT error FROM outbox WHERE state = 'failed' AND channel = 'sms'").all();
    expect(failed).toEqual([{ error: 'unreachable:undelivered:30003' }, { error: 'unreachable:undelivered:30003' }]);
    expect(run.unreached).toBe(1);
    expect((await pass(w)).toRose).toEqual([t.checkinUnreachedAfterAll(1, true)]);
  });
});
