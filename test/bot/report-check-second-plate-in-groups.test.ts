/**
 * A report naming two plates each in two groups ("plates ABC 1234 and XYZ 5678") indexed the first only: CHECK of
 * the second, as she would write it, answered "nothing known" about a plate in an approved alert.
 */
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld } from '../helpers/report-world';

const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';

describe('CHECK of the second plate a report lists in two groups', () => {
  it.each([
    ['plates ABC 1234 and XYZ 5678', 'XYZ 5678'],
    ['plates: ABC 123, XYZ 789', 'XYZ 789'],
  ])('finds %j by %j once the report is approved', async (plates, second) => {
    const w = await reportWorld();
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, `REPORT 415 choked me, ${plates}, two cars`))?.[1] ?? 'none';
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, `CHECK ${second}`)).toMatch(/^Heads Up: that plate is in 1 alert/);
  });
});
