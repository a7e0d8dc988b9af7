/**
 * Her Signal account shows a new number, parting her running check-in from
 * its only buddy (asked from her old number). Found in last session's notes:
 * her "your check-in now reaches no one" notice was queued before the reply
 * to the message she had just sent, so it arrived first; and when that
 * message was a CHECKIN, refused for want of a buddy, she was told the same
 * thing twice (the refusal's "text BUDDY…", then the notice's). She now gets
 * her reply, then the notice; a refused CHECKIN gets the notice alone.
 */
import { catalog } from '../../src/bot/catalog';
import { lineExamples } from '../../src/bot/line-examples';
import { Regions } from '../../src/alerts/regions';
import { botWorld } from '../helpers/bot-world';
import { checkinOnOldNumber, LILY, NEW, OLD, queuedForSignal, signalFrom } from './number-change-world';

const UUID = '1b2c3d4e-5f60-4a7b-8c9d-000000000021';
const t = catalog('en');
const ex = lineExamples(Regions.load());
const noOne = t.checkinNoOneLeft(ex);

describe('the notice that her check-in now reaches no one, after a number change', () => {
  it('comes after the reply to her message', async () => {
    const w = await checkinOnOldNumber(UUID);
    const before = queuedForSignal(w, UUID).length;
    signalFrom(w, UUID, NEW, 'BUDDY');
    expect(queuedForSignal(w, UUID).slice(before)).toEqual([t.buddyNone(ex), noOne]);
  });

  it('comes after LATER’s reply', async () => {
    const w = await checkinOnOldNumber(UUID);
    const before = queuedForSignal(w, UUID).length;
    signalFrom(w, UUID, NEW, 'LATER 30');
    const after = queuedForSignal(w, UUID).slice(before);
    expect(after).toHaveLength(2);
    expect(after[0]).toMatch(/^Heads Up: check-in extended to /);
    expect(after[1]).toBe(noOne);
  });

  it('is told once, alone, when her message is a CHECKIN refused for want of a buddy', async () => {
    const w = await checkinOnOldNumber(UUID);
    const before = queuedForSignal(w, UUID).length;
    signalFrom(w, UUID, NEW, 'CHECKIN 60 red car');
    expect(queuedForSignal(w, UUID).slice(before)).toEqual([noOne]);
  });

  it('still answers a CHECKIN refused for want of a buddy when no check-in of hers was parted', async () => {
    const w = await checkinOnOldNumber(UUID);
    signalFrom(w, UUID, NEW, 'OK');
    const before = queuedForSignal(w, UUID).length;
    signalFrom(w, UUID, NEW, 'CHECKIN 60 red car');
    expect(queuedForSignal(w, UUID).slice(before)).toEqual([t.checkinNeedsBuddy(ex)]);
  });

  // Found by review: the refusal was dropped whenever anyone was told, even on another membership.
  // Her old number's check-in, told when LILY left, is not told again: the change took no buddy from it (checkin-alone.ts).
  it('still answers her CHECKIN over Signal after the notice went to her old number by SMS', async () => {
    const w = await botWorld({ checkins: { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] } });
    signalFrom(w, UUID, OLD, 'JOIN 415');
    w.sms(OLD, 'JOIN 415');
    w.sms(OLD, `BUDDY ${LILY} Ann`);
    w.sms(LILY, 'ACCEPT');
    w.sms(OLD, 'CHECKIN 60 grey van');
    w.sms(LILY, 'STOP');
    const before = queuedForSignal(w, UUID).length;
    const smsBefore = w.queued({ channel: 'sms', address: OLD }).length;
    signalFrom(w, UUID, NEW, 'CHECKIN 60 red car');
    expect(queuedForSignal(w, UUID).slice(before)).toEqual([t.checkinNeedsBuddy(ex)]);
    expect(w.queued({ channel: 'sms', address: OLD }).slice(0, smsBefore).map((m) => m.text)).toContain(noOne);
    expect(w.queued({ channel: 'sms', address: OLD }).slice(smsBefore).map((m) => m.text)).toEqual([]);
  });
});
