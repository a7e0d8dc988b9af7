/**
 * A CHECK of a sentence naming more identifiers than she has look-ups left
 * this hour was refused whole ("the most checks allowed for now"): under an
 * hourly limit below five, a sentence of five could never be checked, and a
 * worker screening a client got nothing, told she had used checks she had
 * not. The first identifiers she named are looked up, as many as her limit
 * leaves, and the reply says the others were not checked and when she may
 * send them. And a match among the first five of a longer sentence says the
 * ones past the fifth were not checked.
 */
import { DEFAULT_LIMITS } from '../../src/bot/context';
import { catalog } from '../../src/bot/catalog';
import { MAX_CHECKED } from '../../src/bot/check-command';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, sms } from '../helpers/report-world';

const t = catalog('en');
const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';
const FIVE = 'CHECK 415-555-0171, 415-555-0172, 415-555-0173, 415-555-0174 and plate ABC123';

/** A line whose hourly CHECK limit is `max`, with an approved alert naming plate ABC123 and 415-555-0172. */
async function world(max: number): Promise<BotWorld> {
  const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)], limits: { ...DEFAULT_LIMITS, checks: { max, windowMs: 3_600_000 } } });
  w.sms(MEMBER, 'JOIN 415');
  w.sms(REPORTER, 'JOIN 415');
  const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, 'REPORT 415 choked me, grey Honda plate ABC123, texted from 415-555-0172'))?.[1] ?? 'none';
  expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
  return w;
}

describe('CHECK of a sentence past what is left of the hourly limit', () => {
  it('looks up the first ones her limit leaves and says the others were not checked, under a limit below five', async () => {
    const w = await world(3);
    expect(say(w, MEMBER, FIVE)).toBe(`${t.checkFoundAmong({ count: 1, byCategory: { none: 1 }, latest: new Date(w.clock.now), areas: ['415'] }, ['+14155550172'])} ${t.checkUnchecked(3, true)}`);
    // Her three look-ups are used: the next CHECK is refused as ever.
    expect(say(w, MEMBER, 'CHECK ABC123')).toBe(t.checkLimit());
  });

  it('says none of those checked is named, never "no alerts name that", when the match was past what her limit left', async () => {
    const w = await world(10);
    // Eight of ten used.
    for (const n of ['81', '82', '83', '84', '85', '86', '87', '88']) expect(say(w, MEMBER, `CHECK 415-555-01${n}`)).toBe(t.checkNone());
    const reply = say(w, MEMBER, 'CHECK 415-555-0171, 415-555-0173 and plate ABC123');
    expect(reply).toBe(t.checkNoneOfFirst(2, true));
    expect(reply).toMatch(/^Heads Up: checked the first 2: no alerts name them\. The others were not checked: .*in an hour/);
  });

  it('says the ones past the fifth were not checked when one of the first five is in an alert', async () => {
    const w = await world(10);
    const reply = say(w, MEMBER, 'CHECK plate ABC123, 415-555-0171, 415-555-0173, 415-555-0174, 415-555-0175 and 415-555-0176');
    expect(reply).toMatch(/^Heads Up: ABC123 is in 1 alert/);
    expect(reply).toContain(t.checkUnchecked(MAX_CHECKED, false));
  });

  it('words the others in every language', () => {
    for (const lang of ['en', 'es', 'fr', 'pt'] as const) {
      const c = catalog(lang);
      expect(c.checkUnchecked(3, true)).not.toBe(c.checkUnchecked(3, false));
      expect(c.checkNoneOfFirst(3, true)).not.toBe(c.checkNoneOfFirst(3, false));
      expect(c.checkUnchecked(1, true)).not.toContain(' 1 ');
    }
  });
});
