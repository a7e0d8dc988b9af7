/**
 * CHECKIN_FALLBACK=moderators, a member with no buddy, and the only
 * moderator's Signal identity changes while her check-in runs: at the
 * deadline no one can be told. She used to read "you didn't check in, and
 * no buddy is left to tell", words about buddies she never relied on; she
 * is now told that the moderators could not be reached, to reach someone
 * another way.
 */
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { observeModeratorIdentity } from '../../src/store/moderator-identities';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { ROSE, timers } from '../helpers/checkin-escalation';

const MIN = 60_000;
const MOD: Sender = { channel: 'signal', address: '2c3d4e5f-6a7b-4c8d-9e0f-000000000031' };
const LINE = { fallback: 'moderators' as const, moderatorContacts: [MOD] };
const rose: Sender = { channel: 'sms', address: ROSE, phone: ROSE };

/** Rose's check-in runs with the moderators to be told; then the moderator's identity changes, and it runs out. */
async function missedAfterModeratorChanged(discreet: boolean): Promise<{ w: BotWorld; last: () => string | undefined }> {
  const w = await botWorld({ checkins: { ...LINE, minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] }, moderatorContacts: [MOD], moderators: new Set([MOD.address]) });
  w.sms(ROSE, 'JOIN 415');
  if (discreet) w.sms(ROSE, 'DISCREET');
  observeModeratorIdentity(w.db, w.vault, MOD.address, 'identity-1', false, w.clock.now);
  expect(w.sms(ROSE, 'CHECKIN 30 blue car').reply).toContain("the line's moderators");
  expect(observeModeratorIdentity(w.db, w.vault, MOD.address, 'identity-2', false, w.clock.now)).toBe('changed');
  w.clock.now += 31 * MIN;
  expect(timers(w, LINE).escalated).toBe(1);
  return { w, last: () => w.queued(rose).at(-1)?.text };
}

describe('a fallback check-in whose only moderator changed identity, at its deadline', () => {
  it('tells her the moderators could not be reached, not that no buddy is left', async () => {
    const { last } = await missedAfterModeratorChanged(false);
    expect(last()).toBe(catalog('en').checkinModeratorsUnreached(false));
  });

  it('in discreet words when she chose DISCREET', async () => {
    const { last } = await missedAfterModeratorChanged(true);
    expect(last()).toBe(catalog('en').discreetModeratorsUnreached(false));
  });
});
