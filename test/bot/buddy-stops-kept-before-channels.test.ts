/**
 * Stops kept before stops had a channel stopped every channel, and hold on
 * each until lifted there: one kept before migration 0042 (a buddy_stops row
 * with no channel, and the links that STOP stopped, whatever their channel),
 * and one kept before buddy_stops (0016), as stopped links only. Lifting one
 * on a channel keeps it on the other, through the member's BUDDY OFF.
 */
import { catalog } from '../../src/bot/catalog';
import { buddyIndex } from '../../src/store/buddies';
import type { BotWorld } from '../helpers/bot-world';
import { botWorld } from '../helpers/bot-world';

const ROSE = '+14155550100';
const LILY = '+14155550155';
const BUDDY = '+14155550177';
const BUDDY_UUID = '7d8e9f0a-1b2c-4d3e-8f4a-000000000180';
const DAY = 86_400_000;
const t = catalog('en');

/** Rose asks her by SMS, or with `via` 'signal' over Signal (an invitation is accepted over the channel it went by). */
async function world(via: 'sms' | 'signal' = 'sms'): Promise<{ w: BotWorld; signal: (text: string) => string | null }> {
  const w = await botWorld({ checkins: { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms', 'signal'] } });
  let n = 0;
  const signal = (text: string) => w.bot.handle({ sender: { channel: 'signal', address: BUDDY_UUID, phone: BUDDY }, text, providerId: `sig-${++n}` }).reply;
  w.sms(ROSE, 'JOIN 415');
  w.sms(ROSE, via === 'signal' ? `BUDDY SIGNAL ${BUDDY} Rose` : `BUDDY ${BUDDY} Rose`);
  return { w, signal };
}

/** Her STOP as a version before 0042 kept it, and 0042 left it: a stop with no channel, every accepted link stopped. */
function stopBefore0042(w: BotWorld): void {
  w.db.sqlite
    .prepare('INSERT INTO buddy_stops (id, buddy_bidx, channel, address_ct, key_version, created_at) VALUES (1, ?, NULL, ?, ?, ?)')
    .run(buddyIndex(w.vault, BUDDY), w.vault.seal(BUDDY, { table: 'buddy_stops', column: 'address', row: 1 }), w.vault.keyVersion, w.clock.now - (w.clock.now % DAY));
  w.db.sqlite.prepare("UPDATE buddies SET status = 'stopped' WHERE status = 'accepted'").run();
}

/** Her STOP as a version before 0016 kept it ("stops recorded before this table stay as stopped buddy rows"). */
function stopBefore0016(w: BotWorld): void {
  w.db.sqlite.prepare("UPDATE buddies SET status = 'stopped' WHERE status = 'accepted'").run();
}

/** Whether Lily's invitation over Signal reaches the number. */
function invitedOverSignal(w: BotWorld, who = LILY): boolean {
  w.sms(who, 'JOIN 415');
  const before = w.direct(BUDDY).length;
  expect(w.sms(who, `BUDDY SIGNAL ${BUDDY} Lily`).reply).toBe(t.buddyAsked('0177'));
  return w.direct(BUDDY).length > before;
}

describe('a stop kept before 0042 (no channel), lifted on one channel', () => {
  it('lifted by SMS, it is kept for Signal although her stopped link over Signal remains', async () => {
    const { w, signal } = await world('signal');
    expect(signal('ACCEPT')).toBe(t.buddyAccepted());
    stopBefore0042(w);
    w.clock.now += 60 * DAY;
    w.sms(BUDDY, 'JOIN 415');
    expect(w.db.sqlite.prepare('SELECT channel FROM buddy_stops').all()).toEqual([{ channel: 'signal' }]);
  });

  it("...so that after Rose's BUDDY OFF of that link, an invitation over Signal is still held", async () => {
    const { w, signal } = await world('signal');
    expect(signal('ACCEPT')).toBe(t.buddyAccepted());
    stopBefore0042(w);
    w.clock.now += 60 * DAY;
    w.sms(BUDDY, 'JOIN 415');
    expect(w.sms(ROSE, 'BUDDY').reply).toBe(t.buddyList([{ ending: '0177', status: 'stopped' }]));
    w.sms(ROSE, `BUDDY OFF ${BUDDY}`);
    expect(invitedOverSignal(w, ROSE)).toBe(false);
  });
});

describe('a stop kept before buddy_stops (0016): a stopped link only', () => {
  it('her link over SMS stopped: an invitation over Signal is held', async () => {
    const { w } = await world();
    expect(w.sms(BUDDY, 'ACCEPT').reply).toBe(t.buddyAccepted());
    stopBefore0016(w);
    expect(invitedOverSignal(w)).toBe(false);
  });

  it('lifted by her JOIN by SMS, it holds on Signal, through BUDDY OFF of the link it stopped', async () => {
    const { w } = await world();
    expect(w.sms(BUDDY, 'ACCEPT').reply).toBe(t.buddyAccepted());
    stopBefore0016(w);
    w.clock.now += 60 * DAY;
    w.sms(BUDDY, 'JOIN 415');
    w.sms(ROSE, `BUDDY OFF ${BUDDY}`);
    expect(invitedOverSignal(w)).toBe(false);
  });

  it('her DELETE by SMS lifts it by SMS only: it holds on Signal, as her JOIN by SMS leaves it there', async () => {
    const { w } = await world();
    expect(w.sms(BUDDY, 'ACCEPT').reply).toBe(t.buddyAccepted());
    stopBefore0016(w);
    w.sms(BUDDY, 'DELETE');
    expect(w.db.sqlite.prepare('SELECT channel FROM buddy_stops').all()).toEqual([{ channel: 'signal' }]);
    expect(invitedOverSignal(w)).toBe(false);
  });

  it('her STOP again by SMS keeps it on every channel, through BUDDY OFF of the link it stopped', async () => {
    const { w } = await world();
    expect(w.sms(BUDDY, 'ACCEPT').reply).toBe(t.buddyAccepted());
    stopBefore0016(w);
    w.sms(BUDDY, 'STOP');
    w.sms(ROSE, `BUDDY OFF ${BUDDY}`);
    expect(invitedOverSignal(w)).toBe(false);
  });

  it('over Signal, once lifted there, an invitation goes: a stop kept is lifted on each channel', async () => {
    const { w, signal } = await world();
    expect(w.sms(BUDDY, 'ACCEPT').reply).toBe(t.buddyAccepted());
    stopBefore0016(w);
    signal('JOIN 415');
    expect(invitedOverSignal(w)).toBe(true);
  });

  it('an invitation over Signal it held goes when she JOINs over Signal', async () => {
    const { w, signal } = await world();
    expect(w.sms(BUDDY, 'ACCEPT').reply).toBe(t.buddyAccepted());
    stopBefore0016(w);
    expect(invitedOverSignal(w)).toBe(false);
    const before = w.direct(BUDDY).length;
    signal('JOIN 415');
    expect(w.direct(BUDDY).slice(before)).toEqual([t.buddyInvite('Lily')]);
  });
});
