/**
 * How check-in times and the dates members read are written: "21:30" and
 * "2026-12-31" in the zone TZ names when the time is written, not when the
 * module was loaded (`npm start` reads TZ from `.env` after its modules are
 * loaded).
 */
import { catalog } from '../../src/bot/catalog';
import { clockTime, dayTime, ending, knownTimeZone, localDate, UNKNOWN_TIME_ZONE } from '../../src/bot/clock-time';
import { restoreTimeZoneAfterEach } from '../helpers/time-zone';

const AT = Date.UTC(2026, 11, 2, 4, 30);

describe('clockTime', () => {
  restoreTimeZoneAfterEach();

  it('follows TZ as it is now, set after the module was loaded, and as it changes', () => {
    process.env.TZ = 'UTC';
    expect(clockTime(AT)).toBe('04:30');
    process.env.TZ = 'America/Los_Angeles';
    expect(clockTime(AT)).toBe('20:30');
    process.env.TZ = 'Asia/Kolkata';
    expect(clockTime(AT)).toBe('10:00');
  });

  it('writes UTC for a TZ Node does not know, and the start warns of it', () => {
    process.env.TZ = 'Mars/Olympus_Mons';
    expect(clockTime(AT)).toBe('04:30');
    expect(knownTimeZone('Mars/Olympus_Mons')).toBeNull();
    expect(knownTimeZone(':America/Los_Angeles')).toBe('America/Los_Angeles');
    expect(UNKNOWN_TIME_ZONE).toContain('written in UTC');
    expect(UNKNOWN_TIME_ZONE).toContain('America/Los_Angeles');
  });
});

describe('localDate', () => {
  restoreTimeZoneAfterEach();
  // 19:00 on 31 December in Los Angeles, already 1 January in UTC.
  const EVENING = Date.UTC(2027, 0, 1, 3, 0);

  it('writes the day where the line is, as TZ is now, as the clock does', () => {
    process.env.TZ = 'America/Los_Angeles';
    expect(clockTime(EVENING)).toBe('19:00');
    expect(localDate(EVENING)).toBe('2026-12-31');
    expect(localDate(new Date(EVENING))).toBe('2026-12-31');
    process.env.TZ = 'UTC';
    expect(localDate(EVENING)).toBe('2027-01-01');
    process.env.TZ = 'Asia/Kolkata';
    expect(localDate(Date.UTC(2026, 11, 31, 20, 0))).toBe('2027-01-01');
  });

  it('writes the UTC day for a TZ Node does not know, as the clock does', () => {
    process.env.TZ = 'Mars/Olympus_Mons';
    expect(localDate(EVENING)).toBe('2027-01-01');
  });
});

describe('dayTime', () => {
  restoreTimeZoneAfterEach();
  const HOUR = 3_600_000;
  // 19:00 on Thursday 31 December in Los Angeles, already 1 January in UTC.
  const EVENING = Date.UTC(2027, 0, 1, 3, 0);

  it('names no day for a time on the day it is written, where the line is', () => {
    process.env.TZ = 'America/Los_Angeles';
    expect(dayTime(EVENING + 4 * HOUR, EVENING)).toEqual({ time: '23:00', day: null });
  });

  it('names the weekday and date of a time on another day, later or earlier', () => {
    process.env.TZ = 'America/Los_Angeles';
    expect(dayTime(EVENING + 6 * HOUR, EVENING)).toEqual({ time: '01:00', day: { weekday: 5, date: 1 } });
    expect(dayTime(EVENING + 5 * 24 * HOUR, EVENING)).toEqual({ time: '19:00', day: { weekday: 2, date: 5 } });
    expect(dayTime(EVENING, EVENING + 6 * HOUR)).toEqual({ time: '19:00', day: { weekday: 4, date: 31 } });
    process.env.TZ = 'UTC';
    expect(dayTime(EVENING + 6 * HOUR, EVENING)).toEqual({ time: '09:00', day: null });
  });

  it('the night the clocks go back, names the zone of a time within a day whose offset is not the one of the moment', () => {
    process.env.TZ = 'America/Los_Angeles';
    // 00:30 PDT on Sunday 1 November 2026; at 02:00 PDT the clocks go back to 01:00 PST.
    const NIGHT = Date.parse('2026-11-01T07:30:00Z');
    expect(dayTime(NIGHT + 100 * 60_000, NIGHT)).toEqual({ time: '01:10 PST', day: null });
    expect(dayTime(NIGHT + 20 * 60_000, NIGHT)).toEqual({ time: '00:50', day: null });
    expect(dayTime(NIGHT, NIGHT + 100 * 60_000)).toEqual({ time: '00:30 PDT', day: null });
    // A day later to the millisecond still names it; a minute more is placed by its day alone.
    const SATURDAY_NOON = Date.parse('2026-10-31T19:00:00Z');
    expect(dayTime(SATURDAY_NOON + 24 * HOUR, SATURDAY_NOON)).toEqual({ time: '11:00 PST', day: { weekday: 0, date: 1 } });
    expect(dayTime(SATURDAY_NOON + 24 * HOUR + 60_000, SATURDAY_NOON)).toEqual({ time: '11:01', day: { weekday: 0, date: 1 } });
  });

  it('names no zone on an ordinary night, whatever the milliseconds of the two times', () => {
    process.env.TZ = 'America/Los_Angeles';
    expect(dayTime(EVENING + HOUR + 250, EVENING + 750)).toEqual({ time: '20:00', day: null });
    expect(dayTime(EVENING + HOUR + 999, EVENING + 1)).toEqual({ time: '20:00', day: null });
    expect(dayTime(EVENING + HOUR + 250, EVENING)).toEqual({ time: '20:00', day: null });
  });

  it('names its month too, a week or more away: a missed check-in told months late names a day she can place', () => {
    process.env.TZ = 'America/Los_Angeles';
    expect(dayTime(EVENING + 7 * 24 * HOUR, EVENING)).toEqual({ time: '19:00', day: { weekday: 4, date: 7, month: 1 } });
    const end = dayTime(EVENING, EVENING + 91 * 24 * HOUR);
    expect(end).toEqual({ time: '19:00', day: { weekday: 4, date: 31, month: 12 } });
    expect(catalog('en').checkinEnd(end)).toBe('19:00 on Thu 31 Dec');
    expect(catalog('es').checkinEnd(end)).toBe('19:00 del jueves 31/12');
    expect(catalog('fr').checkinEnd(end)).toBe('19:00 le jeudi 31/12');
    expect(catalog('pt').checkinEnd(end)).toBe('19:00 de quinta, dia 31/12');
  });
});

describe('ending', () => {
  it('is the last four digits of a number', () => {
    expect(ending('+14155550177')).toBe('0177');
  });
});
