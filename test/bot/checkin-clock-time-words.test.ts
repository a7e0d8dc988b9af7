/**
 * A clock time written with an hour word or a time-of-day word was read as a duration: "SECURITE 9h du
 * soir hotel" at 19:00 ran until 04:00 (her buddies heard 7 hours late), "CHECKIN 11 at night" ran 11
 * minutes (a false alarm). What may be a clock time is refused, as "CHECKIN 11 pm" is: she is told how.
 */
import { catalog } from '../../src/bot/catalog';
import type { CheckinRules } from '../../src/bot/line-rules';
import { parse } from '../../src/bot/parser';
import { runCheckinTimers } from '../../src/jobs/checkin-timers';
import { botWorld } from '../helpers/bot-world';

const ROSE = '+14155550100';
const BUDDY = '+14155550177';
const MIN = 60_000;
const RULES: CheckinRules = { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] };

/** The minutes and details read, or the error. */
const read = (input: string) => {
  const p = parse(input);
  if (!p.ok) return p.error;
  if (p.command.kind === 'checkin') return [p.command.minutes, p.command.details];
  return p.command.kind === 'later' ? [p.command.minutes] : p.command.kind;
};

describe('an hour then a time of day, in each language, is refused as a clock time', () => {
  it.each([
    // As found: read as 540, 600, 660 or 60 minutes (the alarm hours late), or as 11 minutes (a false alarm).
    'SECURITE 9h du soir hotel',
    'SEGURA 10 horas da noite',
    'SEGURA 11 horas de la noche',
    'SECURITE 1h du matin',
    'CHECKIN 11 at night',
    'CHECKIN 11 ce soir',
    'SEGURA 11 esta noche',
    'CHECKIN 11 tonite',
    'CHECKIN 11 o clock',
    'LATER 11 at night',
    // Any case, accents or not, apostrophes straight or curly.
    'securite 9H DU SOIR',
    "SÉCURITÉ 3h de l'après-midi",
    'sécurité 3 heures de l’après-midi',
    'SECURITE 3h de l apres midi',
    'SEGURA 10 horas da manhã',
    'SEGURA 10 HORAS DA MANHA',
    'SEGURA 7 horas da tarde',
    'SEGURA 5 hs de la tarde',
    'segura 11 Esta Noite',
    'SEGURA 11 hoje à noite',
    'SEGURA 11 hoje a noite',
    'SEGURA 3 de la madrugada',
    'SEGURA 11 en la noche',
    'CHECKIN 11 o’clock',
    "CHECKIN 11 o' clock",
    'CHECKIN 11 in the morning',
    'CHECKIN 7 this evening',
    'CHECKIN 3 in the afternoon',
    'CHECKIN 9h pm',
    'CHECKIN 11 TONITE',
    'SECURITE 11 et demi',
    'SECURITE 1h30 du matin',
    // Minutes after the hour and its unit, then the time of day.
    'SECURITE 9h 30 du soir',
    'SECURITE 11 heures 30 ce soir',
    'SEGURA 10 horas 15 da noite',
    'CHECKIN 9h 30 at night',
    // LATER and its words in each language.
    'LATER 11 tonite',
    'LUEGO 11 esta noche',
    'DESPUES 10 horas de la noche',
    'PROLONGER 11h du soir',
    'PROLONGER 11 ce soir',
    'DEPOIS 10 horas da noite',
    // Read as 660, 180, 600 or 540 minutes, or 11: NUIT and NITE, and the phrases "cette nuit", "por la noche",
    // "pela manhã", "tmrw morning", were missed.
    'SECURITE 11h cette nuit',
    'SECURITE 3h de la nuit',
    'PROLONGER 11h cette nuit',
    'SEGURA 10 horas por la noche',
    'SEGURA 10h pela manha',
    'CHECKIN 9h tmrw morning',
    'SEGURA 11 por la noche',
    'CHECKIN 11 at nite',
    'CHECKIN 9 tomorrow morning',
    'SECURITE 8h demain matin',
    'SECURITE 9h le soir',
    'SEGURA 8 amanhã de manhã',
    'SEGURA 9 mañana por la mañana',
    'CHECKIN 12 noon',
    'CHECKIN 10h 30 at night',
    'CHECKIN 11h tonight',
    'SEGURA 10 horas esta noche',
    // A bare hour: two minutes are meant by no one.
    'CHECKIN 2 tonight',
    'CHECKIN 1 at night',
  ])('refuses %j (missing_minutes)', (input) => {
    expect(read(input)).toBe('missing_minutes');
  });

  it.each([
    // A French clock time written as one word, its hour 4 or more: 690 or 555 minutes, or until 11:30 or 9:15?
    'SECURITE 11h30',
    'SECURITE 23h30',
    'SECURITE 9h15 hotel',
    'SECURITE 6h00',
    'SECURITE 6h30',
    'CHECKIN 10h30',
    'PROLONGER 10h30',
    // As French typography spaces it.
    'SECURITE 9h 30',
    'SECURITE 6h 30',
    'SECURITE 21 h 30',
    'SECURITE 9 h 15 hotel',
    'PROLONGER 10h 30',
  ])('refuses %j, which may be a French clock time (missing_minutes)', (input) => {
    expect(read(input)).toBe('missing_minutes');
  });

  it.each([
    ['CHECKIN 1h 30 Grand Hyatt', [90, 'Grand Hyatt']],
    ['CHECKIN 2h details', [120, 'details']],
    // The durations of a date French members write as one word: an hour and a half is no clock time.
    ['SECURITE 1h30', [90, '']],
    ['SECURITE 2h30 Clio grise', [150, 'Clio grise']],
    ['SECURITE 3h45', [225, '']],
    ['CHECKIN 2h5', [125, '']],
    // Minutes said so make a duration.
    ['SECURITE 10h30min', [630, '']],
    ['SECURITE 1h 30', [90, '']],
    ['SECURITE 2 h 30', [150, '']],
    ['SECURITE 4h 30 rue Oberkampf', [240, '30 rue Oberkampf']],
    ['SECURITE 4 heures 30', [270, '']],
    // No clock hour before the time of day, or hours written in English words: a duration and her details.
    ['CHECKIN 45 tonight', [45, 'tonight']],
    ['CHECKIN 30 at night', [30, 'at night']],
    ['CHECKIN 2 hours tonight', [120, 'tonight']],
    ['CHECKIN 2 hrs this evening', [120, 'this evening']],
    ['SEGURA 2 horas y media', [150, '']],
    ['SECURITE 1h et demie', [90, '']],
    ['CHECKIN 90 grey van at night', [90, 'grey van at night']],
    ['LUEGO 20 llego tarde', [20]],
    ['CHECKIN 20 at the club tonight', [20, 'at the club tonight']],
    // Refused by the last rules, read right before them: the French clock time under 6 is a date's length, and
    // "the", "at" before anything but a part of the day, "night" or "clock" alone, join nothing.
    ['CHECKIN 4h30', [270, '']],
    ['CHECKIN 5h30', [330, '']],
    ['SECURITE 5h30', [330, '']],
    ['CHECKIN 4h 30', [270, '']],
    ['CHECKIN 2h the morning guy', [120, 'the morning guy']],
    ['CHECKIN 2h night shift', [120, 'night shift']],
    ['CHECKIN 2h at night market', [120, 'at night market']],
    ['CHECKIN 2h noon meeting', [120, 'noon meeting']],
    ['CHECKIN 3h at the clock tower', [180, 'at the clock tower']],
    ['CHECKIN 20 in the morning he said', [20, 'in the morning he said']],
    ['CHECKIN 15 the afternoon guy', [15, 'the afternoon guy']],
    ['CHECKIN 10 the night manager', [10, 'the night manager']],
    ['CHECKIN 20 at the clock tower', [20, 'at the clock tower']],
    ['CHECKIN 2h at the morning market', [120, 'at the morning market']],
    ['CHECKIN 3h this guy', [180, 'this guy']],
    ['SEGURA 2 horas de la casa', [120, 'de la casa']],
    // Tonight names the day, not the hour, after an hour no night has: two hours tonight.
    ['CHECKIN 2h tonight', [120, 'tonight']],
    ['SEGURA 2 horas esta noche', [120, 'esta noche']],
    ['SEGURA 3 horas esta noite', [180, 'esta noite']],
  ])('keeps %j as it was read', (input, expected) => {
    expect(read(input)).toEqual(expected);
  });

  it.each(['SEGURA a las 11', 'SEGURA às 23h', 'SECURITE à 22h'])('still refuses %j, a clock time with no minutes first', (input) => {
    expect(read(input)).toBe('missing_minutes');
  });

  it('"SECURITE 9h du soir hotel" starts nothing and gets the reply "SECURITE 11 pm" gets', async () => {
    const w = await botWorld({ checkins: RULES });
    w.sms(ROSE, 'FRANCAIS');
    w.sms(ROSE, 'JOIN');
    w.sms(ROSE, 'BINOME 415-555-0177 Rose');
    w.sms(BUDDY, 'ACCEPTER');
    const start = w.clock.now;
    const reply = w.sms(ROSE, 'SECURITE 9h du soir hotel').reply;
    expect(reply).toBe(catalog('fr').checkinUsage(10, 720));
    expect(w.sms(ROSE, 'SECURITE 11 pm').reply).toBe(reply);
    // No check-in runs: nothing is due at any hour it could have been read as.
    w.clock.now = start + 541 * MIN;
    expect(runCheckinTimers({ db: w.db, vault: w.vault, fallback: 'none', moderatorContacts: [] }, w.clock.now)).toMatchObject({ reminded: 0, escalated: 0 });
  });
});
