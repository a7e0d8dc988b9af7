/**
 * The digest of reports and join requests held past the notice cap is sent
 * at the end of the quarter hour, unless every one it counted was decided
 * or closed in the meantime: it would tell of none. Others, notified one by
 * one and still waiting, are not what it counted.
 */
import type { Sender } from '../../src/phone/identity';
import { findMember } from '../../src/store/members';
import { openBody } from '../../src/store/outbox';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MOD_A = '+14155550198';
const MOD_B = '+14155550199';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const sender = (i: number) => `+1206201${String(i).padStart(4, '0')}`;

/** The digests still waiting to go to moderator B at the end of the quarter hour. */
function digestsForB(w: BotWorld): string[] {
  const b = findMember(w.db, w.vault, sms(MOD_B))!;
  const rows = w.db.sqlite
    .prepare("SELECT id, body_ct, key_version FROM outbox WHERE member_id = ? AND state = 'pending' AND body_ct IS NOT NULL")
    .all(b.id) as Array<{ id: number; body_ct: Buffer; key_version: number }>;
  return rows.map((r) => openBody(w.vault, r)).filter((text) => /waiting/.test(text));
}

/** Eight reports in a quarter hour: the first five are notified one by one, the last three held for the digest. */
async function eightReports(): Promise<{ w: BotWorld; refs: string[] }> {
  const w = await botWorld({ moderators: new Set([MOD_A, MOD_B]), moderatorContacts: [sms(MOD_A), sms(MOD_B)] });
  const refs: string[] = [];
  for (let i = 0; i < 8; i++) {
    const reply = w.sms(sender(i), `REPORT 206 grey van number ${i}, aggressive`).reply ?? '';
    refs.push(/#([A-Z0-9]{4,6})/.exec(reply)![1]!);
  }
  expect(digestsForB(w)).toEqual([expect.stringMatching(/^3 more reports waiting/)]);
  return { w, refs };
}

/** A moderator may APPROVE only what she read: A SHOWs each report before deciding it. */
function decide(w: BotWorld, ref: string, verb: 'REJECT' | 'APPROVE'): void {
  w.sms(MOD_A, `SHOW ${ref}`);
  expect(w.sms(MOD_A, `${verb} ${ref}`).reply).toMatch(/rejected|approved/);
}

describe('the digest of held reports', () => {
  it('does not tell a moderator reports are waiting once none is', async () => {
    const { w, refs } = await eightReports();
    // Moderator A works through the whole list within the quarter hour.
    for (const ref of refs) decide(w, ref, 'REJECT');
    expect(w.sms(MOD_A, 'PENDING').reply).toBe('Nothing pending.');
    expect(digestsForB(w)).toEqual([]);
  });

  it('is not sent once every report it counted is decided, though a report notified one by one still waits', async () => {
    const { w, refs } = await eightReports();
    for (const ref of refs.slice(5)) decide(w, ref, 'REJECT');
    decide(w, refs[1]!, 'APPROVE');
    expect(digestsForB(w)).toEqual([]);
  });

  it('is still sent while one report it counted waits', async () => {
    const { w, refs } = await eightReports();
    for (const ref of [...refs.slice(0, 5), ...refs.slice(5, 7)]) decide(w, ref, 'REJECT');
    expect(digestsForB(w)).toEqual([expect.stringMatching(/^3 more reports waiting/)]);
  });
});

describe('the digest of held join requests (SUBSCRIBE_MODE=approval)', () => {
  it('is not sent once the request it counted is closed by its applicant, though a request notified one by one still waits', async () => {
    const w = await botWorld({ subscribeMode: 'approval', moderators: new Set([MOD_A, MOD_B]), moderatorContacts: [sms(MOD_A), sms(MOD_B)] });
    for (let i = 0; i < 6; i++) w.sms(sender(i), 'JOIN 206');
    expect(digestsForB(w)).toEqual([expect.stringMatching(/^1 more join request waiting/)]);
    // The sixth, held for the digest, leaves; the first, whose notice went, still waits.
    w.sms(sender(5), 'DELETE');
    expect(w.sms(MOD_A, 'PENDING').reply).toMatch(/join/);
    expect(digestsForB(w)).toEqual([]);
  });
});
