/**
 * "Please try again tomorrow" (a report, a buddy invitation refused at the day's limit) meant the next UTC day: on a
 * Los Angeles line, a report refused on Monday at 17:36 was refused again on Tuesday at 09:00 and taken only from
 * 16:00, when UTC's day turned (found by a hunt on time zones and check-ins). A day's limit now starts at midnight
 * where the line is, a day the clocks change being 23 or 25 hours long.
 */
import path from 'node:path';
import { catalog } from '../../src/bot/catalog';
import { startOfLocalDay } from '../../src/bot/clock-time';
import { Db } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { SenderLimits } from '../../src/store/sender-limits';
import { botWorld } from '../helpers/bot-world';
import { tempDir } from '../helpers/temp-dir';
import { restoreTimeZoneAfterEach } from '../helpers/time-zone';

const ROSE = '+14155550100';
const MIN = 60_000;
const HOUR = 3_600_000;

/** Her sixth report of the day at `at`, then what she is told at each of `later`. */
async function reportsAt(zone: string, at: number, later: number[]): Promise<{ sixth: string | null; later: Array<string | null> }> {
  process.env.TZ = zone;
  const w = await botWorld({}, at);
  w.sms(ROSE, 'JOIN 415');
  for (let i = 0; i < 5; i++) w.sms(ROSE, `REPORT 415 client ${i} from 415-555-02${10 + i} pulled a knife on me at the motel`);
  const sixth = w.sms(ROSE, 'REPORT 415 guy from 415-555-0299 choked a worker last night').reply;
  const replies = later.map((t) => {
    w.clock.now = t;
    return w.sms(ROSE, 'REPORT 415 guy from 415-555-0299 choked a worker last night').reply;
  });
  return { sixth, later: replies };
}

describe("a day's limit starts at midnight where the line is", () => {
  restoreTimeZoneAfterEach();
  const limit = catalog('en').reportLimit();

  it('Los Angeles: a report refused on Monday at 17:36 is taken on Tuesday from 00:00, not refused until 16:00', async () => {
    const monday = Date.parse('2026-12-08T01:36:00Z'); // Mon 7 Dec 17:36 PST
    const r = await reportsAt('America/Los_Angeles', monday, [
      Date.parse('2026-12-08T07:59:00Z'), // Mon 23:59 PST: still Monday
      Date.parse('2026-12-08T08:00:00Z'), // Tue 00:00 PST
    ]);
    expect(r.sixth).toBe(limit);
    expect(r.later[0]).toBe(limit);
    expect(r.later[1]).not.toBe(limit);
    expect(r.later[1]).toMatch(/#[A-Z0-9]{4,6}/);
  });

  it('Kolkata (UTC+5:30): the day turns at 00:00 IST, 18:30 UTC', async () => {
    const r = await reportsAt('Asia/Kolkata', Date.parse('2026-12-07T10:00:00Z'), [Date.parse('2026-12-07T18:29:00Z'), Date.parse('2026-12-07T18:30:00Z')]);
    expect([r.sixth, r.later[0]]).toEqual([limit, limit]);
    expect(r.later[1]).toMatch(/#[A-Z0-9]{4,6}/);
  });

  it('Sydney (UTC+11 in summer): a report refused at 06:00 on Tuesday is refused until midnight, not taken at 11:00 when UTC turns', async () => {
    const r = await reportsAt('Australia/Sydney', Date.parse('2026-12-07T19:00:00Z'), [Date.parse('2026-12-08T00:30:00Z'), Date.parse('2026-12-08T12:59:00Z'), Date.parse('2026-12-08T13:00:00Z')]);
    expect([r.sixth, r.later[0], r.later[1]]).toEqual([limit, limit, limit]);
    expect(r.later[2]).toMatch(/#[A-Z0-9]{4,6}/);
  });

  it('a buddy invitation refused on Monday evening in Los Angeles is taken on Tuesday morning', async () => {
    process.env.TZ = 'America/Los_Angeles';
    const w = await botWorld({}, Date.parse('2026-12-08T01:30:00Z')); // Mon 7 Dec 17:30 PST
    w.sms(ROSE, 'JOIN');
    for (let i = 0; i < 6; i++) {
      w.sms(ROSE, `BUDDY 415-555-01${50 + i} Friend${i}`);
      w.sms(ROSE, `BUDDY OFF 415-555-01${50 + i}`);
    }
    const today = catalog('en').buddyInvitesToday(6);
    expect(w.sms(ROSE, 'BUDDY 415-555-0170 Jess').reply).toBe(today);
    w.clock.now = Date.parse('2026-12-08T17:00:00Z'); // Tue 8 Dec 09:00 PST
    expect(w.sms(ROSE, 'BUDDY 415-555-0170 Jess').reply).not.toBe(today);
    expect(w.sms(ROSE, 'BUDDY').reply).toContain('ending 0170 (waiting)');
  });
});

describe('startOfLocalDay', () => {
  restoreTimeZoneAfterEach();

  it.each([
    // A day the clocks go forward is 23 hours long, one they go back 25.
    ['America/Los_Angeles', '2026-03-08T20:00:00Z', '2026-03-08T08:00:00Z', '2026-03-09T07:00:00Z'],
    ['America/Los_Angeles', '2026-11-01T20:00:00Z', '2026-11-01T07:00:00Z', '2026-11-02T08:00:00Z'],
    ['Australia/Sydney', '2026-04-05T05:00:00Z', '2026-04-04T13:00:00Z', '2026-04-05T14:00:00Z'],
    ['Australia/Sydney', '2026-10-04T05:00:00Z', '2026-10-03T14:00:00Z', '2026-10-04T13:00:00Z'],
    ['Asia/Kolkata', '2026-12-07T18:29:59Z', '2026-12-06T18:30:00Z', '2026-12-07T18:30:00Z'],
    ['Europe/London', '2026-03-29T12:00:00Z', '2026-03-29T00:00:00Z', '2026-03-29T23:00:00Z'],
    // Chile moves its clocks at midnight: the day the change skips midnight starts at the change, 01:00.
    ['America/Santiago', '2026-09-06T12:00:00Z', '2026-09-06T04:00:00Z', '2026-09-07T03:00:00Z'],
    // Cuba moves them back at 01:00 to midnight: midnight comes twice, and the day starts at the first, 00:00 CDT.
    ['America/Havana', '2026-11-01T12:00:00Z', '2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z'],
    ['America/Havana', '2026-03-08T12:00:00Z', '2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z'],
  ])('%s at %s: the day runs from %s to %s', (zone, at, start, next) => {
    process.env.TZ = zone;
    const day = startOfLocalDay(Date.parse(at));
    const following = startOfLocalDay(day + 26 * HOUR);
    expect([new Date(day).toISOString(), new Date(following).toISOString()]).toEqual([new Date(start).toISOString(), new Date(next).toISOString()]);
    // The instant before its start is the day before's.
    expect(startOfLocalDay(day - 1)).toBeLessThan(day);
    expect(startOfLocalDay(following - MIN)).toBe(day);
  });
});

describe("a day's limit as stored", () => {
  restoreTimeZoneAfterEach();
  let db: Db;
  beforeEach(() => {
    db = new Db(path.join(tempDir(), 'line.db'));
    migrate(db);
  });
  afterEach(() => db.close());
  const KEY = Buffer.alloc(16, 0xa1);
  const DAY = { max: 2, windowMs: 86_400_000 };

  it('a count kept under a UTC day before the change is another window: she is counted afresh, never refused by it', () => {
    process.env.TZ = 'America/Los_Angeles';
    const now = Date.parse('2026-12-08T01:36:00Z'); // Mon 7 Dec 17:36 PST
    db.stmt('INSERT INTO sender_limits (sender_bidx, kind, window_start, count) VALUES (?, ?, ?, ?)').run(KEY, 'report', Date.parse('2026-12-08T00:00:00Z'), 2);
    const l = new SenderLimits(db);
    expect([l.reached(KEY, 'report', DAY, now), l.take(KEY, 'report', DAY, now), l.take(KEY, 'report', DAY, now), l.take(KEY, 'report', DAY, now)]).toEqual([false, true, true, false]);
    expect(db.stmt('SELECT window_start FROM sender_limits WHERE sender_bidx = ?').get(KEY)).toEqual({ window_start: Date.parse('2026-12-07T08:00:00Z') });
  });

  it('DELETE keeps the count of a 25-hour day (clocks going back) until that day ends', () => {
    process.env.TZ = 'America/Los_Angeles';
    const l = new SenderLimits(db);
    const start = Date.parse('2026-11-01T07:00:00Z'); // Sun 1 Nov 00:00 PDT; the day ends at 08:00Z on the 2nd
    expect([l.take(KEY, 'report', DAY, start + HOUR), l.take(KEY, 'report', DAY, start + HOUR)]).toEqual([true, true]);
    const lateThatDay = start + 24 * HOUR + 30 * MIN; // Sun 1 Nov 23:30 PST
    l.forget(KEY, lateThatDay);
    expect(l.take(KEY, 'report', DAY, lateThatDay)).toBe(false);
    l.forget(KEY, start + 25 * HOUR);
    expect(l.take(KEY, 'report', DAY, start + 25 * HOUR)).toBe(true);
  });
});
