/**
 * "his insta is rick_sf": a report's handle written without "@" was indexed
 * nowhere, and CHECK of a sentence holding one looked up nothing.
 */
import { catalog } from '../../src/bot/catalog';
import { DEFAULT_LIMITS } from '../../src/bot/context';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld, sms } from '../helpers/report-world';

const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';

describe('CHECK of a handle written without "@" in a sentence', () => {
  it('finds it once the report is approved, alone or in a sentence', async () => {
    const w = await reportWorld();
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, 'REPORT 415 choked me, his insta is rick_sf'))?.[1] ?? 'none';
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, 'CHECK @rick_sf')).toMatch(/^Heads Up: that handle is in 1 alert/);
    expect(say(w, MEMBER, 'CHECK is rick_sf dangerous?')).toMatch(/^Heads Up: that handle is in 1 alert/);
  });

  it('reads no handle in WhatsApp italics: the look-up left is the number she pasted', async () => {
    const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)], limits: { ...DEFAULT_LIMITS, checks: { max: 2, windowMs: 3_600_000 } } });
    w.sms(MEMBER, 'JOIN 415');
    w.sms(REPORTER, 'JOIN 415');
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, 'REPORT 415 choked me, texted from 415-555-0172'))?.[1] ?? 'none';
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, 'CHECK 415-555-0199')).toBe(catalog('en').checkNone());
    // One look-up left: a message forwarded from a WhatsApp group.
    expect(say(w, MEMBER, 'CHECK _careful_ with 415-555-0172')).toMatch(/^Heads Up: that number is in 1 alert/);
  });
  it.each([
    ['REPORT 415 choked me, his insta is j_smith', 'CHECK @j_smith'],
    ['REPORT 415 choked me, he goes by dj_rick on insta', 'CHECK dj_rick'],
  ])('finds a handle with one or two characters beside its underscore once %j is approved', async (report, check) => {
    const w = await reportWorld();
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, report))?.[1] ?? 'none';
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, check)).toMatch(/^Heads Up: that handle is in 1 alert/);
  });
});
