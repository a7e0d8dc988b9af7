/** A join request whose number's only notice was withdrawn (STOP before it went) must still be announced when asked again. */
import { botWorld } from '../helpers/bot-world';
import { findMember } from '../../src/store/members';
import { countRequests } from '../../src/store/member-requests';

const MOD = '+14155550199';
const APPLICANT = '+14155550166';
const sms = (a: string) => ({ channel: 'sms' as const, address: a, phone: a });

it('JOIN, STOP before the notice went, JOIN again: the open request is announced to the moderator', async () => {
  const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)], subscribeMode: 'approval' });
  w.sms(APPLICANT, 'JOIN 415');
  w.sms(APPLICANT, 'STOP'); // withdraws the waiting join notice (f3c63ca)
  w.clock.now += 60_000;
  w.sms(APPLICANT, 'JOIN 415');
  expect(countRequests(w.db)).toBe(1);
  const mod = findMember(w.db, w.vault, sms(MOD))!;
  const live = w.db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE member_id = ? AND state <> 'failed'").get(mod.id) as { n: number };
  expect(live.n).toBeGreaterThan(0);
});
