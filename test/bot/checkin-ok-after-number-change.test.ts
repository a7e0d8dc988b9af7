/**
 * A member on both channels asked her buddy by SMS, started a check-in over
 * Signal and missed it: Lily was alarmed. Her Signal account then showed a
 * new number, and its first message was OK. Found by a hostile review: the
 * all-clear went to whom she belongs to now (her old number's membership,
 * and Lily with it, no longer hers), so Lily, alarmed, never heard she was
 * safe, and her reply did not say they were told. It now goes to the
 * buddies the escalation went to.
 */
import { catalog } from '../../src/bot/catalog';
import { sendPass, timers } from '../helpers/checkin-escalation';
import type { BotWorld } from '../helpers/bot-world';
import { checkinOnOldNumber, LILY, NEW, signalFrom } from './number-change-world';

const UUID = '1b2c3d4e-5f60-4a7b-8c9d-000000000003';
const MIN = 60_000;
const t = catalog('en');

/** A message from her Signal account, showing `phone`. */
const signal = (w: BotWorld, phone: string, text: string) => signalFrom(w, UUID, phone, text);

/** What a pass of the SMS lane sent Lily. */
async function smsToLily(w: BotWorld): Promise<string[]> {
  return (await sendPass(w, 'sms')).calls.filter((c) => c.to === LILY).map((c) => c.body);
}

async function alarmedLily(): Promise<BotWorld> {
  const w = await checkinOnOldNumber(UUID);
  w.clock.now += 61 * MIN;
  expect(timers(w).escalated).toBe(1);
  expect((await smsToLily(w)).filter((b) => b.includes('grey van'))).toHaveLength(1);
  return w;
}

describe('a late OK from her new number', () => {
  it('tells the buddy her escalation alarmed, and tells her they were told', async () => {
    const w = await alarmedLily();
    expect(signal(w, NEW, 'OK')).toBe(t.checkinOkLate());
    expect(await smsToLily(w)).toEqual([t.checkinOkBuddy('Ann')]);
  });

  it('tells no buddy who declined since', async () => {
    const w = await alarmedLily();
    w.sms(LILY, 'DECLINE');
    expect(signal(w, NEW, 'OK')).toBe(t.checkinOk());
    expect(await smsToLily(w)).toEqual([]);
  });
});
