/**
 * "plate ABC.123", "plate, ABC 123", "TX N°ABC123": once approved, CHECK of
 * the plate as a member types it told her nothing was known of that car.
 */
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld as world } from '../helpers/report-world';

const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';

describe('CHECK of a plate reported with punctuation in or before it', () => {
  it.each([
    ['REPORT 415 grey van, plate ABC.123, took my phone', 'ABC 123'],
    ['REPORT 415 grey van plate, ABC 123 took my phone', 'ABC-123'],
    ['REPORT 415 grey van TX N°ABC123, took my phone', 'ABC123'],
  ])('finds the approved %j by CHECK %s', async (report, query) => {
    const w = await world();
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, report))?.[1] ?? 'none';
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, `CHECK ${query}`)).toMatch(/^Heads Up: that plate is in 1 alert/);
  });
});
