/**
 * An alert the planner gave a person on both channels over Signal only (her
 * SMS membership skipped) still reaches her when the Signal membership stops
 * covering it before the copy goes (LEAVE of the area, DELETE over Signal):
 * her SMS membership still holds the area. It was withdrawn or erased, and
 * she never got it. And DISCREET turned off again sends the copies still
 * queued in full, as README says ("alerts already queued included"); they
 * went out as neutral notices.
 */
import { catalog } from '../../src/bot/catalog';
import { planNextRange, unplannedAlerts } from '../../src/store/alerts';
import { claimLane } from '../../src/store/outbox';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import type { Sender } from '../../src/phone/identity';

const MOD = '+14155550199';
const ROSA = '+14155550101';
const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const t = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

async function twins(): Promise<{ w: BotWorld; signal: (text: string) => string | null | undefined }> {
  const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
  let n = 0;
  const signal = (text: string) => w.bot.handle({ sender: { channel: 'signal', address: UUID, phone: ROSA }, text, providerId: `sig:${++n}` }).reply;
  expect(signal('JOIN 415')).toBe(t.joined(['415']));
  expect(w.sms(ROSA, 'JOIN 415').reply).toBe(t.joined(['415']));
  return { w, signal };
}

function alertPlanned(w: BotWorld): void {
  expect(w.sms(MOD, 'ALERT 415 grey van, knife, plate 7ABC123').reply).toMatch(/Alert #[A-Z0-9]{4,6} going to/);
  for (const id of unplannedAlerts(w.db)) while (!planNextRange(w.db, id, w.clock.now).done);
}

const alertCopies = (w: BotWorld, channel: 'sms' | 'signal') =>
  claimLane(w.db, channel, w.clock.now + 1, 50, w.clock.now + 60_000).filter((r) => r.alert_id !== null);

describe('an alert queued over Signal for someone also on SMS', () => {
  it('still reaches her SMS membership (which holds the area) after LEAVE of that area over Signal', async () => {
    const { w, signal } = await twins();
    alertPlanned(w);
    // The planner chose Signal; she keeps 415 on SMS and leaves it on Signal.
    expect(signal('LEAVE 415')).toBe(t.left(['415'], []));
    const bySms = alertCopies(w, 'sms');
    const bySignal = alertCopies(w, 'signal');
    // Exactly one copy for her, by SMS now.
    expect({ sms: bySms.length, signal: bySignal.length }).toEqual({ sms: 1, signal: 0 });
  });

  it('still reaches her SMS membership after DELETE over Signal (the SMS membership stays)', async () => {
    const { w, signal } = await twins();
    alertPlanned(w);
    expect(signal('DELETE')).toBe(t.deleted('signal'));
    expect(alertCopies(w, 'sms')).toHaveLength(1);
  });
});

describe('DISCREET turned off again', () => {
  it('sends the alert copies still queued in full, as the reply says', async () => {
    const { w, signal } = await twins();
    expect(signal('DISCREET')).toBe(t.discreetOn('signal'));
    alertPlanned(w);
    // Turned off before the copy went: "alerts already queued included".
    expect(signal('DISCREET')).toBe(t.discreetOff('signal'));
    const rows = alertCopies(w, 'signal');
    expect(rows.map((r) => r.discreet)).toEqual([0]);
  });
});

describe('READ from the other channel', () => {
  it('shows nothing of the alert whose notice went to her Signal membership, and leaves it unread there', async () => {
    const { w, signal } = await twins();
    expect(signal('DISCREET')).toBe(t.discreetOn('signal'));
    alertPlanned(w);
    expect(w.sms(ROSA, 'READ').reply).toBe(t.readNone());
    expect(signal('READ')).toContain('grey van, knife');
    expect(signal('READ')).toBe(t.readNone());
  });
});
