/**
 * A Facebook profile of a numeric id given as "facebook.com/<id>" in a report, or checked so: once approved, CHECK of
 * the other form Facebook gives the same profile ("profile.php?id=<id>") told a member nothing was known.
 */
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld as world } from '../helpers/report-world';

const ID = '100012345678901';
const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';

describe('CHECK of a Facebook profile of a numeric id, in the form the report did not use', () => {
  it.each([
    [`https://www.facebook.com/${ID}`, `facebook.com/profile.php?id=${ID}`],
    [`https://m.facebook.com/profile.php?id=${ID}&mibextid=ZbWKwL`, `facebook.com/${ID}`],
    [`https://www.facebook.com/people/Ricky-Sf/${ID}/`, `https://facebook.com/${ID}`],
  ])('a report of %s is found by CHECK %s', async (reported, query) => {
    const w = await world();
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, `REPORT 415 choked me, his fb ${reported}`))?.[1] ?? 'none';
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, `CHECK ${query}`)).toMatch(/^Heads Up: that link is in 1 alert/);
  });
});
