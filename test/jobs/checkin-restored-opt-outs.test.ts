/**
 * A restore undoes her STOPs since the backup: a restored check-in's
 * question refused as opted out (Twilio 21610) ends that check-in as her STOP
 * would; any other refusal, or an opt-out the line held already, leaves it
 * to escalate (a false alarm is far less harmful than silence).
 */
import { catalog } from '../../src/bot/catalog';
import { dayTime } from '../../src/bot/clock-time';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { classifyTwilioError } from '../../src/channels/twilio/twilio-errors';
import { findMember, setMemberStatus } from '../../src/store/members';
import { finalStatus, sendPass } from '../helpers/checkin-escalation';
import { backedUp, BUD, fromNow, LINE, MIN, restoredFrom, ROSE, roseWithBuddy, sms, timers } from '../helpers/restored-line';

/** Rose, with a buddy, started a 60-minute check-in; what the line had queued went out; then the backup was made. */
async function runningInBackup(): Promise<{ w: BotWorld; backup: string }> {
  const w = await botWorld(LINE);
  roseWithBuddy(w);
  w.sms(ROSE, 'CHECKIN 60 client 415-555-0177');
  await sendPass(w, 'sms');
  return { w, backup: await backedUp(w) };
}

describe('check-ins a restore brought back running, and her opt-outs', () => {
  it('end as her STOP would when her question is refused as opted out (she sent STOP after the backup): her buddy is never told', async () => {
    const { w, backup } = await runningInBackup();
    w.sms(ROSE, 'STOP');
    const { restored: r } = await restoredFrom(w, backup, LINE, w.clock.now + 10 * MIN);
    const queued = fromNow(r, [BUD]);
    const start = r.clock.now;
    timers(r, start);
    // Twilio refuses her question: she opted out at the carrier (the line lost her STOP with the restore).
    const sent = await sendPass(r, 'sms', { [ROSE]: classifyTwilioError({ status: 400, code: 21610 }) });
    expect(sent.calls.map((c) => c.to)).toEqual([ROSE]);
    r.clock.now = start + 60 * MIN;
    expect(timers(r, r.clock.now)).toEqual({ reminded: 0, escalated: 0, failed: 0, unreached: 0 });
    expect(queued(BUD)).toEqual([]);
    // Ended, as her STOP ends one: an OK after START finds nothing running.
    r.sms(ROSE, 'START');
    expect(r.sms(ROSE, 'OK').reply).toBe(catalog('en').checkinNone());
  });

  it('end as her STOP would when a late delivery report calls her question opted out', async () => {
    const { w, backup } = await runningInBackup();
    const { restored: r } = await restoredFrom(w, backup, LINE, w.clock.now + 10 * MIN);
    const queued = fromNow(r, [BUD]);
    const start = r.clock.now;
    timers(r, start);
    // Twilio takes her question, then reports it refused: she opted out at the carrier after the backup.
    const sent = await sendPass(r, 'sms');
    finalStatus(r, sent, ROSE, 'undelivered', '21610', 'restored');
    expect(timers(r, start + 60 * MIN)).toEqual({ reminded: 0, escalated: 0, failed: 0, unreached: 0 });
    expect(queued(BUD)).toEqual([]);
  });

  it('still escalate when another message to her is refused as opted out: only her question speaks for the check-in it asks about', async () => {
    const { w, backup } = await runningInBackup();
    const { restored: r } = await restoredFrom(w, backup, LINE, w.clock.now + 10 * MIN);
    const start = r.clock.now;
    timers(r, start);
    await sendPass(r, 'sms');
    // She answers with a new check-in; an opt-out the line never heard of refuses its reminder (21610 says only that one is in force).
    r.sms(ROSE, 'CHECKIN 30 blue Honda');
    const queued = fromNow(r, [BUD]);
    r.clock.now = start + 20 * MIN;
    expect(timers(r, r.clock.now).reminded).toBe(1);
    const refused = await sendPass(r, 'sms', { [ROSE]: classifyTwilioError({ status: 400, code: 21610 }) });
    expect(refused.calls.map((c) => c.to)).toEqual([ROSE]);
    // Missed, she is not left in silence: her buddy is told.
    r.clock.now = start + 30 * MIN;
    expect(timers(r, r.clock.now).escalated).toBe(1);
    expect(queued(BUD)).toEqual([catalog('en').checkinEscalation('Rose', catalog('en').checkinEnd(dayTime(r.clock.now, r.clock.now)), 'blue Honda')]);
  });

  it('escalate unasked at their end when the line holds her as opted out: the opt-out may be older than the check-in, which escalates on a line never restored too', async () => {
    const w = await botWorld(LINE);
    roseWithBuddy(w);
    w.sms(ROSE, 'CHECKIN 60 client 415-555-0177');
    const end = w.clock.now + 60 * MIN;
    // A 21610 marked her stopped and left her check-in running.
    setMemberStatus(w.db, findMember(w.db, w.vault, sms(ROSE))!.id, 'stopped');
    const backup = await backedUp(w);
    const { restored: r } = await restoredFrom(w, backup, LINE, w.clock.now + 10 * MIN);
    const queued = fromNow(r, [ROSE, BUD]);
    expect(timers(r, r.clock.now)).toEqual({ reminded: 0, escalated: 0, failed: 0, unreached: 0 });
    // The carrier would refuse her question: she is not asked.
    expect(queued(ROSE)).toEqual([]);
    expect(timers(r, end - 1)).toEqual({ reminded: 0, escalated: 0, failed: 0, unreached: 0 });
    expect(timers(r, end).escalated).toBe(1);
    expect(queued(BUD)).toEqual([catalog('en').checkinEscalation('Rose', catalog('en').checkinEnd(dayTime(end, end)), 'client 415-555-0177')]);
  });
});
