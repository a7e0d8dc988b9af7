/**
 * CHECK answers how many approved alerts name a number. A guided report's
 * "when" answer is shown in its alert: a number written there is read by
 * every member, so CHECK finds it too.
 */
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld as world } from '../helpers/report-world';

const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';

describe('CHECK after a guided report with a number in its "when"', () => {
  it('finds the number the approved alert shows there', async () => {
    const w = await world();
    for (const a of ['REPORT', '1', 'last night, booked from 415-555-0144', '415 Motel 6']) say(w, REPORTER, a);
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, 'DONE'))?.[1] as string;
    expect(say(w, MOD, `SHOW ${ref}`)).toContain('When: last night, booked from 415-555-0144.');
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, 'CHECK 415 555 0144')).toMatch(/^Heads Up: that number is in 1 alert/);
  });
});
