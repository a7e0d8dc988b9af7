/**
 * The "your check-in still runs" answer to a message not understood is
 * bounded: at most once per 5 minutes per sender (an auto-replier got one
 * per message, ~57 paid replies an hour); never by SMS about a check-in
 * running on Signal (an SMS from her number may be spoofed, or a recycled
 * number's new holder: it told a stranger she was on a date until 05:00);
 * and a moderator with a check-in of her own gets it before her commands.
 */
import { catalog } from '../../src/bot/catalog';
import { clockTime } from '../../src/bot/clock-time';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const ROSE = '+14155550100';
const ROSE_UUID = '3c4d5e6f-7a8b-4c9d-8e0f-000000000100';
const BUDDY = '+14155550177';
const MIN = 60_000;
const t = catalog('en');

async function roseWithBuddy(deps: Parameters<typeof botWorld>[0] = {}): Promise<BotWorld> {
  const w = await botWorld({ checkins: { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] }, ...deps });
  w.sms(ROSE, 'JOIN');
  w.sms(ROSE, 'BUDDY 415-555-0177 Rose');
  expect(w.sms(BUDDY, 'ACCEPT').reply).toBe(t.buddyAccepted());
  return w;
}

function signalFrom(w: BotWorld): (text: string) => string | null {
  let sid = 0;
  return (text) => w.bot.handle({ sender: { channel: 'signal', address: ROSE_UUID, phone: ROSE }, text, providerId: `sig-${++sid}` }).reply;
}

describe('the still-runs answer', () => {
  it('comes at most once per 5 minutes; the other messages get the hourly hint, then silence', async () => {
    const w = await roseWithBuddy();
    w.sms(ROSE, 'CHECKIN 60 blue car');
    const still = t.checkinStillRuns(clockTime(w.clock.now + 60 * MIN));
    w.clock.now += MIN;
    expect(w.sms(ROSE, 'Auto-reply: I am away').reply).toBe(still);
    w.clock.now += MIN;
    expect(w.sms(ROSE, 'Auto-reply: I am away').reply).toBe(t.hint());
    w.clock.now += MIN;
    expect(w.sms(ROSE, 'Auto-reply: I am away').reply).toBeNull();
    w.clock.now += 3 * MIN;
    expect(w.sms(ROSE, "I'm safe").reply).toBe(still);
  });

  it('tells an SMS from her number nothing of her check-in running on Signal', async () => {
    const w = await roseWithBuddy();
    const signal = signalFrom(w);
    expect(signal('CHECKIN 60 blue car')).toContain('Heads Up');
    const reply = w.sms(ROSE, "I'm safe").reply;
    expect(reply).toBe(t.hint());
    expect(w.sms(ROSE, 'Safe now').reply).not.toContain(clockTime(w.clock.now + 60 * MIN));
  });

  it('tells her over Signal, authenticated, of her check-in running by SMS', async () => {
    const w = await roseWithBuddy();
    w.sms(ROSE, 'CHECKIN 60 blue car');
    expect(signalFrom(w)("I'm safe")).toBe(t.checkinStillRuns(clockTime(w.clock.now + 60 * MIN)));
  });

  it('answers a moderator with a check-in of her own before the moderator commands', async () => {
    const w = await roseWithBuddy({ moderators: new Set([ROSE]) });
    w.sms(ROSE, 'CHECKIN 60 blue car');
    const still = t.checkinStillRuns(clockTime(w.clock.now + 60 * MIN));
    expect(w.sms(ROSE, "I'm safe").reply).toBe(still);
    // Within the 5 minutes, her typos are answered as ever.
    expect(w.sms(ROSE, 'APROVE K7Q2').reply).toBe(t.modHint());
  });
});
