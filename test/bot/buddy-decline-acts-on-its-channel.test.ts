/**
 * DECLINE from one channel of a buddy with the same number on both acts on
 * the links going over that channel only (an invitation goes over the
 * channel it was sent on; a link accepted goes over the one accepted from),
 * as DELETE does: an SMS from her number (spoofed, or the new holder of a
 * recycled number her Signal account still shows) leaves her link over
 * Signal, the escalation waiting to go to her there, and an invitation sent
 * her there. The reply is the same whatever the other channel holds, and
 * says to DECLINE there too.
 */
import { catalog } from '../../src/bot/catalog';
import { runCheckinTimers } from '../../src/jobs/checkin-timers';
import type { BotWorld } from '../helpers/bot-world';
import { roseAndTwoChannelBuddy } from '../helpers/checkin-escalation';

const ROSE = '+14155550100';
const MIA = '+14155550111';
const BUDDY = '+14155550177';
const STRANGER = '+14155550188';
const BUDDY_UUID = '7d8e9f0a-1b2c-4d3e-8f4a-000000000178';
const MIN = 60_000;
const t = catalog('en');

const world = () => roseAndTwoChannelBuddy(BUDDY, BUDDY_UUID);

/** Rose asks her over Signal; she accepts there: the link goes over Signal. */
async function acceptedOverSignal(): Promise<{ w: BotWorld; signal: (text: string) => string | null }> {
  const { w, signal } = await world();
  w.sms(ROSE, 'BUDDY SIGNAL 415-555-0177 Rose');
  expect(signal('ACCEPT')).toBe(t.buddyAccepted());
  return { w, signal };
}

const roseTold = (w: BotWorld) => w.queued({ channel: 'sms', address: ROSE, phone: ROSE }).map((m) => m.text);
const escalations = (w: BotWorld) => w.direct(BUDDY).filter((m) => m.includes('blue Honda'));

describe('DECLINE from one channel of a buddy on both with the same number', () => {
  it.each(['DECLINE', 'RECHAZAR', 'REFUSER', 'RECUSAR'])('%s by SMS leaves her link over Signal, and Rose is not told she declined', async (word) => {
    const { w } = await acceptedOverSignal();
    w.sms(BUDDY, word);
    expect(roseTold(w)).not.toContain(t.buddyDeclinedMember('0177'));
    expect(w.sms(ROSE, 'BUDDY').reply).toBe(t.buddyList([{ ending: '0177', status: 'accepted' }]));
  });

  it('DECLINE by SMS leaves the escalation waiting to go to her over Signal', async () => {
    const { w } = await acceptedOverSignal();
    const start = w.clock.now;
    w.sms(ROSE, 'CHECKIN 30 blue Honda');
    w.clock.now = start + 31 * MIN;
    expect(runCheckinTimers({ db: w.db, vault: w.vault, fallback: 'none', moderatorContacts: [] }, w.clock.now).escalated).toBe(1);
    w.sms(BUDDY, 'DECLINE');
    expect(escalations(w)).toHaveLength(1);
  });

  it('DECLINE by SMS leaves an invitation sent over Signal waiting, and she can still ACCEPT it there', async () => {
    const { w, signal } = await world();
    w.sms(ROSE, 'BUDDY SIGNAL 415-555-0177 Rose');
    w.sms(BUDDY, 'DECLINE');
    expect(w.sms(ROSE, 'BUDDY').reply).toBe(t.buddyList([{ ending: '0177', status: 'invited' }]));
    expect(signal('ACCEPT')).toBe(t.buddyAccepted());
  });

  it('answers a DECLINE by SMS from a number asked over Signal as one nobody asked, saying to DECLINE on Signal', async () => {
    const { w } = await world();
    w.sms(ROSE, 'BUDDY SIGNAL 415-555-0177 Rose');
    const asked = w.sms(BUDDY, 'DECLINE').reply;
    expect(asked).toBe(w.sms(STRANGER, 'DECLINE').reply);
    expect(asked).toBe(t.buddyNotAskedHere('sms'));
    expect(asked).toContain('DECLINE there');
  });

  it('DECLINE over Signal ends her link there; Rose is told, and the reply says to DECLINE by SMS too', async () => {
    const { w, signal } = await acceptedOverSignal();
    expect(signal('DECLINE')).toBe(t.buddyDeclined('signal'));
    expect(roseTold(w)).toContain(t.buddyDeclinedMember('0177'));
    expect(w.sms(ROSE, 'BUDDY').reply).toBe(t.buddyNone());
  });

  it('DECLINE by SMS ends the invitation sent her by SMS, and leaves the one sent her over Signal', async () => {
    const { w } = await world();
    w.sms(MIA, 'JOIN 415');
    w.sms(ROSE, 'BUDDY SMS 415-555-0177 Rose');
    w.sms(MIA, 'BUDDY SIGNAL 415-555-0177 Mia');
    expect(w.sms(BUDDY, 'DECLINE').reply).toBe(t.buddyDeclined('sms'));
    expect(w.sms(ROSE, 'BUDDY').reply).toBe(t.buddyNone());
    expect(w.sms(MIA, 'BUDDY').reply).toBe(t.buddyList([{ ending: '0177', status: 'invited' }]));
  });
});
