/**
 * One buddy row that no longer opens (a damaged value, which the check-in
 * code already stepped around) made every buddy look-up by that number
 * throw: the buddy's STOP and DELETE, which README says always work, failed
 * whole, and so did the member's BUDDY, BUDDY OFF and new invitations.
 */
import { catalog } from '../../src/bot/catalog';
import type { CheckinRules } from '../../src/bot/line-rules';
import { findMember } from '../../src/store/members';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const ROSE = '+14155550100';
const ANA = '+14155550177';
const RULES: CheckinRules = { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] };
const t = catalog('en');

const statuses = (w: BotWorld) => (w.db.sqlite.prepare('SELECT status FROM buddies ORDER BY id').all() as Array<{ status: string }>).map((r) => r.status);

/** Ana, a subscriber, is Rose's accepted buddy; Rose's row for Ana no longer opens. */
async function damaged(): Promise<BotWorld> {
  const w = await botWorld({ checkins: RULES });
  w.sms(ANA, 'JOIN 415');
  w.sms(ROSE, 'JOIN');
  w.sms(ROSE, 'BUDDY 415-555-0177 Rose');
  expect(w.sms(ANA, 'ACCEPT').reply).toBe(t.buddyAccepted());
  w.db.sqlite.prepare('UPDATE buddies SET address_ct = randomblob(60)').run();
  return w;
}

describe('a damaged buddy row', () => {
  it("does not stop the buddy's own STOP: she is unsubscribed from alerts", async () => {
    const w = await damaged();
    expect(() => w.sms(ANA, 'STOP')).not.toThrow();
    expect(findMember(w.db, w.vault, { channel: 'sms', address: ANA })?.status).toBe('stopped');
    // Stopped by her number, unopened.
    expect(statuses(w)).toEqual(['stopped']);
  });

  it("does not stop the buddy's own DELETE: everything about her is erased", async () => {
    const w = await damaged();
    expect(() => w.sms(ANA, 'DELETE')).not.toThrow();
    expect(findMember(w.db, w.vault, { channel: 'sms', address: ANA })).toBeUndefined();
    expect(statuses(w)).toEqual([]);
  });

  it("does not stop the buddy's DECLINE, which erases the link all the same", async () => {
    const w = await damaged();
    expect(() => w.sms(ANA, 'DECLINE')).not.toThrow();
    expect(statuses(w)).toEqual([]);
  });

  it('does not stop the member from listing, removing or adding buddies', async () => {
    const w = await damaged();
    expect(w.sms(ROSE, 'BUDDY').reply).toBe(t.buddyNone());
    expect(() => w.sms(ROSE, 'BUDDY 212-555-0142 Rose')).not.toThrow();
    expect(w.sms(ROSE, 'BUDDY').reply).toBe(t.buddyList([{ ending: '0142', status: 'invited' }]));
    expect(() => w.sms(ROSE, 'BUDDY OFF')).not.toThrow();
    // Every buddy, the one that no longer opens too.
    expect(statuses(w)).toEqual([]);
  });
});

describe('a damaged buddy row, asked again', () => {
  it('lets the member ask the same number again (the row she cannot see must not refuse it)', async () => {
    const w = await damaged();
    // BUDDY lists nobody, so asking Ana again is what she does.
    expect(w.sms(ROSE, 'BUDDY').reply).toBe(t.buddyNone());
    expect(w.sms(ROSE, 'BUDDY 415-555-0177 Rose').reply).toBe(t.buddyAsked('0177'));
    expect(w.sms(ROSE, 'BUDDY').reply).toBe(t.buddyList([{ ending: '0177', status: 'invited' }]));
  });

  it('lets BUDDY OFF number remove the damaged link to that number', async () => {
    const w = await damaged();
    w.sms(ROSE, 'BUDDY OFF 415-555-0177');
    expect(statuses(w)).toEqual([]);
  });
});
