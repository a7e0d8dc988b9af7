/**
 * A check-in running when a backup was made comes back running after
 * restore, though she may have ended it since with OK (which erased it). The
 * line cannot know: the first timer run after the server starts gives each
 * such check-in 30 minutes from then at least, and asks her, in her language,
 * to reply OK if she is safe; a check-in she truly missed still escalates at
 * that new end. Opt-outs: checkin-restored-opt-outs.test.ts.
 */
import { catalog } from '../../src/bot/catalog';
import { dayTime } from '../../src/bot/clock-time';
import { botWorld } from '../helpers/bot-world';
import { checkinsClockSteppedBack } from '../../src/store/checkins';
import { findMember } from '../../src/store/members';
import { enqueueMessage } from '../../src/store/outbox';
import { createLogger } from '../../src/log/logger';
import type { BotWorld } from '../helpers/bot-world';
import { fillDisk, freeDisk } from '../helpers/full-disk';
import { findNeedles, numberForms } from '../helpers/needles';
import { AMIGA, backedUp, BUD, fromNow, LINE, MIN, none, restoredFrom, ROSA, ROSE, roseWithBuddy, sms, timers } from '../helpers/restored-line';

/** Rose (English) and Rosa (Spanish), each with a buddy, started check-ins; the backup holds both running; then both sent OK. */
async function lineRestoredAfterOk(): Promise<{ restored: BotWorld; backupAt: number; running: number }> {
  const w = await botWorld(LINE);
  roseWithBuddy(w);
  w.sms(ROSA, 'UNIRSE 415');
  w.sms(ROSA, `AMIGA ${AMIGA} Rosa`);
  w.sms(AMIGA, 'ACEPTO');
  w.sms(ROSE, 'CHECKIN 30 client 415-555-0177 room 12');
  w.sms(ROSA, 'SEGURA 60 coche azul');
  const backupAt = w.clock.now;
  const backup = await backedUp(w);
  expect(w.sms(ROSE, 'OK').reply).toBe(catalog('en').checkinOk());
  expect(w.sms(ROSA, 'LISTA').reply).toBe(catalog('es').checkinOk());
  w.db.close();
  // The line's disk fails hours later; the operator restores last night's backup into a new DATA_DIR.
  // The server is started 12 hours after the backup was made.
  return { ...(await restoredFrom(w, backup, LINE, backupAt + 12 * 60 * MIN)), backupAt };
}

describe('check-ins a restore brought back running', () => {
  it('are counted by restore, and told nobody at the first run after the start: she is asked, in her language, with her new end', async () => {
    const { restored: r, running } = await lineRestoredAfterOk();
    expect(running).toBe(2);
    const queued = fromNow(r, [ROSE, ROSA, BUD, AMIGA]);
    const start = r.clock.now;
    // Her question is counted with the reminders: a message to her about a running check-in.
    expect(timers(r, start)).toEqual({ reminded: 2, escalated: 0, failed: 0, unreached: 0 });
    expect(queued(BUD)).toEqual([]);
    expect(queued(AMIGA)).toEqual([]);
    const en = catalog('en');
    const es = catalog('es');
    const ends = dayTime(start + 30 * MIN, start);
    expect(queued(ROSE)).toEqual([en.checkinRestored(en.checkinEnd(ends), 'buddies')]);
    expect(queued(ROSA)).toEqual([es.checkinRestored(es.checkinEnd(ends), 'buddies')]);
    // Asked once: the next runs leave her be.
    expect(timers(r, start + MIN)).toEqual({ reminded: 0, escalated: 0, failed: 0, unreached: 0 });
    expect(queued(ROSE)).toHaveLength(1);
  });

  it('end with her OK, and no one is told', async () => {
    const { restored: r } = await lineRestoredAfterOk();
    const queued = fromNow(r, [BUD, AMIGA]);
    expect(timers(r, r.clock.now).escalated).toBe(0);
    expect(r.sms(ROSE, 'OK').reply).toBe(catalog('en').checkinOk());
    r.clock.now += 31 * MIN;
    // Rosa did not answer: hers is told.
    expect(timers(r, r.clock.now).escalated).toBe(1);
    expect(queued(BUD)).toEqual([]);
    expect(queued(AMIGA)).toHaveLength(1);
  });

  it('escalate at their new end when she does not answer: a missed check-in is still told', async () => {
    const { restored: r, backupAt } = await lineRestoredAfterOk();
    const queued = fromNow(r, [BUD]);
    const start = r.clock.now;
    expect(timers(r, start).escalated).toBe(0);
    expect(timers(r, start + 30 * MIN - 1).escalated).toBe(0);
    expect(timers(r, start + 30 * MIN).escalated).toBe(2);
    // Her buddy is told the end she set, 12 hours ago, not the grace: how late she is matters.
    expect(queued(BUD)).toEqual([catalog('en').checkinEscalation('Rose', catalog('en').checkinEnd(dayTime(backupAt + 30 * MIN, start + 30 * MIN)), 'client 415-555-0177 room 12')]);
  });

  it('name the end she set when one already overdue in the backup (the line was down) escalates after the grace', async () => {
    const w = await botWorld(LINE);
    roseWithBuddy(w);
    w.sms(ROSE, 'CHECKIN 30 client 415-555-0177');
    const end = w.clock.now + 30 * MIN;
    // No timer ran for hours (the server was down), then the backup was made.
    w.clock.now += 5 * 60 * MIN;
    const backup = await backedUp(w);
    const { restored: r } = await restoredFrom(w, backup, LINE, w.clock.now + 60 * MIN);
    const queued = fromNow(r, [BUD]);
    const start = r.clock.now;
    expect(timers(r, start).escalated).toBe(0);
    expect(timers(r, start + 30 * MIN).escalated).toBe(1);
    const en = catalog('en');
    expect(queued(BUD)).toEqual([en.checkinEscalation('Rose', en.checkinEnd(dayTime(end, start + 30 * MIN)), 'client 415-555-0177')]);
  });

  it('name the end she set after a second restore, from a backup made after the first grace', async () => {
    const w = await botWorld(LINE);
    roseWithBuddy(w);
    w.sms(ROSE, 'CHECKIN 30 client 415-555-0177');
    const end = w.clock.now + 30 * MIN;
    const { restored: r1 } = await restoredFrom(w, await backedUp(w), LINE, w.clock.now + 60 * MIN);
    expect(timers(r1, r1.clock.now).reminded).toBe(1);
    // The next backup holds it with the grace's end; that line's disk fails too, and it is restored again.
    const second = await backedUp(r1);
    r1.db.close();
    const { restored: r2 } = await restoredFrom(w, second, LINE, r1.clock.now + 40 * MIN);
    const queued = fromNow(r2, [BUD]);
    const start = r2.clock.now;
    expect(timers(r2, start).reminded).toBe(1);
    expect(timers(r2, start + 30 * MIN).escalated).toBe(1);
    const en = catalog('en');
    expect(queued(BUD)).toEqual([en.checkinEscalation('Rose', en.checkinEnd(dayTime(end, start + 30 * MIN)), 'client 415-555-0177')]);
  });

  it('one that cannot be asked (a damaged value) holds back no other timer: logged by no identifier, it runs to its grace end unasked', async () => {
    const { restored: r } = await lineRestoredAfterOk();
    // A language this version has no catalogue for: her question cannot be written.
    r.db.sqlite.prepare("UPDATE members SET lang = 'xx' WHERE id = ?").run(findMember(r.db, r.vault, sms(ROSE))!.id);
    const lines: string[] = [];
    const log = createLogger('debug', { write: (l: string) => void lines.push(l) });
    const queued = fromNow(r, [ROSE, ROSA, AMIGA]);
    const start = r.clock.now;
    expect(timers(r, start, { ...none, log })).toEqual({ reminded: 1, escalated: 0, failed: 0, unreached: 0 });
    expect(queued(ROSA)).toEqual([catalog('es').checkinRestored(catalog('es').checkinEnd(dayTime(start + 30 * MIN, start)), 'buddies')]);
    expect(queued(ROSE)).toEqual([]);
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['a restored check-in could not be asked about; it escalates at its grace end unasked']);
    expect(findNeedles(Buffer.from(lines.join('')), [...numberForms(ROSE), 'client', 'room 12'])).toEqual([]);
    // Not read as restored again: both are due at the grace end (hers fails there, her language still damaged, and is counted);
    // Rosa is reminded before it, Rose not (a message to her just failed).
    expect(timers(r, start + 30 * MIN - 1, { ...none, log })).toEqual({ reminded: 1, escalated: 0, failed: 0, unreached: 0 });
    expect(queued(ROSE)).toEqual([]);
    expect(timers(r, start + 30 * MIN, { ...none, log })).toEqual({ reminded: 0, escalated: 1, failed: 1, unreached: 0 });
    expect(queued(AMIGA)).toHaveLength(1);
    // Repaired, hers is told at the next run.
    r.db.sqlite.prepare("UPDATE members SET lang = 'en' WHERE id = ?").run(findMember(r.db, r.vault, sms(ROSE))!.id);
    expect(timers(r, start + 31 * MIN, { ...none, log }).escalated).toBe(1);
  });

  it('on a full disk none is given its grace unasked: the run stops, and once space is freed both are asked', async () => {
    const { restored: r } = await lineRestoredAfterOk();
    const rose = findMember(r.db, r.vault, sms(ROSE))!.id;
    // Not a page more, and the outbox's last page full: no question can be queued.
    fillDisk(r.db, () => enqueueMessage(r.db, r.vault, rose, 'filler', r.clock.now));
    const queued = fromNow(r, [ROSE, ROSA]);
    const start = r.clock.now;
    expect(() => timers(r, start)).toThrow(expect.objectContaining({ code: 'SQLITE_FULL' }));
    freeDisk(r.db);
    expect(timers(r, start + MIN)).toEqual({ reminded: 2, escalated: 0, failed: 0, unreached: 0 });
    const ends = dayTime(start + 31 * MIN, start + MIN);
    expect(queued(ROSE)).toEqual([catalog('en').checkinRestored(catalog('en').checkinEnd(ends), 'buddies')]);
    expect(queued(ROSA)).toEqual([catalog('es').checkinRestored(catalog('es').checkinEnd(ends), 'buddies')]);
  });

  it('name the end she set moved back with the deadlines when the wall clock steps back', async () => {
    const { restored: r, backupAt } = await lineRestoredAfterOk();
    const queued = fromNow(r, [BUD]);
    const start = r.clock.now;
    timers(r, start);
    // The clock was an hour fast: every time the check-ins hold was written by it.
    const step = 60 * MIN;
    r.db.transaction(() => checkinsClockSteppedBack(r.db, step, start - step));
    const end = start + 30 * MIN - step;
    expect(timers(r, end).escalated).toBe(2);
    const en = catalog('en');
    expect(queued(BUD)).toEqual([en.checkinEscalation('Rose', en.checkinEnd(dayTime(backupAt + 30 * MIN - step, end)), 'client 415-555-0177 room 12')]);
  });

  it('name the end her LATER set after the grace, not the one before it', async () => {
    const { restored: r } = await lineRestoredAfterOk();
    const queued = fromNow(r, [BUD]);
    const start = r.clock.now;
    timers(r, start);
    r.clock.now += 5 * MIN;
    r.sms(ROSE, 'LATER 60');
    const end = start + 30 * MIN + 60 * MIN;
    expect(timers(r, end).escalated).toBe(2);
    const en = catalog('en');
    expect(queued(BUD)).toEqual([en.checkinEscalation('Rose', en.checkinEnd(dayTime(end, end)), 'client 415-555-0177 room 12')]);
  });

  it('all wait for their question, however many: none past its end escalates at the first run', async () => {
    const MOD = '+14155550199';
    const deps = { checkins: { ...LINE.checkins, fallback: 'moderators' as const }, moderatorContacts: [sms(MOD)], moderators: new Set([MOD]) };
    const w = await botWorld(deps);
    // More than a batch of the timers (100), each of them with no buddy: the moderators would be told.
    const members = Array.from({ length: 101 }, (_, i) => `+1415555${String(1000 + i)}`);
    for (const n of members) {
      w.sms(n, 'JOIN 415');
      w.sms(n, 'CHECKIN 30 room 12');
    }
    const backup = await backedUp(w);
    const { restored: r, running } = await restoredFrom(w, backup, deps, w.clock.now + 12 * 60 * MIN);
    expect(running).toBe(101);
    const moderators = { fallback: 'moderators' as const, moderatorContacts: [sms(MOD)] };
    expect(timers(r, r.clock.now, moderators)).toEqual({ reminded: 101, escalated: 0, failed: 0, unreached: 0 });
  }, 60_000);

  it('keep an end that is later than 30 minutes from the start', async () => {
    const w = await botWorld(LINE);
    roseWithBuddy(w);
    w.sms(ROSE, 'CHECKIN 600 hotel');
    const backup = await backedUp(w);
    const end = w.clock.now + 600 * MIN;
    const { restored: r } = await restoredFrom(w, backup, LINE, w.clock.now + 60 * MIN);
    const queued = fromNow(r, [ROSE]);
    timers(r, r.clock.now);
    const en = catalog('en');
    expect(queued(ROSE)).toEqual([en.checkinRestored(en.checkinEnd(dayTime(end, r.clock.now)), 'buddies')]);
    expect(timers(r, end - 1).escalated).toBe(0);
    expect(timers(r, end).escalated).toBe(1);
  });

  it('ask one with no buddy which moderators are told, and a discreet one without naming the line or the check-in', async () => {
    const MOD = '+14155550199';
    const deps = { checkins: { ...LINE.checkins, fallback: 'moderators' as const }, moderatorContacts: [sms(MOD)], moderators: new Set([MOD]) };
    const w = await botWorld(deps);
    w.sms(ROSE, 'CHECKIN 30 room 12');
    w.sms(ROSA, 'JOIN 415');
    w.sms(ROSA, 'DISCREET');
    w.sms(ROSA, 'CHECKIN 30 room 14');
    const backup = await backedUp(w);
    const { restored: r, running } = await restoredFrom(w, backup, deps, w.clock.now + 60 * MIN);
    expect(running).toBe(2);
    const queued = fromNow(r, [ROSE, ROSA, MOD]);
    const moderators = { fallback: 'moderators' as const, moderatorContacts: [sms(MOD)] };
    expect(timers(r, r.clock.now, moderators).escalated).toBe(0);
    const en = catalog('en');
    const until = en.checkinEnd(dayTime(r.clock.now + 30 * MIN, r.clock.now));
    expect(queued(ROSE)).toEqual([en.checkinRestored(until, 'moderators')]);
    expect(queued(ROSA)).toEqual([en.discreetRestored(until)]);
    expect(queued(MOD)).toEqual([]);
  });
});
