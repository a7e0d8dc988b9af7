/**
 * A moderator's SHOW is remembered without its reply: it quotes the whole
 * report, and once an EDIT takes a victim's number out of it (or a REJECT
 * ends it), neither a replay of the captured SHOW webhook nor the inbound
 * log may give the old text back.
 */
import { openBody } from '../../src/store/outbox';
import type { Sender } from '../../src/phone/identity';
import { findMember } from '../../src/store/members';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { MOD, REPORTER, reportWorld as world, sms } from '../helpers/report-world';
import { openReply } from '../../src/store/inbound-log';

const VICTIM = '628-555-0142';

/** The texts a seized database would give up with the key: every reply kept in the inbound log, and every queued body. */
function heldTexts(w: BotWorld): string[] {
  const rows = w.db.sqlite.prepare('SELECT provider_bidx, reply_ct, key_version FROM inbound_messages WHERE reply_ct IS NOT NULL').all() as Array<{ provider_bidx: Buffer; reply_ct: Buffer; key_version: number }>;
  const bodies = w.db.sqlite.prepare('SELECT id, body_ct, key_version FROM outbox WHERE body_ct IS NOT NULL').all() as Array<{ id: number; body_ct: Buffer; key_version: number }>;
  return [...rows.map((r) => openReply(w.vault, r) ?? ''), ...bodies.map((r) => openBody(w.vault, r))];
}

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

  it('keeps no sealed copy of it over Signal either, where replies go through the outbox once', async () => {
    const MOD_UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
    const mod = { channel: 'signal' as const, address: MOD_UUID };
    const w = await botWorld({ moderators: new Set([MOD_UUID]), moderatorContacts: [mod] });
    const ref = /#([A-Z0-9]{4,6})/.exec(w.sms(REPORTER, 'REPORT 415 grey van, he hurt my friend Ana at 628-555-0142').reply ?? '')?.[1] as string;
    w.bot.handle({ sender: mod, text: `SHOW ${ref}`, providerId: `${MOD_UUID}:1764900000001` }, 'outbox');
    w.bot.handle({ sender: mod, text: `EDIT ${ref} grey van, he hurt a worker`, providerId: `${MOD_UUID}:1764900000002` }, 'outbox');
    // What a seized database holds, opened with the key: every reply kept in the inbound log.
    const rows = w.db.sqlite.prepare('SELECT provider_bidx, reply_ct, key_version FROM inbound_messages WHERE reply_ct IS NOT NULL').all() as Array<{ provider_bidx: Buffer; reply_ct: Buffer; key_version: number }>;
    const kept = rows.map((r) => (openReply(w.vault, r) ?? ''));
    expect(kept.filter((t) => t.includes('628-555-0142') || t.includes('Ana'))).toEqual([]);
    // Nor the outbox: the SHOW's reply went there, and goes with the report's old text as a notice does.
    const bodies = w.db.sqlite.prepare('SELECT id, body_ct, key_version FROM outbox WHERE body_ct IS NOT NULL').all() as Array<{ id: number; body_ct: Buffer; key_version: number }>;
    expect(bodies.map((r) => openBody(w.vault, r)).filter((t) => t.includes('628-555-0142'))).toEqual([]);
  });
});

/**
 * An APPROVE answered "Not sent: … APPROVE again to send: <text>" (another moderator's EDIT had not reached her)
 * quotes the report as a SHOW does: the next EDIT, taking a victim's number out, takes that copy too.
 */
describe("a moderator's APPROVE answered with the edited text she had not read", () => {
  const A = '+14155550198';
  type Approve = (w: BotWorld, text: string, id: number) => string | null;

  /** A report whose notice B has read; A's EDIT puts a victim's number in; B, not having read it, approves (her answer quotes it); A edits it out. */
  async function approvedUnread(b: Sender, approve: Approve): Promise<{ w: BotWorld; ref: string; answer: string | null }> {
    const w = await botWorld({ moderators: new Set([A, b.address]), moderatorContacts: [sms(A), b] });
    const ref = /#([A-Z0-9]{4,6})/.exec(w.sms(REPORTER, 'REPORT 415 grey van took my phone').reply ?? '')?.[1] as string;
    w.db.sqlite.prepare("UPDATE outbox SET state = 'sent' WHERE member_id = ?").run(findMember(w.db, w.vault, b)!.id);
    w.sms(A, `EDIT ${ref} grey van took my phone, he hurt Jess ${VICTIM}`);
    const answer = approve(w, `APPROVE ${ref}`, 1);
    w.sms(A, `EDIT ${ref} grey van took my phone`);
    return { w, ref, answer };
  }

  it('over Signal, goes with the text the next EDIT replaces, as a SHOW answer does', async () => {
    const B_UUID = '0b6c1a52-3f0e-4a51-9a0e-5c1f6f2d7a11';
    const b: Sender = { channel: 'signal', address: B_UUID };
    const { w } = await approvedUnread(b, (world, text, id) => world.bot.handle({ sender: b, text, providerId: `${B_UUID}:${1764900000000 + id}` }, 'outbox').reply);
    expect(heldTexts(w).filter((t) => t.includes(VICTIM))).toEqual([]);
  });

  it('over SMS, is not kept for a replay of the captured APPROVE', async () => {
    const B = '+14155550197';
    const approve: Approve = (world, text, id) => world.sms(B, text, `SMapprovecaptured00000000000000${id}`).reply;
    const { w, ref, answer } = await approvedUnread(sms(B), approve);
    expect(answer).toContain(VICTIM);
    expect(approve(w, `APPROVE ${ref}`, 1) ?? '').not.toContain(VICTIM);
    expect(heldTexts(w).filter((t) => t.includes(VICTIM))).toEqual([]);
  });
});

/**
 * A Twilio retry (same MessageSid) of an APPROVE answered "Not sent: … APPROVE again to send: <text>" got
 * nothing (that answer is not kept: it quotes the report). Its TwiML answer lost, she never read the text,
 * yet it was recorded as shown: her next APPROVE sent it unread. The retry now says to APPROVE again to
 * read it, and forgets that she was shown it; a confirmation, which quotes nothing, is answered again.
 */
describe("a Twilio retry of a moderator's APPROVE", () => {
  const A = '+14155550198';
  const B = '+14155550197';

  it('answered with the edited text: answered without it, and her next APPROVE shows the text again instead of sending it', async () => {
    const w = await botWorld({ moderators: new Set([A, B]), moderatorContacts: [sms(A), sms(B)] });
    const ref = /#([A-Z0-9]{4,6})/.exec(w.sms(REPORTER, 'REPORT 415 grey van took my phone').reply ?? '')?.[1] as string;
    w.db.sqlite.prepare("UPDATE outbox SET state = 'sent' WHERE member_id = ?").run(findMember(w.db, w.vault, sms(B))!.id);
    w.sms(A, `EDIT ${ref} grey van took my phone, driver calls himself Rick`);
    const sid = 'SMapproveretried000000000000000001';
    // The first try is handled; its answer (the text) is lost on the way.
    expect(w.sms(B, `APPROVE ${ref}`, sid).reply).toContain('Rick');
    const retry = w.sms(B, `APPROVE ${ref}`, sid).reply;
    const next = w.sms(B, `APPROVE ${ref}`, 'SMapproveretried000000000000000002').reply ?? '';
    expect(next).toMatch(/^Not sent/);
    expect(next).toContain('Rick');
    expect(w.db.sqlite.prepare('SELECT count(*) AS n FROM alerts').get()).toEqual({ n: 0 });
    expect(retry).toMatch(new RegExp(`APPROVE ${ref}`));
    expect(retry).not.toContain('Rick');
    // Read now: her next APPROVE sends it.
    expect(w.sms(B, `APPROVE ${ref}`, 'SMapproveretried000000000000000003').reply).toContain('approved');
    expect(w.db.sqlite.prepare('SELECT count(*) AS n FROM alerts').get()).toEqual({ n: 1 });
  });

  it('that approved: answered again with its confirmation, acted on once', async () => {
    const w = await world();
    const ref = /#([A-Z0-9]{4,6})/.exec(w.sms(REPORTER, 'REPORT 415 grey van took my phone').reply ?? '')?.[1] as string;
    const sid = 'SMapproveretried000000000000000004';
    const first = w.sms(MOD, `APPROVE ${ref}`, sid).reply;
    expect(first).toContain('approved');
    expect(w.sms(MOD, `APPROVE ${ref}`, sid).reply).toBe(first);
    expect(w.db.sqlite.prepare('SELECT count(*) AS n FROM alerts').get()).toEqual({ n: 1 });
  });
});
