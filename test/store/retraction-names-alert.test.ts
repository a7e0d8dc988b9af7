/**
 * A retraction's correction said "please disregard the alert for 415 sent
 * 2026-12-08": on a day with several alerts for 415, a member could not tell
 * which to disregard, and might dismiss the real warning (found by a hunt).
 * It names the alert by when her copy was sent (HH:MM where the line is,
 * with the day when not today) and, unless she chose DISCREET, its first
 * words, within two SMS segments, never a number or a handle from it.
 */
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { planNextRange } from '../../src/store/alerts';
import { claimLane, recordOutcomes } from '../../src/store/outbox';
import { followUpRetractions } from '../../src/store/retractions';
import { smsSegments } from '../../src/bot/sms-segments';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { inTimeZone } from '../helpers/time-zone';

const MOD = '+14155550199';
const MEMBER = '+14155550101';
const QUIET = '+14155550102';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const TUE_1405_PST = Date.parse('2026-12-08T22:05:00Z');

interface Line {
  w: BotWorld;
  /** A moderator's ALERT for 415, planned and its copies sent now; its reference. */
  alert(text: string): string;
  /** RETRACT of `ref`, followed up at once; the corrections each member is sent. */
  retract(ref: string): { member: string[]; quiet: string[] };
}

async function line(start = TUE_1405_PST): Promise<Line> {
  let alertId = 0;
  const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)], onAlert: (id: number) => (alertId = id) }, start);
  w.sms(MEMBER, 'JOIN 415');
  w.sms(QUIET, 'JOIN 415');
  w.sms(QUIET, 'DISCREET');
  const texts = (who: string) => w.queued(sms(who)).map((m) => m.text);
  return {
    w,
    alert(text) {
      const ref = /#([A-Z0-9]{4,6})/.exec(w.sms(MOD, `ALERT 415 ${text}`).reply ?? '')?.[1] ?? '';
      while (!planNextRange(w.db, alertId, w.clock.now).done);
      const rows = claimLane(w.db, 'sms', w.clock.now, 100, w.clock.now + 60_000).filter((r) => r.alert_id === alertId);
      expect(rows).toHaveLength(2);
      recordOutcomes(w.db, rows.map((r) => ({ id: r.id, kind: 'sent' as const, providerId: `SM${r.id}` })), w.clock.now);
      return ref;
    },
    retract(ref) {
      const before = { member: texts(MEMBER).length, quiet: texts(QUIET).length };
      w.sms(MOD, `RETRACT ${ref}`);
      w.db.transaction(() => followUpRetractions(w.db, w.vault, w.clock.now, 500));
      return { member: texts(MEMBER).slice(before.member), quiet: texts(QUIET).slice(before.quiet) };
    },
  };
}

describe("a retraction's correction names which alert it withdraws", () => {
  inTimeZone('America/Los_Angeles');

  it('of two alerts the same day, by its time and first words; a discreet member by its time alone', async () => {
    const l = await line();
    const wrong = l.alert('white pickup, choked a worker on 5th and Main');
    l.w.clock.now += 3 * 3_600_000;
    l.alert('black BMW, robbed a worker at the Elm motel');
    l.w.clock.now += 3_600_000;
    const sent = l.retract(wrong);
    expect(sent.member).toEqual(['Heads Up: please disregard the alert for 415 sent at 14:05: "white pickup, choked a worker on...". It was sent in error and is withdrawn.']);
    expect(sent.quiet).toEqual(['HU 415: the message sent at 14:05 is withdrawn. Please disregard it.']);
  });

  it('with its day when it was sent on another day', async () => {
    const l = await line();
    const ref = l.alert('grey van');
    l.w.clock.now += 12 * 3_600_000;
    expect(l.retract(ref).member).toEqual([catalog('en').alertRetracted(['415'], { time: '14:05', day: { weekday: 2, date: 8 } }, 'grey van')]);
    expect(catalog('en').alertRetracted(['415'], { time: '14:05', day: { weekday: 2, date: 8 } }, 'grey van')).toContain('sent at 14:05 on Tue 8: "grey van"');
  });

  it('never quotes a number, a handle or a link the alert may have been withdrawn for', async () => {
    const l = await line();
    const ref = l.alert('man calling from 415 555 0177 says he is a cop');
    const handle = l.alert('@ricky_sf on insta, robbed two of us');
    expect(l.retract(ref).member).toEqual([catalog('en').alertRetracted(['415'], { time: '14:05', day: null }, 'man calling from...')]);
    const both = l.retract(handle).member;
    expect(both).toHaveLength(1);
    expect(both[0]).toBe(catalog('en').alertRetracted(['415'], { time: '14:05', day: null }, ''));
    expect(both.join(' ')).not.toMatch(/555|0177|ricky/);
  });

  it("of a copy whose send time was kept only to its day (before this version): by its alert's time", async () => {
    const l = await line();
    const ref = l.alert('grey van');
    // As a version of before kept it: the start of the local day (Tue 8 Dec, 00:00 in Los Angeles).
    l.w.db.sqlite.prepare('UPDATE outbox SET sent_at = ? WHERE alert_id IS NOT NULL').run(Date.parse('2026-12-08T08:00:00Z'));
    l.w.clock.now += 3_600_000;
    expect(l.retract(ref).member).toEqual([catalog('en').alertRetracted(['415'], { time: '14:05', day: null }, 'grey van')]);
  });

  it.each(['es', 'fr', 'pt'] as const)('in her language (%s), within two segments even when an accent makes it UCS-2', async (lang) => {
    const l = await line();
    l.w.sms(MEMBER, `LANG ${lang.toUpperCase()}`);
    const ref = l.alert('golpeó a una compañera, hombre agresivo en el motel de la calle Mayor');
    const [text] = l.retract(ref).member;
    expect(text).toMatch(/^Heads Up: .*14:05: "golpeó a una[^"]*\.\.\."/u);
    expect(smsSegments(text ?? '')).toBeLessThanOrEqual(2);
  });
});
