/**
 * A check-in running when a backup was made comes back running after
 * restore, though she may have ended it since with OK (which erased it). The
 * line cannot know: the first timer run after the server starts gives each
 * such check-in 30 minutes from then at least, and asks her, in her language,
 * to reply OK if she is safe; a check-in she truly missed still escalates at
 * that new end.
 */
import path from 'node:path';
import { catalog } from '../../src/bot/catalog';
import { dayTime } from '../../src/bot/clock-time';
import { latestMigration } from '../../src/cli/line';
import { runCheckinTimers } from '../../src/jobs/checkin-timers';
import { backupDatabase } from '../../src/store/backup';
import { checkinsClockSteppedBack } from '../../src/store/checkins';
import { findMember, setMemberStatus } from '../../src/store/members';
import { restoreDatabase } from '../../src/store/restore';
import { createLogger } from '../../src/log/logger';
import { classifyTwilioError } from '../../src/channels/twilio/twilio-errors';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { finalStatus, sendPass } from '../helpers/checkin-escalation';
import { findNeedles, numberForms } from '../helpers/needles';
import { tempDir } from '../helpers/temp-dir';

const ROSE = '+14155550100';
const ROSA = '+14155550111';
const BUD = '+12125550143';
const AMIGA = '+12125550144';
const MIN = 60_000;
const LINE = { checkins: { fallback: 'none' as const, minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms' as const] } };
const none = { fallback: 'none' as const, moderatorContacts: [] };
const sms = (phone: string) => ({ channel: 'sms' as const, address: phone, phone });

/** What is queued for each of these numbers from now on (to her member row, or straight to a buddy's number). */
function fromNow(w: BotWorld, numbers: string[]): (phone: string) => string[] {
  const all = (phone: string) => [...w.queued(sms(phone)).map((m) => m.text), ...w.direct(phone)];
  const before = new Map(numbers.map((n) => [n, all(n).length]));
  return (phone) => all(phone).slice(before.get(phone));
}

/** Rose (English) and Rosa (Spanish), each with a buddy, started check-ins; the backup holds both running; then both sent OK. */
async function lineRestoredAfterOk(): Promise<{ restored: BotWorld; backupAt: number; running: number }> {
  const w = await botWorld(LINE);
  w.sms(ROSE, 'JOIN 415');
  w.sms(ROSE, `BUDDY ${BUD} Rose`);
  w.sms(BUD, 'ACCEPT');
  w.sms(ROSA, 'UNIRSE 415');
  w.sms(ROSA, `AMIGA ${AMIGA} Rosa`);
  w.sms(AMIGA, 'ACEPTO');
  w.sms(ROSE, 'CHECKIN 30 client 415-555-0177 room 12');
  w.sms(ROSA, 'SEGURA 60 coche azul');
  const backupAt = w.clock.now;
  const backup = path.join(tempDir(), 'nightly.db');
  await backupDatabase(w.file, backup);
  expect(w.sms(ROSE, 'OK').reply).toBe(catalog('en').checkinOk());
  expect(w.sms(ROSA, 'LISTA').reply).toBe(catalog('es').checkinOk());
  w.db.close();
  // The line's disk fails hours later; the operator restores last night's backup into a new DATA_DIR.
  const target = path.join(tempDir(), 'heads-up.db');
  const { runningCheckins } = await restoreDatabase(backup, target, w.vault, latestMigration());
  // The server is started 12 hours after the backup was made.
  return { restored: await botWorld(LINE, backupAt + 12 * 60 * MIN, target), backupAt, running: runningCheckins };
}

describe('check-ins a restore brought back running', () => {
  it('are counted by restore, and told nobody at the first run after the start: she is asked, in her language, with her new end', async () => {
    const { restored: r, running } = await lineRestoredAfterOk();
    expect(running).toBe(2);
    const queued = fromNow(r, [ROSE, ROSA, BUD, AMIGA]);
    const start = r.clock.now;
    // Her question is counted with the reminders: a message to her about a running check-in.
    expect(runCheckinTimers({ db: r.db, vault: r.vault, ...none }, start)).toEqual({ reminded: 2, escalated: 0, failed: 0, unreached: 0 });
    expect(queued(BUD)).toEqual([]);
    expect(queued(AMIGA)).toEqual([]);
    const en = catalog('en');
    const es = catalog('es');
    const ends = dayTime(start + 30 * MIN, start);
    expect(queued(ROSE)).toEqual([en.checkinRestored(en.checkinEnd(ends), 'buddies')]);
    expect(queued(ROSA)).toEqual([es.checkinRestored(es.checkinEnd(ends), 'buddies')]);
    // Asked once: the next runs leave her be.
    expect(runCheckinTimers({ db: r.db, vault: r.vault, ...none }, start + MIN)).toEqual({ reminded: 0, escalated: 0, failed: 0, unreached: 0 });
    expect(queued(ROSE)).toHaveLength(1);
  });

  it('end with her OK, and no one is told', async () => {
    const { restored: r } = await lineRestoredAfterOk();
    const queued = fromNow(r, [BUD, AMIGA]);
    expect(runCheckinTimers({ db: r.db, vault: r.vault, ...none }, r.clock.now).escalated).toBe(0);
    expect(r.sms(ROSE, 'OK').reply).toBe(catalog('en').checkinOk());
    r.clock.now += 31 * MIN;
    // Rosa did not answer: hers is told.
    expect(runCheckinTimers({ db: r.db, vault: r.vault, ...none }, r.clock.now).escalated).toBe(1);
    expect(queued(BUD)).toEqual([]);
    expect(queued(AMIGA)).toHaveLength(1);
  });

  it('escalate at their new end when she does not answer: a missed check-in is still told', async () => {
    const { restored: r, backupAt } = await lineRestoredAfterOk();
    const queued = fromNow(r, [BUD]);
    const start = r.clock.now;
    expect(runCheckinTimers({ db: r.db, vault: r.vault, ...none }, start).escalated).toBe(0);
    expect(runCheckinTimers({ db: r.db, vault: r.vault, ...none }, start + 30 * MIN - 1).escalated).toBe(0);
    expect(runCheckinTimers({ db: r.db, vault: r.vault, ...none }, start + 30 * MIN).escalated).toBe(2);
    // Her buddy is told the end she set, 12 hours ago, not the grace: how late she is matters.
    expect(queued(BUD)).toEqual([catalog('en').checkinEscalation('Rose', catalog('en').checkinEnd(dayTime(backupAt + 30 * MIN, start + 30 * MIN)), 'client 415-555-0177 room 12')]);
  });

  it('name the end she set when one already overdue in the backup (the line was down) escalates after the grace', async () => {
    const w = await botWorld(LINE);
    w.sms(ROSE, 'JOIN 415');
    w.sms(ROSE, `BUDDY ${BUD} Rose`);
    w.sms(BUD, 'ACCEPT');
    w.sms(ROSE, 'CHECKIN 30 client 415-555-0177');
    const end = w.clock.now + 30 * MIN;
    // No timer ran for hours (the server was down), then the backup was made.
    w.clock.now += 5 * 60 * MIN;
    const backup = path.join(tempDir(), 'nightly.db');
    await backupDatabase(w.file, backup);
    const target = path.join(tempDir(), 'heads-up.db');
    await restoreDatabase(backup, target, w.vault, latestMigration());
    const r = await botWorld(LINE, w.clock.now + 60 * MIN, target);
    const queued = fromNow(r, [BUD]);
    const start = r.clock.now;
    expect(runCheckinTimers({ db: r.db, vault: r.vault, ...none }, start).escalated).toBe(0);
    expect(runCheckinTimers({ db: r.db, vault: r.vault, ...none }, start + 30 * MIN).escalated).toBe(1);
    const en = catalog('en');
    expect(queued(BUD)).toEqual([en.checkinEscalation('Rose', en.checkinEnd(dayTime(end, start + 30 * MIN)), 'client 415-555-0177')]);
  });

  it('name the end she set after a second restore, from a backup made after the first grace', async () => {
    const w = await botWorld(LINE);
    w.sms(ROSE, 'JOIN 415');
    w.sms(ROSE, `BUDDY ${BUD} Rose`);
    w.sms(BUD, 'ACCEPT');
    w.sms(ROSE, 'CHECKIN 30 client 415-555-0177');
    const end = w.clock.now + 30 * MIN;
    const first = path.join(tempDir(), 'nightly.db');
    await backupDatabase(w.file, first);
    const once = path.join(tempDir(), 'heads-up.db');
    await restoreDatabase(first, once, w.vault, latestMigration());
    const r1 = await botWorld(LINE, w.clock.now + 60 * MIN, once);
    expect(runCheckinTimers({ db: r1.db, vault: r1.vault, ...none }, r1.clock.now).reminded).toBe(1);
    // The next backup holds it with the grace's end; that line's disk fails too, and it is restored again.
    const second = path.join(tempDir(), 'nightly.db');
    await backupDatabase(r1.file, second);
    r1.db.close();
    const twice = path.join(tempDir(), 'heads-up.db');
    await restoreDatabase(second, twice, w.vault, latestMigration());
    const r2 = await botWorld(LINE, r1.clock.now + 40 * MIN, twice);
    const queued = fromNow(r2, [BUD]);
    const start = r2.clock.now;
    expect(runCheckinTimers({ db: r2.db, vault: r2.vault, ...none }, start).reminded).toBe(1);
    expect(runCheckinTimers({ db: r2.db, vault: r2.vault, ...none }, start + 30 * MIN).escalated).toBe(1);
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
    expect(runCheckinTimers({ db: r.db, vault: r.vault, ...none, log }, start)).toEqual({ reminded: 1, escalated: 0, failed: 0, unreached: 0 });
    expect(queued(ROSA)).toEqual([catalog('es').checkinRestored(catalog('es').checkinEnd(dayTime(start + 30 * MIN, start)), 'buddies')]);
    expect(queued(ROSE)).toEqual([]);
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['a restored check-in could not be asked about; it escalates at its grace end unasked']);
    expect(findNeedles(Buffer.from(lines.join('')), [...numberForms(ROSE), 'client', 'room 12'])).toEqual([]);
    // Not read as restored again: both are due at the grace end (hers fails there, her language still damaged, and is counted);
    // Rosa is reminded before it, Rose not (a message to her just failed).
    expect(runCheckinTimers({ db: r.db, vault: r.vault, ...none, log }, start + 30 * MIN - 1)).toEqual({ reminded: 1, escalated: 0, failed: 0, unreached: 0 });
    expect(queued(ROSE)).toEqual([]);
    expect(runCheckinTimers({ db: r.db, vault: r.vault, ...none, log }, start + 30 * MIN)).toEqual({ reminded: 0, escalated: 1, failed: 1, unreached: 0 });
    expect(queued(AMIGA)).toHaveLength(1);
    // Repaired, hers is told at the next run.
    r.db.sqlite.prepare("UPDATE members SET lang = 'en' WHERE id = ?").run(findMember(r.db, r.vault, sms(ROSE))!.id);
    expect(runCheckinTimers({ db: r.db, vault: r.vault, ...none, log }, start + 31 * MIN).escalated).toBe(1);
  });

  it('name the end she set moved back with the deadlines when the wall clock steps back', async () => {
    const { restored: r, backupAt } = await lineRestoredAfterOk();
    const queued = fromNow(r, [BUD]);
    const start = r.clock.now;
    runCheckinTimers({ db: r.db, vault: r.vault, ...none }, start);
    // The clock was an hour fast: every time the check-ins hold was written by it.
    const step = 60 * MIN;
    r.db.transaction(() => checkinsClockSteppedBack(r.db, step, start - step));
    const end = start + 30 * MIN - step;
    expect(runCheckinTimers({ db: r.db, vault: r.vault, ...none }, end).escalated).toBe(2);
    const en = catalog('en');
    expect(queued(BUD)).toEqual([en.checkinEscalation('Rose', en.checkinEnd(dayTime(backupAt + 30 * MIN - step, end)), 'client 415-555-0177 room 12')]);
  });

  it('name the end her LATER set after the grace, not the one before it', async () => {
    const { restored: r } = await lineRestoredAfterOk();
    const queued = fromNow(r, [BUD]);
    const start = r.clock.now;
    runCheckinTimers({ db: r.db, vault: r.vault, ...none }, start);
    r.clock.now += 5 * MIN;
    r.sms(ROSE, 'LATER 60');
    const end = start + 30 * MIN + 60 * MIN;
    expect(runCheckinTimers({ db: r.db, vault: r.vault, ...none }, end).escalated).toBe(2);
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
    const backup = path.join(tempDir(), 'nightly.db');
    await backupDatabase(w.file, backup);
    const target = path.join(tempDir(), 'heads-up.db');
    expect((await restoreDatabase(backup, target, w.vault, latestMigration())).runningCheckins).toBe(101);
    const r = await botWorld(deps, w.clock.now + 12 * 60 * MIN, target);
    const moderators = { fallback: 'moderators' as const, moderatorContacts: [sms(MOD)] };
    expect(runCheckinTimers({ db: r.db, vault: r.vault, ...moderators }, r.clock.now)).toEqual({ reminded: 101, escalated: 0, failed: 0, unreached: 0 });
  }, 60_000);

  it('end as her STOP would when her question is refused as opted out (she sent STOP after the backup): her buddy is never told', async () => {
    const w = await botWorld(LINE);
    w.sms(ROSE, 'JOIN 415');
    w.sms(ROSE, `BUDDY ${BUD} Rose`);
    w.sms(BUD, 'ACCEPT');
    w.sms(ROSE, 'CHECKIN 60 client 415-555-0177');
    // What the line had queued went out before the backup.
    await sendPass(w, 'sms');
    const backup = path.join(tempDir(), 'nightly.db');
    await backupDatabase(w.file, backup);
    w.sms(ROSE, 'STOP');
    const target = path.join(tempDir(), 'heads-up.db');
    await restoreDatabase(backup, target, w.vault, latestMigration());
    const r = await botWorld(LINE, w.clock.now + 10 * MIN, target);
    const queued = fromNow(r, [BUD]);
    const start = r.clock.now;
    runCheckinTimers({ db: r.db, vault: r.vault, ...none }, start);
    // Twilio refuses her question: she opted out at the carrier (the line lost her STOP with the restore).
    const sent = await sendPass(r, 'sms', { [ROSE]: classifyTwilioError({ status: 400, code: 21610 }) });
    expect(sent.calls.map((c) => c.to)).toEqual([ROSE]);
    r.clock.now = start + 60 * MIN;
    expect(runCheckinTimers({ db: r.db, vault: r.vault, ...none }, r.clock.now)).toEqual({ reminded: 0, escalated: 0, failed: 0, unreached: 0 });
    expect(queued(BUD)).toEqual([]);
    // Ended, as her STOP ends one: an OK after START finds nothing running.
    r.sms(ROSE, 'START');
    expect(r.sms(ROSE, 'OK').reply).toBe(catalog('en').checkinNone());
  });

  it('end as her STOP would when a late delivery report calls her question opted out', async () => {
    const w = await botWorld(LINE);
    w.sms(ROSE, 'JOIN 415');
    w.sms(ROSE, `BUDDY ${BUD} Rose`);
    w.sms(BUD, 'ACCEPT');
    w.sms(ROSE, 'CHECKIN 60 client 415-555-0177');
    await sendPass(w, 'sms');
    const backup = path.join(tempDir(), 'nightly.db');
    await backupDatabase(w.file, backup);
    const target = path.join(tempDir(), 'heads-up.db');
    await restoreDatabase(backup, target, w.vault, latestMigration());
    const r = await botWorld(LINE, w.clock.now + 10 * MIN, target);
    const queued = fromNow(r, [BUD]);
    const start = r.clock.now;
    runCheckinTimers({ db: r.db, vault: r.vault, ...none }, start);
    // Twilio takes her question, then reports it refused: she opted out at the carrier after the backup.
    const sent = await sendPass(r, 'sms');
    finalStatus(r, sent, ROSE, 'undelivered', '21610', 'restored');
    expect(runCheckinTimers({ db: r.db, vault: r.vault, ...none }, start + 60 * MIN)).toEqual({ reminded: 0, escalated: 0, failed: 0, unreached: 0 });
    expect(queued(BUD)).toEqual([]);
  });

  it('still escalate when another message to her is refused as opted out: only her question speaks for the check-in it asks about', async () => {
    const w = await botWorld(LINE);
    w.sms(ROSE, 'JOIN 415');
    w.sms(ROSE, `BUDDY ${BUD} Rose`);
    w.sms(BUD, 'ACCEPT');
    w.sms(ROSE, 'CHECKIN 60 client 415-555-0177');
    await sendPass(w, 'sms');
    const backup = path.join(tempDir(), 'nightly.db');
    await backupDatabase(w.file, backup);
    const target = path.join(tempDir(), 'heads-up.db');
    await restoreDatabase(backup, target, w.vault, latestMigration());
    const r = await botWorld(LINE, w.clock.now + 10 * MIN, target);
    const start = r.clock.now;
    runCheckinTimers({ db: r.db, vault: r.vault, ...none }, start);
    await sendPass(r, 'sms');
    // She answers with a new check-in; an opt-out the line never heard of refuses its reminder (21610 says only that one is in force).
    r.sms(ROSE, 'CHECKIN 30 blue Honda');
    const queued = fromNow(r, [BUD]);
    r.clock.now = start + 20 * MIN;
    expect(runCheckinTimers({ db: r.db, vault: r.vault, ...none }, r.clock.now).reminded).toBe(1);
    const refused = await sendPass(r, 'sms', { [ROSE]: classifyTwilioError({ status: 400, code: 21610 }) });
    expect(refused.calls.map((c) => c.to)).toEqual([ROSE]);
    // Missed, she is not left in silence: her buddy is told.
    r.clock.now = start + 30 * MIN;
    expect(runCheckinTimers({ db: r.db, vault: r.vault, ...none }, r.clock.now).escalated).toBe(1);
    expect(queued(BUD)).toEqual([catalog('en').checkinEscalation('Rose', catalog('en').checkinEnd(dayTime(r.clock.now, r.clock.now)), 'blue Honda')]);
  });

  it('escalate unasked at their end when the line holds her as opted out: the opt-out may be older than the check-in, which escalates on a line never restored too', async () => {
    const w = await botWorld(LINE);
    w.sms(ROSE, 'JOIN 415');
    w.sms(ROSE, `BUDDY ${BUD} Rose`);
    w.sms(BUD, 'ACCEPT');
    w.sms(ROSE, 'CHECKIN 60 client 415-555-0177');
    const end = w.clock.now + 60 * MIN;
    // A 21610 marked her stopped and left her check-in running.
    setMemberStatus(w.db, findMember(w.db, w.vault, sms(ROSE))!.id, 'stopped');
    const backup = path.join(tempDir(), 'nightly.db');
    await backupDatabase(w.file, backup);
    const target = path.join(tempDir(), 'heads-up.db');
    await restoreDatabase(backup, target, w.vault, latestMigration());
    const r = await botWorld(LINE, w.clock.now + 10 * MIN, target);
    const queued = fromNow(r, [ROSE, BUD]);
    expect(runCheckinTimers({ db: r.db, vault: r.vault, ...none }, r.clock.now)).toEqual({ reminded: 0, escalated: 0, failed: 0, unreached: 0 });
    // The carrier would refuse her question: she is not asked.
    expect(queued(ROSE)).toEqual([]);
    expect(runCheckinTimers({ db: r.db, vault: r.vault, ...none }, end - 1)).toEqual({ reminded: 0, escalated: 0, failed: 0, unreached: 0 });
    expect(runCheckinTimers({ db: r.db, vault: r.vault, ...none }, end).escalated).toBe(1);
    expect(queued(BUD)).toEqual([catalog('en').checkinEscalation('Rose', catalog('en').checkinEnd(dayTime(end, end)), 'client 415-555-0177')]);
  });

  it('keep an end that is later than 30 minutes from the start', async () => {
    const w = await botWorld(LINE);
    w.sms(ROSE, 'JOIN 415');
    w.sms(ROSE, `BUDDY ${BUD} Rose`);
    w.sms(BUD, 'ACCEPT');
    w.sms(ROSE, 'CHECKIN 600 hotel');
    const backup = path.join(tempDir(), 'nightly.db');
    await backupDatabase(w.file, backup);
    const target = path.join(tempDir(), 'heads-up.db');
    await restoreDatabase(backup, target, w.vault, latestMigration());
    const end = w.clock.now + 600 * MIN;
    const r = await botWorld(LINE, w.clock.now + 60 * MIN, target);
    const queued = fromNow(r, [ROSE]);
    runCheckinTimers({ db: r.db, vault: r.vault, ...none }, r.clock.now);
    const en = catalog('en');
    expect(queued(ROSE)).toEqual([en.checkinRestored(en.checkinEnd(dayTime(end, r.clock.now)), 'buddies')]);
    expect(runCheckinTimers({ db: r.db, vault: r.vault, ...none }, end - 1).escalated).toBe(0);
    expect(runCheckinTimers({ db: r.db, vault: r.vault, ...none }, end).escalated).toBe(1);
  });

  it('ask one with no buddy which moderators are told, and a discreet one without naming the line or the check-in', async () => {
    const MOD = '+14155550199';
    const deps = { checkins: { ...LINE.checkins, fallback: 'moderators' as const }, moderatorContacts: [sms(MOD)], moderators: new Set([MOD]) };
    const w = await botWorld(deps);
    w.sms(ROSE, 'CHECKIN 30 room 12');
    w.sms(ROSA, 'JOIN 415');
    w.sms(ROSA, 'DISCREET');
    w.sms(ROSA, 'CHECKIN 30 room 14');
    const backup = path.join(tempDir(), 'nightly.db');
    await backupDatabase(w.file, backup);
    const target = path.join(tempDir(), 'heads-up.db');
    expect((await restoreDatabase(backup, target, w.vault, latestMigration())).runningCheckins).toBe(2);
    const r = await botWorld(deps, w.clock.now + 60 * MIN, target);
    const queued = fromNow(r, [ROSE, ROSA, MOD]);
    const moderators = { fallback: 'moderators' as const, moderatorContacts: [sms(MOD)] };
    expect(runCheckinTimers({ db: r.db, vault: r.vault, ...moderators }, r.clock.now).escalated).toBe(0);
    const en = catalog('en');
    const until = en.checkinEnd(dayTime(r.clock.now + 30 * MIN, r.clock.now));
    expect(queued(ROSE)).toEqual([en.checkinRestored(until, 'moderators')]);
    expect(queued(ROSA)).toEqual([en.discreetRestored(until)]);
    expect(queued(MOD)).toEqual([]);
  });
});
