/**
 * LATER once the deadline has passed and the escalation is written, but
 * still waits in the outbox (behind SEND_RATE, a provider's 429, a held
 * lane): no buddy has heard anything yet, so LATER takes it back as OK
 * would, and the check-in runs again to its new end (from now), as a LATER
 * a moment before the deadline would have. Once any of it has gone, LATER
 * moves nothing: only OK tells those who heard.
 */
import { catalog } from '../../src/bot/catalog';
import { clockTime } from '../../src/bot/clock-time';
import type { CheckinRules } from '../../src/bot/line-rules';
import { runCheckinTimers } from '../../src/jobs/checkin-timers';
import { claimLane, recordOutcomes } from '../../src/store/outbox';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const ROSE = '+14155550100';
const BUDDY = '+14155550177';
const MIN = 60_000;
const RULES: CheckinRules = { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] };
const t = catalog('en');
const rose = { channel: 'sms', address: ROSE, phone: ROSE } as const;

const timers = (w: BotWorld) => runCheckinTimers({ db: w.db, vault: w.vault, fallback: 'none', moderatorContacts: [] }, w.clock.now);
const toBuddy = (w: BotWorld) => w.direct(BUDDY).filter((m) => m.includes('blue Honda'));

/** Rose's check-in has run out: the escalation to her buddy is queued, not sent. */
async function escalated(): Promise<BotWorld> {
  const w = await botWorld({ checkins: RULES });
  w.sms(ROSE, 'JOIN');
  w.sms(ROSE, 'BUDDY 415-555-0177 Rose');
  w.sms(BUDDY, 'ACCEPT');
  w.sms(ROSE, 'CHECKIN 30 blue Honda');
  w.clock.now += 30 * MIN;
  expect(timers(w).escalated).toBe(1);
  expect(toBuddy(w)).toHaveLength(1);
  return w;
}

/** The SMS lane claims what is due and the provider answers each with `outcome`. */
function lane(w: BotWorld, outcome: 'sent' | 'throttled'): void {
  const rows = claimLane(w.db, 'sms', w.clock.now, 100, w.clock.now + MIN);
  recordOutcomes(
    w.db,
    rows.map((r) =>
      outcome === 'sent'
        ? { id: r.id, kind: 'sent' as const, providerId: `SM${String(r.id).padStart(32, '0')}` }
        : { id: r.id, kind: 'retry' as const, dueAt: w.clock.now + MIN, error: 'throttled:429', throttled: true },
    ),
    w.clock.now,
  );
}

describe('LATER after the deadline, the escalation still queued', () => {
  it('OK takes the queued escalation back (as it always did)', async () => {
    const w = await escalated();
    expect(w.sms(ROSE, 'OK').reply).toBe(t.checkinOk());
    expect(toBuddy(w)).toEqual([]);
  });

  it('takes it back, and the check-in runs again to its new end', async () => {
    const w = await escalated();
    const { reply } = w.sms(ROSE, 'LATER 30');
    expect(toBuddy(w)).toEqual([]);
    expect(reply).toBe(t.checkinEscalationWithdrawn(clockTime(w.clock.now + 30 * MIN)));
    // Her "we told your buddies" goes no more either.
    expect(w.queued(rose).map((m) => m.text)).not.toContain(t.checkinMemberTold('buddies'));
    w.clock.now += 29 * MIN;
    expect(timers(w).escalated).toBe(0);
    w.clock.now += MIN;
    expect(timers(w).escalated).toBe(1);
    expect(toBuddy(w)).toHaveLength(1);
  });

  it('takes it back when the provider only ever answered "too many, later" (429)', async () => {
    const w = await escalated();
    lane(w, 'throttled');
    const { reply } = w.sms(ROSE, 'LATER 30');
    expect(toBuddy(w)).toEqual([]);
    expect(reply).toBe(t.checkinEscalationWithdrawn(clockTime(w.clock.now + 30 * MIN)));
  });

  it('moves nothing once the escalation went out: her buddy is waiting for her OK', async () => {
    const w = await escalated();
    lane(w, 'sent');
    expect(w.sms(ROSE, 'LATER 30').reply).toBe(t.checkinMemberTold('buddies'));
    expect(w.sms(ROSE, 'OK').reply).toBe(t.checkinOkLate());
  });
});
