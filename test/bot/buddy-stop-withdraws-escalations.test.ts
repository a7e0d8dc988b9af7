/**
 * A buddy who accepted over Signal and STOPs there has left: her member is
 * told so. The escalation still waiting for that link, over Signal or as
 * its SMS copy (Signal held, or failing), must not then reach her number
 * by SMS with the member's details: it may now be a stranger's.
 */
import { catalog } from '../../src/bot/catalog';
import { moveEscalationsToSms } from '../../src/store/escalation-sms';
import type { BotWorld } from '../helpers/bot-world';
import { missCheckin, ROSE, roseAndTwoChannelBuddy, sendPass } from '../helpers/checkin-escalation';

const BUDDY = '+14155550177';
const BUDDY_UUID = '7d8e9f0a-1b2c-4d3e-8f4a-000000000179';
const t = catalog('en');

const world = () => roseAndTwoChannelBuddy(BUDDY, BUDDY_UUID, true);

/** What the SMS lane sends her that carries Rose's details. */
async function smsEscalationsToBuddy(w: BotWorld): Promise<number> {
  const sms = await sendPass(w, 'sms');
  return sms.calls.filter((c) => c.to === BUDDY && c.body.includes('blue Honda')).length;
}

describe("a buddy's STOP over Signal and her link's escalation still waiting", () => {
  it('her STOP over Signal, then Signal held: the escalation is not moved to her number by SMS', async () => {
    const { w, signal } = await world();
    expect(missCheckin(w)).toBe(1);
    signal('STOP');
    expect(w.sms(ROSE, 'BUDDY').reply).toBe(t.buddyList([{ ending: '0177', status: 'stopped' }]));
    // signal-cli held (its account refused, a long rate limit): lane-holds moves buddies' escalations to SMS.
    expect(moveEscalationsToSms(w.db, w.vault, w.clock.now)).toBe(0);
    expect(await smsEscalationsToBuddy(w)).toBe(0);
  });

  it('Signal held first (the SMS copy waits), then her STOP over Signal: the copy is withdrawn, text and number erased', async () => {
    const { w, signal } = await world();
    expect(missCheckin(w)).toBe(1);
    expect(moveEscalationsToSms(w.db, w.vault, w.clock.now)).toBe(1);
    signal('STOP');
    expect(await smsEscalationsToBuddy(w)).toBe(0);
    expect(w.db.sqlite.prepare("SELECT state, error, body_ct, address_ct FROM outbox WHERE channel = 'sms' AND member_id IS NULL AND error = 'withdrawn'").all()).toEqual([
      { state: 'failed', error: 'withdrawn', body_ct: null, address_ct: null },
    ]);
  });

  it('a link stopped while its escalation waited (by a version before this one) is not moved to SMS either', async () => {
    const { w } = await world();
    expect(missCheckin(w)).toBe(1);
    // As a STOP over Signal left it before its escalations were withdrawn: the link stopped, the escalation waiting.
    w.db.sqlite.prepare("UPDATE buddies SET status = 'stopped'").run();
    expect(moveEscalationsToSms(w.db, w.vault, w.clock.now)).toBe(0);
    expect(await smsEscalationsToBuddy(w)).toBe(0);
  });
});
