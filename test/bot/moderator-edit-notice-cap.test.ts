/**
 * An EDIT's notice to the other moderators is outside the cap on report
 * notices (5 a quarter hour): a moderator tidying a few reports never holds
 * back the notice of the next report filed, and no digest counts an edit as
 * one more report waiting.
 */
import type { Sender } from '../../src/phone/identity';
import { DEFAULT_LIMITS } from '../../src/bot/context';
import { findMember } from '../../src/store/members';
import { openBody } from '../../src/store/outbox';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MOD_A = '+14155550198';
const MOD_B = '+14155550199';
const REPORTER = '+14155550105';
const OTHER = '+14155550106';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const refIn = (text: string | null | undefined) => /#([A-Z0-9]{4,6})/.exec(text ?? '')?.[1] as string;

/** The messages waiting for a moderator (a withdrawn notice has no body). */
function waiting(w: BotWorld, to: string): string[] {
  const member = findMember(w.db, w.vault, sms(to));
  if (!member) return [];
  const rows = w.db.sqlite.prepare('SELECT id, body_ct, key_version FROM outbox WHERE member_id = ? AND body_ct IS NOT NULL ORDER BY id').all(member.id) as Array<{ id: number; body_ct: Buffer; key_version: number }>;
  return rows.map((r) => openBody(w.vault, r));
}

describe('EDIT notices and the notice cap', () => {
  it("a moderator's EDITs do not hold back the notice of the next report", async () => {
    const w = await botWorld({
      moderators: new Set([MOD_A, MOD_B]),
      moderatorContacts: [sms(MOD_A), sms(MOD_B)],
      limits: { ...DEFAULT_LIMITS, notices: { max: 3, windowMs: 900_000 } },
    });
    const ref = refIn(w.sms(REPORTER, 'REPORT 415 grey van, took my phone').reply);
    // Moderator A tidies the wording twice.
    w.sms(MOD_A, `EDIT ${ref} grey van, took her phone`);
    w.sms(MOD_A, `EDIT ${ref} grey van; he took her phone`);
    // A new report comes in, in the same quarter hour.
    const second = refIn(w.sms(OTHER, 'REPORT 415 man with a knife at the Motel 6').reply);
    const toB = waiting(w, MOD_B);
    const toA = waiting(w, MOD_A);
    expect(toB.some((t) => t.includes(`#${second}`))).toBe(true);
    expect(toA.some((t) => t.includes(`#${second}`))).toBe(true);
  });

  it('does not count an EDIT as one more report waiting', async () => {
    const w = await botWorld({
      moderators: new Set([MOD_A, MOD_B]),
      moderatorContacts: [sms(MOD_A), sms(MOD_B)],
      limits: { ...DEFAULT_LIMITS, notices: { max: 1, windowMs: 900_000 } },
    });
    const ref = refIn(w.sms(REPORTER, 'REPORT 415 grey van, took my phone').reply);
    w.sms(MOD_A, `EDIT ${ref} grey van, took her phone`);
    // One report was filed and each moderator was told of it: none is waiting unannounced.
    expect(waiting(w, MOD_B).join('\n')).not.toMatch(/more report/);
  });
});
