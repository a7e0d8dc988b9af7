/**
 * CHECKIN from a member who had sent STOP. The dispatcher fails every
 * message queued to a stopped member row ("recipient_stopped"; the
 * dispatcher here does the same): her check-in's reminder and notice never
 * went, and her buddies were alarmed at the deadline. A check-in asks for
 * them: her row sends again (she holds no area, so no alert comes).
 */
import { catalog } from '../../src/bot/catalog';
import { clockTime } from '../../src/bot/clock-time';
import type { CheckinRules } from '../../src/bot/line-rules';
import { runCheckinTimers } from '../../src/jobs/checkin-timers';
import type { Sender } from '../../src/phone/identity';
import { findMember, openAddress, setMemberStatus } from '../../src/store/members';
import { claimLane, openBody, openRowAddress, recordOutcomes, type Outcome } from '../../src/store/outbox';
import { createAlert, planNextRange } from '../../src/store/alerts';
import { botWorld } from '../helpers/bot-world';

const ROSE_UUID = '2c3d4e5f-6a7b-4c8d-9e0f-000000000101';
const BUDDY = '+14155550177';
const MIN = 60_000;
const RULES: CheckinRules = { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms', 'signal'] };
const t = catalog('en');
const rose: Sender = { channel: 'signal', address: ROSE_UUID, phone: '+14155550101' };

describe('CHECKIN after STOP', () => {
  it('a Signal member who unsubscribed from alerts and starts a check-in gets the reminder its reply promises', async () => {
    const w = await botWorld({ checkins: RULES });
    let sid = 0;
    const signal = (text: string) => w.bot.handle({ sender: rose, text, providerId: `sig-${++sid}` }).reply;
    const delivered: Array<{ to: string; text: string }> = [];
    const deliver = () => {
      for (const channel of ['sms', 'signal'] as const) {
        const rows = claimLane(w.db, channel, w.clock.now, 1000, w.clock.now + MIN);
        const outcomes: Outcome[] = rows.map((row) => {
          // As the real lane: nothing goes to a stopped or invalid member row.
          if (row.member_status === 'stopped' || row.member_status === 'invalid') return { id: row.id, kind: 'failed', error: `recipient_${row.member_status}` };
          const to =
            row.member_id !== null && row.address_ct
              ? openAddress(w.vault, { id: row.member_id, address_ct: row.address_ct, key_version: row.address_kv })
              : openRowAddress(w.vault, row);
          delivered.push({ to, text: openBody(w.vault, row) });
          return { id: row.id, kind: 'sent', providerId: `SMfake${row.id}` };
        });
        recordOutcomes(w.db, outcomes, w.clock.now);
      }
    };
    const inbox = (to: string) => {
      deliver();
      return delivered.filter((m) => m.to === to).map((m) => m.text);
    };
    signal('JOIN 415');
    signal('BUDDY 415-555-0177 Rose');
    expect(w.sms(BUDDY, 'ACCEPT').reply).toBe(t.buddyAccepted());
    // She wants no more alerts, but keeps using check-ins with her buddy.
    expect(signal('STOP')).toBe(t.stopped('signal'));
    const start = w.clock.now;
    const reply = signal('CHECKIN 60 blue Honda');
    // Said over Signal, where she reads it: a reminder 10 minutes before.
    expect(reply).toBe(t.checkinStarted(clockTime(start + 60 * MIN), 'buddies', true));
    w.clock.now = start + 50 * MIN;
    expect(runCheckinTimers({ db: w.db, vault: w.vault, fallback: 'none', moderatorContacts: [] }, w.clock.now).reminded).toBe(1);
    expect(inbox(ROSE_UUID)).toContain(t.checkinReminder(clockTime(start + 60 * MIN)));
  });

  it('a Signal member the line marked unregistered, back on Signal, gets the reminder of her check-in', async () => {
    const w = await botWorld({ checkins: RULES });
    let sid = 0;
    const signal = (text: string) => w.bot.handle({ sender: rose, text, providerId: `sig-${++sid}` }).reply;
    const reminders: string[] = [];
    signal('JOIN 415');
    signal('BUDDY 415-555-0177 Rose');
    expect(w.sms(BUDDY, 'ACCEPT').reply).toBe(t.buddyAccepted());
    // Signal refused a message to her as unregistered (she reinstalled): the outcome marks her row invalid.
    const member = findMember(w.db, w.vault, rose);
    setMemberStatus(w.db, member?.id ?? -1, 'invalid');
    const start = w.clock.now;
    expect(signal('CHECKIN 60 blue Honda')).toBe(t.checkinStarted(clockTime(start + 60 * MIN), 'buddies', true));
    w.clock.now = start + 50 * MIN;
    expect(runCheckinTimers({ db: w.db, vault: w.vault, fallback: 'none', moderatorContacts: [] }, w.clock.now).reminded).toBe(1);
    for (const row of claimLane(w.db, 'signal', w.clock.now, 1000, w.clock.now + MIN)) {
      if (row.member_status === 'active') reminders.push(openBody(w.vault, row));
    }
    expect(reminders).toContain(t.checkinReminder(clockTime(start + 60 * MIN)));
  });
});

// Copies queued before her STOP were dropped at send; the row active again, they are withdrawn instead.
describe('CHECKIN after STOP, with an alert copy queued before the STOP', () => {
  it('does not send her the alert she stopped', async () => {
    const w = await botWorld({ checkins: RULES });
    let sid = 0;
    const signal = (text: string) => w.bot.handle({ sender: rose, text, providerId: `sig-${++sid}` }).reply;
    signal('JOIN 415');
    signal('BUDDY 415-555-0177 Rose');
    expect(w.sms(BUDDY, 'ACCEPT').reply).toBe(t.buddyAccepted());
    // An alert is planned; her copy waits (Signal paused, a long fan-out).
    const alert = createAlert(w.db, w.vault, { npas: ['415'], reach: ['415'], text: 'red sedan, choked me' }, w.clock.now);
    while (!planNextRange(w.db, alert, w.clock.now).done);
    expect(signal('STOP')).toBe(t.stopped('signal'));
    expect(signal('CHECKIN 60 blue Honda')).toContain('check-in until');
    const rows = claimLane(w.db, 'signal', w.clock.now + MIN, 1000, w.clock.now + 2 * MIN);
    // As the lane: a copy to a row not stopped is sent.
    const sent = rows.filter((r) => r.alert_id !== null && r.member_status !== 'stopped' && r.member_status !== 'invalid');
    expect(sent).toEqual([]);
  });
});
