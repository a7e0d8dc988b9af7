/**
 * DISCREET turned off while her notice is with the provider (its send holds
 * the row): the notice arrives saying "Reply READ to see it", so READ must
 * show the alert. Turning discreet off used to forget the unread alert of
 * every copy still pending, a held one included: READ answered "nothing
 * unread" and no full copy was ever sent, the alert lost (found by a hunt on
 * discreet alerts). Copies not yet claimed still go in full; and the mirror:
 * discreet turned on while a full copy is held keeps it readable, as a retry
 * of it goes as a notice.
 */
import { catalog } from '../../src/bot/catalog';
import { planNextRange, unplannedAlerts } from '../../src/store/alerts';
import { claimLane, recordOutcomes } from '../../src/store/outbox';
import type { ClaimedRow } from '../../src/store/outbox-rows';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
const ROSA = '+14155550101';
const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const t = catalog('en');
const LEASE_MS = 60_000;

async function line(): Promise<BotWorld> {
  const w = await botWorld({ moderators: new Set([MOD]) });
  expect(w.sms(ROSA, 'JOIN 415').reply).toBe(t.joined(['415']));
  return w;
}

function alert415(w: BotWorld): void {
  expect(w.sms(MOD, 'ALERT 415 grey van, knife').reply).toMatch(/Alert #[A-Z0-9]{4,6} going to/);
  for (const id of unplannedAlerts(w.db)) while (!planNextRange(w.db, id, w.clock.now).done);
}

/** Her alert copies the lane claims now, leased (held by the send) until the lease ends. */
function claimHers(w: BotWorld, channel: 'sms' | 'signal' = 'sms'): ClaimedRow[] {
  return claimLane(w.db, channel, w.clock.now, 10, w.clock.now + LEASE_MS).filter((r) => r.alert_id !== null);
}

describe('DISCREET off while her notice is with the provider', () => {
  it('by SMS: the notice is sent, and READ shows the alert', async () => {
    const w = await line();
    expect(w.sms(ROSA, 'DISCREET').reply).toBe(t.discreetOn('sms'));
    alert415(w);
    const held = claimHers(w);
    expect(held.map((r) => r.discreet)).toEqual([1]);
    w.clock.now += 500;
    expect(w.sms(ROSA, 'DISCREET').reply).toBe(t.discreetOff('sms'));
    recordOutcomes(w.db, [{ id: held[0]!.id, kind: 'sent', providerId: 'SMheld1' }], w.clock.now);
    expect(w.sms(ROSA, 'READ').reply).toContain('grey van, knife');
  });

  it('over Signal: the notice is sent, and READ shows the alert', async () => {
    const w = await botWorld({ moderators: new Set([MOD]) });
    let n = 0;
    const signal = (text: string) => w.bot.handle({ sender: { channel: 'signal', address: UUID, phone: ROSA }, text, providerId: `sig:${++n}` }).reply;
    expect(signal('JOIN 415')).toBe(t.joined(['415']));
    expect(signal('DISCREET OFF')).toBe(t.discreetOff('signal'));
    expect(signal('DISCREET ON')).toBe(t.discreetOn('signal'));
    alert415(w);
    const held = claimHers(w, 'signal');
    expect(held.map((r) => r.discreet)).toEqual([1]);
    expect(signal('DISCREET OFF')).toBe(t.discreetOff('signal'));
    recordOutcomes(w.db, [{ id: held[0]!.id, kind: 'sent', providerId: '1700000000001' }], w.clock.now);
    expect(signal('READ')).toContain('grey van, knife');
  });

  it('its try comes back for a retry: it is sent again, and READ shows the alert', async () => {
    const w = await line();
    w.sms(ROSA, 'DISCREET ON');
    alert415(w);
    const held = claimHers(w);
    w.sms(ROSA, 'DISCREET OFF');
    recordOutcomes(w.db, [{ id: held[0]!.id, kind: 'retry', dueAt: w.clock.now + 5_000, error: 'connection:ETIMEDOUT' }], w.clock.now);
    w.clock.now += 5_000;
    // Sent again as the notice she may already have: it still says READ, and READ has it.
    expect(claimHers(w).map((r) => r.discreet)).toEqual([1]);
    expect(w.sms(ROSA, 'READ').reply).toContain('grey van, knife');
  });

  it('a copy not yet claimed goes in full, and is not left unread', async () => {
    const w = await line();
    w.sms(ROSA, 'DISCREET ON');
    alert415(w);
    w.sms(ROSA, 'DISCREET OFF');
    expect(claimHers(w).map((r) => r.discreet)).toEqual([0]);
    expect(w.sms(ROSA, 'READ').reply).toBe(t.readNone());
  });

  it('the mirror: DISCREET on while a full copy is held, and that try comes back: it goes as a notice and READ shows it', async () => {
    const w = await line();
    alert415(w);
    const held = claimHers(w);
    expect(held.map((r) => r.discreet)).toEqual([0]);
    w.sms(ROSA, 'DISCREET ON');
    recordOutcomes(w.db, [{ id: held[0]!.id, kind: 'retry', dueAt: w.clock.now + 5_000, error: 'connection:ETIMEDOUT' }], w.clock.now);
    w.clock.now += 5_000;
    expect(claimHers(w).map((r) => r.discreet)).toEqual([1]);
    expect(w.sms(ROSA, 'READ').reply).toContain('grey van, knife');
  });
});
