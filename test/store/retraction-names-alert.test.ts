/**
 * A retraction's correction said "please disregard the alert for 415 sent
 * 2026-12-08": on a day with several alerts for 415, a member could not tell
 * which to disregard, and might dismiss the real warning (found by a hunt).
 * It names the alert by its own time (HH:MM where the line is, with the day
 * when not today) and, unless she chose DISCREET, for a guided alert its
 * categories, within two SMS segments. Never an alert's free words nor a
 * moderator's text: they may hold the very name or number it was withdrawn
 * for, and no moderator reads the correction (a review).
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
const REPORTER = '+14155550105';
const MEMBER = '+14155550101';
const QUIET = '+14155550102';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const TUE_1405_PST = Date.parse('2026-12-08T22:05:00Z');

interface Line {
  w: BotWorld;
  /** A moderator's ALERT for 415, planned and its copies sent now; its reference. */
  alert(text: string): string;
  /** A guided report of `categories` (its answer to "what happened", e.g. '1 3') approved for 415, its copies sent now; its reference. */
  guided(categories: string): string;
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
  const sendCopies = () => {
    while (!planNextRange(w.db, alertId, w.clock.now).done);
    const rows = claimLane(w.db, 'sms', w.clock.now, 100, w.clock.now + 60_000).filter((r) => r.alert_id === alertId);
    expect(rows).toHaveLength(2);
    recordOutcomes(w.db, rows.map((r) => ({ id: r.id, kind: 'sent' as const, providerId: `SM${r.id}` })), w.clock.now);
  };
  return {
    w,
    alert(text) {
      const ref = /#([A-Z0-9]{4,6})/.exec(w.sms(MOD, `ALERT 415 ${text}`).reply ?? '')?.[1] ?? '';
      sendCopies();
      return ref;
    },
    guided(categories) {
      w.sms(REPORTER, 'REPORT 415');
      w.sms(REPORTER, categories);
      const ref = /#([A-Z0-9]{4,6})/.exec(w.sms(REPORTER, 'DONE').reply ?? '')?.[1] ?? '';
      expect(w.sms(MOD, `APPROVE ${ref}`).reply).toContain('approved');
      sendCopies();
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
  const t = catalog('en');

  it('of two alerts the same day, by its time and categories; a discreet member by its time alone', async () => {
    const l = await line();
    const wrong = l.guided('1 3');
    l.w.clock.now += 3 * 3_600_000;
    l.guided('5');
    l.w.clock.now += 3_600_000;
    const sent = l.retract(wrong);
    expect(sent.member).toEqual([t.alertRetracted(['415'], { time: '14:05', day: null }, t.categoryNames(['violence', 'robbery']))]);
    expect(sent.member[0]).toContain('sent at 14:05');
    expect(sent.quiet).toEqual(['HU 415: the message sent at 14:05 is withdrawn. Please disregard it.']);
  });

  it('with its day when it went out on another day', async () => {
    const l = await line();
    const ref = l.guided('1');
    l.w.clock.now += 12 * 3_600_000;
    expect(l.retract(ref).member).toEqual([t.alertRetracted(['415'], { time: '14:05', day: { weekday: 2, date: 8 } }, t.categoryNames(['violence']))]);
    expect(t.alertRetracted(['415'], { time: '14:05', day: { weekday: 2, date: 8 } }, 'x')).toContain('sent at 14:05 on Tue 8');
  });

  it("never quotes a moderator's words: a name, a number, a handle, a plate the alert may have been withdrawn for", async () => {
    const l = await line();
    const refs = ['Marisol was hurt by him at Elm', 'four one five five five five is his number', 'ricky_sf on insta robbed us', 'plate BADBOY silver civic'].map((text) => l.alert(text));
    const sent = refs.flatMap((ref) => l.retract(ref).member);
    expect(sent).toEqual(refs.map(() => t.alertRetracted(['415'], { time: '14:05', day: null }, '')));
    expect(sent.join(' ')).not.toMatch(/Marisol|four|ricky|BADBOY/);
  });

  it("of a copy whose send time was kept only to its day: by its alert's time", async () => {
    const l = await line();
    const ref = l.guided('1');
    // As sent_at keeps it: the start of the local day (Tue 8 Dec, 00:00 in Los Angeles).
    expect(l.w.db.sqlite.prepare('SELECT DISTINCT sent_at AS s FROM outbox WHERE alert_id IS NOT NULL').all()).toEqual([{ s: Date.parse('2026-12-08T08:00:00Z') }]);
    l.w.clock.now += 3_600_000;
    expect(l.retract(ref).member).toEqual([t.alertRetracted(['415'], { time: '14:05', day: null }, t.categoryNames(['violence']))]);
  });

  it.each(['es', 'fr', 'pt'] as const)('in her language (%s), within two segments', async (lang) => {
    const l = await line();
    l.w.sms(MEMBER, `LANG ${lang.toUpperCase()}`);
    const ref = l.guided('1 2 3 4 5 6');
    const [text] = l.retract(ref).member;
    expect(text).toMatch(/^Heads Up: .*14:05: "/u);
    expect(text).toContain(catalog(lang).categoryNames(['violence']).split(',')[0]);
    expect(smsSegments(text ?? '')).toBeLessThanOrEqual(2);
  });

  it('of an alert that no longer opens (a damaged value): by its time alone, and the other corrections still go', async () => {
    const l = await line();
    const damaged = l.guided('1');
    const whole = l.guided('3');
    expect(l.w.db.sqlite.prepare('UPDATE alerts SET fields_ct = randomblob(80) WHERE id = (SELECT min(id) FROM alerts)').run().changes).toBe(1);
    l.w.clock.now += 3_600_000;
    expect(l.retract(damaged).member).toEqual([t.alertRetracted(['415'], { time: '14:05', day: null }, '')]);
    expect(l.retract(whole).member).toEqual([t.alertRetracted(['415'], { time: '14:05', day: null }, t.categoryNames(['robbery']))]);
  });
});
