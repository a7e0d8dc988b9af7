/**
 * A report that writes the client's number right beside a time or a date ("he called me at 10:30 415 555 0177"):
 * the time's digits joined the number and libphonenumber read none, so the alert showed the number but CHECK
 * answered that no alert names it. Her own number beside a time is masked all the same.
 */
import { catalog } from '../../src/bot/catalog';
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld } from '../helpers/report-world';

const t = catalog('en');
const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';
const refOf = (reply: string) => /#([A-Z0-9]{4,6})/.exec(reply)?.[1] ?? 'none';

describe('a number beside a time or a date', () => {
  it.each([
    ['REPORT 415 he called me at 10:30 415 555 0177', 'CHECK 415 555 0177'],
    ['REPORT 415 met him 5/12 628 555 0188 and he choked me', 'CHECK 628-555-0188'],
    ['REPORT 415 texted from 212 555 0199, 10/12/24 at night, no condom', 'CHECK (212) 555-0199'],
    ['REPORT 415 no show, 310 555 0166 10:30pm', 'CHECK 310 555 0166'],
    // The comma, read as a slash, had run the date into the number: neither was read.
    ['REPORT 415 met him 5/12,628-555-0177 choked me', 'CHECK 628 555 0177'],
  ])('is indexed from %j and found by CHECK', async (report, check) => {
    const w = await reportWorld();
    const ref = refOf(say(w, REPORTER, report));
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, check)).toMatch(/^Heads Up: that number is in 1 alert/);
  });

  it('masks her own number beside a time, which CHECK then does not find', async () => {
    const w = await reportWorld();
    const ref = refOf(say(w, REPORTER, 'REPORT 415 at 10:30 415 555 0105 called me back'));
    const shown = say(w, MOD, `SHOW ${ref}`);
    expect(shown).toContain('at 10:30 [-] called me back');
    expect(shown).not.toMatch(/555\D{0,3}0105/);
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, 'CHECK 415 555 0105')).toBe(t.checkNone());
  });
});
