/**
 * A retraction's correction names the alert by its own time where the line is (with its day when not today): an
 * alert approved on Saturday 5 December at 23:50 on a Los Angeles line is "sent at 23:50 on Sat 5" whenever her
 * copy went, as a copy's send time is kept to its day only (no minute of it may tie her row to Twilio's records of
 * her number). A one-message report's words are not quoted (retraction-names-alert.test.ts).
 */
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { planNextRange } from '../../src/store/alerts';
import { claimLane, recordOutcomes } from '../../src/store/outbox';
import { settleReported } from '../../src/store/outbox-outcomes';
import { followUpRetractions } from '../../src/store/retractions';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { restoreTimeZoneAfterEach } from '../helpers/time-zone';

const MOD = '+14155550199';
const MEMBER = '+14155550101';
const REPORTER = '+14155550105';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

/** An alert approved on Sat 5 Dec 23:50 PST; her copy taken by the provider at `sentAt`. */
async function approvedLateSaturday(sentAt: number): Promise<{ w: BotWorld; ref: string; rowId: number }> {
  process.env.TZ = 'America/Los_Angeles';
  let alertId = 0;
  const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)], onAlert: (id: number) => (alertId = id) }, Date.parse('2026-12-06T07:50:00Z'));
  w.sms(MEMBER, 'JOIN');
  const ref = /#([A-Z0-9]{4,6})/.exec(w.sms(REPORTER, 'REPORT 415 grey van, took my phone').reply ?? '')?.[1] ?? '';
  w.sms(MOD, `APPROVE ${ref}`);
  while (!planNextRange(w.db, alertId, w.clock.now).done);
  w.clock.now = sentAt;
  const [row] = claimLane(w.db, 'sms', w.clock.now, 10, w.clock.now + 60_000).filter((r) => r.alert_id === alertId);
  recordOutcomes(w.db, [{ id: row!.id, kind: 'sent', providerId: 'SM0123' }], w.clock.now);
  return { w, ref, rowId: row!.id };
}

function correction(w: BotWorld, ref: string): string[] {
  w.sms(MOD, `RETRACT ${ref}`);
  w.db.transaction(() => followUpRetractions(w.db, w.vault, w.clock.now, 500));
  return w.queued(sms(MEMBER)).filter((m) => m.text.includes('withdrawn')).map((m) => m.text);
}

describe("a retraction's correction names the alert by its own time", () => {
  restoreTimeZoneAfterEach();

  it('approved on Saturday at 23:50, her copy sent on Sunday at 00:20: "sent at 23:50" on Sat 5', async () => {
    const { w, ref } = await approvedLateSaturday(Date.parse('2026-12-06T08:20:00Z'));
    w.clock.now += 3_600_000;
    expect(correction(w, ref)).toEqual([catalog('en').alertRetracted(['415'], { time: '23:50', day: { weekday: 6, date: 5 } }, '')]);
  });

  it('a delivery report the next day does not move it', async () => {
    const { w, ref, rowId } = await approvedLateSaturday(Date.parse('2026-12-06T08:20:00Z'));
    w.clock.now = Date.parse('2026-12-07T09:00:00Z'); // Mon 7 Dec 01:00 PST: her phone was off until then
    settleReported(w.db, rowId, 'SM0123', { state: 'delivered' }, w.clock.now);
    w.clock.now += 3_600_000;
    expect(correction(w, ref)).toEqual([catalog('en').alertRetracted(['415'], { time: '23:50', day: { weekday: 6, date: 5 } }, '')]);
  });

  it('retracted the same evening: the time alone', async () => {
    const { w, ref } = await approvedLateSaturday(Date.parse('2026-12-06T07:55:00Z'));
    w.clock.now = Date.parse('2026-12-06T07:58:00Z'); // Sat 23:58 PST
    expect(correction(w, ref)).toEqual([catalog('en').alertRetracted(['415'], { time: '23:50', day: null }, '')]);
  });
});
