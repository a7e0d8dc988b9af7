/**
 * DELETE by SMS from the number of a buddy who accepted over Signal (a
 * spoofed SMS, or the new holder of a recycled number her Signal account
 * still shows) erases nothing of what goes to her over Signal: her link
 * stays, and a check-in's escalation waiting to go to her there still goes.
 * Her DELETE over Signal erases them. What goes to her for a link is the
 * link's, whatever lane carries it: the SMS copy of a Signal link's
 * escalation (Signal held, or refusing her) is erased by her DELETE over
 * Signal only.
 */
import { catalog } from '../../src/bot/catalog';
import { runCheckinTimers } from '../../src/jobs/checkin-timers';
import { applyDeliveryReport } from '../../src/outbox/delivery-status';
import { moveEscalationsToSms } from '../../src/store/escalation-sms';
import { recordOutcomes } from '../../src/store/outbox';
import type { BotWorld } from '../helpers/bot-world';
import { roseAndTwoChannelBuddy } from '../helpers/checkin-escalation';

const ROSE = '+14155550100';
const BUDDY = '+14155550177';
const BUDDY_UUID = '7d8e9f0a-1b2c-4d3e-8f4a-000000000178';
const MIN = 60_000;
const t = catalog('en');

/** Rose asks her over Signal; she accepts there: the link goes over Signal. */
async function world(): Promise<{ w: BotWorld; signal: (text: string) => string | null }> {
  const { w, signal } = await roseAndTwoChannelBuddy(BUDDY, BUDDY_UUID);
  w.sms(ROSE, 'BUDDY SIGNAL 415-555-0177 Rose');
  expect(signal('ACCEPT')).toBe(t.buddyAccepted());
  return { w, signal };
}

/** Rose's check-in runs out: how many escalations were queued. */
function missCheckin(w: BotWorld): number {
  const start = w.clock.now;
  w.sms(ROSE, 'CHECKIN 30 blue Honda');
  w.clock.now = start + 31 * MIN;
  return runCheckinTimers({ db: w.db, vault: w.vault, fallback: 'none', moderatorContacts: [] }, w.clock.now).escalated;
}

const escalations = (w: BotWorld) => w.direct(BUDDY).filter((m) => m.includes('blue Honda'));

/** Signal's lane is held (signal-cli down): the escalation waiting there goes to her number by SMS; the id of that copy. */
function escalationToSms(w: BotWorld): number {
  expect(moveEscalationsToSms(w.db, w.vault, w.clock.now)).toBe(1);
  const row = w.db.sqlite.prepare("SELECT id FROM outbox WHERE channel = 'sms' AND member_id IS NULL AND state = 'pending' ORDER BY id DESC").get() as { id: number };
  return row.id;
}

describe('DELETE from one channel of a buddy on both with the same number', () => {
  it('DELETE by SMS leaves her link over Signal: Rose still has her buddy, and a missed check-in reaches her', async () => {
    const { w } = await world();
    w.sms(BUDDY, 'DELETE');
    expect(w.sms(ROSE, 'BUDDY').reply).toBe(t.buddyList([{ ending: '0177', status: 'accepted' }]));
    expect(missCheckin(w)).toBe(1);
    expect(escalations(w)).toHaveLength(1);
  });

  it('DELETE by SMS leaves an escalation waiting to go to her over Signal', async () => {
    const { w } = await world();
    expect(missCheckin(w)).toBe(1);
    w.sms(BUDDY, 'DELETE');
    expect(escalations(w)).toHaveLength(1);
  });

  it('DELETE over Signal erases her link and the escalation waiting for her; Rose is told', async () => {
    const { w, signal } = await world();
    expect(missCheckin(w)).toBe(1);
    signal('DELETE');
    expect(escalations(w)).toHaveLength(0);
    expect(w.sms(ROSE, 'BUDDY').reply).toBe(t.buddyNone());
    expect(w.queued({ channel: 'sms', address: ROSE, phone: ROSE }).some((m) => m.text === t.buddyDeclinedMember('0177'))).toBe(true);
  });

  it('DELETE by SMS leaves the SMS copy of the escalation of her link over Signal (Signal held)', async () => {
    const { w } = await world();
    expect(missCheckin(w)).toBe(1);
    escalationToSms(w);
    w.sms(BUDDY, 'DELETE');
    expect(escalations(w)).toHaveLength(1);
  });

  it('DELETE over Signal withdraws the SMS copy of her escalation still waiting', async () => {
    const { w, signal } = await world();
    expect(missCheckin(w)).toBe(1);
    const copy = escalationToSms(w);
    signal('DELETE');
    expect(escalations(w)).toHaveLength(0);
    expect(w.db.sqlite.prepare('SELECT state, error FROM outbox WHERE id = ?').get(copy)).toEqual({ state: 'failed', error: 'withdrawn' });
  });

  it('DELETE over Signal forgets her number in the SMS copy of her escalation already sent: "undelivered" does not send it to her again', async () => {
    const { w, signal } = await world();
    expect(missCheckin(w)).toBe(1);
    const copy = escalationToSms(w);
    // Twilio took it: sent, its final status not back yet (it keeps address and text for "undelivered").
    recordOutcomes(w.db, [{ id: copy, kind: 'sent', providerId: 'SMfallback1' }], w.clock.now);
    signal('DELETE');
    expect(escalations(w)).toHaveLength(0);
    // Her phone was off: Twilio reports it undelivered, and it would be due again.
    w.clock.now += MIN;
    applyDeliveryReport(w.db, w.vault, { rowId: copy, providerId: 'SMfallback1', delivery: { kind: 'unreachable', code: '30003' } }, w.clock.now);
    expect(escalations(w)).toHaveLength(0);
  });
});
