/**
 * A report in capitals, "PLATE IS ABC 123 AT THE MOTEL": once approved,
 * CHECK ABC-123 told a member nothing was known of that car.
 */
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld as world } from '../helpers/report-world';

const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';

describe('CHECK of a plate reported in a sentence in capitals', () => {
  it('finds the approved report by the plate as a member types it', async () => {
    const w = await world();
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, 'REPORT 415 HE CHOKED ME. PLATE IS ABC 123 AT THE MOTEL ON 5TH'))?.[1] ?? 'none';
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, 'CHECK ABC-123')).toMatch(/^Heads Up: that plate is in 1 alert/);
  });
});
