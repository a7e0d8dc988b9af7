/**
 * A message that only read is remembered without its reply: a moderator's
 * SHOW quotes the whole report, and once an EDIT takes a victim's number out
 * of it (or a REJECT ends it), a replay of the captured SHOW webhook must
 * not give the old text back.
 */
import { MOD, REPORTER, reportWorld as world } from '../helpers/report-world';

describe('a moderator SHOW replayed after an EDIT', () => {
  it('does not give back the text the EDIT took out', async () => {
    const w = await world();
    const ref = /#([A-Z0-9]{4,6})/.exec(w.sms(REPORTER, 'REPORT 415 grey van, he hurt my friend Ana at 628-555-0142').reply ?? '')?.[1] as string;
    const sid = 'SMshowcaptured0000000000000000001';
    expect(w.sms(MOD, `SHOW ${ref}`, sid).reply).toContain('628-555-0142');
    expect(w.sms(MOD, `EDIT ${ref} grey van, he hurt a worker`).reply).toContain('edited');
    w.clock.now += 3_600_000;
    const replay = w.sms(MOD, `SHOW ${ref}`, sid).reply ?? '';
    expect(replay).not.toContain('628-555-0142');
    expect(replay).not.toContain('Ana');
  });
});
