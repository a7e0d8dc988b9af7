/**
 * The night clocks go back, a check-in's end was written with no zone: "CHECKIN 20" at 01:50 PDT was answered
 * "until 01:10", an end before the time she sent it, and across the change no one can tell which 01:10 it is (found
 * by a hunt on time zones and check-ins). When the end's offset is not now's, its zone's short name follows it; on
 * any other night the reply is as it was.
 */
import { catalog } from '../../src/bot/catalog';
import type { Lang } from '../../src/bot/commands';
import { dayTime } from '../../src/bot/clock-time';
import { botWorld } from '../helpers/bot-world';
import { restoreTimeZoneAfterEach } from '../helpers/time-zone';

const ROSE = '+14155550100';
const BUDDY = '+14155550177';

async function checkinReply(zone: string, at: string, lang: Lang, word: string, text: string): Promise<string | null> {
  process.env.TZ = zone;
  const w = await botWorld({ checkins: { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] } }, Date.parse(at));
  if (lang !== 'en') w.sms(ROSE, `LANG ${lang.toUpperCase()}`);
  w.sms(ROSE, 'JOIN');
  w.sms(ROSE, `${word} 415-555-0177 Rose`);
  w.sms(BUDDY, 'ACCEPT');
  return w.sms(ROSE, text).reply;
}

describe("a check-in's end across a change of the clocks names its zone", () => {
  restoreTimeZoneAfterEach();

  it.each([
    // Clocks going back: the end reads earlier than the time she sent it.
    ['America/Los_Angeles', '2026-11-01T08:50:00Z', 'en', 'BUDDY', 'CHECKIN 20', '01:10 PST'],
    ['Europe/London', '2026-10-25T00:50:00Z', 'fr', 'BINOME', 'SECURITE 20', '01:10 GMT'],
    ['Australia/Sydney', '2026-04-04T15:50:00Z', 'pt', 'PARCEIRA', 'SEGURA 20', '02:10 GMT+10'],
    ['America/Los_Angeles', '2026-11-01T08:40:00Z', 'es', 'AMIGA', 'SEGURA 60', '01:40 PST'],
    // Clocks going forward: 01:50 + 20 minutes is 03:10.
    ['America/Los_Angeles', '2026-03-08T09:50:00Z', 'en', 'BUDDY', 'CHECKIN 20', '03:10 PDT'],
  ] as const)('%s at %s (%s, %s): "%s" ends at %s', async (zone, at, lang, word, text, end) => {
    const reply = await checkinReply(zone, at, lang, word, text);
    expect(reply).toContain(catalog(lang).checkinEnd({ time: end, day: null }));
  });

  it('names no zone on an ordinary night: the reply is no longer', async () => {
    const reply = await checkinReply('America/Los_Angeles', '2026-12-05T07:00:00Z', 'en', 'BUDDY', 'CHECKIN 20');
    expect(reply).toContain('23:20');
    expect(reply).not.toMatch(/23:20 [A-Z]/);
  });

  it('names the zone in a time written after the change for an end before it, and not when both are after', () => {
    process.env.TZ = 'America/Los_Angeles';
    const end = Date.parse('2026-11-01T08:30:00Z'); // 01:30 PDT
    expect(dayTime(end, Date.parse('2026-11-01T09:10:00Z'))).toEqual({ time: '01:30 PDT', day: null }); // written at 01:10 PST
    expect(dayTime(Date.parse('2026-11-01T09:30:00Z'), Date.parse('2026-11-01T09:10:00Z'))).toEqual({ time: '01:30', day: null });
    // Further than a day, its date places it (an escalation told days late): no zone.
    expect(dayTime(end, Date.parse('2026-11-03T09:10:00Z'))).toEqual({ time: '01:30', day: { weekday: 0, date: 1 } });
  });
});
