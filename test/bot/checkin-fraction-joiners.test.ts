/**
 * A hostile review of the refusal of a fraction after CHECKIN's minutes (checkin-fraction-after-minutes) found it
 * too broad, refusing a unit's address ("CHECKIN 60 2/3 Smith St") and "24/7", and too narrow: "1 hour & a half",
 * "1 hour plus ½", "1 hour 0.5" started 60 minutes, the rest as details, the alarm half an hour early.
 */
import { parse } from '../../src/bot/parser';
import { ROSE, withBuddy } from './checkin-buddy-line';


describe('what follows the minutes and stays in her details', () => {
  it.each([
    ['CHECKIN 60 2/3 Smith St', 60, '2/3 Smith St'],
    ['CHECKIN 90 24/7 motel', 90, '24/7 motel'],
    ['CHECKIN 60 1/2 Smith St', 60, '1/2 Smith St'],
    ['CHECKIN 45 3/4 Oak Ave unit', 45, '3/4 Oak Ave unit'],
    // A sign glued to a number after the hours is a country code's, not a joining "+".
    ['CHECKIN 2h +45 12 34 56 78 client', 120, '+45 12 34 56 78 client'],
  ])('%j is a check-in of %i minutes with details %j', (text, minutes, details) => {
    expect(parse(text)).toMatchObject({ ok: true, command: { kind: 'checkin', minutes, details } });
  });
});

describe('"&", "+", "plus" and "n" join the half or the minutes to the hours', () => {
  it.each([
    ['CHECKIN 1 hour & a half', 90, ''],
    ['CHECKIN 1 hour &a half grey van', 90, 'grey van'],
    ['CHECKIN 1 hour + a half', 90, ''],
    ['CHECKIN 1 hour plus a half', 90, ''],
    ['CHECKIN 1 hr n a half', 90, ''],
    ['CHECKIN 2 hours & a quarter', 135, ''],
    ['CHECKIN 1 hora & media', 90, ''],
    ['CHECKIN 1 hour plus 30 min', 90, ''],
    ['CHECKIN 1 hour and a half', 90, ''],
    // Glued to the minutes too (a final review: read as 60, the alarm came half an hour early).
    ['CHECKIN 1h &30', 90, ''],
    ['CHECKIN 1h +30', 90, ''],
    ['CHECKIN 1h +30 grey van', 90, 'grey van'],
  ])('%j is a check-in of %i minutes', (text, minutes, details) => {
    expect(parse(text)).toMatchObject({ ok: true, command: { kind: 'checkin', minutes, details } });
  });
});

describe('a fraction of an hour, or a decimal below one after hours, is refused with the how-to reply', () => {
  it.each([
    'CHECKIN 1 hour plus ½',
    'CHECKIN 1 hr n ½',
    'CHECKIN 1 hour +½',
    'CHECKIN 1 hour & 1/2',
    'CHECKIN 1 hour 0.5',
    'CHECKIN 1 hour .5',
    'CHECKIN 1 hour and 0,5',
    'CHECKIN 2 hr 0.25 motel',
    'CHECKIN 60 1/2',
    'CHECKIN 60 1/2hr motel',
    'CHECKIN 10 1/2-hour date at the Hilton',
    'CHECKIN 60 3/4 min',
    'CHECKIN 1 1/2 hours',
    'CHECKIN 60 ½ Smith St',
  ])('%j', async (text) => {
    const w = await withBuddy();
    const howTo = w.sms(ROSE, 'CHECKIN').reply;
    expect(w.sms(ROSE, text).reply).toBe(howTo);
    const fresh = await withBuddy();
    expect(w.sms(ROSE, 'OK').reply).toBe(fresh.sms(ROSE, 'OK').reply);
  });

  it.each(['LATER 1 hour plus ½', 'LATER 1 hour 0.5', 'LATER 11 plus 30'])('%j is refused, the check-in left as it was', async (text) => {
    const w = await withBuddy();
    w.sms(ROSE, 'CHECKIN 90');
    const howTo = w.sms(ROSE, 'LATER').reply;
    expect(w.sms(ROSE, text).reply).toBe(howTo);
  });
});
