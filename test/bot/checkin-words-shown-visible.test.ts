/**
 * BUDDY's name and CHECKIN's details go to others: the name to the one invited and, in an escalation, to her
 * buddies; the details to her buddies or, with CHECKIN_FALLBACK=moderators, to the moderators. A report's text is
 * cleaned of what is invisible (direction overrides that reorder what is read, a bell, NUL, an escape); these
 * reached them as typed.
 */
import type { Sender } from '../../src/phone/identity';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { timers } from '../helpers/checkin-escalation';

const ROSE = '+14155550100';
const BUDDY = '+14155550123';
const MOD = '+14155550199';
const MIN = 60_000;
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
// Direction overrides and isolates, the marks, NUL, a bell, an escape, DEL.
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u0000\u0007\u001B\u007F]/u;

async function line(fallback: 'none' | 'moderators'): Promise<BotWorld> {
  const w = await botWorld({ checkins: { fallback, minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] }, moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
  w.sms(ROSE, 'JOIN');
  return w;
}

describe('what BUDDY and CHECKIN pass on', () => {
  it('a name with a direction override or control characters reaches the buddy without them, in the invitation and the escalation', async () => {
    const w = await line('none');
    w.sms(ROSE, 'BUDDY 415-555-0123 \u202EanA\u202C\u0007 Rose\u001B');
    const [invitation] = w.direct(BUDDY);
    expect(invitation).toContain('anA Rose');
    expect(invitation).not.toMatch(INVISIBLE);
    w.sms(BUDDY, 'ACCEPT');
    w.sms(ROSE, 'CHECKIN 30 room 12');
    w.clock.now += 30 * MIN;
    expect(timers(w).escalated).toBe(1);
    const escalation = w.direct(BUDDY).at(-1) ?? '';
    expect(escalation).toContain('anA Rose');
    expect(escalation).toContain('room 12');
    expect(escalation).not.toMatch(INVISIBLE);
  });

  it('a name of nothing visible is no name', async () => {
    const w = await line('none');
    const reply = w.sms(ROSE, 'BUDDY 415-555-0123 \u202E\u0007').reply ?? '';
    expect(reply).toBe(w.sms(ROSE, 'BUDDY 415-555-0123').reply);
    expect(w.direct(BUDDY)).toEqual([]);
  });

  it('details with a direction override, a bell and NUL reach the moderators without them', async () => {
    const w = await line('moderators');
    w.sms(ROSE, 'CHECKIN 30 room \u202E21 moor\u202C blue car\u0007\u0000');
    w.clock.now += 30 * MIN;
    timers(w, { fallback: 'moderators', moderatorContacts: [sms(MOD)] });
    const notice = w.queued(sms(MOD)).map((m) => m.text).join('\n');
    expect(notice).toContain('They shared: room 21 moor blue car');
    expect(notice).not.toMatch(INVISIBLE);
  });
});
