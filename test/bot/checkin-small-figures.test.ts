/**
 * CHECKIN and LATER minutes as other keyboards write them. A superscript or subscript digit glued to the number
 * ("30²") became one more digit of it: "CHECKIN 30²" started a 302-minute check-in, "LATER 30²" added 302
 * minutes, the alarm hours late. It is refused with the how-to reply, as "1½h" is; small figures alone ("⁴⁵",
 * French "2h³⁰") read as written. Minutes in Arabic-Indic or Devanagari digits ("CHECKIN ٣٠") were refused.
 */
import { ROSE, withBuddy } from './checkin-buddy-line';


/** Her reply to `text` on a line of her own, after `before` (as the same clock reads it). */
async function replyTo(text: string, before: string[] = []): Promise<string | null> {
  const w = await withBuddy();
  for (const b of before) w.sms(ROSE, b);
  return w.sms(ROSE, text).reply;
}

describe('CHECKIN and LATER with small figures or other digits', () => {
  it.each([['CHECKIN 30²'], ['CHECKIN 30₂'], ['CHECKIN ²30'], ['CHECKIN 1h30²']])('%j is refused with the how-to reply, no check-in started', async (text) => {
    const w = await withBuddy();
    const howTo = w.sms(ROSE, 'CHECKIN').reply;
    expect(w.sms(ROSE, text).reply).toBe(howTo);
    // None runs: OK finds none to end.
    expect(w.sms(ROSE, 'OK').reply).toBe(await replyTo('OK'));
  });

  it('"LATER 30²" is refused with the how-to reply, the check-in left as it was', async () => {
    const w = await withBuddy();
    w.sms(ROSE, 'CHECKIN 90');
    const howTo = w.sms(ROSE, 'LATER').reply;
    expect(w.sms(ROSE, 'LATER 30²').reply).toBe(howTo);
    // Still due when CHECKIN 90 made it: LATER 30 moves it as on a line where no LATER came before.
    expect(w.sms(ROSE, 'LATER 30').reply).toBe(await replyTo('LATER 30', ['CHECKIN 90']));
  });

  it.each([
    ['CHECKIN ⁴⁵', 45],
    ['CHECKIN 2h³⁰', 150],
    ['CHECKIN ٣٠', 30],
    ['CHECKIN ३० blue car', 30],
    ['CHECKIN 30 room 2²', 30],
  ])('%j starts a check-in of %i minutes', async (text, minutes) => {
    const reply = await replyTo(text);
    expect(reply).toBe(await replyTo(`CHECKIN ${minutes}`));
    expect(reply).toMatch(/^Heads Up: check-in until/);
  });

  it('"LATER ٣٠" adds 30 minutes', async () => {
    const reply = await replyTo('LATER ٣٠', ['CHECKIN 90']);
    expect(reply).toBe(await replyTo('LATER 30', ['CHECKIN 90']));
    expect(reply).toMatch(/^Heads Up: check-in extended to/);
  });
});
