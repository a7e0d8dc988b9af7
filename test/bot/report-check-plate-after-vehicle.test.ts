/**
 * "plate on his silver honda civic ABC123", "plaque de sa voiture
 * AB-123-CD": the words describing the car were read as the plate's, so
 * once approved CHECK of the plate told a member nothing was known.
 */
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld as world } from '../helpers/report-world';

const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';

describe('CHECK of a plate reported after the car it belongs to', () => {
  it.each([
    ['REPORT 415 took my money, plate on his silver honda civic ABC123', 'ABC 123'],
    ['REPORT 415 violent, plaque de sa voiture AB-123-CD', 'AB123CD'],
    ['REPORT 415 me golpeó, la placa de su camioneta roja es ABC 1234', 'ABC-1234'],
  ])('finds the approved %j by CHECK %s', async (report, query) => {
    const w = await world();
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, report))?.[1] ?? 'none';
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, `CHECK ${query}`)).toMatch(/^Heads Up: that plate is in 1 alert/);
  });
});
