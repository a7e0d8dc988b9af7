/**
 * OK after she was told, 3 minutes on, that her buddy could not be reached
 * (Twilio answering 5xx, the escalation still retried): her buddy was not
 * reached, so they are not sent "Rose has checked in" about an escalation
 * they never got (it is erased unsent), and she is not told they were.
 */
import { catalog } from '../../src/bot/catalog';
import { SendError } from '../../src/channels/types';
import type { Sender } from '../../src/phone/identity';
import { claimLane } from '../../src/store/outbox';
import { missedCheckin, ROSE, sendPass, timers } from '../helpers/checkin-escalation';

const LILY = '+14155550177';
const MIN = 60_000;
const t = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

/** Rose's missed check-in, Lily's SMS escalation answered 5xx for five minutes: Rose told her buddy could not be reached. */
async function toldUnreached(): Promise<Awaited<ReturnType<typeof missedCheckin>>> {
  const w = await missedCheckin('sms', [LILY]);
  for (let i = 0; i < 5; i++) {
    await sendPass(w, 'sms', { [LILY]: new SendError('server', '500') });
    timers(w);
    w.clock.now += MIN;
  }
  expect(w.queued(sms(ROSE)).map((m) => m.text)).toContain(t.checkinBuddiesUnreached(1, true));
  return w;
}

it('tells her buddy nothing when her OK comes after she heard they could not be reached', async () => {
  const w = await toldUnreached();

  const reply = w.sms(ROSE, 'OK').reply;
  const toLily = w.direct(LILY);
  expect({ reply, toLily: toLily.filter((x) => x === t.checkinOkBuddy('Rose')) }).toEqual({ reply: t.checkinOk(), toLily: [] });
});

it('tells her buddy she checked in when their message went through after she heard it had not', async () => {
  const w = await toldUnreached();
  // Twilio is back: Lily's escalation goes through.
  w.clock.now += 20 * MIN;
  expect((await sendPass(w, 'sms')).calls.map((c) => c.to)).toContain(LILY);

  const reply = w.sms(ROSE, 'OK').reply;
  expect({ reply, toLily: w.direct(LILY).filter((x) => x === t.checkinOkBuddy('Rose')) }).toEqual({ reply: t.checkinOkLate(), toLily: [t.checkinOkBuddy('Rose')] });
});

it('tells her buddy she checked in when the escalation is at the provider as she texts OK (it cannot be called back)', async () => {
  const w = await toldUnreached();
  // Twilio is back; the lane hands Lily's escalation over, and Rose texts OK before its answer is back.
  w.clock.now += 20 * MIN;
  expect(claimLane(w.db, 'sms', w.clock.now, 10, w.clock.now + 120_000).length).toBeGreaterThan(0);
  w.sms(ROSE, 'OK');
  expect(w.direct(LILY).filter((x) => x === t.checkinOkBuddy('Rose'))).toEqual([t.checkinOkBuddy('Rose')]);
});
