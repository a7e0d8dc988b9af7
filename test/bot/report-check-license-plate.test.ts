/**
 * A report naming "license plate 4GHT567" indexed no plate (the first plate
 * word took the second as its plate), so once approved CHECK 4GHT567 told a
 * member nothing was known of that client's car.
 */
import { catalog } from '../../src/bot/catalog';
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld as world } from '../helpers/report-world';

const t = catalog('en');
const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';

describe('CHECK of a plate reported after "license plate"', () => {
  it('finds an approved "license plate 4GHT567" by CHECK 4GHT567', async () => {
    const w = await world();
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, 'REPORT 415 grey honda, license plate 4GHT567, choked me'))?.[1] ?? 'none';
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, 'CHECK 4GHT567')).toMatch(/^Heads Up: that plate is in 1 alert/);
    expect(say(w, MEMBER, 'CHECK 4GHT568')).toBe(t.checkNone());
  });
});
