/**
 * A report may keep 1,600 characters, and a reply over SMS carries no more
 * than that with its frame: SHOW sends the rest in a second message rather
 * than drop its end (the client's number put last), so that the moderator
 * who rewrites it with EDIT has read all of it. The second message goes
 * with the report's text, as its notices do.
 */
import { catalog } from '../../src/bot/catalog';
import { MAX_MESSAGE_CHARS } from '../../src/bot/sms-segments';
import { findMember } from '../../src/store/members';
import { MOD, REPORTER, reportWorld, sms } from '../helpers/report-world';

const t = catalog('en');
const refOf = (reply: string) => /#([A-Z0-9]{4,6})/.exec(reply)![1]!;

// A report of nearly 1,600 characters, the number he texted from last.
const story = `${'He seemed fine at first, then he got angry at the motel and would not pay. '.repeat(21)}He texted from 415-555-0177.`.slice(-1589).trimStart();

/** The moderator's messages since `before`, opened. */
function toMod(w: Awaited<ReturnType<typeof reportWorld>>, before: number): string[] {
  return w.queued(sms(MOD)).slice(before).map((m) => m.text);
}

describe('SHOW of a report longer than one message carries', () => {
  it('sends it whole over SMS, its end in a second message, each within what Twilio takes', async () => {
    const w = await reportWorld();
    const ref = refOf(w.sms(REPORTER, `REPORT 415 ${story}`).reply ?? '');
    const before = w.queued(sms(MOD)).length;
    const first = w.sms(MOD, `SHOW ${ref}`).reply ?? '';
    const rest = toMod(w, before);
    expect(rest).toHaveLength(1);
    const second = rest[0] ?? '';
    expect([first.length <= MAX_MESSAGE_CHARS, second.length <= MAX_MESSAGE_CHARS]).toEqual([true, true]);
    const start = first.slice(first.indexOf(' (1/2): ') + ' (1/2): '.length);
    expect(first.startsWith(`#${ref} is too long for an alert`)).toBe(true);
    expect(second.startsWith(`#${ref} (2/2): `)).toBe(true);
    expect(`${start} ${second.slice(`#${ref} (2/2): `.length)}`).toBe(story);
  });

  it('sends one message, as ever, when it fits', async () => {
    const w = await reportWorld();
    const short = story.slice(-900);
    const ref = refOf(w.sms(REPORTER, `REPORT 415 ${short}`).reply ?? '');
    const before = w.queued(sms(MOD)).length;
    const reply = w.sms(MOD, `SHOW ${ref}`).reply ?? '';
    expect(reply).toContain(short);
    expect(reply).not.toContain('(1/');
    expect(toMod(w, before)).toEqual([]);
  });

  it('lets its second message go with the report once it is decided', async () => {
    const w = await reportWorld();
    const ref = refOf(w.sms(REPORTER, `REPORT 415 ${story}`).reply ?? '');
    w.sms(MOD, `SHOW ${ref}`);
    expect(w.sms(MOD, `APPROVE ${ref}`).reply).toBe(t.modTooLong(`#${ref}`, 11));
    w.sms(MOD, `REJECT ${ref}`);
    const mod = findMember(w.db, w.vault, sms(MOD))!;
    const kept = w.db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE member_id = ? AND state = 'pending' AND body_ct IS NOT NULL").get(mod.id);
    expect(kept).toEqual({ n: 0 });
  });
});
