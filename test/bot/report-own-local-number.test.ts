/**
 * A reporter whose number is +1 415 555 0105 writes it as locals do, without
 * its area code ("555-0105"): it reached the moderators and, once approved,
 * every member. A client's number that ends the same way in another area
 * ("212 555 0105") is his, and stays for CHECK to find.
 */
import { catalog } from '../../src/bot/catalog';
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld as world } from '../helpers/report-world';

const t = catalog('en');
const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';
const refOf = (text: string) => /#([A-Z0-9]{4,6})/.exec(text)?.[1] as string;

describe("a North American reporter's own number written without its area code", () => {
  it('is masked in a one-message report, a client number ending the same way is kept and found by CHECK', async () => {
    const w = await world();
    const ref = refOf(say(w, REPORTER, 'REPORT 415 call 555 0105 x, he used 212 555 0105 and 1-212-555-0105'));
    const shown = say(w, MOD, `SHOW ${ref}`);
    // Written with spaces, 212 may be a price or a room: masked; written whole, it is his.
    expect(shown).toContain('call [-] x, he used 212 [-] and 1-212-555-0105');
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, 'CHECK 212 555 0105')).toMatch(/^Heads Up: that number is in 1 alert/);
    expect(say(w, MEMBER, 'CHECK 415 555 0105')).toBe(t.checkNone());
  });

  it.each([
    ['REPORT 415 paid $200, 555 0105 is my cell', 'paid $200, [-] is my cell'],
    ['REPORT 415 met 10:30 555-0105 is mine', 'met 10:30 [-] is mine'],
    ['REPORT 415 my cell 555-0105 / 555-0199 his', 'my cell [-] / 555-0199 his'],
    ['REPORT 415 paid $500 555-0105 is my cell', 'paid $500 [-] is my cell'],
    ['REPORT 415 he had room 630 - 555 0105 is my cell', 'he had room 630 - [-] is my cell'],
    ['REPORT 415 rate was 250 555 0105 is mine', 'rate was 250 [-] is mine'],
  ])('is masked after other digits in the same run: %j', async (report, masked) => {
    const w = await world();
    const ref = refOf(say(w, REPORTER, report));
    const shown = say(w, MOD, `SHOW ${ref}`);
    expect(shown).toContain(masked);
    expect(shown).not.toMatch(/555\D{0,3}0105/);
  });

  it('keeps a client number in another area written whole, which CHECK finds', async () => {
    const w = await world();
    const ref = refOf(say(w, REPORTER, 'REPORT 415 paid $200, (212) 555-0105 texted, then +1 312 555 0105'));
    expect(say(w, MOD, `SHOW ${ref}`)).toContain('paid $200, (212) 555-0105 texted, then +1 312 555 0105');
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, 'CHECK 212 555 0105')).toMatch(/^Heads Up: that number is in 1 alert/);
    expect(say(w, MEMBER, 'CHECK 312 555 0105')).toMatch(/^Heads Up: that number is in 1 alert/);
  });

  it('keeps a client number written with bullets or a glued +1, which CHECK finds', async () => {
    const w = await world();
    const ref = refOf(say(w, REPORTER, 'REPORT 415 he texted from 212\u2022555\u20220105, then +1312 555 0105'));
    expect(say(w, MOD, `SHOW ${ref}`)).toContain('212\u2022555\u20220105, then +1312 555 0105');
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, 'CHECK 212\u2022555\u20220105')).toMatch(/^Heads Up: that number is in 1 alert/);
    expect(say(w, MEMBER, 'CHECK +1312 555 0105')).toMatch(/^Heads Up: that number is in 1 alert/);
  });

  it('is indexed as no plate, in a one-message report or a guided answer', async () => {
    const w = await world();
    const single = refOf(say(w, REPORTER, 'REPORT 415 his tag 555 0105 no wait thats mine'));
    expect(say(w, MOD, `SHOW ${single}`)).toContain('his tag [-] no wait');
    for (const a of ['REPORT 415', '1', 'SKIP', 'SKIP', 'SKIP', 'SKIP', 'tag 555 0105']) say(w, REPORTER, a);
    const guided = refOf(say(w, REPORTER, 'DONE'));
    expect(say(w, MOD, `SHOW ${guided}`)).not.toMatch(/555\D{0,3}0105/);
    for (const ref of [single, guided]) expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, 'CHECK plate 5550105')).toBe(t.checkNone());
  });
});
