/** Once the digest is dropped because every report was decided, the next held report's digest must count only what waits. */
import type { Sender } from '../../src/phone/identity';
import { findMember } from '../../src/store/members';
import { openBody } from '../../src/store/outbox';
import { countPendingReports } from '../../src/store/reports';
import { botWorld } from '../helpers/bot-world';

const MOD_A = '+14155550198';
const MOD_B = '+14155550199';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

it('a report held after the digest was dropped is not counted with the decided ones', async () => {
  const w = await botWorld({ moderators: new Set([MOD_A, MOD_B]), moderatorContacts: [sms(MOD_A), sms(MOD_B)] });
  const refs: string[] = [];
  for (let i = 0; i < 8; i++) {
    const reply = w.sms(`+1206201${String(i).padStart(4, '0')}`, 'REPORT 206 grey van, aggressive').reply ?? '';
    refs.push(/#([A-Z0-9]{4,6})/.exec(reply)![1]!);
  }
  for (const ref of refs) w.sms(MOD_A, `REJECT ${ref}`);
  // One more report in the same quarter hour: past the cap, it is held for the digest.
  w.clock.now += 1000;
  w.sms('+12062019999', 'REPORT 206 blue car, would not pay');
  expect(countPendingReports(w.db)).toBe(1);
  const b = findMember(w.db, w.vault, sms(MOD_B))!;
  const rows = w.db.sqlite
    .prepare("SELECT id, body_ct, key_version FROM outbox WHERE member_id = ? AND state = 'pending' AND body_ct IS NOT NULL")
    .all(b.id) as Array<{ id: number; body_ct: Buffer; key_version: number }>;
  const digests = rows.map((r) => openBody(w.vault, r)).filter((text) => /waiting/.test(text));
  expect(digests).toEqual([expect.stringMatching(/^1 more report/)]);
});
