/**
 * The check-in timer job (issue 13) on its own: who a check-in that ran out
 * tells (the accepted buddies, else the moderators or nobody, as
 * CHECKIN_FALLBACK says), a backlog of more than one batch worked through in
 * one run, a check-in that cannot be escalated, and the job that runs it
 * every pollMs (what it logs, when it wakes the dispatcher). Real SQLite file,
 * real crypto; the clock is a number the test sets, the interval a fake timer.
 */
import path from 'node:path';
import { catalog } from '../../src/bot/catalog';
import { clockTime } from '../../src/bot/clock-time';
import { smsSegments } from '../../src/bot/sms-segments';
import { CheckinTimers, runCheckinTimers, type TimerRun } from '../../src/jobs/checkin-timers';
import { createLogger } from '../../src/log/logger';
import type { Sender } from '../../src/phone/identity';
import { inviteBuddy, setBuddyStatus } from '../../src/store/buddies';
import { escalatedCheckins, openCheckin, startCheckin } from '../../src/store/checkins';
import { Db } from '../../src/store/db';
import { ensureMember, findMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { observeModeratorIdentity } from '../../src/store/moderator-identities';
import { enqueueMessage, openBody, openRowAddress } from '../../src/store/outbox';
import { cryptoReady, Vault, type Slot } from '../../src/store/vault';
import { fillDisk, freeDisk } from '../helpers/full-disk';
import { numberForms } from '../helpers/needles';
import { tempDir } from '../helpers/temp-dir';

/** The reference (#K7Q2) a moderators' check-in notice names. */
const refIn = (text: string | null | undefined) => /#[A-Z2-9]{4,6}/.exec(text ?? '')?.[0] ?? 'no reference';

const ROSE = '+14155550100';
const BUDDY = '+14155550177';
const MOD = '+14155550199';
const MIN = 60_000;
const T0 = Date.UTC(2026, 11, 2, 4, 0, 0, 123);
const t = catalog('en');

const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
/** A made-up number per index: +1415555 then four digits from 1000 on. */
const numberOf = (i: number) => `+1415555${String(1000 + i)}`;

/** A vault that, once told, cannot seal a text holding a given word (a failing disk or crypto call, as far as the job can tell). */
class FaultyVault extends Vault {
  failOn: string | null = null;
  override seal(plaintext: string, slot: Slot): Buffer {
    if (this.failOn !== null && plaintext.includes(this.failOn)) throw new Error('seal failed');
    return super.seal(plaintext, slot);
  }
}

let vault: FaultyVault;
let db: Db;

beforeAll(async () => {
  await cryptoReady();
  vault = new FaultyVault(new Uint8Array(32).fill(7));
});
beforeEach(() => {
  vault.failOn = null;
  db = new Db(path.join(tempDir(), 'heads-up.db'));
  migrate(db);
  boundTransactions(db);
});
afterEach(() => db.close());

/**
 * A run that never ends would hang the test until jest's time-out; past
 * this many transactions in one test it fails at once instead.
 */
function boundTransactions(d: Db): void {
  const real = d.transaction.bind(d);
  let calls = 0;
  d.transaction = <T>(fn: () => T): T => {
    if (++calls > 5_000) throw new Error('the timer run does not end');
    return real(fn);
  };
}

/** A member (English, active) and their id. */
function member(address: string): number {
  return ensureMember(db, vault, sms(address), 'en', T0).id;
}

/** A buddy who accepted, known to the member by `name`. */
function acceptedBuddy(memberId: number, address: string, name: string): void {
  db.transaction(() => setBuddyStatus(db, inviteBuddy(db, vault, memberId, { channel: 'sms', address }, name, 'en', T0), 'accepted'));
}

/** Starts a check-in that ends `minutes` after T0 (reminder ten minutes before, when asked). */
function checkin(memberId: number, minutes: number, details: string | null, remind = false): number {
  const dueAt = T0 + minutes * MIN;
  return db.transaction(() => startCheckin(db, vault, memberId, dueAt, remind ? dueAt - 10 * MIN : null, details, T0));
}

const store = (extra: { fallback?: 'moderators' | 'none'; moderatorContacts?: Sender[] } = {}) => ({
  db,
  vault,
  fallback: extra.fallback ?? 'none',
  moderatorContacts: extra.moderatorContacts ?? [],
});

/** Texts queued to a member (by their own row), oldest first. */
function toMember(address: string): string[] {
  const m = findMember(db, vault, sms(address));
  if (!m) return [];
  const rows = db.sqlite.prepare('SELECT id, body_ct, key_version FROM outbox WHERE member_id = ? ORDER BY id').all(m.id) as Array<{
    id: number;
    body_ct: Buffer;
    key_version: number;
  }>;
  return rows.map((r) => openBody(vault, r));
}

/** Texts queued straight to an address (buddies are not members), oldest first. */
function toAddress(address: string): string[] {
  const rows = db.sqlite.prepare('SELECT id, address_ct, body_ct, key_version FROM outbox WHERE member_id IS NULL ORDER BY id').all() as Array<{
    id: number;
    address_ct: Buffer;
    body_ct: Buffer;
    key_version: number;
  }>;
  return rows.filter((r) => openRowAddress(vault, r) === address).map((r) => openBody(vault, r));
}

/** Makes the sealed details of a check-in unreadable (a damaged value). */
function damage(checkinId: number): void {
  db.sqlite.prepare('UPDATE checkins SET details_ct = randomblob(60) WHERE id = ?').run(checkinId);
}

/** Makes a member's buddies unreadable (damaged values). */
function damageBuddies(memberId: number): void {
  db.sqlite.prepare('UPDATE buddies SET address_ct = randomblob(60) WHERE member_id = ?').run(memberId);
}

/** Makes the buddy invited last unreadable (a damaged value). */
function damageLastBuddy(): void {
  db.sqlite.prepare('UPDATE buddies SET address_ct = randomblob(60) WHERE id = (SELECT max(id) FROM buddies)').run();
}

describe('runCheckinTimers: who is told', () => {
  it('tells the accepted buddy at the deadline, not a millisecond before, and once; the member hears the buddies were told', () => {
    const rose = member(ROSE);
    acceptedBuddy(rose, BUDDY, 'Rose');
    checkin(rose, 30, 'red pickup, 415-555-0123');

    expect(runCheckinTimers(store(), T0 + 30 * MIN - 1)).toEqual({ reminded: 0, escalated: 0, failed: 0, unreached: 0 });
    expect(toAddress(BUDDY)).toEqual([]);
    expect(runCheckinTimers(store(), T0 + 30 * MIN)).toEqual({ reminded: 0, escalated: 1, failed: 0, unreached: 0 });
    expect(runCheckinTimers(store(), T0 + 31 * MIN)).toEqual({ reminded: 0, escalated: 0, failed: 0, unreached: 0 });

    expect(toAddress(BUDDY)).toEqual([t.checkinEscalation('Rose', clockTime(T0 + 30 * MIN), 'red pickup, 415-555-0123')]);
    expect(toMember(ROSE)).toEqual([t.checkinMemberTold('buddies')]);
  });

  it('tells the buddy without any details when the member gave none', () => {
    const rose = member(ROSE);
    acceptedBuddy(rose, BUDDY, 'Rose');
    checkin(rose, 30, null);

    expect(runCheckinTimers(store(), T0 + 30 * MIN).escalated).toBe(1);

    expect(toAddress(BUDDY)).toEqual([t.checkinEscalation('Rose', clockTime(T0 + 30 * MIN), '')]);
  });

  it('CHECKIN_FALLBACK=none: with no accepted buddy no moderator is told, even with moderators configured; the member hears nobody was', () => {
    const rose = member(ROSE);
    checkin(rose, 30, 'tan SUV');

    expect(runCheckinTimers(store({ fallback: 'none', moderatorContacts: [sms(MOD)] }), T0 + 30 * MIN).escalated).toBe(1);

    expect(toMember(MOD)).toEqual([]);
    expect(toAddress(MOD)).toEqual([]);
    expect(toMember(ROSE)).toEqual([t.checkinMemberTold('nobody')]);
    expect(escalatedCheckins(db, rose)).toHaveLength(1);
  });

  it('CHECKIN_FALLBACK=moderators with no moderator contact configured: the member hears nobody was told', () => {
    const rose = member(ROSE);
    checkin(rose, 30, 'tan SUV');

    expect(runCheckinTimers(store({ fallback: 'moderators', moderatorContacts: [] }), T0 + 30 * MIN).escalated).toBe(1);

    expect(toMember(ROSE)).toEqual([t.checkinMemberTold('nobody')]);
  });

  it('CHECKIN_FALLBACK=moderators: with no accepted buddy every moderator contact is told once, without the member\'s number', () => {
    const rose = member(ROSE);
    checkin(rose, 30, 'tan SUV');
    const contacts = [sms(MOD), sms('+14155550198')];

    expect(runCheckinTimers(store({ fallback: 'moderators', moderatorContacts: contacts }), T0 + 30 * MIN).escalated).toBe(1);
    expect(runCheckinTimers(store({ fallback: 'moderators', moderatorContacts: contacts }), T0 + 31 * MIN).escalated).toBe(0);

    for (const c of contacts) expect(toMember(c.address)).toEqual([t.checkinEscalationModerators(refIn(toMember(MOD)[0]), clockTime(T0 + 30 * MIN), 'tan SUV')]);
    for (const form of numberForms(ROSE)) expect(toMember(MOD)[0]).not.toContain(form);
    expect(toMember(ROSE)).toEqual([t.checkinMemberTold('moderators')]);
  });
});

describe('runCheckinTimers: the length of an escalation', () => {
  /** 200 characters (CHECKIN's most) with emoji: one of them makes the whole SMS UCS-2 (67 characters a segment). */
  const EMOJI_DETAILS = Array.from('🚗 silver Camry 7ABC123, north lot of the Starlight motel, room 12, said his name is Dale 🚨 '.repeat(4)).slice(0, 200).join('');
  const due = T0 + 30 * MIN;

  function buddyIn(memberId: number, address: string, name: string, lang: 'en' | 'es' | 'fr' | 'pt', channel: 'sms' | 'signal' = 'sms'): void {
    db.transaction(() => setBuddyStatus(db, inviteBuddy(db, vault, memberId, { channel, address }, name, lang, T0), 'accepted'));
  }

  it.each(['en', 'es', 'fr', 'pt'] as const)('fits an SMS escalation (%s) with emoji in its details in 3 segments, the details clipped and the frame whole', (lang) => {
    const rose = member(ROSE);
    // A name of 30 emoji-laden characters (BUDDY's most) leaves the details less room still.
    buddyIn(rose, BUDDY, 'Rosé 🌹🌹🌹 from the Tuesday group', lang);
    checkin(rose, 30, EMOJI_DETAILS);

    expect(runCheckinTimers(store(), due).escalated).toBe(1);

    const [text] = toAddress(BUDDY);
    expect(smsSegments(text!)).toBeLessThanOrEqual(3);
    const tl = catalog(lang);
    const [head, tail] = tl.checkinEscalation('Rosé 🌹🌹🌹 from the Tuesday group', clockTime(due), '\u0000.').split('\u0000.');
    expect(text!.startsWith(head!)).toBe(true);
    expect(text!.endsWith(`...${tail!}`)).toBe(true);
    expect(text).toContain('🚗 silver Camry 7ABC123');
  });

  it('fits an SMS escalation to the moderators in 3 segments too', () => {
    const rose = member(ROSE);
    checkin(rose, 30, EMOJI_DETAILS);

    expect(runCheckinTimers(store({ fallback: 'moderators', moderatorContacts: [sms(MOD)] }), due).escalated).toBe(1);

    const [text] = toMember(MOD);
    expect(smsSegments(text!)).toBeLessThanOrEqual(3);
    expect(text).toContain('🚗 silver Camry 7ABC123');
  });

  it('gives a Signal buddy the details whole (no segments there), and an SMS buddy plain details whole when they fit', () => {
    const rose = member(ROSE);
    buddyIn(rose, BUDDY, 'Rose', 'en', 'signal');
    checkin(rose, 30, EMOJI_DETAILS);
    const lily = member('+14155550111');
    const plain = 'silver Camry 7ABC123, north lot of the Starlight motel, room 12. '.repeat(4).slice(0, 200);
    buddyIn(lily, '+14155550178', 'Lily from the Tuesday group!!', 'en');
    checkin(lily, 30, plain);

    expect(runCheckinTimers(store(), due).escalated).toBe(2);

    expect(toAddress(BUDDY)).toEqual([t.checkinEscalation('Rose', clockTime(due), EMOJI_DETAILS)]);
    expect(toAddress('+14155550178')).toEqual([t.checkinEscalation('Lily from the Tuesday group!!', clockTime(due), plain)]);
    expect(smsSegments(toAddress('+14155550178')[0]!)).toBeLessThanOrEqual(3);
  });
});

describe('runCheckinTimers: a Signal moderator whose identity changed', () => {
  it('is told nothing (the details could reach whoever took the account), the other moderators are', () => {
    const rose = member(ROSE);
    checkin(rose, 30, 'tan SUV');
    const sigMod: Sender = { channel: 'signal', address: '2c3d4e5f-6a7b-4c8d-9e0f-000000000021' };
    observeModeratorIdentity(db, vault, sigMod.address, 'identity-1', false, T0);
    expect(observeModeratorIdentity(db, vault, sigMod.address, 'identity-2', false, T0)).toBe('changed');

    expect(runCheckinTimers(store({ fallback: 'moderators', moderatorContacts: [sigMod, sms(MOD)] }), T0 + 30 * MIN).escalated).toBe(1);

    expect(toMember(MOD)).toEqual([t.checkinEscalationModerators(refIn(toMember(MOD)[0]), clockTime(T0 + 30 * MIN), 'tan SUV')]);
    const sigRow = findMember(db, vault, sigMod);
    const toSig = sigRow ? (db.sqlite.prepare('SELECT count(*) AS n FROM outbox WHERE member_id = ?').get(sigRow.id) as { n: number }).n : 0;
    expect(toSig).toBe(0);
    expect(toMember(ROSE)).toEqual([t.checkinMemberTold('moderators')]);
  });

  it('alone, leaves nobody to tell, and the member hears the moderators could not be reached', () => {
    const rose = member(ROSE);
    checkin(rose, 30, 'tan SUV');
    const sigMod: Sender = { channel: 'signal', address: '2c3d4e5f-6a7b-4c8d-9e0f-000000000022' };
    observeModeratorIdentity(db, vault, sigMod.address, 'identity-1', true, T0);
    expect(runCheckinTimers(store({ fallback: 'moderators', moderatorContacts: [sigMod] }), T0 + 30 * MIN).escalated).toBe(1);
    expect(toMember(ROSE)).toEqual([t.checkinModeratorsUnreached(false)]);
  });
});

describe('runCheckinTimers: reminders', () => {
  it('reminds the member once, when the reminder is due and not before', () => {
    const rose = member(ROSE);
    acceptedBuddy(rose, BUDDY, 'Rose');
    checkin(rose, 60, 'grey van', true);

    expect(runCheckinTimers(store(), T0 + 50 * MIN - 1).reminded).toBe(0);
    expect(runCheckinTimers(store(), T0 + 50 * MIN).reminded).toBe(1);
    expect(runCheckinTimers(store(), T0 + 51 * MIN).reminded).toBe(0);

    expect(toMember(ROSE)).toEqual([t.checkinReminder(clockTime(T0 + 60 * MIN))]);
    expect(openCheckin(db, rose)?.remindAt).toBeNull();
  });

  it('a reminder that cannot be written (a damaged value) holds back no other timer: hers is given up, the others are reminded and told', () => {
    const rose = member(ROSE);
    acceptedBuddy(rose, BUDDY, 'Rose');
    checkin(rose, 60, 'grey van', true);
    const ana = member(numberOf(1));
    checkin(ana, 60, null, true);
    // A language this version has no catalogue for: her reminder cannot be written.
    db.sqlite.prepare("UPDATE members SET lang = 'xx' WHERE id = ?").run(ana);

    expect(runCheckinTimers(store(), T0 + 50 * MIN)).toEqual({ reminded: 1, escalated: 0, failed: 1, unreached: 0 });
    // Given up, not tried at every run: the next finds nothing due.
    expect(runCheckinTimers(store(), T0 + 51 * MIN)).toEqual({ reminded: 0, escalated: 0, failed: 0, unreached: 0 });
    expect(runCheckinTimers(store(), T0 + 60 * MIN).escalated).toBe(1);
    expect(toAddress(BUDDY)).toHaveLength(1);
  });

  it('a reminder that cannot be written because the disk is full is not given up: nothing of the run is kept, and the next run reminds her', () => {
    const rose = member(ROSE);
    acceptedBuddy(rose, BUDDY, 'Rose');
    checkin(rose, 60, 'grey van', true);
    // Not a page more, and the outbox's last page full: her reminder cannot be queued.
    fillDisk(db, () => enqueueMessage(db, vault, rose, 'filler', T0));
    const queuedBefore = toMember(ROSE).length;

    // Not her reminder's fault (a damaged value is): the run stops there (the job logs it), nothing of it saved.
    expect(() => runCheckinTimers(store(), T0 + 50 * MIN)).toThrow(expect.objectContaining({ code: 'SQLITE_FULL' }));
    expect(openCheckin(db, rose)?.remindAt).toBe(T0 + 50 * MIN);
    expect(toMember(ROSE)).toHaveLength(queuedBefore);

    freeDisk(db);
    expect(runCheckinTimers(store(), T0 + 51 * MIN)).toEqual({ reminded: 1, escalated: 0, failed: 0, unreached: 0 });
    expect(toMember(ROSE).slice(queuedBefore)).toEqual([t.checkinReminder(clockTime(T0 + 60 * MIN))]);
    expect(openCheckin(db, rose)?.remindAt).toBeNull();
  });

  it('a deadline already past (the server was down) gets its escalation, not a late reminder', () => {
    const rose = member(ROSE);
    acceptedBuddy(rose, BUDDY, 'Rose');
    checkin(rose, 60, 'grey van', true);

    expect(runCheckinTimers(store(), T0 + 60 * MIN)).toEqual({ reminded: 0, escalated: 1, failed: 0, unreached: 0 });

    expect(toMember(ROSE)).toEqual([t.checkinMemberTold('buddies')]);
  });
});

describe('runCheckinTimers: a backlog (after an outage), and values that will not open', () => {
  const MANY = 150; // more than one batch of 100

  it('escalates every check-in that ran out in one run, past one batch', () => {
    const ids = Array.from({ length: MANY }, (_, i) => member(numberOf(i)));
    for (const [i, id] of ids.entries()) checkin(id, 20 + (i % 5), null);

    expect(runCheckinTimers(store(), T0 + 30 * MIN)).toEqual({ reminded: 0, escalated: MANY, failed: 0, unreached: 0 });

    for (const id of ids) expect(escalatedCheckins(db, id)).toHaveLength(1);
    expect(toMember(numberOf(MANY - 1))).toEqual([t.checkinMemberTold('nobody')]);
  });

  it('sends every due reminder in one run, past one batch', () => {
    const ids = Array.from({ length: MANY }, (_, i) => member(numberOf(i)));
    for (const id of ids) checkin(id, 60, null, true);

    expect(runCheckinTimers(store(), T0 + 55 * MIN)).toEqual({ reminded: MANY, escalated: 0, failed: 0, unreached: 0 });

    for (const id of ids) expect(openCheckin(db, id)?.remindAt).toBeNull();
    expect(toMember(numberOf(MANY - 1))).toEqual([t.checkinReminder(clockTime(T0 + 60 * MIN))]);
  });

  it('check-ins that cannot be escalated, more than a batch of them and due first, hold back none of the others', () => {
    const broken = Array.from({ length: MANY - 30 }, (_, i) => member(numberOf(i)));
    for (const [i, id] of broken.entries()) {
      acceptedBuddy(id, numberOf(500 + i), 'Rose');
      checkin(id, 20, 'first');
    }
    const healthy = Array.from({ length: 30 }, (_, i) => member(numberOf(MANY - 30 + i)));
    for (const id of healthy) checkin(id, 25, null);
    // The escalation carrying these details cannot be written.
    vault.failOn = 'first';

    expect(runCheckinTimers(store(), T0 + 30 * MIN)).toEqual({ reminded: 0, escalated: 30, failed: MANY - 30, unreached: 0 });
    for (const id of healthy) expect(escalatedCheckins(db, id)).toHaveLength(1);
    // The broken ones stay open and are tried again at each run; none of them told anyone.
    expect(runCheckinTimers(store(), T0 + 30 * MIN)).toEqual({ reminded: 0, escalated: 0, failed: MANY - 30, unreached: 0 });
    for (const id of broken) expect(escalatedCheckins(db, id)).toEqual([]);
    expect(toMember(numberOf(0))).toEqual([]);
  });

  it('a buddy whose number will not open is left out; the others are told, and with none left the member hears so', () => {
    const rose = member(ROSE);
    acceptedBuddy(rose, BUDDY, 'Rose');
    acceptedBuddy(rose, numberOf(7), 'Ro');
    damageLastBuddy();
    checkin(rose, 20, 'red pickup');
    const ana = member(numberOf(1));
    acceptedBuddy(ana, numberOf(8), 'Ana');
    damageBuddies(ana);
    checkin(ana, 20, 'blue van');

    expect(runCheckinTimers(store(), T0 + 30 * MIN)).toEqual({ reminded: 0, escalated: 2, failed: 0, unreached: 0 });

    expect(toAddress(BUDDY)).toEqual([t.checkinEscalation('Rose', clockTime(T0 + 20 * MIN), 'red pickup')]);
    expect(toMember(ROSE)).toEqual([t.checkinMemberTold('buddies')]);
    expect(toMember(numberOf(1))).toEqual([t.checkinMemberTold('nobody')]);
  });

  it('a check-in whose details will not open is still escalated: the buddy hears the details are lost, the moderators likewise', () => {
    const rose = member(ROSE);
    acceptedBuddy(rose, BUDDY, 'Rose');
    damage(checkin(rose, 20, 'red pickup'));
    const ana = member(numberOf(1));
    damage(checkin(ana, 20, 'blue van'));

    expect(runCheckinTimers(store({ fallback: 'moderators', moderatorContacts: [sms(MOD)] }), T0 + 30 * MIN)).toEqual({ reminded: 0, escalated: 2, failed: 0, unreached: 0 });

    expect(toAddress(BUDDY)).toEqual([t.checkinEscalation('Rose', clockTime(T0 + 20 * MIN), t.checkinDetailsUnreadable())]);
    expect(toMember(MOD)).toEqual([t.checkinEscalationModerators(refIn(toMember(MOD)[0]), clockTime(T0 + 20 * MIN), t.checkinDetailsUnreadable())]);
    expect(toMember(ROSE)).toEqual([t.checkinMemberTold('buddies')]);
    expect(toMember(numberOf(1))).toEqual([t.checkinMemberTold('moderators')]);
  });
});

describe('CheckinTimers (the job)', () => {
  interface Job {
    timers: CheckinTimers;
    runs: TimerRun[];
    wakes: () => number;
    lines: Array<Record<string, unknown>>;
    clock: { now: number };
  }

  function job(pollMs?: number): Job {
    const runs: TimerRun[] = [];
    let wakes = 0;
    const raw: string[] = [];
    const log = createLogger('info', { write: (line: string) => void raw.push(line) });
    const clock = { now: T0 };
    const timers = new CheckinTimers({
      ...store(),
      log,
      wake: () => void wakes++,
      now: () => clock.now,
      pollMs,
      onRun: (run) => void runs.push(run),
    });
    return {
      timers,
      runs,
      wakes: () => wakes,
      clock,
      get lines() {
        return raw.map((l) => JSON.parse(l) as Record<string, unknown>);
      },
    };
  }

  afterEach(() => jest.useRealTimers());

  it('tick: runs the timers at the clock\'s time, reports the run, logs counts only and wakes the dispatcher', () => {
    const rose = member(ROSE);
    acceptedBuddy(rose, BUDDY, 'Rose');
    checkin(rose, 30, 'red pickup, 415-555-0123');
    const j = job();
    j.clock.now = T0 + 30 * MIN;

    j.timers.tick();

    expect(j.runs).toEqual([{ reminded: 0, escalated: 1, failed: 0, unreached: 0 }]);
    expect(j.wakes()).toBe(1);
    expect(toAddress(BUDDY)).toHaveLength(1);
    expect(j.lines).toEqual([expect.objectContaining({ level: 30, msg: 'check-in timers fired', reminded: 0, escalated: 1, failed: 0, unreached: 0 })]);
    const logged = JSON.stringify(j.lines);
    for (const needle of ['red pickup', 'Rose', ...numberForms(ROSE), ...numberForms(BUDDY), ...numberForms('+14155550123')]) expect(logged).not.toContain(needle);
  });

  it('tick: a reminder alone wakes the dispatcher too', () => {
    checkin(member(ROSE), 60, null, true);
    const j = job();
    j.clock.now = T0 + 50 * MIN;

    j.timers.tick();

    expect(j.runs).toEqual([{ reminded: 1, escalated: 0, failed: 0, unreached: 0 }]);
    expect(j.wakes()).toBe(1);
    expect(j.lines.map((l) => l.msg)).toEqual(['check-in timers fired']);
  });

  it('tick: with nothing due, nothing is queued, logged or woken', () => {
    checkin(member(ROSE), 60, null, true);
    const j = job();
    j.clock.now = T0 + 50 * MIN - 1;

    j.timers.tick();

    expect(j.runs).toEqual([{ reminded: 0, escalated: 0, failed: 0, unreached: 0 }]);
    expect(j.wakes()).toBe(0);
    expect(j.lines).toEqual([]);
    expect(toMember(ROSE)).toEqual([]);
  });

  it('tick: a check-in that cannot be escalated is logged as an error, by count, without its details', () => {
    const rose = member(ROSE);
    acceptedBuddy(rose, BUDDY, 'Rose');
    checkin(rose, 30, 'red pickup');
    vault.failOn = 'red pickup';
    const j = job();
    j.clock.now = T0 + 30 * MIN;

    j.timers.tick();

    expect(j.runs).toEqual([{ reminded: 0, escalated: 0, failed: 1, unreached: 0 }]);
    expect(j.wakes()).toBe(0);
    expect(j.lines).toEqual([expect.objectContaining({ level: 50, failed: 1, escalated: 0 })]);
    expect(String(j.lines[0]?.msg)).toMatch(/fail/);
    for (const needle of ['red pickup', 'Rose', ...numberForms(ROSE), ...numberForms(BUDDY)]) expect(JSON.stringify(j.lines)).not.toContain(needle);
  });

  it('tick: an escalation that keeps failing is logged once a minute, and at once when the count changes', () => {
    const rose = member(ROSE);
    acceptedBuddy(rose, BUDDY, 'Rose');
    checkin(rose, 30, 'red pickup');
    vault.failOn = 'red pickup';
    const j = job();
    const failures = () => j.lines.filter((l) => l.level === 50).map((l) => l.failed);

    for (let s = 0; s < 60; s++) {
      j.clock.now = T0 + 30 * MIN + s * 1_000;
      j.timers.tick();
    }
    expect(j.runs).toHaveLength(60);
    expect(j.runs.every((r) => r.failed === 1)).toBe(true);
    expect(failures()).toEqual([1]);

    j.clock.now = T0 + 31 * MIN;
    j.timers.tick();
    expect(failures()).toEqual([1, 1]);

    // A second check-in failing changes the count: logged at once.
    vault.failOn = null;
    const ann = member(numberOf(1));
    acceptedBuddy(ann, numberOf(2), 'Ann');
    checkin(ann, 31, 'red pickup');
    vault.failOn = 'red pickup';
    j.clock.now = T0 + 31 * MIN + 1_000;
    j.timers.tick();
    expect(failures()).toEqual([1, 1, 2]);
  });

  it('tick: a run that throws (the database is gone) is logged under the job\'s name, and tick does not throw', () => {
    const j = job();
    db.close();

    expect(() => j.timers.tick()).not.toThrow();

    expect(j.runs).toEqual([]);
    // Its first step, reading the clock, is where it fails.
    expect(j.lines).toEqual([expect.objectContaining({ level: 50, job: 'checkin-timers clock' })]);
  });

  it('start: runs at once, then every pollMs; a second start adds no timer; stop ends it', () => {
    jest.useFakeTimers();
    const rose = member(ROSE);
    acceptedBuddy(rose, BUDDY, 'Rose');
    checkin(rose, 30, 'red pickup');
    const j = job(5_000);

    j.timers.start();
    j.timers.start();
    expect(j.runs).toHaveLength(1);

    // The deadline passes between two polls: the next poll escalates it.
    j.clock.now = T0 + 30 * MIN;
    jest.advanceTimersByTime(4_999);
    expect(j.runs).toHaveLength(1);
    expect(toAddress(BUDDY)).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(j.runs).toEqual([
      { reminded: 0, escalated: 0, failed: 0, unreached: 0 },
      { reminded: 0, escalated: 1, failed: 0, unreached: 0 },
    ]);
    expect(toAddress(BUDDY)).toHaveLength(1);
    expect(j.wakes()).toBe(1);

    j.timers.stop();
    jest.advanceTimersByTime(60_000);
    expect(j.runs).toHaveLength(2);
  });

  it('tick: a backlog is written a batch at a time, other work handled and the dispatcher woken between batches', async () => {
    const MANY = 250; // two batches of 100 and a part
    const ids = Array.from({ length: MANY }, (_, i) => member(numberOf(i)));
    for (const id of ids) checkin(id, 20, null);
    const j = job();
    j.clock.now = T0 + 30 * MIN;
    const escalatedSoFar = () => ids.filter((id) => escalatedCheckins(db, id).length > 0).length;
    // Another task (a webhook, a Signal message) waiting when the run starts.
    const between = new Promise<{ escalated: number; wakes: number }>((resolve) => setImmediate(() => resolve({ escalated: escalatedSoFar(), wakes: j.wakes() })));

    const done = j.timers.tick();
    const seen = await between;
    await done;

    expect(seen).toEqual({ escalated: 100, wakes: 1 });
    expect(j.runs).toEqual([{ reminded: 0, escalated: MANY, failed: 0, unreached: 0 }]);
    expect(escalatedSoFar()).toBe(MANY);
    expect(j.wakes()).toBe(3);
    expect(j.lines.map((l) => l.msg)).toEqual(['check-in timers fired']);
  });

  it('tick: a report that throws (the metrics) is logged under the job\'s name; the run still resolves', async () => {
    checkin(member(ROSE), 60, null, true);
    const raw: string[] = [];
    const timers = new CheckinTimers({
      ...store(),
      log: createLogger('info', { write: (line: string) => void raw.push(line) }),
      wake: () => undefined,
      now: () => T0 + 50 * MIN,
      onRun: () => {
        throw new Error('metrics broke');
      },
    });

    await expect(timers.tick()).resolves.toBeUndefined();

    expect(raw.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([expect.objectContaining({ level: 50, job: 'checkin-timers report' })]);
    expect(toMember(ROSE)).toHaveLength(1);
  });

  it('stop: waits for a run under way, which writes no further batch', async () => {
    const ids = Array.from({ length: 250 }, (_, i) => member(numberOf(i)));
    for (const id of ids) checkin(id, 20, null);
    const j = job();
    j.clock.now = T0 + 30 * MIN;

    const done = j.timers.tick();
    await j.timers.stop();
    await done;

    expect(ids.filter((id) => escalatedCheckins(db, id).length > 0)).toHaveLength(100);
  });

  it('start: polls every second when no pollMs is given', () => {
    jest.useFakeTimers();
    const j = job();

    j.timers.start();
    jest.advanceTimersByTime(999);
    expect(j.runs).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(j.runs).toHaveLength(2);
    jest.advanceTimersByTime(3_000);
    expect(j.runs).toHaveLength(5);
    j.timers.stop();
  });
});
