/** A guided report's vehicle "WHITE TAHOE TX ABC1234, OR 7ABC128": once approved, CHECK 7ABC128 told a member nothing was known. */
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld } from '../helpers/report-world';

const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';

describe('CHECK of the second plate of a vehicle answer, after "OR" in capitals', () => {
  it('finds the approved report by either plate', async () => {
    const w = await reportWorld();
    for (const a of ['REPORT', '1', 'Fri 11pm', '415 Motel 6', 'tall', 'WHITE TAHOE TX ABC1234, OR 7ABC128', 'SKIP', 'SKIP']) say(w, REPORTER, a);
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, 'DONE'))?.[1] ?? 'none';
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, 'CHECK 7ABC128')).toMatch(/^Heads Up: that plate is in 1 alert/);
    expect(say(w, MEMBER, 'CHECK TX ABC1234')).toMatch(/^Heads Up: that plate is in 1 alert/);
  });
});
