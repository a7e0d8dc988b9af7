/**
 * ACCEPT from one channel of a number on both answers only the invitations
 * sent over that channel: an SMS from her number (spoofed, or the new holder
 * of a recycled number her Signal account still shows) must not accept an
 * invitation sent her over Signal and move the link to SMS, where Rose's
 * check-in escalation (her name, the client's details) would go to whoever
 * holds the number now. The reverse too: a Signal account showing the number
 * may be its old holder's, who never saw an invitation sent by SMS. The reply
 * is the same whatever the other channel holds, and says to ACCEPT there.
 */
import { catalog } from '../../src/bot/catalog';
import type { BotWorld } from '../helpers/bot-world';
import { ROSE, roseAndTwoChannelBuddy, sendPass, timers } from '../helpers/checkin-escalation';

const MIA = '+14155550111';
const LILY = '+14155550155';
const BUDDY = '+14155550177';
const STRANGER = '+14155550188';
const BUDDY_UUID = '7d8e9f0a-1b2c-4d3e-8f4a-000000000180';
const MIN = 60_000;
const t = catalog('en');

const world = () => roseAndTwoChannelBuddy(BUDDY, BUDDY_UUID);

const roseTold = (w: BotWorld) => w.queued({ channel: 'sms', address: ROSE, phone: ROSE }).map((m) => m.text);
const roseList = (w: BotWorld) => w.sms(ROSE, 'BUDDY').reply;

/** Rose misses a check-in; the escalations each lane then sends to the buddy's number. */
async function escalated(w: BotWorld): Promise<{ sms: number; signal: number }> {
  w.sms(ROSE, 'CHECKIN 30 blue Honda');
  w.clock.now += 31 * MIN;
  timers(w);
  const count = async (channel: 'sms' | 'signal') => (await sendPass(w, channel)).calls.filter((c) => c.to === BUDDY && c.body.includes('blue Honda')).length;
  return { signal: await count('signal'), sms: await count('sms') };
}

describe('ACCEPT from one channel of a number reached over both', () => {
  it.each(['ACCEPT', 'ACCEPT Rose', 'YES', 'ACEPTAR'])('%s by SMS leaves an invitation sent over Signal waiting, and Rose is not told', async (text) => {
    const { w } = await world();
    w.sms(ROSE, `BUDDY SIGNAL ${BUDDY} Rose`);
    w.sms(BUDDY, text);
    expect(roseTold(w)).not.toContain(t.buddyAcceptedMember('0177'));
    expect(roseList(w)).toBe(t.buddyList([{ ending: '0177', status: 'invited' }]));
  });

  it("an SMS ACCEPT of an invitation sent over Signal sends Rose's details nowhere by SMS; her ACCEPT over Signal gets them there", async () => {
    const { w, signal } = await world();
    w.sms(ROSE, `BUDDY SIGNAL ${BUDDY} Rose`);
    w.sms(BUDDY, 'ACCEPT');
    expect(signal('ACCEPT')).toBe(t.buddyAccepted());
    expect(await escalated(w)).toEqual({ signal: 1, sms: 0 });
  });

  it('answers an SMS ACCEPT from a number asked over Signal as a stranger is answered, saying to ACCEPT on Signal', async () => {
    const { w } = await world();
    w.sms(ROSE, `BUDDY SIGNAL ${BUDDY} Rose`);
    const asked = w.sms(BUDDY, 'ACCEPT').reply;
    expect(asked).toBe(w.sms(STRANGER, 'ACCEPT').reply);
    expect(asked).toBe(t.buddyNoInviteHere('sms'));
    expect(asked).toContain('reply ACCEPT there');
  });

  it('an ACCEPT over Signal leaves an invitation sent by SMS waiting, answered as a stranger over Signal is', async () => {
    const { w, signal } = await world();
    w.sms(ROSE, `BUDDY SMS ${BUDDY} Rose`);
    const asked = signal('ACCEPT');
    expect(asked).toBe(w.bot.handle({ sender: { channel: 'signal', address: '7d8e9f0a-1b2c-4d3e-8f4a-000000000181', phone: STRANGER }, text: 'ACCEPT', providerId: 'sig-x' }).reply);
    expect(asked).toContain('text ACCEPT there');
    expect(roseList(w)).toBe(t.buddyList([{ ending: '0177', status: 'invited' }]));
    expect(w.sms(BUDDY, 'ACCEPT').reply).toBe(t.buddyAccepted());
    expect(await escalated(w)).toEqual({ signal: 0, sms: 1 });
  });

  it('an SMS ACCEPT from a buddy who accepted over Signal is not told she is a buddy', async () => {
    const { w, signal } = await world();
    w.sms(ROSE, `BUDDY SIGNAL ${BUDDY} Rose`);
    signal('ACCEPT');
    expect(w.sms(BUDDY, 'ACCEPT').reply).toBe(w.sms(STRANGER, 'ACCEPT').reply);
  });

  it('a bare ACCEPT by SMS accepts the one person who asked by SMS, leaving the one who asked over Signal', async () => {
    const { w } = await world();
    w.sms(MIA, 'JOIN 415');
    w.sms(ROSE, `BUDDY SMS ${BUDDY} Rose`);
    w.sms(MIA, `BUDDY SIGNAL ${BUDDY} Mia`);
    expect(w.sms(BUDDY, 'ACCEPT').reply).toBe(t.buddyAccepted());
    expect(roseList(w)).toBe(t.buddyList([{ ending: '0177', status: 'accepted' }]));
    expect(w.sms(MIA, 'BUDDY').reply).toBe(t.buddyList([{ ending: '0177', status: 'invited' }]));
  });

  it("lists only those who asked by SMS to an SMS ACCEPT, and ACCEPT 2 picks from that list", async () => {
    const { w, signal } = await world();
    w.sms(MIA, 'JOIN 415');
    w.sms(LILY, 'JOIN 415');
    w.sms(ROSE, `BUDDY SMS ${BUDDY} Rose`);
    w.sms(MIA, `BUDDY SIGNAL ${BUDDY} Mia`);
    w.sms(LILY, `BUDDY SMS ${BUDDY} Lily`);
    expect(w.sms(BUDDY, 'ACCEPT').reply).toBe(t.buddyWhich(['Rose', 'Lily'], 0));
    expect(w.sms(BUDDY, 'ACCEPT 2').reply).toBe(t.buddyAccepted());
    expect(w.sms(LILY, 'BUDDY').reply).toBe(t.buddyList([{ ending: '0177', status: 'accepted' }]));
    expect(roseList(w)).toBe(t.buddyList([{ ending: '0177', status: 'invited' }]));
    expect(signal('ACCEPT')).toBe(t.buddyAccepted());
    expect(w.sms(MIA, 'BUDDY').reply).toBe(t.buddyList([{ ending: '0177', status: 'accepted' }]));
  });
});
