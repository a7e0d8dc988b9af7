/**
 * A check-in's hours written as French (and Latin American Spanish) members
 * write them were read as minutes: the timer ran out hours early and the
 * buddies were told she may be in danger while she was still at work.
 */
import { catalog } from '../../src/bot/catalog';
import { clockTime } from '../../src/bot/clock-time';
import type { CheckinRules } from '../../src/bot/line-rules';
import { parse } from '../../src/bot/parser';
import { runCheckinTimers } from '../../src/jobs/checkin-timers';
import { botWorld } from '../helpers/bot-world';

const ROSE = '+14155550100';
const BUDDY = '+14155550177';
const MIN = 60_000;
const RULES: CheckinRules = { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] };
const fr = catalog('fr');

const minutesOf = (input: string) => {
  const p = parse(input);
  return p.ok && (p.command.kind === 'checkin' || p.command.kind === 'later') ? p.command.minutes : p;
};

describe('hours and minutes in every language', () => {
  it.each([
    ['SECURITE 12 heures', 720],
    ['SECURITE 2 heures rue Oak', 120],
    ['SECURITE 1 heure', 60],
    ['PROLONGER 2 heures', 120],
    ['SEGURA 12 hs', 720],
    ['SEGURA 2hs', 120],
    ['SECURITE 90 mn', 90],
    ['SECURITE 45mn', 45],
    ['SECURITE 1 heure 30 mn', 90],
    ['SECURITE 2h30mn', 150],
    ['SECURITE 1 heure 30', 90],
    ['SECURITE 1 heure et demie', 90],
    ['SEGURA 1 hora y media', 90],
    ['SEGURA 1h y media', 90],
    ['SEGURA 1 hora e meia', 90],
  ])('reads %j as %d minutes', (input, minutes) => {
    expect(minutesOf(input)).toBe(minutes);
  });

  it('a French member\'s "SECURITE 12 heures" is no 12-minute check-in: her buddy hears nothing after 12 minutes', async () => {
    const w = await botWorld({ checkins: RULES });
    w.sms(ROSE, 'FRANCAIS');
    w.sms(ROSE, 'JOIN');
    w.sms(ROSE, 'BINOME 415-555-0177 Rose');
    w.sms(BUDDY, 'ACCEPTER');
    const start = w.clock.now;
    const reply = w.sms(ROSE, 'SECURITE 12 heures Honda bleue').reply;
    // Twelve hours: the reply names the end twelve hours on (not twelve minutes).
    expect(reply).not.toBe(fr.checkinStarted(fr.checkinEnd({ time: clockTime(start + 12 * MIN), day: null }), 'buddies', true));
    w.clock.now = start + 12 * MIN;
    const run = runCheckinTimers({ db: w.db, vault: w.vault, fallback: 'none', moderatorContacts: [] }, w.clock.now);
    expect(run.escalated).toBe(0);
  });

  it('"CHECKIN 1h 30 red car" is an hour and a half: her buddy hears nothing after the hour, and then the details whole', async () => {
    const w = await botWorld({ checkins: RULES });
    w.sms(ROSE, 'JOIN');
    w.sms(ROSE, 'BUDDY 415-555-0177 Rose');
    w.sms(BUDDY, 'ACCEPT');
    const start = w.clock.now;
    w.sms(ROSE, 'CHECKIN 1h 30 red car');
    const timers = () => runCheckinTimers({ db: w.db, vault: w.vault, fallback: 'none', moderatorContacts: [] }, w.clock.now);
    w.clock.now = start + 61 * MIN;
    expect(timers().escalated).toBe(0);
    w.clock.now = start + 91 * MIN;
    expect(timers().escalated).toBe(1);
    expect(w.direct(BUDDY).filter((m) => m.includes('red car') && !m.includes('30 red car'))).toHaveLength(1);
  });

  it('"SEGURA 1 hora y 30 minutos Honda gris" is an hour and a half: her buddy hears nothing after the hour, then "Honda gris" alone', async () => {
    const w = await botWorld({ checkins: RULES });
    w.sms(ROSE, 'ESPANOL');
    w.sms(ROSE, 'JOIN');
    w.sms(ROSE, 'AMIGA 415-555-0177 Rose');
    w.sms(BUDDY, 'ACEPTAR');
    const start = w.clock.now;
    w.sms(ROSE, 'SEGURA 1 hora y 30 minutos Honda gris');
    const timers = () => runCheckinTimers({ db: w.db, vault: w.vault, fallback: 'none', moderatorContacts: [] }, w.clock.now);
    w.clock.now = start + 61 * MIN;
    expect(timers().escalated).toBe(0);
    w.clock.now = start + 91 * MIN;
    expect(timers().escalated).toBe(1);
    const told = w.direct(BUDDY).filter((m) => m.includes('Honda gris'));
    expect(told).toHaveLength(1);
    expect(told[0]).not.toMatch(/minutos|\by 30/);
  });

  it('"CHECKIN 1h 30 Grand Hyatt" is an hour and a half: her buddy is not told half an hour early', async () => {
    const w = await botWorld({ checkins: RULES });
    w.sms(ROSE, 'JOIN');
    w.sms(ROSE, 'BUDDY 415-555-0177 Rose');
    w.sms(BUDDY, 'ACCEPT');
    const start = w.clock.now;
    w.sms(ROSE, 'CHECKIN 1h 30 Grand Hyatt');
    const timers = () => runCheckinTimers({ db: w.db, vault: w.vault, fallback: 'none', moderatorContacts: [] }, w.clock.now);
    w.clock.now = start + 61 * MIN;
    expect(timers().escalated).toBe(0);
    w.clock.now = start + 91 * MIN;
    expect(timers().escalated).toBe(1);
  });

  it('"CHECKIN 2h 15 Main St" is two hours at 15 Main St: her buddy is told on time, and where she is whole', async () => {
    const w = await botWorld({ checkins: RULES });
    w.sms(ROSE, 'JOIN');
    w.sms(ROSE, 'BUDDY 415-555-0177 Rose');
    w.sms(BUDDY, 'ACCEPT');
    const start = w.clock.now;
    w.sms(ROSE, 'CHECKIN 2h 15 Main St');
    const timers = () => runCheckinTimers({ db: w.db, vault: w.vault, fallback: 'none', moderatorContacts: [] }, w.clock.now);
    w.clock.now = start + 119 * MIN;
    expect(timers().escalated).toBe(0);
    w.clock.now = start + 121 * MIN;
    expect(timers().escalated).toBe(1);
    expect(w.direct(BUDDY).filter((m) => m.includes('15 Main St'))).toHaveLength(1);
  });

  it('"LATER 1 30" moves nothing: her buddy is not told a minute on (it was read as one minute), and she is asked for the minutes', async () => {
    const w = await botWorld({ checkins: RULES });
    w.sms(ROSE, 'JOIN');
    w.sms(ROSE, 'BUDDY 415-555-0177 Rose');
    w.sms(BUDDY, 'ACCEPT');
    const start = w.clock.now;
    w.sms(ROSE, 'CHECKIN 60 red car');
    const timers = () => runCheckinTimers({ db: w.db, vault: w.vault, fallback: 'none', moderatorContacts: [] }, w.clock.now);
    expect(w.sms(ROSE, 'LATER 1 30').reply).toBe(catalog('en').laterUsage(720, 10));
    w.clock.now = start + 2 * MIN;
    expect(timers().escalated).toBe(0);
    // "LATER 1h 30" is read whole: the hour and a half goes on the end.
    w.sms(ROSE, 'LATER 1h 30');
    w.clock.now = start + 149 * MIN;
    expect(timers().escalated).toBe(0);
    w.clock.now = start + 151 * MIN;
    expect(timers().escalated).toBe(1);
  });
});
