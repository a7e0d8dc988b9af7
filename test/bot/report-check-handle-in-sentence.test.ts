/**
 * "his insta is rick_sf": a report's handle written without "@" was indexed
 * nowhere, and CHECK of a sentence holding one looked up nothing.
 */
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld } from '../helpers/report-world';

const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';

describe('CHECK of a handle written without "@" in a sentence', () => {
  it('finds it once the report is approved, alone or in a sentence', async () => {
    const w = await reportWorld();
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, 'REPORT 415 choked me, his insta is rick_sf'))?.[1] ?? 'none';
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, 'CHECK @rick_sf')).toMatch(/^Heads Up: that handle is in 1 alert/);
    expect(say(w, MEMBER, 'CHECK is rick_sf dangerous?')).toMatch(/^Heads Up: that handle is in 1 alert/);
  });
});
