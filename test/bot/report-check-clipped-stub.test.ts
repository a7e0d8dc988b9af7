/**
 * A guided report's long answer is clipped to fit 3 segments, and the cut
 * may fall inside an identifier: "@rickysmith_contractor" shows as
 * "@rickysmi...". The stub left before the "..." is no identifier the
 * reporter gave: CHECK must not find it, or an innocent handle, number,
 * plate or site that happens to be the stub (or one a reporter aims at)
 * reads as "in an alert". What the alert shows whole is still found.
 */
import { catalog } from '../../src/bot/catalog';
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld as world } from '../helpers/report-world';

const t = catalog('en');
const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';
const LONG = 'calm at first, then turned aggressive when asked for the money, says he is a contractor, a regular at the bar on 6th';
const PERSON = 'tall white man about 45, short beard, grey hair, calls himself Rick, see';
const VEHICLE = 'grey van with a dent on the side, tinted windows, roof rack, ladder on top, plate';
/** `words` cut or padded to `n` characters: places the identifier after them where the clipping will cut it. */
const at = (words: string, n: number) => words.slice(0, n).padEnd(n, ' ');

/** Files a guided report with these answers, approves it after SHOW, and returns what SHOW answered. */
function approveGuided(w: BotWorld, person: string, vehicle: string): string {
  for (const a of ['REPORT', '1', 'Fri 11pm', '415 Motel 6 on Lombard, second floor at the back, near the ice machine', person, vehicle, 'texts from (415) 555-0177', 'SKIP']) {
    say(w, REPORTER, a);
  }
  const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, 'DONE'))?.[1] as string;
  const shown = say(w, MOD, `SHOW ${ref}`);
  expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
  return shown;
}

describe('CHECK after a guided report clipped inside an identifier', () => {
  it.each([
    ['a handle', `${at(PERSON, 67)} @rickysmith_contractor`, 'Rick @rickysmith_contrac...', '@rickysmith_contrac', '@rickysmith_contractor'],
    ['an email', `${at(PERSON, 67)} rick.smith@gmail.com`, 'Rick rick.smith@gmail.co...', 'rick.smith@gmail.co', 'rick.smith@gmail.com'],
    ['a link', `${at(PERSON, 64)} www.rick.smith.com/about`, 'www.rick.smith.com/abo...', 'rick.smith.com/abo', 'www.rick.smith.com/about'],
    ['a link cut in its name', `${at(PERSON, 75)} www.rick.smith.com/about`, 'see www.rick.smith...', 'www.rick.smith', 'www.rick.smith.com/about'],
    ['a French plate', `${at(PERSON, 75)} plaque AB 123 CD`, 'see plaque AB 123...', 'AB123', 'AB 123 CD'],
    ['a number', `${PERSON} +49 30 12345678`, 'see +49 30 1234567...', '+49 30 1234567', '+49 30 12345678'],
  ])('does not find the stub of %s the person answer was cut in', async (_what, lead, stubShown, stub, whole) => {
    const w = await world();
    const shown = approveGuided(w, `${lead}, ${LONG}, ${LONG}`, 'grey van');
    expect(shown).toContain(stubShown);
    expect(say(w, MEMBER, `CHECK ${stub}`)).toBe(t.checkNone());
    // Cut off, the whole identifier is in no alert either: no moderator read it.
    expect(say(w, MEMBER, `CHECK ${whole}`)).toBe(t.checkNone());
    // What the alert shows whole is found as ever.
    expect(say(w, MEMBER, 'CHECK 415 555 0177')).toMatch(/^Heads Up: that number is in 1 alert/);
  });

  it('does not find the stub of a plate the vehicle answer was cut in, and finds the plate the clipped vehicle keeps', async () => {
    const w = await world();
    const shown = approveGuided(w, 'tall man', `${at(VEHICLE, 84)} 7ABC123 CA, ${LONG}, ${LONG}`);
    expect(shown).toContain('plate 7ABC1..., CA 7ABC123.');
    expect(say(w, MEMBER, 'CHECK 7ABC1')).toBe(t.checkNone());
    expect(say(w, MEMBER, 'CHECK 7ABC123')).toMatch(/^Heads Up: that plate is in 1 alert/);
  });
});
