/**
 * APPROVE sends only what the approving moderator could read: not an EDIT
 * whose notice has not reached her yet (she approved the text she had), not
 * the end of a report her notice showed clipped as too long (approved for
 * fewer areas, it would fit). And after an EDIT the reporter's categories no
 * longer describe the alert, so CHECK does not count it under them.
 */
import { AlertRenderer } from '../../src/alerts/render-alert';
import { alertSegments } from '../../src/alerts/alert-text';
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { planNextRange } from '../../src/store/alerts';
import { findMember } from '../../src/store/members';
import { botWorld } from '../helpers/bot-world';

const t = catalog('en');
const MOD_A = '+14155550198';
const MOD_B = '+14155550199';
const MEMBER = '+14155550101';
const REPORTER = '+14155550105';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const refIn = (text: string | null) => /#([A-Z0-9]{4,6})/.exec(text ?? '')?.[1] as string;

describe('APPROVE by a moderator another EDIT has not reached yet', () => {
  it('sends nothing, shows her the text as it reads now, and her next APPROVE sends that text', async () => {
    const alerts: number[] = [];
    const w = await botWorld({ moderators: new Set([MOD_A, MOD_B]), moderatorContacts: [sms(MOD_A), sms(MOD_B)], onAlert: (id) => alerts.push(id) });
    w.sms(MEMBER, 'JOIN 415');
    const ref = refIn(w.sms(REPORTER, 'REPORT 415 grey van, took my phone, his number 415-555-0177').reply);
    // B's notice of the report went out: she reads it.
    const b = findMember(w.db, w.vault, sms(MOD_B))!;
    w.db.sqlite.prepare("UPDATE outbox SET state = 'sent' WHERE member_id = ?").run(b.id);
    w.clock.now += 1000;
    expect(w.sms(MOD_A, `EDIT ${ref} grey van, took my phone, his number 415-555-0178, he is a cop`).reply).toContain('edited');
    // Before A's edit reaches B, B answers the notice she read.
    w.clock.now += 1000;
    const first = w.sms(MOD_B, `APPROVE ${ref}`).reply ?? '';
    expect(alerts).toEqual([]);
    expect(first).toContain(`Not sent: #${ref}`);
    expect(first).toContain('he is a cop');
    // Having read it, she approves again: it goes, as shown.
    expect(w.sms(MOD_B, `APPROVE ${ref}`).reply).toBe(t.modApproved(`#${ref}`, ['415']));
    expect(alerts).toHaveLength(1);
    while (!planNextRange(w.db, alerts[0]!, w.clock.now).done);
    const sent = new AlertRenderer(w.db, w.vault).render(alerts[0]!, 'en') ?? '';
    expect(first).toContain(sent);
  });

  it('the moderator who edited approves at once: she wrote it', async () => {
    const alerts: number[] = [];
    const w = await botWorld({ moderators: new Set([MOD_A, MOD_B]), moderatorContacts: [sms(MOD_A), sms(MOD_B)], onAlert: (id) => alerts.push(id) });
    w.sms(MEMBER, 'JOIN 415');
    const ref = refIn(w.sms(REPORTER, 'REPORT 415 grey van, took my phone').reply);
    const a = findMember(w.db, w.vault, sms(MOD_A))!;
    w.db.sqlite.prepare("UPDATE outbox SET state = 'sent' WHERE member_id = ?").run(a.id);
    w.sms(MOD_A, `EDIT ${ref} grey van, took my phone, he is a cop`);
    expect(w.sms(MOD_A, `APPROVE ${ref}`).reply).toBe(t.modApproved(`#${ref}`, ['415']));
    expect(alerts).toHaveLength(1);
  });
});

describe('APPROVE over Signal after another EDIT, while the answer showing her the text is still queued', () => {
  const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
  const signalA: Sender = { channel: 'signal', address: UUID };

  /** Moderator A listed by her Signal UUID only (her replies queued), B by number; B edits a report. */
  async function editedByB(alerts: number[]) {
    const w = await botWorld({ moderators: new Set([MOD_B, UUID]), moderatorContacts: [sms(MOD_B), signalA], onAlert: (id) => alerts.push(id) });
    let n = 0;
    const signal = (text: string) => w.bot.handle({ sender: signalA, text, providerId: `sig:${++n}` }, 'outbox').reply;
    signal('PENDING');
    const ref = refIn(w.sms(REPORTER, 'REPORT 415 grey van, took my phone').reply);
    w.sms(MOD_B, `EDIT ${ref} grey van, took my phone, knife`);
    /** Her Signal answers and notices as sent: they reached her. */
    const delivered = () => w.db.sqlite.prepare("UPDATE outbox SET state = 'sent' WHERE member_id = ? AND state = 'pending'").run(findMember(w.db, w.vault, signalA)!.id);
    /** Her Signal answers and notices failed for good (Signal refused them, 400): nothing reached her. */
    const refused = () =>
      w.db.sqlite
        .prepare("UPDATE outbox SET state = 'failed', error = 'signal:400', body_ct = NULL WHERE member_id = ? AND state = 'pending'")
        .run(findMember(w.db, w.vault, signalA)!.id);
    return { w, ref, signal, delivered, refused };
  }

  it('after her SHOW: sends nothing until that answer has gone to her', async () => {
    const alerts: number[] = [];
    const { ref, signal, delivered } = await editedByB(alerts);
    signal(`SHOW ${ref}`);
    signal(`APPROVE ${ref}`);
    expect(alerts).toEqual([]);
    delivered();
    signal(`APPROVE ${ref}`);
    expect(alerts).toHaveLength(1);
  });

  it('after her SHOW whose answer failed for good: sends nothing, and once a later SHOW has gone, her APPROVE sends', async () => {
    const alerts: number[] = [];
    const { ref, signal, delivered, refused } = await editedByB(alerts);
    signal(`SHOW ${ref}`);
    refused();
    signal(`APPROVE ${ref}`);
    expect(alerts).toEqual([]);
    // The refusal's answer failed too; a SHOW that reaches her is what she approves from.
    refused();
    signal(`SHOW ${ref}`);
    delivered();
    signal(`APPROVE ${ref}`);
    expect(alerts).toHaveLength(1);
  });

  it('after her first APPROVE, answered with the text: a second one before that answer went sends nothing', async () => {
    const alerts: number[] = [];
    const { ref, signal, delivered } = await editedByB(alerts);
    signal(`APPROVE ${ref}`);
    signal(`APPROVE ${ref}`);
    expect(alerts).toEqual([]);
    delivered();
    signal(`APPROVE ${ref}`);
    expect(alerts).toHaveLength(1);
  });
});

describe('a report its notice called too long', () => {
  it('waits for an EDIT even when APPROVE names fewer areas, with which it would fit', async () => {
    const alerts: number[] = [];
    const w = await botWorld({ moderators: new Set([MOD_B]), moderatorContacts: [sms(MOD_B)], onAlert: (id) => alerts.push(id) });
    const head = 'Tall man in a grey van picked me up on Mission, drove to a lot, would not pay, took my phone and pushed me out. ';
    const many = ['209', '408', '415', '510', '650', '707', '925'];
    const full = `${head}${head}${head}${head}`;
    let n = 100;
    while (alertSegments(many, full.slice(0, n + 1).trim()) <= 3) n++;
    const text = `${full.slice(0, n - 4).trim()} HE IS A COP`;
    expect(alertSegments(many, text)).toBeGreaterThan(3);
    expect(alertSegments(['415'], text)).toBeLessThanOrEqual(3);
    const ref = refIn(w.sms(REPORTER, `REPORT 415 510 650 925 408 707 209 ${text}`).reply);
    expect(w.queued(sms(MOD_B)).map((q) => q.text).join('\n')).toContain('too long');
    expect(w.sms(MOD_B, `APPROVE ${ref} 415`).reply).toBe(t.modTooLong(`#${ref}`, alertSegments(many, text)));
    expect(alerts).toEqual([]);
  });
});

describe('EDIT of a guided report', () => {
  it('leaves the categories the reporter chose out of CHECK: the text is the moderator’s now', async () => {
    const w = await botWorld({ moderators: new Set([MOD_B]), moderatorContacts: [sms(MOD_B)] });
    w.sms(MEMBER, 'JOIN 415');
    let reply: string | null = null;
    // She picks 1 (violence) by mistake and says so in "anything else".
    for (const answer of ['REPORT 415', '1', 'SKIP', 'SKIP', 'SKIP', 'grey van 7ABC123', 'SKIP', 'sorry, 1 was wrong: no violence, he never showed up', 'DONE']) {
      reply = w.sms(REPORTER, answer).reply;
    }
    const ref = refIn(reply);
    expect(w.sms(MOD_B, `EDIT ${ref} no-show: booked and never came, grey van plate 7ABC123`).reply).toContain('edited');
    const b = findMember(w.db, w.vault, sms(MOD_B))!;
    w.db.sqlite.prepare("UPDATE outbox SET state = 'sent' WHERE member_id = ?").run(b.id);
    expect(w.sms(MOD_B, `APPROVE ${ref}`).reply).toBe(t.modApproved(`#${ref}`, ['415']));
    const check = w.sms(MEMBER, 'CHECK 7ABC123').reply ?? '';
    expect(check).toContain('in 1 alert');
    expect(check).not.toMatch(/violence/);
  });
});
