/** A report naming a handle after a label worded otherwise than "is" ("his snap was j_smith") is found by CHECK j_smith. */
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld } from '../helpers/report-world';

const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';

describe('a report naming a handle after its label and other wording', () => {
  it.each([
    'REPORT 415 choked me, his snap was j_smith',
    'REPORT 415 choked me, his instagram handle is j_smith',
    'REPORT 415 choked me, snap username: j_smith',
  ])('%j is found by CHECK j_smith', async (report) => {
    const w = await reportWorld();
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, report))?.[1] ?? 'none';
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, 'CHECK j_smith')).toMatch(/^Heads Up: that handle is in 1 alert/);
  });
});
