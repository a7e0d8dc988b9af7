/**
 * A number followed by how many times ("he called from 415 555 0144 5
 * times") was no number at all: libphonenumber read the count as one more
 * digit, and the report's alert named nothing CHECK could find.
 */
import { catalog } from '../../src/bot/catalog';
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld } from '../helpers/report-world';

const t = catalog('en');
const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';

describe('a phone number followed by a count', () => {
  it('is indexed from a report and found by CHECK, alone or in the same words', async () => {
    const w = await reportWorld();
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, 'REPORT 415 he called from 415 555 0144 5 times, then showed up'))?.[1] ?? 'none';
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, 'CHECK 415-555-0144')).toMatch(/^Heads Up: that number is in 1 alert/);
    expect(say(w, MEMBER, 'CHECK he texted me from 415 555 0144 3 times')).toMatch(/^Heads Up: that number is in 1 alert/);
  });

  it("masks the reporter's own number followed by a count, and indexes it nowhere", async () => {
    const w = await reportWorld();
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, 'REPORT 415 he called me at 415 555 0105 5 times from 415 555 0144'))?.[1] ?? 'none';
    const shown = say(w, MOD, `SHOW ${ref}`);
    expect(shown).toContain('he called me at [-] 5 times from 415 555 0144');
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, 'CHECK 415 555 0105')).toBe(t.checkNone());
  });

  it('tells a member a count beside an unknown number finds nothing, not that it needs a number', async () => {
    const w = await reportWorld();
    expect(say(w, MEMBER, 'CHECK 415 555 0199 4 times')).toBe(t.checkNone());
  });
});
