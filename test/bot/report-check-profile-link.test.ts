/**
 * An approved alert naming the client's profile by its link
 * ("instagram.com/ricky_sf") was indexed as a link only: CHECK @ricky_sf,
 * the handle the link plainly names, answered "no alerts name that".
 */
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld } from '../helpers/report-world';

const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';

describe('CHECK of the handle a profile link names', () => {
  it('finds it once a report naming the link is approved', async () => {
    const w = await reportWorld();
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, 'REPORT 415 choked me, his profile is instagram.com/ricky_sf'))?.[1] ?? 'none';
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, 'CHECK instagram.com/ricky_sf')).toMatch(/^Heads Up: that link is in 1 alert/);
    expect(say(w, MEMBER, 'CHECK @ricky_sf')).toMatch(/^Heads Up: that handle is in 1 alert/);
  });

  it('finds by the link an alert that gave the handle', async () => {
    const w = await reportWorld();
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, 'REPORT 415 choked me, his insta is @ricky_sf'))?.[1] ?? 'none';
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, 'CHECK https://www.instagram.com/ricky_sf/')).toMatch(/^Heads Up: that .* is in 1 alert/);
  });
  it.each([
    ['REPORT 415 choked me, his ig instagram.com/ricky_sf?igsh=MWx0b2Q', 'CHECK @ricky_sf'],
    ['REPORT 415 choked me, his insta is @ricky_sf', 'CHECK https://www.instagram.com/ricky_sf/?hl=en'],
    // Facebook's other hosts are its one profile too.
    ['REPORT 415 choked me, his fb https://mbasic.facebook.com/ricky.sf', 'CHECK facebook.com/ricky.sf'],
    ['REPORT 415 choked me, his fb www.facebook.com/ricky.sf', 'CHECK touch.facebook.com/ricky.sf'],
  ])('finds the handle of a link as the app shares it once %j is approved: %j', async (report, check) => {
    const w = await reportWorld();
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, report))?.[1] ?? 'none';
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, check)).toMatch(/^Heads Up: that .* is in 1 alert/);
  });
});
