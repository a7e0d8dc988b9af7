/**
 * SUBSCRIBE_MODE=approval: an applicant whose report a moderator BLOCKed is
 * not admitted by another moderator's APPROVE of her earlier join request.
 */
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { findMember } from '../../src/store/members';
import { listAreas } from '../../src/store/subscriptions';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MOD_A = '+14155550198';
const MOD_B = '+14155550199';
const BAD = '+14155550166';
const t = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const refIn = (text: string | null, re = /#([A-Z0-9]{4,6})/) => re.exec(text ?? '')?.[1] as string;

/** BAD asks to join 415, files a false report, and moderator A blocks her by it: the join request's reference. */
async function blockedApplicant(): Promise<{ w: BotWorld; join: string; report: string }> {
  const w = await botWorld({ subscribeMode: 'approval', moderators: new Set([MOD_A, MOD_B]), moderatorContacts: [sms(MOD_A), sms(MOD_B)] });
  w.sms(BAD, 'JOIN 415');
  const join = refIn(w.sms(MOD_B, 'PENDING').reply, /#([A-Z0-9]{4,6}) join/);
  const report = refIn(w.sms(BAD, 'REPORT 415 the woman at 415 555 0123 is a snitch').reply);
  expect(w.sms(MOD_A, `BLOCK ${report}`).reply).toBe(t.modBlockedDiscarded(`#${report}`, 1));
  return { w, join, report };
}

describe('APPROVE of a join request whose applicant was blocked by her report', () => {
  for (const areas of ['', ' 415']) {
    it(`refuses${areas ? ' with areas named' : ''}, says she was blocked, closes the request and tells her nothing`, async () => {
      const { w, join, report } = await blockedApplicant();
      expect(w.sms(MOD_B, `APPROVE ${join}${areas}`).reply).toBe(t.modJoinBlocked(`#${join}`));
      const member = findMember(w.db, w.vault, sms(BAD));
      expect(member?.status ?? 'none').not.toBe('active');
      expect(member ? listAreas(w.db, member.id) : []).toEqual([]);
      expect(w.queued(sms(BAD)).map((m) => m.text).filter((text) => text === t.admitted(['415']))).toEqual([]);
      expect(w.sms(MOD_B, `APPROVE ${join}`).reply).toBe(t.modAlreadyDecided(`#${join}`));
      // Her report went with the BLOCK (as REJECT's would), and her request is gone.
      expect(w.sms(MOD_B, 'PENDING').reply).toBe(t.modPending([]));
      expect(w.sms(MOD_B, `APPROVE ${report}`).reply).toBe(t.modAlreadyDecided(`#${report}`));
    });
  }
});
