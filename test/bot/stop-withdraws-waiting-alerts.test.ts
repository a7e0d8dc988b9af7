/**
 * STOP takes back the alert copies still waiting for her (behind SEND_RATE,
 * a 429 pause), as LEAVE does: before, they stayed queued, the lane
 * skipping them only while she was stopped, so a JOIN of another area (or,
 * under SUBSCRIBE_MODE=approval, a JOIN that only asks a moderator again)
 * sent her an alert of the area she had stopped. Over Signal, her SMS
 * membership still gets those its areas cover. A STOP the line only heard
 * of from the carrier (Twilio's 21610) leaves them queued: her START takes
 * them back before it subscribes her again. Real SQLite file and crypto;
 * what is checked is what the lane would claim and send.
 */
import { catalog } from '../../src/bot/catalog';
import { claimLane } from '../../src/store/outbox';
import { findMember, setMemberStatus } from '../../src/store/members';
import { unsubscribeAll } from '../../src/store/subscriptions';
import type { BotWorld } from '../helpers/bot-world';
import { alert415, MOD, ROSA, world } from '../helpers/waiting-alert';

const t = catalog('en');

/** The alerts the lane of a channel would claim now, by the areas they were for. */
function claimedAlerts(w: BotWorld, channel: 'sms' | 'signal'): Array<{ alert: number; status: string | null }> {
  return claimLane(w.db, channel, w.clock.now + 1, 50, w.clock.now + 60_000)
    .filter((r) => r.alert_id !== null)
    .map((r) => ({ alert: r.alert_id!, status: r.member_status }));
}

describe('STOP with an alert copy still waiting for her', () => {
  it('withdraws it: after JOIN of another area she is not sent the alert of the area she stopped', async () => {
    const w = await world();
    expect(w.sms(ROSA, 'JOIN 415').reply).toBe(t.joined(['415']));
    alert415(w);
    expect(w.sms(ROSA, 'STOP').reply).toBe(t.stopped('sms'));
    expect(w.sms(ROSA, 'JOIN 212').reply).toBe(t.joined(['212']));
    expect(claimedAlerts(w, 'sms')).toEqual([]);
  });

  it('withdraws it under SUBSCRIBE_MODE=approval: her JOIN asks a moderator again, and nothing goes to her meanwhile', async () => {
    const w = await world({ subscribeMode: 'approval' });
    w.sms(ROSA, 'JOIN 415');
    const ref = /#([A-Z0-9]{4,6}) join/.exec(w.sms(MOD, 'PENDING').reply ?? '')?.[1];
    expect(w.sms(MOD, `APPROVE ${ref}`).reply).toContain('admitted');
    alert415(w);
    w.sms(ROSA, 'STOP');
    expect(w.sms(ROSA, 'JOIN 415').reply).toBe(t.joinPending(['415']));
    expect(findMember(w.db, w.vault, { channel: 'sms', address: ROSA })?.status).toBe('pending');
    expect(claimedAlerts(w, 'sms')).toEqual([]);
  });

  it('over Signal, gives the alert to her SMS membership, which still follows the area', async () => {
    const w = await world();
    expect(w.signal('JOIN 415')).toBe(t.joined(['415']));
    expect(w.sms(ROSA, 'JOIN 415').reply).toBe(t.joined(['415']));
    // The planner gives a person on both channels her copy over Signal.
    alert415(w);
    expect(w.signal('STOP')).toBe(t.stopped('signal'));
    expect(claimedAlerts(w, 'signal')).toEqual([]);
    expect(claimedAlerts(w, 'sms')).toEqual([{ alert: expect.any(Number), status: 'active' }]);
  });

  it('withdraws it when she comes back after a STOP the carrier reported (21610): START sends her none of what waited', async () => {
    const w = await world();
    expect(w.sms(ROSA, 'JOIN 415').reply).toBe(t.joined(['415']));
    alert415(w);
    // What the outcome writer does with a 21610 refusal of another message to her.
    const rosa = findMember(w.db, w.vault, { channel: 'sms', address: ROSA })!;
    setMemberStatus(w.db, rosa.id, 'stopped');
    unsubscribeAll(w.db, rosa.id);
    expect(w.sms(ROSA, 'JOIN 212').reply).toBe(t.joined(['212']));
    expect(claimedAlerts(w, 'sms')).toEqual([]);
  });
});
