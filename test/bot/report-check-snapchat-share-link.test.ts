/** A report giving a Snapchat link as the app shares it is found by CHECK of the handle in it. */
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld } from '../helpers/report-world';

const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';

describe('a report naming a shared Snapchat link', () => {
  it('is found by CHECK @rickysf', async () => {
    const w = await reportWorld();
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, 'REPORT 415 choked me, his snap https://www.snapchat.com/add/rickysf?share_id=MTIzNDU2Nzg&locale=en-US'))?.[1] ?? 'none';
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, 'CHECK @rickysf')).toMatch(/^Heads Up: that handle is in 1 alert/);
  });
});
