/** A model after "and" that looks like a vanity plate ("plate 7ABC123 and GLC300 badge") is no alert's plate: CHECK GLC300 of an innocent finds none. */
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld } from '../helpers/report-world';

const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';

describe('a report naming a plate, then a model after "and"', () => {
  it('is found by CHECK of its plate, never of the model', async () => {
    const w = await reportWorld();
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, 'REPORT 415 choked me, silver Mercedes, plate 7ABC123 and GLC300 badge'))?.[1] ?? 'none';
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, 'CHECK 7ABC123')).toMatch(/^Heads Up: that .* is in 1 alert/);
    expect(say(w, MEMBER, 'CHECK GLC300')).toMatch(/no alerts name that/);
  });
});
