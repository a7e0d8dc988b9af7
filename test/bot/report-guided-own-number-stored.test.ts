/**
 * SPEC, DELETE: "erase everything tied to the sender: ... the link between
 * them and their reports". A guided report sealed the reporter's raw answers
 * next to the masked alert: her own number, masked in every copy that
 * reaches anyone, stayed in the stored report ("anything else": "call me
 * back at …"), so after her DELETE the report still named who filed it to
 * anyone holding the key. A one-message report was stored masked already.
 */
import { findReport } from '../../src/store/reports';
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld as world } from '../helpers/report-world';

const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';
const refOf = (text: string) => /#([A-Z0-9]{4,6})/.exec(text)?.[1] as string;
/** Her number (+1 415 555 0105) however it is punctuated. */
const HERS = /(?:1\D{0,3})?415\D{0,3}555\D{0,3}0105/;
const stored = (w: BotWorld, ref: string) => JSON.stringify(findReport(w.db, w.vault, ref));

function guided(w: BotWorld): string {
  for (const a of ['REPORT', '1', 'last night', '415 Motel 6', 'tall, beard', 'SKIP', '415-555-0177']) say(w, REPORTER, a);
  say(w, REPORTER, 'call me back at 415-555-0105 if you need more');
  return refOf(say(w, REPORTER, 'DONE'));
}

describe("a reporter's own number in her guided report", () => {
  it('is not kept in the stored report, so her DELETE leaves no trace of it (as in a one-message one)', async () => {
    const w = await world();
    const ref = guided(w);
    const single = refOf(say(w, REPORTER, 'REPORT 415 grey van, 415-555-0177, call me back at 415-555-0105'));
    expect(say(w, REPORTER, 'DELETE')).toContain('erased');
    // The moderators still have the reports, and no way to know who sent them.
    expect(say(w, MOD, `BLOCK ${ref}`)).toContain('erased their data');
    expect(stored(w, single)).not.toMatch(HERS);
    expect(stored(w, ref)).not.toMatch(HERS);
    expect(stored(w, ref)).toContain('call me back at [-] if you need more');
  });

  it('changes nothing the moderators are shown, nor what CHECK finds once approved', async () => {
    const w = await world();
    const ref = guided(w);
    const shown = say(w, MOD, `SHOW ${ref}`);
    expect(shown).toContain('Contact: +14155550177.');
    expect(shown).not.toMatch(HERS);
    expect(say(w, MOD, `APPROVE ${ref}`)).toContain('approved');
    expect(say(w, MEMBER, 'CHECK 415-555-0177')).toMatch(/^Heads Up: that number is in 1 alert/);
  });
});
