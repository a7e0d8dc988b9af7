/**
 * "CHECK @ricky_sf 415-555-0177" looked up the number alone (libphonenumber
 * pulls a number out of a short text), so a handle or email in an approved
 * alert was answered "no alerts name that". A text is one phone number only
 * when it is just a number; else each identifier in it is looked up.
 */
import { catalog } from '../../src/bot/catalog';
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld } from '../helpers/report-world';

const t = catalog('en');
const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';

async function approved(report: string): Promise<BotWorld> {
  const w = await reportWorld();
  const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, report))?.[1] ?? 'none';
  expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
  return w;
}

describe('CHECK of a short sentence holding one phone number', () => {
  it('finds the handle beside the number, before or after it', async () => {
    const w = await approved('REPORT 415 choked me, he is @ricky_sf on insta');
    expect(say(w, MEMBER, 'CHECK @ricky_sf 415-555-0177')).toMatch(/^Heads Up: @ricky_sf is in 1 alert/);
    expect(say(w, MEMBER, 'CHECK 415-555-0177 @ricky_sf')).toMatch(/^Heads Up: @ricky_sf is in 1 alert/);
  });

  it('finds the email beside the number', async () => {
    const w = await approved('REPORT 415 choked me, email ricky@example.com');
    expect(say(w, MEMBER, 'CHECK ricky@example.com 415-555-0177')).toMatch(/^Heads Up: ricky@example\.com is in 1 alert/);
  });

  it('answers a number alone as before', async () => {
    const w = await approved('REPORT 415 choked me, he is @ricky_sf on insta');
    expect(say(w, MEMBER, 'CHECK 415-555-0177')).toBe(t.checkNone());
  });
});
