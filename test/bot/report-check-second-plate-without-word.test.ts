/**
 * A report naming two plates after one plate word ("plates ABC123 and
 * XYZ789") indexed the first only: CHECK XYZ789 answered "no alerts name
 * that" about a plate in an approved alert.
 */
import { catalog } from '../../src/bot/catalog';
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld } from '../helpers/report-world';

const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';

describe('CHECK of the second plate after one plate word', () => {
  it('finds it once the report is approved, alone or as CHECK reads the same words', async () => {
    const w = await reportWorld();
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, 'REPORT 415 choked me, two cars, plates ABC123 and XYZ789'))?.[1] ?? 'none';
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, 'CHECK XYZ-789')).toMatch(/^Heads Up: that plate is in 1 alert/);
    expect(say(w, MEMBER, 'CHECK plates DEF456 and XYZ789')).toMatch(/^Heads Up: XYZ789 is in 1 alert/);
  });

  it('reads no plate in a time listed after a plate', async () => {
    const w = await reportWorld();
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, 'REPORT 415 robbed me, plate 7ABC123, 11pm-2am at the Motel 6'))?.[1] ?? 'none';
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, 'CHECK 11PM2AM')).toBe(catalog('en').checkNone());
    expect(say(w, MEMBER, 'CHECK 7ABC123')).toMatch(/^Heads Up: that plate is in 1 alert/);
  });
  it.each([
    ['REPORT 415 choked me, he has two cars, plates 7ABC123 and ABC1234', 'CHECK ABC1234'],
    ['REPORT 415 choked me, placas ABC-1234 y 7ABC123', 'CHECK 7ABC123'],
  ])('finds a listed plate of another pattern than the first once %j is approved', async (report, check) => {
    const w = await reportWorld();
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, report))?.[1] ?? 'none';
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, check)).toMatch(/^Heads Up: that plate is in 1 alert/);
  });
});

