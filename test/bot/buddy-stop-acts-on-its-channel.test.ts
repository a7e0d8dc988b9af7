/**
 * A buddy's STOP (or a carrier opt-out) stops what goes to her over the
 * channel it comes from only. An SMS STOP from the number of a buddy who
 * accepted over Signal (a spoofed SMS, or the new holder of a recycled
 * number her Signal account still shows) must not silence the check-in
 * escalation she would get over Signal, nor tell her member she stopped.
 * Her STOP over Signal still ends that link, as before.
 */
import { catalog } from '../../src/bot/catalog';
import { SendError } from '../../src/channels/types';
import type { BotWorld } from '../helpers/bot-world';
import { missCheckin, ROSE, roseAndTwoChannelBuddy, sendPass } from '../helpers/checkin-escalation';

const LILY = '+14155550155';
const BUDDY = '+14155550177';
const BUDDY_UUID = '7d8e9f0a-1b2c-4d3e-8f4a-000000000179';
const t = catalog('en');

const world = () => roseAndTwoChannelBuddy(BUDDY, BUDDY_UUID, true);

/** What the Signal lane sent her that carries Rose's details. */
async function escalationsOverSignal(w: BotWorld): Promise<string[]> {
  const signal = await sendPass(w, 'signal');
  return signal.calls.filter((c) => c.to === BUDDY && c.body.includes('blue Honda')).map((c) => c.to);
}

const toldStopped = (w: BotWorld) => w.queued({ channel: 'sms', address: ROSE, phone: ROSE }).filter((m) => m.text === t.buddyStoppedMember('0177'));

describe('STOP from one channel of a buddy reached over the other', () => {
  it('an SMS STOP from her number leaves her link over Signal: a missed check-in still reaches her there', async () => {
    const { w } = await world();
    w.sms(BUDDY, 'STOP');
    expect(missCheckin(w)).toBe(1);
    expect(await escalationsOverSignal(w)).toEqual([BUDDY]);
  });

  it('an SMS STOP leaves an escalation already waiting to go to her over Signal', async () => {
    const { w } = await world();
    expect(missCheckin(w)).toBe(1);
    w.sms(BUDDY, 'STOP');
    expect(await escalationsOverSignal(w)).toEqual([BUDDY]);
  });

  it('an SMS STOP tells Rose nothing: her buddy is still listed as accepted', async () => {
    const { w } = await world();
    w.sms(BUDDY, 'STOP');
    expect(toldStopped(w)).toHaveLength(0);
    expect(w.sms(ROSE, 'BUDDY').reply).toBe(t.buddyList([{ ending: '0177', status: 'accepted' }]));
  });

  it('a STOP over Signal ends her link there, Rose is told, and the waiting escalation does not go', async () => {
    const { w, signal } = await world();
    expect(missCheckin(w)).toBe(1);
    signal('STOP');
    expect(toldStopped(w)).toHaveLength(1);
    expect(await escalationsOverSignal(w)).toEqual([]);
    expect(w.sms(ROSE, 'BUDDY').reply).toBe(t.buddyList([{ ending: '0177', status: 'stopped' }]));
  });

  it("a carrier opt-out of her number (21610) stops SMS only: Lily's invitation is refused, Rose's escalation over Signal still goes", async () => {
    const { w } = await world();
    w.sms(LILY, 'JOIN 415');
    w.sms(LILY, `BUDDY ${BUDDY} Lily`);
    const sms = await sendPass(w, 'sms', { [BUDDY]: new SendError('stopped', '21610') });
    expect(sms.calls.map((c) => c.body)).toContain(t.buddyInvite('Lily'));
    expect(w.sms(ROSE, 'BUDDY').reply).toBe(t.buddyList([{ ending: '0177', status: 'accepted' }]));
    expect(missCheckin(w)).toBe(1);
    expect(await escalationsOverSignal(w)).toEqual([BUDDY]);
  });

  it('an invitation held by her SMS STOP is not one she can ACCEPT over Signal, and a JOIN there does not send it', async () => {
    const { w, signal } = await world();
    w.sms(BUDDY, 'STOP');
    w.sms(LILY, 'JOIN 415');
    w.sms(LILY, `BUDDY ${BUDDY} Lily`);
    expect(signal('ACCEPT')).toBe(t.buddyAccepted());
    expect(w.sms(LILY, 'BUDDY').reply).toBe(t.buddyList([{ ending: '0177', status: 'invited' }]));
    signal('JOIN 415');
    expect(w.direct(BUDDY)).not.toContain(t.buddyInvite('Lily'));
    // START by SMS lifts her stop there: the invitation held goes now.
    w.sms(BUDDY, 'START');
    expect(w.direct(BUDDY)).toContain(t.buddyInvite('Lily'));
  });
});
