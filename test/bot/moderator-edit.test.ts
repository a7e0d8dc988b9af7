/**
 * EDIT on a line with several moderators. The SPEC: "The notice a moderator
 * receives (and SHOW ref) carries the exact alert text; APPROVE sends
 * exactly that." An EDIT withdraws the notices quoting the old text, and
 * the other moderators get a fresh one quoting the edited text: whoever
 * approves has been shown what goes. The editor is not sent their own edit.
 */
import { AlertRenderer } from '../../src/alerts/render-alert';
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { planNextRange } from '../../src/store/alerts';
import { findMember } from '../../src/store/members';
import { openBody } from '../../src/store/outbox';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MOD_A = '+14155550198';
const MOD_B = '+14155550199';
const MEMBER = '+14155550101';
const REPORTER = '+14155550105';
const t = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

async function twoModerators(alerts: number[] = []): Promise<{ w: BotWorld; ref: string }> {
  const w = await botWorld({ moderators: new Set([MOD_A, MOD_B]), moderatorContacts: [sms(MOD_A), sms(MOD_B)], onAlert: (id) => alerts.push(id) });
  w.sms(MEMBER, 'JOIN 415');
  const ref = /#([A-Z0-9]{4,6})/.exec(w.sms(REPORTER, 'REPORT 415 grey van, took my phone, his number 415-555-0177').reply ?? '')?.[1] as string;
  return { w, ref };
}

/** The notices a moderator has waiting (or sent) with their text, oldest first: what reaches their phone (a number: by SMS). */
function noticesOf(w: BotWorld, moderator: string | Sender): string[] {
  const member = findMember(w.db, w.vault, typeof moderator === 'string' ? sms(moderator) : moderator);
  if (!member) return [];
  const rows = w.db.sqlite.prepare('SELECT id, body_ct, key_version FROM outbox WHERE member_id = ? AND body_ct IS NOT NULL ORDER BY id').all(member.id) as Array<{
    id: number;
    body_ct: Buffer;
    key_version: number;
  }>;
  return rows.map((r) => openBody(w.vault, r));
}

describe('an EDIT by one moderator and an APPROVE by another', () => {
  it('never sends members a text the approving moderator was not shown', async () => {
    const alerts: number[] = [];
    const { w, ref } = await twoModerators(alerts);
    const first = noticesOf(w, MOD_B);
    expect(first.join('\n')).toContain('Heads Up alert (415): grey van, took my phone, his number 415-555-0177 -- STOP to end');

    // Moderator A edits (a typo in the number); moderator B reads what reaches them, then approves.
    expect(w.sms(MOD_A, `EDIT ${ref} grey van, took my phone, his number 415-555-0178`).reply).toContain(`#${ref} edited`);
    const shownToB = [...first, ...noticesOf(w, MOD_B)];
    // The edit's notice has reached B (an APPROVE before that is refused: moderator-approve-what-was-read.test.ts).
    w.db.sqlite.prepare("UPDATE outbox SET state = 'sent' WHERE member_id = ? AND state = 'pending'").run(findMember(w.db, w.vault, sms(MOD_B))!.id);
    expect(w.sms(MOD_B, `APPROVE ${ref}`).reply).toBe(`#${ref} approved: alert going to 415.`);
    for (let i = 0; i < 10 && !planNextRange(w.db, alerts[0]!, w.clock.now).done; i++);
    const sent = new AlertRenderer(w.db, w.vault).render(alerts[0]!, 'en');
    expect(sent).toContain('415-555-0178');
    // What members receive is a text B was shown before approving it.
    expect(shownToB.some((r) => r.includes(sent ?? '(none)'))).toBe(true);
  });

  it('tells the other moderator of the edit with the exact alert, and not the one who edited', async () => {
    const { w, ref } = await twoModerators();
    const before = noticesOf(w, MOD_A);
    w.sms(MOD_A, `EDIT ${ref} grey van, took my phone, his number 415-555-0178`);
    expect(noticesOf(w, MOD_B)).toEqual([t.modEditedNotice(`#${ref}`, 'Heads Up alert (415): grey van, took my phone, his number 415-555-0178 -- STOP to end', 1)]);
    // A's own notice of the report is withdrawn (it quotes the old text), and nothing of the edit is sent back to A.
    expect(before).toHaveLength(1);
    expect(noticesOf(w, MOD_A)).toEqual([]);
  });

  it('withdraws the notice of an edit once it is edited again, so a moderator holds only the latest text', async () => {
    const { w, ref } = await twoModerators();
    w.sms(MOD_A, `EDIT ${ref} grey van, his number 415-555-0178`);
    w.sms(MOD_A, `EDIT ${ref} grey van, his number 415-555-0179`);
    const notices = noticesOf(w, MOD_B);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('415-555-0179');
  });

  it('tells every moderator of an edit made at the command line', async () => {
    const { w, ref } = await twoModerators();
    expect(w.bot.operate(`EDIT ${ref} grey van, his number 415-555-0178`).reply).toContain(`#${ref} edited`);
    for (const mod of [MOD_A, MOD_B]) expect(noticesOf(w, mod)).toEqual([t.modEditedNotice(`#${ref}`, 'Heads Up alert (415): grey van, his number 415-555-0178 -- STOP to end', 1)]);
  });

  it('tells the other moderator that an edit left the report too long, without an APPROVE to answer', async () => {
    const { w, ref } = await twoModerators();
    const long = 'grey van, took my phone, his number 415-555-0178. '.repeat(12);
    w.sms(MOD_A, `EDIT ${ref} ${long}`);
    const notices = noticesOf(w, MOD_B);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(new RegExp(`^#${ref} was edited and is too long for an alert`));
    expect(w.sms(MOD_B, `APPROVE ${ref}`).reply).toMatch(/too long/);
  });
});

describe('an EDIT by a moderator listed by her number and by her Signal UUID (one person on one phone)', () => {
  const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
  const signalA: Sender = { channel: 'signal', address: UUID, phone: MOD_A };

  async function twinModerator(alerts: number[] = []) {
    const w = await botWorld({ moderators: new Set([MOD_A, MOD_B, UUID]), moderatorContacts: [sms(MOD_A), sms(MOD_B), signalA], onAlert: (id) => alerts.push(id) });
    let n = 0;
    const signal = (text: string) => w.bot.handle({ sender: signalA, text, providerId: `sig:${++n}` }).reply;
    // A member in 415: an approval no one would get is answered otherwise (moderator-alert-to-empty-area).
    w.sms(MEMBER, 'JOIN 415');
    // She has written from Signal, her number showing: her two memberships are linked.
    expect(signal('PENDING')).toBe(t.modPending([], 0));
    const ref = /#([A-Z0-9]{4,6})/.exec(w.sms(REPORTER, 'REPORT 415 grey van, took my phone').reply ?? '')?.[1] as string;
    return { w, ref, signal };
  }

  it('sends her own edit to neither of her memberships, only to the other moderator', async () => {
    const { w, ref } = await twinModerator();
    expect(w.sms(MOD_A, `EDIT ${ref} grey van, took my phone, knife`).reply).toContain(`#${ref} edited`);
    expect(noticesOf(w, signalA).filter((n) => n.includes('was edited'))).toEqual([]);
    expect(noticesOf(w, MOD_B).filter((n) => n.includes('was edited'))).toHaveLength(1);
  });

  it('approves at once from Signal what she edited by SMS', async () => {
    const alerts: number[] = [];
    const { w, ref, signal } = await twinModerator(alerts);
    w.sms(MOD_A, `EDIT ${ref} grey van, took my phone, knife`);
    expect(signal(`APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(alerts).toHaveLength(1);
  });

  it('approves by SMS an edit of another moderator whose notice reached her over Signal, its SMS copy still waiting', async () => {
    const alerts: number[] = [];
    const { w, ref } = await twinModerator(alerts);
    w.sms(MOD_B, `EDIT ${ref} grey van, took my phone, knife`);
    const signalMember = findMember(w.db, w.vault, signalA)!.id;
    w.db.sqlite.prepare("UPDATE outbox SET state = 'sent' WHERE member_id = ? AND state = 'pending'").run(signalMember);
    expect(w.sms(MOD_A, `APPROVE ${ref}`).reply).toBe(`#${ref} approved: alert going to 415.`);
    expect(alerts).toHaveLength(1);
  });
});
