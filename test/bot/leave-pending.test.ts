/**
 * LEAVE under SUBSCRIBE_MODE=approval of an area still waiting for a
 * moderator: it is taken out of her join request, so APPROVE admits her
 * to the areas she still wants and to no other.
 */
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { findMember } from '../../src/store/members';
import { listAreas } from '../../src/store/subscriptions';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
const ROSA = '+14155550101';
const t = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

const joinRef = (w: BotWorld): string => /#([A-Z0-9]{4,6}) join/.exec(w.sms(MOD, 'PENDING').reply ?? '')![1]!;
const areasOf = (w: BotWorld, who: string): string[] => listAreas(w.db, findMember(w.db, w.vault, sms(who))!.id);

describe('LEAVE while a join request waits (SUBSCRIBE_MODE=approval)', () => {
  it('an applicant who left one of the areas she asked for is not admitted to it', async () => {
    const w = await botWorld({ subscribeMode: 'approval', moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
    expect(w.sms(ROSA, 'JOIN 415 212').reply).toBe(t.joinPending(['212', '415']));
    const ref = joinRef(w);
    // She is told she left 212 and gets no alerts.
    expect(w.sms(ROSA, 'LEAVE 212').reply).toBe(t.left(['212'], []));
    expect(w.sms(MOD, `APPROVE ${ref}`).reply).toContain('admitted');
    expect(areasOf(w, ROSA)).toEqual(['415']);
  });

  it('an admitted member who left an area she had asked to add is not subscribed to it on APPROVE', async () => {
    const w = await botWorld({ subscribeMode: 'approval', moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
    w.sms(ROSA, 'JOIN 415');
    w.sms(MOD, `APPROVE ${joinRef(w)}`);
    expect(w.sms(ROSA, 'JOIN 212').reply).toBe(t.joinPending(['212']));
    const ref = joinRef(w);
    expect(w.sms(ROSA, 'LEAVE 212').reply).toBe(t.left(['212'], ['415']));
    w.sms(MOD, `APPROVE ${ref}`);
    expect(areasOf(w, ROSA)).toEqual(['415']);
  });

  it('an applicant who left every area she asked for has no request left to approve', async () => {
    const w = await botWorld({ subscribeMode: 'approval', moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
    w.sms(ROSA, 'JOIN 212');
    const ref = joinRef(w);
    expect(w.sms(ROSA, 'LEAVE 212').reply).toBe(t.left(['212'], []));
    expect(w.sms(MOD, 'PENDING').reply).not.toContain(`#${ref}`);
    expect(w.sms(MOD, `APPROVE ${ref}`).reply).toBe(t.modNoSuchRef(`#${ref}`));
    expect(areasOf(w, ROSA)).toEqual([]);
  });
});
