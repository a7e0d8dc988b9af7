/**
 * A report that lists the dates and times she saw him ("5/12/2024 10:30-11:45, …") before the number he texted
 * from: the dates and times, digit groups joined by slashes, colons, dashes and commas, used up what of a text
 * libphonenumber reads, and the number was never indexed: CHECK answered that no alert names it.
 */
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld } from '../helpers/report-world';

const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';

describe('a number after a list of dates and times', () => {
  it('is indexed from a report and found by CHECK', async () => {
    const w = await reportWorld();
    const report =
      'REPORT 415 Saw him 5/12/2024 10:30-11:45, 5/19/2024 10:30-11:45, 5/26/2024 22:00-23:15, 6/2/2024 21:00-22:30. ' +
      'Last night he choked me, texts from 628 555 0177';
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, report))?.[1] ?? 'none';
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, 'CHECK 628 555 0177')).toMatch(/^Heads Up: that number is in 1 alert/);
  });
});
