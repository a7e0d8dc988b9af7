/**
 * The digest of reports held past the notice cap is sent at the
 * end of the quarter hour with the count it had when queued, even after the
 * moderators decided every one of them in the meantime.
 */
import type { Sender } from '../../src/phone/identity';
import { findMember } from '../../src/store/members';
import { openBody } from '../../src/store/outbox';
import { botWorld } from '../helpers/bot-world';

const MOD_A = '+14155550198';
const MOD_B = '+14155550199';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

describe('the digest of held reports', () => {
  it('does not tell a moderator reports are waiting once none is', async () => {
    const w = await botWorld({ moderators: new Set([MOD_A, MOD_B]), moderatorContacts: [sms(MOD_A), sms(MOD_B)] });
    const refs: string[] = [];
    for (let i = 0; i < 8; i++) {
      const reply = w.sms(`+1206201${String(i).padStart(4, '0')}`, 'REPORT 206 grey van, aggressive').reply ?? '';
      refs.push(/#([A-Z0-9]{4,6})/.exec(reply)![1]!);
    }
    // Moderator A works through the whole list within the quarter hour.
    for (const ref of refs) expect(w.sms(MOD_A, `REJECT ${ref}`).reply).toContain('rejected');
    expect(w.sms(MOD_A, 'PENDING').reply).toBe('Nothing pending.');
    // What still waits to go to moderator B at the end of the quarter hour:
    const b = findMember(w.db, w.vault, sms(MOD_B))!;
    const rows = w.db.sqlite
      .prepare("SELECT id, body_ct, key_version FROM outbox WHERE member_id = ? AND state = 'pending' AND body_ct IS NOT NULL")
      .all(b.id) as Array<{ id: number; body_ct: Buffer; key_version: number }>;
    const waiting = rows.map((r) => openBody(w.vault, r)).filter((text) => /waiting/.test(text));
    expect(waiting).toEqual([]);
  });
});
