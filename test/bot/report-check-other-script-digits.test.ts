/**
 * Numbers typed in the digits of another script (Devanagari ४१५, Bengali ৪১৫, Thai ๔๑๕, Adlam, whose digits are
 * two UTF-16 units each), as a phone set to that script types them: libphonenumber reads only Arabic-Indic and
 * fullwidth digits. The reporter's own number written so was shown to the moderators and would have gone out on
 * APPROVE; a client's was not found by CHECK, and a CHECK written in them got the how-to reply.
 */
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld as world, sms } from '../helpers/report-world';

const say = (w: BotWorld, from: string, text: string): string => w.sms(from, text).reply ?? '';
const refIn = (text: string): string => /#([A-Z0-9]{4,6})/.exec(text)?.[1] ?? '';
/** `ascii` in the digits of the script whose zero is `zero`. */
const inScript = (ascii: string, zero: number): string => ascii.replace(/\d/g, (d) => String.fromCodePoint(zero + Number(d)));
const SCRIPTS: Array<[string, number]> = [
  ['Devanagari', 0x0966],
  ['Bengali', 0x09e6],
  ['Thai', 0x0e50],
  ['Adlam', 0x1e950],
];

describe("the reporter's own number (+1 415 555 0105) in another script's digits", () => {
  // The notice and SHOW give the alert exactly as APPROVE sends it.
  it.each(SCRIPTS)('in %s digits reaches no moderator, and no member once approved', async (_script, zero) => {
    const w = await world();
    const hers = inScript('415 555 0105', zero);
    const ref = refIn(say(w, REPORTER, `REPORT 415 he kept my number ${hers} and threatened me`));
    const notice = w.queued(sms(MOD)).map((m) => m.text).join('\n');
    expect(notice).toContain('he kept my number [-] and threatened me');
    expect(say(w, MOD, `SHOW ${ref}`)).toContain('he kept my number [-] and threatened me');
    expect(notice).not.toContain(inScript('0105', zero));
  });

  it('in Devanagari digits glued together is masked too, a client number beside it kept', async () => {
    const w = await world();
    const ref = refIn(say(w, REPORTER, `REPORT 415 he kept my number ${inScript('4155550105', 0x0966)} and calls from 415-555-0177`));
    expect(say(w, MOD, `SHOW ${ref}`)).toContain('he kept my number [-] and calls from 415-555-0177');
  });
});

describe("a client's number in another script's digits", () => {
  it.each(SCRIPTS)('in %s digits: CHECK 4155550177 finds the approved alert that shows it', async (_script, zero) => {
    const w = await world();
    const ref = refIn(say(w, REPORTER, `REPORT 415 robbed me, texted from ${inScript('415 555 0177', zero)} tall guy`));
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, 'CHECK 4155550177')).toMatch(/^Heads Up: that number is in 1 alert/);
  });

  it.each(SCRIPTS)('CHECK written in %s digits finds an alert that names it in ASCII', async (_script, zero) => {
    const w = await world();
    say(w, MOD, `APPROVE ${refIn(say(w, REPORTER, 'REPORT 415 robbed me, texted from 415-555-0177 tall guy'))}`);
    expect(say(w, MEMBER, `CHECK ${inScript('4155550177', zero)}`)).toMatch(/^Heads Up: that number is in 1 alert/);
  });
});

describe('a plate written with a Unicode hyphen or dash', () => {
  it.each([
    ['a non-breaking hyphen', '7ABC\u2011123'],
    ['an en dash', '7ABC\u2013123'],
    ['a minus sign', '7ABC\u2212123'],
  ])('with %s: CHECK 7ABC123 finds the approved alert', async (_how, plate) => {
    const w = await world();
    const ref = refIn(say(w, REPORTER, `REPORT 415 robbed me, grey honda plate ${plate}`));
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, 'CHECK 7ABC123')).toMatch(/^Heads Up: that plate is in 1 alert/);
  });

  it.each([['7ABC\u2011123'], ['7ABC\u2013123'], ['7ABC\uFF0D123']])('CHECK %s finds an alert that names 7ABC-123', async (query) => {
    const w = await world();
    say(w, MOD, `APPROVE ${refIn(say(w, REPORTER, 'REPORT 415 robbed me, grey honda plate 7ABC-123'))}`);
    expect(say(w, MEMBER, `CHECK ${query}`)).toMatch(/^Heads Up: that plate is in 1 alert/);
  });
});
