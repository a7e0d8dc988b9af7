/**
 * STOP from someone on SMS and Signal with the same number (one person, one
 * phone, as DISCREET and LANG treat her). SPEC: STOP "unsubscribe from
 * everything; nothing more is sent". STOP over Signal left her SMS membership
 * getting alerts though the reply said she "won't get more messages". Now STOP
 * from either channel stops both; START restores only the channel it comes from.
 */
import { catalog } from '../../src/bot/catalog';
import type { CheckinRules } from '../../src/bot/line-rules';
import { runCheckinTimers } from '../../src/jobs/checkin-timers';
import type { Sender } from '../../src/phone/identity';
import { planNextRange, unplannedAlerts } from '../../src/store/alerts';
import { findMember } from '../../src/store/members';
import { claimLane } from '../../src/store/outbox';
import { listAreas } from '../../src/store/subscriptions';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
const ROSA = '+14155550101';
const BUDDY = '+14155550177';
const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const MIN = 60_000;
const RULES: CheckinRules = { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms', 'signal'] };
const t = catalog('en');
const rosaSignal: Sender = { channel: 'signal', address: UUID, phone: ROSA };

async function twins(): Promise<{ w: BotWorld; signal: (text: string) => string | null }> {
  const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [{ channel: 'sms', address: MOD, phone: MOD }], checkins: RULES });
  let n = 0;
  const signal = (text: string) => w.bot.handle({ sender: rosaSignal, text, providerId: `sig:${++n}` }).reply;
  expect(signal('JOIN 415')).toBe(t.joined(['415']));
  expect(w.sms(ROSA, 'JOIN 415').reply).toBe(t.joined(['415']));
  return { w, signal };
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
  it.each([['signal'], ['sms']] as const)('STOP over %s: no alert reaches her phone afterwards, by either channel', async (from) => {
    const { w, signal } = await twins();
    const reply = from === 'signal' ? signal('STOP') : w.sms(ROSA, 'STOP').reply;
    expect(reply).toBe(t.stopped());
    expect(alertCopies(w)).toEqual({ sms: 0, signal: 0 });
    expect(findMember(w.db, w.vault, { channel: 'sms', address: ROSA })?.status).toBe('stopped');
    expect(findMember(w.db, w.vault, rosaSignal)?.status).toBe('stopped');
  });

  it('STOP over Signal ends the check-in she started by SMS: her buddy is not told she is missing', async () => {
    const { w, signal } = await twins();
    w.sms(ROSA, 'BUDDY 415-555-0177 Rose');
    expect(w.sms(BUDDY, 'ACCEPT').reply).toBe(t.buddyAccepted());
    const start = w.clock.now;
    expect(w.sms(ROSA, 'CHECKIN 30 blue Honda').reply).toContain('check-in until');
    expect(signal('STOP')).toBe(t.stopped(true));
    w.clock.now = start + 31 * MIN;
    expect(runCheckinTimers({ db: w.db, vault: w.vault, fallback: 'none', moderatorContacts: [] }, w.clock.now).escalated).toBe(0);
    expect(w.direct(BUDDY).some((m) => m.includes('blue Honda'))).toBe(false);
  });

  it('START by SMS afterwards brings back her SMS membership only', async () => {
    const { w, signal } = await twins();
    expect(signal('STOP')).toBe(t.stopped());
    expect(w.sms(ROSA, 'START 415').reply).toBe(t.joined(['415']));
    expect(alertCopies(w)).toEqual({ sms: 1, signal: 0 });
    const sms = findMember(w.db, w.vault, { channel: 'sms', address: ROSA });
    expect(sms && listAreas(w.db, sms.id)).toEqual(['415']);
  });
});
