/**
 * Under SUBSCRIBE_MODE=approval a join request is announced naming its
 * areas. Areas the applicant asked for afterwards joined the same request
 * silently, and APPROVE, answered from the notice, admitted her to all of
 * them: areas no moderator was shown. And once one moderator decided, the
 * notices still waiting for the others asked them to decide it again.
 */
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { findMember } from '../../src/store/members';
import { listAreas } from '../../src/store/subscriptions';
import { botWorld } from '../helpers/bot-world';

const t = catalog('en');
const A = '+14155550198';
const B = '+14155550197';
const APPLICANT = '+14155550123';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

describe('a join request', () => {
  it('keeps the areas it was announced with: APPROVE from the notice admits to those only', async () => {
    const w = await botWorld({ subscribeMode: 'approval', moderators: new Set([A]), moderatorContacts: [sms(A)] });
    w.sms(APPLICANT, 'JOIN 415');
    const notices = w.queued(sms(A)).map((q) => q.text);
    const ref = /#([A-Z0-9]{4,6})/.exec(notices[0]!)![1]!;
    expect(notices).toEqual([t.modJoinRequest(`#${ref}`, ['415'])]);
    // Before a moderator acts, she asks for the country's big cities: her request stays as announced, and she is told so.
    expect(w.sms(APPLICANT, 'JOIN 212 305 312').reply).toBe(t.joinPending(['415']));
    expect(w.queued(sms(A)).map((q) => q.text)).toEqual(notices);
    expect(w.sms(A, `APPROVE ${ref}`).reply).toBe(t.modAdmitted(`#${ref}`));
    expect(listAreas(w.db, findMember(w.db, w.vault, sms(APPLICANT))!.id)).toEqual(['415']);
  });

  it.each(['REJECT', 'APPROVE', 'BLOCK'])('decided by one moderator (%s), is no longer announced to the others', async (decision) => {
    const w = await botWorld({ subscribeMode: 'approval', moderators: new Set([A, B]), moderatorContacts: [sms(A), sms(B)] });
    w.sms(APPLICANT, 'JOIN 415');
    const ref = /#([A-Z0-9]{4,6})/.exec(w.queued(sms(A))[0]!.text)![1]!;
    expect(w.queued(sms(B)).map((q) => q.text)).toEqual([t.modJoinRequest(`#${ref}`, ['415'])]);
    w.sms(A, `${decision} ${ref}`);
    const b = findMember(w.db, w.vault, sms(B))!;
    const waiting = w.db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE member_id = ? AND state = 'pending'").get(b.id) as { n: number };
    expect(waiting.n).toBe(0);
  });
});
