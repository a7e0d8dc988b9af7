/** A guided report's vehicle naming a plate the car did not have ("definitely not 7ABC128") puts it in no alert's screening. */
import { catalog } from '../../src/bot/catalog';
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld } from '../helpers/report-world';

const t = catalog('en');
const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';

describe('CHECK of a plate a vehicle answer says the car did not have', () => {
  it('finds nothing once the report is approved, and finds the car\'s plate', async () => {
    const w = await reportWorld();
    for (const a of ['REPORT', '1', 'Fri 11pm', '415 Motel 6', 'tall', 'silver Civic 7ABC123, definitely not 7ABC128', 'SKIP', 'SKIP']) say(w, REPORTER, a);
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, 'DONE'))?.[1] ?? 'none';
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, 'CHECK 7ABC123')).toMatch(/^Heads Up: that plate is in 1 alert/);
    expect(say(w, MEMBER, 'CHECK 7ABC128')).toBe(t.checkNone());
  });
});
