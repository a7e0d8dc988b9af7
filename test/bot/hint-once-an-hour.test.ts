/**
 * SPEC, Commands: "Anything else gets a short hint to text HELP, at most once
 * per sender per hour, so that auto-replies cannot loop." The limit's window
 * is the clock hour (a stored count says no more than its hour): a sender
 * hinted at 04:59:59 was hinted again at 05:00:01. One hinted in the hour
 * before is not hinted in this one; the hour after, they are.
 */
import { catalog } from '../../src/bot/catalog';
import { botWorld } from '../helpers/bot-world';

const hint = catalog('en').hint();

describe('the "text HELP" hint', () => {
  it('is given at most once in any hour, also across the turn of a clock hour', async () => {
    const w = await botWorld({}, Date.UTC(2026, 11, 2, 4, 59, 59, 0));
    const sender = '+14155550161';
    expect(w.sms(sender, 'hello?').reply).toBe(hint);
    w.clock.now += 2_000;
    // An auto-responder answering the hint two seconds later.
    expect(w.sms(sender, 'I am away from my phone right now').reply).toBeNull();
    w.clock.now += 59 * 60_000;
    expect(w.sms(sender, 'I am away from my phone right now').reply).toBeNull();
    // 06:00: two windows on.
    w.clock.now += 60_000;
    expect(w.sms(sender, 'still away').reply).toBe(hint);
    w.db.close();
  });

  it('is given again in the hour after next, and to others meanwhile', async () => {
    const w = await botWorld({}, Date.UTC(2026, 11, 2, 4, 10, 0, 0));
    expect(w.sms('+14155550162', 'hello?').reply).toBe(hint);
    expect(w.sms('+14155550163', 'hello?').reply).toBe(hint);
    w.clock.now += 111 * 60_000;
    expect(w.sms('+14155550162', 'hello again').reply).toBe(hint);
    w.db.close();
  });
});
