/**
 * STOP from someone on SMS and Signal with the same number acts on the channel
 * it comes from only: a number is not proof enough to act on the other
 * channel's member (an SMS STOP may be spoofed, or come from the new holder of
 * a recycled number her Signal account still shows). The reply says, whatever
 * exists, to send STOP on the other channel too, so it never tells anyone
 * whether that membership exists.
 */
import { catalog } from '../../src/bot/catalog';
import type { CheckinRules } from '../../src/bot/line-rules';
import { runCheckinTimers } from '../../src/jobs/checkin-timers';
import type { Sender } from '../../src/phone/identity';
import { planNextRange, unplannedAlerts } from '../../src/store/alerts';
import { findMember } from '../../src/store/members';
import { claimLane } from '../../src/store/outbox';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
const ROSA = '+14155550101';
const BUDDY = '+14155550177';
const STRANGER = '+14155550123';
const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const MIN = 60_000;
const RULES: CheckinRules = { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms', 'signal'] };
const t = catalog('en');
const rosaSignal: Sender = { channel: 'signal', address: UUID, phone: ROSA };
const ALSO_SMS = 'If you also get alerts by SMS, text STOP there too.';
const ALSO_SIGNAL = 'If you also use Heads Up on Signal, send STOP there too.';

async function line(): Promise<{ w: BotWorld; signal: (text: string) => string | null }> {
  const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [{ channel: 'sms', address: MOD, phone: MOD }], checkins: RULES });
  let n = 0;
  const signal = (text: string) => w.bot.handle({ sender: rosaSignal, text, providerId: `sig:${++n}` }).reply;
  return { w, signal };
}

async function twins(): Promise<{ w: BotWorld; signal: (text: string) => string | null }> {
  const l = await line();
  expect(l.signal('JOIN 415')).toBe(t.joined(['415']));
  expect(l.w.sms(ROSA, 'JOIN 415').reply).toBe(t.joined(['415']));
  return l;
}

/** The alert copies an alert to 415 queues, per channel, once the moderator sends one. */
function alertCopies(w: BotWorld): { sms: number; signal: number } {
  expect(w.sms(MOD, 'ALERT 415 grey van, knife, plate 7ABC123').reply).toMatch(/Alert #[A-Z0-9]{4,6} going to/);
  for (const id of unplannedAlerts(w.db)) while (!planNextRange(w.db, id, w.clock.now).done);
  const copies = (channel: 'sms' | 'signal') =>
    claimLane(w.db, channel, w.clock.now + 1, 50, w.clock.now + 60_000).filter((r) => r.alert_id !== null && r.member_status === 'active').length;
  return { sms: copies('sms'), signal: copies('signal') };
}

describe('STOP from one channel of someone on both with the same number', () => {
  it('STOP over Signal: her SMS membership still gets alerts, and the reply said to text STOP there too', async () => {
    const { w, signal } = await twins();
    expect(signal('STOP')).toContain(ALSO_SMS);
    expect(findMember(w.db, w.vault, rosaSignal)?.status).toBe('stopped');
    expect(findMember(w.db, w.vault, { channel: 'sms', address: ROSA })?.status).toBe('active');
    expect(alertCopies(w)).toEqual({ sms: 1, signal: 0 });
  });

  it('STOP by SMS leaves her Signal membership getting alerts', async () => {
    const { w } = await twins();
    w.sms(ROSA, 'STOP');
    expect(findMember(w.db, w.vault, rosaSignal)?.status).toBe('active');
    expect(alertCopies(w)).toEqual({ sms: 0, signal: 1 });
  });

  it('STOP by SMS leaves the check-in she started over Signal running: her buddy is still told', async () => {
    const { w, signal } = await twins();
    signal('BUDDY 415-555-0177 Rose');
    expect(w.sms(BUDDY, 'ACCEPT').reply).toBe(t.buddyAccepted());
    const start = w.clock.now;
    expect(signal('CHECKIN 30 blue Honda')).toContain('check-in until');
    // Twilio's own opt-out (or one spoofed from her number): Twilio answered it, Heads Up says nothing.
    expect(w.bot.handle({ sender: { channel: 'sms', address: ROSA, phone: ROSA }, text: 'STOP', providerId: 'SMstop', answered: true }).reply).toBeNull();
    w.clock.now = start + 31 * MIN;
    expect(runCheckinTimers({ db: w.db, vault: w.vault, fallback: 'none', moderatorContacts: [] }, w.clock.now).escalated).toBe(1);
  });

  it('STOP over Signal ends the check-in she started there, and says so', async () => {
    const { w, signal } = await twins();
    signal('BUDDY 415-555-0177 Rose');
    expect(w.sms(BUDDY, 'ACCEPT').reply).toBe(t.buddyAccepted());
    const start = w.clock.now;
    expect(signal('CHECKIN 30 blue Honda')).toContain('check-in until');
    const reply = signal('STOP');
    expect(reply).toContain('no one will be told');
    expect(reply).toContain(ALSO_SMS);
    w.clock.now = start + 31 * MIN;
    expect(runCheckinTimers({ db: w.db, vault: w.vault, fallback: 'none', moderatorContacts: [] }, w.clock.now).escalated).toBe(0);
  });

  it('STOP by SMS in words Heads Up answers itself says to send STOP on Signal too', async () => {
    const { w } = await twins();
    expect(w.sms(ROSA, 'please stop texting me').reply).toContain(ALSO_SIGNAL);
  });

  it('the reply over Signal is the same for someone on Signal only: it says nothing of what exists', async () => {
    const { signal } = await line();
    expect(signal('JOIN 415')).toBe(t.joined(['415']));
    const alone = signal('STOP');
    const { signal: twinSignal } = await twins();
    expect(twinSignal('STOP')).toBe(alone);
    expect(alone).toContain(ALSO_SMS);
  });
});

describe('the new holder of a number her Signal account still shows (a recycled number)', () => {
  async function rosaOnSignalThenStranger(): Promise<BotWorld> {
    const { w, signal } = await line();
    expect(signal('JOIN 415')).toBe(t.joined(['415']));
    // The carrier gave her old number to him; her Signal account keeps showing it.
    expect(w.sms(ROSA, 'JOIN 415').reply).toBe(t.joined(['415']));
    return w;
  }

  it('his STOP by SMS changes nothing of hers, and his reply is anyone’s', async () => {
    const w = await rosaOnSignalThenStranger();
    const his = w.sms(ROSA, 'please stop texting me').reply;
    expect(findMember(w.db, w.vault, rosaSignal)?.status).toBe('active');
    expect(alertCopies(w)).toEqual({ sms: 0, signal: 1 });
    const other = await botWorld();
    other.sms(STRANGER, 'JOIN 415');
    expect(his).toBe(other.sms(STRANGER, 'please stop texting me').reply);
  });
});
