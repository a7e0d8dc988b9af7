/**
 * A guided report's alert is clipped to fit 3 segments, and the moderators
 * approve the clipped text (notice, SHOW). An identifier only in what the
 * clipping left out must not become a CHECK hit no moderator ever read: a
 * reporter could tag a rival's number as a violent client that way.
 */
import { catalog } from '../../src/bot/catalog';
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld as world } from '../helpers/report-world';

const t = catalog('en');
const RIVAL = '(415) 555-0166';
const LONG = 'calm at first, then turned aggressive when asked for the money, says he is a contractor, a regular at the bar on 6th';

const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';

/** Files a guided report with these answers; returns what SHOW answered and approves it. */
function approveGuided(w: BotWorld, answers: { what?: string; person: string; vehicle: string; contact: string }): string {
  for (const a of ['REPORT', answers.what ?? '1', 'Fri 11pm', '415 Motel 6 on Lombard, second floor at the back, near the ice machine', answers.person, answers.vehicle, answers.contact, 'SKIP']) {
    say(w, REPORTER, a);
  }
  const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, 'DONE'))?.[1] as string;
  const shown = say(w, MOD, `SHOW ${ref}`);
  expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
  return shown;
}

describe('CHECK after a guided report whose alert was clipped', () => {
  it('does not find a number the clipping left out of the person answer', async () => {
    const w = await world();
    const shown = approveGuided(w, {
      person: `tall white man about 45, short beard, grey hair, snake tattoo on his left forearm, calls himself Rick, ${LONG}, second phone ${RIVAL}`,
      vehicle: 'grey van with a dent on the side, tinted windows, roof rack, plate 7ABC 123 CA',
      contact: 'texts from (415) 555-0177',
    });
    expect(shown).not.toContain('0166');
    expect(say(w, MEMBER, `CHECK ${RIVAL}`)).toBe(t.checkNone());
    // What the alert shows is found: the contact, and the plate a clipped vehicle keeps.
    expect(say(w, MEMBER, 'CHECK 415 555 0177')).toMatch(/^Heads Up: that number is in 1 alert/);
    expect(say(w, MEMBER, 'CHECK 7ABC123')).toMatch(/^Heads Up: that plate is in 1 alert/);
  });

  it('does not find a number the clipping left out of the vehicle answer', async () => {
    const w = await world();
    const shown = approveGuided(w, {
      person: 'tall white man about 45, short beard, grey hair, snake tattoo on his left forearm, calls himself Rick',
      vehicle: `grey van with a dent on the side, tinted windows, roof rack, ${LONG}, the van's owner ${RIVAL}`,
      contact: 'texts from (415) 555-0177',
    });
    expect(shown).not.toContain('0166');
    expect(say(w, MEMBER, `CHECK ${RIVAL}`)).toBe(t.checkNone());
  });

  it('does not find an identifier the clipping left out of the contact list', async () => {
    const w = await world();
    const contact = `texts from (415) 555-0177, email rick.the.contractor@example.com, insta @rick_sf_contractor, www.rick-contractor-services.com/about, then ${RIVAL}`;
    // Several categories and a letter GSM-7 lacks, with no plain form to fold to (the alert goes to UCS-2): the contact list is clipped too.
    const shown = approveGuided(w, {
      what: '1 2 3 5 6',
      person: `Łukasz, tall white man about 45, short beard, ${LONG}`,
      vehicle: `grey van with a dent on the side, tinted windows, roof rack, ${LONG}`,
      contact,
    });
    expect(shown).toContain('+14155550177');
    expect(shown).not.toContain('0166');
    expect(say(w, MEMBER, `CHECK ${RIVAL}`)).toBe(t.checkNone());
    expect(say(w, MEMBER, 'CHECK 415 555 0177')).toMatch(/^Heads Up: that number is in 1 alert/);
  });
});
