/** Under SUBSCRIBE_MODE=approval, the join-notice rules together: every open request is told to the moderators once (a notice, or the digest), none that no longer exists, and one number cannot flood them. */
import type { Sender } from '../../src/phone/identity';
import { findMember } from '../../src/store/members';
import { countRequests } from '../../src/store/member-requests';
import { openBody } from '../../src/store/outbox';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MOD_A = '+14155550198';
const MOD_B = '+14155550199';
const P = '+14155550101';
const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const sms = (a: string): Sender => ({ channel: 'sms', address: a, phone: a });
let n = 0;
const signal = (w: BotWorld, text: string) =>
  w.bot.handle({ sender: { channel: 'signal', address: UUID, phone: P }, text, providerId: `${UUID}:${1_700_000_000_000 + ++n}` }, 'outbox');
const world = (mods: string[]) => botWorld({ moderators: new Set(mods), moderatorContacts: mods.map(sms), subscribeMode: 'approval' });

/** The texts each world's moderators were sent, read as they went (a request closed since erases a sent notice's text). */
const sentTexts = new WeakMap<BotWorld, Map<number, string>>();

/** What reaches a moderator: what went to her, and her messages still waiting, not withdrawn (state 'failed'), oldest first. */
function live(w: BotWorld, mod: string): string[] {
  const m = findMember(w.db, w.vault, sms(mod));
  if (!m) return [];
  const sent = sentTexts.get(w) ?? new Map<number, string>();
  const rows = w.db.sqlite
    .prepare("SELECT id, state, body_ct, key_version FROM outbox WHERE member_id = ? AND state <> 'failed' ORDER BY id")
    .all(m.id) as Array<{ id: number; state: string; body_ct: Buffer | null; key_version: number }>;
  return rows.flatMap((r) => (sent.has(r.id) ? [sent.get(r.id) as string] : r.state === 'pending' && r.body_ct ? [openBody(w.vault, { ...r, body_ct: r.body_ct })] : []));
}

/** The dispatcher sent what waits for this moderator: its text is read as it goes. */
function delivered(w: BotWorld, mod: string): void {
  const m = findMember(w.db, w.vault, sms(mod))!;
  const sent = sentTexts.get(w) ?? new Map<number, string>();
  sentTexts.set(w, sent);
  const due = w.db.sqlite
    .prepare("SELECT id, body_ct, key_version FROM outbox WHERE member_id = ? AND state = 'pending' AND due_at <= ?")
    .all(m.id, w.clock.now) as Array<{ id: number; body_ct: Buffer; key_version: number }>;
  for (const r of due) sent.set(r.id, openBody(w.vault, r));
  w.db.sqlite.prepare("UPDATE outbox SET state = 'sent' WHERE member_id = ? AND state = 'pending' AND due_at <= ?").run(m.id, w.clock.now);
}

const refOf = (notice: string) => /#([A-Z0-9]{4,6})/.exec(notice)![1]!;

describe('join notices, review 17', () => {
  it('a join request held in the digest, closed by STOP: the digest no longer announces it (nothing waits)', async () => {
    const w = await world([MOD_A]);
    for (let i = 0; i < 5; i++) w.sms(`+1415555020${i}`, 'JOIN 415');
    w.sms(P, 'JOIN 415'); // the sixth in the quarter hour: held for the digest
    const notices = live(w, MOD_A).filter((m) => m.startsWith('Join request'));
    expect(notices).toHaveLength(5);
    for (const notice of notices) w.sms(MOD_A, `APPROVE ${refOf(notice)}`);
    w.sms(P, 'STOP');
    expect(countRequests(w.db)).toBe(0);
    // Nothing waits for a moderator: a digest saying "1 more join request waiting" tells of a request that is gone.
    expect(live(w, MOD_A).filter((m) => /waiting; text PENDING/.test(m))).toEqual([]);
  });

  it('a join request held in the digest, closed, asked again the same day after the digest was dropped: it is announced', async () => {
    const w = await world([MOD_A]);
    for (let i = 0; i < 5; i++) w.sms(`+1415555020${i}`, 'JOIN 415');
    w.sms(P, 'JOIN 415'); // held for the digest; takes the day's announcement of P's number
    w.sms(P, 'STOP');
    // The moderator decides the five she was told of: nothing waits, so the digest is dropped (e5c419c).
    for (const notice of live(w, MOD_A).filter((m) => m.startsWith('Join request'))) w.sms(MOD_A, `APPROVE ${refOf(notice)}`);
    w.clock.now += 60_000;
    w.sms(P, 'JOIN 415');
    expect(countRequests(w.db)).toBe(1);
    // README: "a notice still waiting when its request is closed is not sent (then the moderators were never told,
    // and the next request is announced)". Here no notice and no digest ever reaches a moderator about her.
    const { ref } = w.db.sqlite.prepare('SELECT ref FROM member_requests').get() as { ref: string };
    expect(live(w, MOD_A).some((m) => m.includes(`#${ref}`) || /waiting; text PENDING/.test(m))).toBe(true);
  });

  it('JOIN over SMS, JOIN over Signal (same number), STOP over SMS before its notice went: the open Signal request is announced', async () => {
    const w = await world([MOD_A]);
    w.sms(P, 'JOIN 415'); // announced; its notice waits
    signal(w, 'JOIN 415'); // the same number: the day's announcement is taken, so it waits in PENDING
    w.sms(P, 'STOP'); // her SMS request closes; its notice is withdrawn; the day's announcement given back
    expect(countRequests(w.db)).toBe(1); // the Signal request, still open
    w.clock.now += 60_000;
    signal(w, 'JOIN 415'); // asking again changes nothing
    // Her SMS request's notice was withdrawn: no moderator is ever told of the open Signal one.
    const { ref } = w.db.sqlite.prepare('SELECT ref FROM member_requests').get() as { ref: string };
    expect(live(w, MOD_A).some((m) => m.includes(`#${ref}`) || /waiting; text PENDING/.test(m))).toBe(true);
  });

  it('one number cycling JOIN and STOP while one moderator’s notice waits is announced once a day to the other', async () => {
    const w = await world([MOD_A, MOD_B]);
    for (let i = 0; i < 4; i++) {
      w.sms(P, 'JOIN 415');
      delivered(w, MOD_A); // A's notice went; B's still waits (B's lane paused, a resend in backoff)
      w.clock.now += 30_000;
      w.sms(P, 'STOP'); // withdraws B's notice only: the day's announcement is given back all the same
      w.clock.now += 30_000;
    }
    expect(live(w, MOD_A).filter((m) => m.startsWith('Join request'))).toHaveLength(1);
  });
});
