/**
 * A number a member asked to be her buddy, that never answered, and later
 * texts STOP or DELETE (to the line, perhaps for reasons of its own): it
 * agreed to nothing, so nothing about it reaches the member. The
 * invitation stays "waiting" in her list after a STOP (as for any number
 * that does not answer), and leaves it in silence after a DELETE.
 */
import { catalog } from '../../src/bot/catalog';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const ROSE = '+14155550100';
const ASKED = '+14155550177';
const RULES = { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms', 'signal'] } as const;
const t = catalog('en');
const rose = { channel: 'sms', address: ROSE, phone: ROSE } as const;

async function invited(): Promise<BotWorld> {
  const w = await botWorld({ checkins: { ...RULES, buddyChannels: [...RULES.buddyChannels] } });
  w.sms(ROSE, 'JOIN');
  expect(w.sms(ROSE, 'BUDDY 415-555-0177 Rose').reply).toBe(t.buddyAsked('0177'));
  return w;
}

describe('an invitation never answered', () => {
  it("STOP from its number tells the member nothing, and it still reads as waiting", async () => {
    const w = await invited();
    const before = w.queued(rose).length;
    expect(w.sms(ASKED, 'STOP').reply).toBe(t.stopped('sms'));
    expect(w.queued(rose).slice(before).map((m) => m.text)).toEqual([]);
    expect(w.sms(ROSE, 'BUDDY').reply).toBe(t.buddyList([{ ending: '0177', status: 'invited' }]));
  });

  it('DELETE from its number tells the member nothing', async () => {
    const w = await invited();
    const before = w.queued(rose).length;
    expect(w.sms(ASKED, 'DELETE').reply).toBe(t.deleted('sms'));
    expect(w.queued(rose).slice(before).map((m) => m.text)).toEqual([]);
  });

  it('STOP then START from its number: the invitation is asked again, and ACCEPT then works', async () => {
    const w = await invited();
    w.sms(ASKED, 'STOP');
    w.sms(ASKED, 'START');
    expect(w.direct(ASKED).filter((m) => m === t.buddyInvite('Rose'))).toHaveLength(2);
    expect(w.sms(ASKED, 'ACCEPT').reply).toBe(t.buddyAccepted());
  });
});
