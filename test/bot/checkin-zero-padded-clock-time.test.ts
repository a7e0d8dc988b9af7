/**
 * A 24-hour clock time written with its leading zero was read as minutes or as a length: on a Los Angeles line at
 * 23:00, "CHECKIN 0500 at his hotel" ran until 07:20 (she meant 05:00: her buddies heard over two hours late),
 * "SECURITE 00h30" until 23:30, "SEGURA 02h30" until 01:30. No length is written with a leading zero: these are
 * refused as the other clock forms are, and she is told how to write the minutes (found by a hunt on time zones and
 * check-ins).
 */
import { catalog } from '../../src/bot/catalog';
import { parse } from '../../src/bot/parser';
import { runCheckinTimers } from '../../src/jobs/checkin-timers';
import { botWorld } from '../helpers/bot-world';
import { restoreTimeZoneAfterEach } from '../helpers/time-zone';

const ROSE = '+14155550100';
const BUDDY = '+14155550177';
const MIN = 60_000;

/** The minutes and details read, or the error. */
const read = (input: string) => {
  const p = parse(input);
  if (!p.ok) return p.error;
  if (p.command.kind === 'checkin') return [p.command.minutes, p.command.details];
  return p.command.kind === 'later' ? [p.command.minutes] : p.command.kind;
};

describe('a clock time written with a leading zero is refused, in every language', () => {
  it.each([
    // 24-hour times, four digits: read as 500, 230, 400, 100 minutes.
    'CHECKIN 0500 at his hotel',
    'CHECKIN 0230',
    'SAFE 0100',
    'SEGURA 0300',
    'SECURITE 0400',
    'CHECKIN 0959',
    'CHECKIN 0000',
    // As the army says it.
    'CHECKIN 0500 hours',
    'CHECKIN 0230 hrs',
    // Three digits with a leading zero (0:30 or 30 minutes?) are refused too: a refusal costs her a text, a wrong
    // reading an alarm an hour off.
    'CHECKIN 030',
    'SAFE 045 grey van',
    // An hour with its leading zero and h, as French and Portuguese write 00:30, 02:30, 05:00.
    'SECURITE 00h30',
    'SEGURA 02h30',
    'SECURITE 05h',
    'SECURITE 05h hotel',
    'SECURITE 02h 30',
    'SECURITE 00 h 30',
    'SEGURO 09H15',
    // LATER refuses them as CHECKIN does.
    'LATER 0230',
    'LUEGO 0100',
    'PROLONGER 00h30',
    'DEPOIS 02h30',
    'LATER 05h',
  ])('refuses %j (missing_minutes)', (input) => {
    expect(read(input)).toBe('missing_minutes');
  });

  it.each([
    ['CHECKIN 30', [30, '']],
    ['CHECKIN 90 grey van', [90, 'grey van']],
    ['CHECKIN 120', [120, '']],
    ['SECURITE 1h30', [90, '']],
    ['SEGURA 2h30', [150, '']],
    ['CHECKIN 2h', [120, '']],
    // No hh:mm in them (minutes 60 or more): a count with a zero before it.
    ['CHECKIN 090', [90, '']],
    ['CHECKIN 0060', [60, '']],
    // Minutes said so.
    ['CHECKIN 0500 min', [500, '']],
    ['CHECKIN 045 minutes', [45, '']],
    ['LATER 30', [30]],
    ['LATER 045 min', [45]],
  ])('reads %j as a length', (input, expected) => {
    expect(read(input)).toEqual(expected);
  });
});

describe('on a Los Angeles line at 23:00', () => {
  restoreTimeZoneAfterEach();

  it('answers "CHECKIN 0500 at his hotel" with how to write the minutes and starts no check-in', async () => {
    process.env.TZ = 'America/Los_Angeles';
    const w = await botWorld({ checkins: { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] } }, Date.parse('2026-12-05T07:00:00Z'));
    w.sms(ROSE, 'JOIN');
    w.sms(ROSE, 'BUDDY 415-555-0177 Rose');
    w.sms(BUDDY, 'ACCEPT');
    const start = w.clock.now;
    const reply = w.sms(ROSE, 'CHECKIN 0500 at his hotel').reply;
    expect(reply).toBe(catalog('en').checkinUsage(10, 720));
    // No check-in runs: nothing is due at 05:00, nor at 07:20 (500 minutes).
    w.clock.now = start + 501 * MIN;
    expect(runCheckinTimers({ db: w.db, vault: w.vault, fallback: 'none', moderatorContacts: [] }, w.clock.now)).toMatchObject({ reminded: 0, escalated: 0 });
  });
});
