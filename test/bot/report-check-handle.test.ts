/**
 * CHECK of a handle copied without its "@". One word that could be a handle
 * is looked up as one, whatever else it may read as: with digits
 * ("rick_sf99", also a plate), a dot ("rosegarden.com", also a link), or
 * neither ("rick_sf", nothing else at all).
 */
import { catalog } from '../../src/bot/catalog';
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld as world } from '../helpers/report-world';

const t = catalog('en');
const refIn = (text: string | null | undefined) => /#([A-Z0-9]{4,6})/.exec(text ?? '')?.[1] ?? 'none';
const check = (w: BotWorld, query: string) => w.sms(MEMBER, `CHECK ${query}`).reply;

describe('CHECK of a handle with no digit, written without "@"', () => {
  it('finds the approved alert that names @rick_sf', async () => {
    const w = await world();
    const ref = refIn(w.sms(REPORTER, 'REPORT 415 robbed me, insta @rick_sf').reply);
    expect(w.sms(MOD, `APPROVE ${ref}`).reply).toBe(`#${ref} approved: alert going to 415.`);
    expect(check(w, '@rick_sf')).toMatch(/^Heads Up: that handle is in 1 alert/);
    expect(check(w, 'rick_sf')).toMatch(/^Heads Up: that handle is in 1 alert/);
    expect(check(w, 'Rick_SF')).toMatch(/^Heads Up: that handle is in 1 alert/);
  });

  it('answers a word no alert names as a handle no alert names, not as no identifier', async () => {
    const w = await world();
    expect(check(w, 'rick_sf')).toBe(t.checkNone());
    expect(check(w, 'he was rude')).toBe(t.checkNeedsNumber());
  });
});

// A word of digits alone is a mistyped number (no area code, a digit too many or too few): asked for a full number, never
// answered "no alerts name that" as if the number had been checked and found clean. Seven digits lack the area code
// the usage reply's example shows; more are told the number cannot be read, to check its digits or add its code.
describe('CHECK of a mistyped number', () => {
  it.each([
    ['5550177', t.checkNeedsNumber()],
    ['41555501777', t.checkNumberUnread()],
    ['415555017', t.checkNumberUnread()],
  ])('"CHECK %s" asks for a full number rather than saying no alert names it', async (typed, answer) => {
    const w = await world();
    const ref = refIn(w.sms(REPORTER, 'REPORT 415 robbed me, his number 415 555 0177').reply);
    w.sms(MOD, `APPROVE ${ref}`);
    expect(w.sms(MEMBER, 'CHECK 415 555 0177').reply).toMatch(/in 1 alert/);
    expect(w.sms(MEMBER, `CHECK ${typed}`).reply).toBe(answer);
  });
});
