/**
 * A running check-in that loses the last buddy who could be told (their
 * DECLINE, STOP or DELETE; or an SMS DELETE from her own number erasing the
 * membership her buddies were asked from while her check-in runs over
 * Signal) tells her at once, on the check-in's channel, that it reaches no
 * one now and how to add a buddy. She was told only that the number
 * declined, or nothing, and nothing was sent at the deadline.
 */
import { catalog } from '../../src/bot/catalog';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { timers } from '../helpers/checkin-escalation';

const ROSE = '+14155550100';
const ROSE_UUID = '3c4d5e6f-7a8b-4c9d-8e0f-000000000100';
const BUDDY = '+14155550177';
const OTHER = '+14155550188';
const MIN = 60_000;
const t = catalog('en');
const es = catalog('es');

async function line(): Promise<BotWorld> {
  return botWorld({ checkins: { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] } });
}

/** Rose, on SMS, with `buddies` accepted. */
async function roseWith(buddies: string[]): Promise<BotWorld> {
  const w = await line();
  w.sms(ROSE, 'JOIN');
  for (const b of buddies) {
    w.sms(ROSE, `BUDDY ${b} Rose`);
    expect(w.sms(b, 'ACCEPT').reply).toBe(t.buddyAccepted());
  }
  return w;
}

const toRose = (w: BotWorld) => w.queued({ channel: 'sms', address: ROSE }).map((m) => m.text);

describe('a running check-in losing its last buddy', () => {
  it.each(['DECLINE', 'STOP', 'DELETE'])('tells her at once when her only buddy sends %s', async (word) => {
    const w = await roseWith([BUDDY]);
    w.sms(ROSE, 'CHECKIN 30 blue car');
    w.sms(BUDDY, word);
    expect(toRose(w)).toContain(t.checkinNoOneLeft());
    // Once: another message of theirs adds nothing.
    w.sms(BUDDY, 'DECLINE');
    expect(toRose(w).filter((m) => m === t.checkinNoOneLeft())).toHaveLength(1);
  });

  it('says nothing more while another buddy is left', async () => {
    const w = await roseWith([BUDDY, OTHER]);
    w.sms(ROSE, 'CHECKIN 30 blue car');
    w.sms(BUDDY, 'DECLINE');
    expect(toRose(w)).toContain(t.buddyDeclinedMember('0177'));
    expect(toRose(w)).not.toContain(t.checkinNoOneLeft());
  });

  it('says nothing more with no check-in running', async () => {
    const w = await roseWith([BUDDY]);
    w.sms(BUDDY, 'DECLINE');
    expect(toRose(w)).toEqual([t.buddyAcceptedMember('0177'), t.buddyDeclinedMember('0177')]);
  });

  it('says nothing more when the moderators are told in their place (CHECKIN_FALLBACK=moderators)', async () => {
    const MOD = '+14155550999';
    const w = await botWorld({
      checkins: { fallback: 'moderators', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] },
      moderatorContacts: [{ channel: 'sms', address: MOD, phone: MOD }],
      moderators: new Set([MOD]),
    });
    w.sms(ROSE, 'JOIN');
    w.sms(ROSE, 'BUDDY 415-555-0177 Rose');
    w.sms(BUDDY, 'ACCEPT');
    w.sms(ROSE, 'CHECKIN 30 blue car');
    w.sms(BUDDY, 'DECLINE');
    expect(toRose(w)).toContain(t.buddyDeclinedMember('0177'));
    expect(toRose(w)).not.toContain(t.checkinNoOneLeft());
  });

  it('tells her in her language, as plainly as her alerts if she chose DISCREET', async () => {
    const w = await roseWith([BUDDY]);
    w.sms(ROSE, 'ESPANOL');
    w.sms(ROSE, 'DISCRETO');
    w.sms(ROSE, 'SEGURA 30');
    w.sms(BUDDY, 'STOP');
    expect(toRose(w)).toContain(es.discreetNoOneLeft());
  });

  it('tells her on Signal, where her check-in runs, when an SMS DELETE from her number erases the membership her buddy was asked from', async () => {
    const w = await roseWith([BUDDY]);
    let sid = 0;
    const signal = (text: string) => w.bot.handle({ sender: { channel: 'signal', address: ROSE_UUID, phone: ROSE }, text, providerId: `sig-${++sid}` }).reply;
    expect(signal('CHECKIN 30 blue car')).toContain('Heads Up');
    w.sms(ROSE, 'DELETE');
    expect(w.queued({ channel: 'signal', address: ROSE_UUID }).map((m) => m.text)).toContain(t.checkinNoOneLeft());
    // Her SMS membership's links went with it, as README says: the deadline reaches no one.
    w.clock.now += 31 * MIN;
    timers(w);
    expect(w.direct(BUDDY).filter((m) => m.includes('blue car'))).toEqual([]);
  });
});
