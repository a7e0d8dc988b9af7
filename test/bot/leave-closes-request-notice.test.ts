/** A join notice still waiting is withdrawn when the applicant closes her request — also when LEAVE closes it. */
import { botWorld } from '../helpers/bot-world';
import { findMember } from '../../src/store/members';
import { countRequests } from '../../src/store/member-requests';

const MOD = '+14155550199';
const APPLICANT = '+14155550166';
const sms = (a: string) => ({ channel: 'sms' as const, address: a, phone: a });

it('JOIN 415 then LEAVE 415 under approval: the request is gone and so is its waiting notice', async () => {
  const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)], subscribeMode: 'approval' });
  w.sms(APPLICANT, 'JOIN 415');
  expect(countRequests(w.db)).toBe(1);
  w.sms(APPLICANT, 'LEAVE 415');
  expect(countRequests(w.db)).toBe(0);
  const mod = findMember(w.db, w.vault, sms(MOD))!;
  const waiting = w.db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE member_id = ? AND state = 'pending'").get(mod.id) as { n: number };
  expect(waiting.n).toBe(0);
});
