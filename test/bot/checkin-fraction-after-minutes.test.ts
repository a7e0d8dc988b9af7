/**
 * A fraction or small figure standing as the word after CHECKIN's or LATER's minutes ("CHECKIN 10 ½ hours"):
 * it went into the details, so the check-in ran 10 minutes and the alarm sent her details to her buddies hours
 * early. Refused with the how-to reply, as "1½h" glued is (found by a hostile review).
 */
import { ROSE, withBuddy } from './checkin-buddy-line';


describe('a fraction or small figure after the minutes', () => {
  it.each([
    ['CHECKIN 10 ½ hours', 10],
    ['CHECKIN 1 ½ hours', 1],
    ['CHECKIN 1 ¼ hours', 1],
    ['CHECKIN 1 1/2 hours', 1],
    ['CHECKIN 1 1⁄2 hours', 1],
    ['CHECKIN 1 hour ½', 10],
    ['CHECKIN 1h ¼ grey van', 10],
    ['CHECKIN 1 hora y ½', 10],
    ['CHECKIN 30 ² motel', 10],
    ['CHECKIN 30 ② motel', 10],
  ])('%j is refused with the how-to reply, no check-in started (CHECKIN_MIN_MINUTES %i)', async (text, min) => {
    const w = await withBuddy(min);
    const howTo = w.sms(ROSE, 'CHECKIN').reply;
    expect(w.sms(ROSE, text).reply).toBe(howTo);
    // None runs: OK finds none to end, as on a line where none was asked.
    const fresh = await withBuddy(min);
    expect(w.sms(ROSE, 'OK').reply).toBe(fresh.sms(ROSE, 'OK').reply);
  });

  it.each([['LATER 1 ½ hours'], ['LATER 10 ½'], ['LATER 1 hour ½']])('%j is refused with the how-to reply, the check-in left as it was', async (text) => {
    const w = await withBuddy(10);
    w.sms(ROSE, 'CHECKIN 90');
    const howTo = w.sms(ROSE, 'LATER').reply;
    expect(w.sms(ROSE, text).reply).toBe(howTo);
    const fresh = await withBuddy(10);
    fresh.sms(ROSE, 'CHECKIN 90');
    expect(w.sms(ROSE, 'LATER 30').reply).toBe(fresh.sms(ROSE, 'LATER 30').reply);
  });

  it.each([
    ['CHECKIN 90 room ½', 90],
    ['CHECKIN 1 hour 30', 90],
    ['CHECKIN 1 hora y media', 90],
    ['CHECKIN 30 grey van ²', 30],
  ])('%j still starts a check-in of %i minutes (a figure later in the details is hers)', async (text, minutes) => {
    const w = await withBuddy(10);
    const fresh = await withBuddy(10);
    const reply = w.sms(ROSE, text).reply;
    expect(reply).toBe(fresh.sms(ROSE, `CHECKIN ${minutes}`).reply);
    expect(reply).toMatch(/^Heads Up: check-in until/);
  });
});
