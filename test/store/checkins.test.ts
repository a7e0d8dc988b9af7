/**
 * The check-in store (issue 13): where an escalation went (a late OK tells
 * only who may have heard), the next timer, and the ageing of escalated
 * check-ins: the details and every message that carried them a day after the
 * escalation, the row a week after. Real SQLite file, real crypto.
 */
import path from 'node:path';
import { catalog } from '../../src/bot/catalog';
import type { CheckinRules } from '../../src/bot/line-rules';
import { runCheckinTimers } from '../../src/jobs/checkin-timers';
import type { Sender } from '../../src/phone/identity';
import { inviteBuddy, setBuddyStatus } from '../../src/store/buddies';
import { buddiesTold, escalationWentOut } from '../../src/store/checkin-reach';
import { ageCheckins, escalatedCheckins, hasCheckin, startCheckin } from '../../src/store/checkins';
import { Db } from '../../src/store/db';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { claimLane, openBody, openRowAddress, recordOutcomes } from '../../src/store/outbox';
import { cryptoReady, Vault } from '../../src/store/vault';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { tempDir } from '../helpers/temp-dir';

const ROSE = '+14155550100';
const BUDDY = '+14155550177';
const MOD = '+14155550199';
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const T0 = Date.UTC(2026, 11, 2, 4, 0, 0, 123);
const t = catalog('en');

const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

describe('the check-in store', () => {
  let vault: Vault;
  let db: Db;

  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(8));
  });
  beforeEach(() => {
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
  });
  afterEach(() => db.close());

  const member = (address: string) => ensureMember(db, vault, sms(address), 'en', T0).id;
  /** Returns the buddy row's id. */
  const acceptedBuddy = (memberId: number) =>
    db.transaction(() => {
      const id = inviteBuddy(db, vault, memberId, { channel: 'sms', address: BUDDY }, 'Rose', 'en', T0);
      setBuddyStatus(db, id, 'accepted');
      return id;
    });
  /** A check-in ending `minutes` after T0, with a reminder `remindBefore` minutes before when given. */
  const checkin = (memberId: number, minutes: number, details: string | null, remindBefore?: number) =>
    db.transaction(() => startCheckin(db, vault, memberId, T0 + minutes * MIN, remindBefore === undefined ? null : T0 + (minutes - remindBefore) * MIN, details, T0));
  const timers = (now: number, fallback: { fallback: 'moderators' | 'none'; moderatorContacts: Sender[] } = { fallback: 'none', moderatorContacts: [] }) =>
    runCheckinTimers({ db, vault, ...fallback }, now);
  /** Texts queued straight to the buddy's address, oldest first. */
  const toBuddy = () =>
    (db.sqlite.prepare('SELECT id, address_ct, body_ct, key_version FROM outbox WHERE member_id IS NULL ORDER BY id').all() as Array<{ id: number; address_ct: Buffer; body_ct: Buffer; key_version: number }>)
      .filter((r) => openRowAddress(vault, r) === BUDDY)
      .map((r) => openBody(vault, r));
  const outboxRows = () => (db.sqlite.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
  const withDetails = () => (db.sqlite.prepare('SELECT count(*) AS n FROM checkins WHERE details_ct IS NOT NULL').get() as { n: number }).n;

  describe('escalationWentOut', () => {
    it('to buddies: counts only once the message has left (or is leaving) the outbox, unless queued ones are asked for', () => {
      const rose = member(ROSE);
      acceptedBuddy(rose);
      const id = checkin(rose, 30, 'red pickup');
      timers(T0 + 30 * MIN);

      expect(escalationWentOut(db, id, false)).toEqual({ buddies: false, moderators: false });
      expect(escalationWentOut(db, id, true)).toEqual({ buddies: true, moderators: false });
      // The dispatcher claims it: it may be with the provider already.
      claimLane(db, 'sms', T0 + 30 * MIN, 10, T0 + 31 * MIN);
      expect(escalationWentOut(db, id, false)).toEqual({ buddies: true, moderators: false });
    });

    it('to moderators (no buddy): the same, on the moderators\' side only', () => {
      const rose = member(ROSE);
      const id = checkin(rose, 30, 'tan SUV');
      timers(T0 + 30 * MIN, { fallback: 'moderators', moderatorContacts: [sms(MOD)] });

      expect(escalationWentOut(db, id, false)).toEqual({ buddies: false, moderators: false });
      expect(escalationWentOut(db, id, true)).toEqual({ buddies: false, moderators: true });
      const rows = db.sqlite.prepare('SELECT id FROM outbox').all() as Array<{ id: number }>;
      recordOutcomes(db, rows.map((r) => ({ id: r.id, kind: 'sent' as const, providerId: `SM${r.id}` })), T0 + 31 * MIN);
      expect(escalationWentOut(db, id, false)).toEqual({ buddies: false, moderators: true });
    });

    it('a check-in still running went nowhere', () => {
      const id = checkin(member(ROSE), 30, 'red pickup', 10);
      timers(T0 + 20 * MIN); // its reminder only
      expect(escalationWentOut(db, id, true)).toEqual({ buddies: false, moderators: false });
    });
  });

  describe('buddiesTold', () => {
    it('names the buddy rows an escalation has left the outbox for; none while it is only queued', () => {
      const rose = member(ROSE);
      const buddy = acceptedBuddy(rose);
      const id = checkin(rose, 30, 'red pickup');
      timers(T0 + 30 * MIN);
      expect(buddiesTold(db, id)).toEqual([]);
      claimLane(db, 'sms', T0 + 30 * MIN, 10, T0 + 31 * MIN);
      expect(buddiesTold(db, id)).toEqual([buddy]);
    });

    it('says it cannot tell (null) for an escalation written before buddies were recorded, a day later too', () => {
      const rose = member(ROSE);
      acceptedBuddy(rose);
      const id = checkin(rose, 30, 'red pickup');
      timers(T0 + 30 * MIN);
      claimLane(db, 'sms', T0 + 30 * MIN, 10, T0 + 31 * MIN);
      // What a row from before migration 0015 looks like.
      db.sqlite.prepare("UPDATE checkin_messages SET buddy_id = NULL WHERE kind = 'escalation'").run();
      expect(buddiesTold(db, id)).toBeNull();
      // And still, a day later, once the messages are gone.
      ageCheckins(db, T0 + 30 * MIN + DAY + 1);
      expect(buddiesTold(db, id)).toBeNull();
    });
  });

  describe('ageCheckins', () => {
    it('keeps the details a day after the escalation, then erases them and every message the check-in queued, and counts them', () => {
      const rose = member(ROSE);
      acceptedBuddy(rose);
      checkin(rose, 30, 'silver minivan', 10);
      timers(T0 + 20 * MIN); // the reminder
      // It went out (a reminder still waiting at the escalation is withdrawn then, and so is not aged here).
      db.sqlite.prepare("UPDATE outbox SET state = 'sent' WHERE state = 'pending'").run();
      timers(T0 + 30 * MIN); // the escalation and the member's notice
      const escalatedAt = T0 + 30 * MIN;
      expect(outboxRows()).toBe(3);

      expect(ageCheckins(db, escalatedAt + DAY)).toBe(0);
      expect([withDetails(), outboxRows()]).toEqual([1, 3]);
      expect(toBuddy()).toHaveLength(1);

      // Three messages and the details.
      expect(ageCheckins(db, escalatedAt + DAY + 1)).toBe(4);
      expect([withDetails(), outboxRows()]).toEqual([0, 0]);
      // The check-in stays, for a late OK.
      expect(escalatedCheckins(db, rose)).toHaveLength(1);
      expect(ageCheckins(db, escalatedAt + 2 * DAY)).toBe(0);
    });

    it('erases the check-in itself a week after the escalation', () => {
      const rose = member(ROSE);
      checkin(rose, 30, 'silver minivan');
      timers(T0 + 30 * MIN);
      const escalatedAt = T0 + 30 * MIN;
      expect(ageCheckins(db, escalatedAt + DAY + 1)).toBe(2); // the member's notice and the details

      expect(ageCheckins(db, escalatedAt + 7 * DAY)).toBe(0);
      expect(hasCheckin(db, rose)).toBe(true);
      expect(ageCheckins(db, escalatedAt + 7 * DAY + 1)).toBe(1);
      expect(hasCheckin(db, rose)).toBe(false);
      expect(escalatedCheckins(db, rose)).toEqual([]);
    });

    it('keeps who the escalation reached (the buddy row, no more) until the check-in itself goes', () => {
      const rose = member(ROSE);
      const buddy = acceptedBuddy(rose);
      const id = checkin(rose, 30, 'silver minivan');
      timers(T0 + 30 * MIN);
      claimLane(db, 'sms', T0 + 30 * MIN, 10, T0 + 31 * MIN);
      const escalatedAt = T0 + 30 * MIN;

      ageCheckins(db, escalatedAt + DAY + 1);
      expect(outboxRows()).toBe(0);
      expect(buddiesTold(db, id)).toEqual([buddy]);
      expect(escalationWentOut(db, id, false)).toEqual({ buddies: true, moderators: false });
      expect(db.sqlite.prepare('SELECT * FROM checkin_told').all()).toEqual([{ checkin_id: id, to_buddy: 1, buddy_id: buddy }]);

      ageCheckins(db, escalatedAt + 7 * DAY + 1);
      expect(db.sqlite.prepare('SELECT count(*) AS n FROM checkin_told').get()).toEqual({ n: 0 });
    });

    it('keeps that the moderators were told, once, and not which of them', () => {
      const rose = member(ROSE);
      const id = checkin(rose, 30, 'tan SUV');
      timers(T0 + 30 * MIN, { fallback: 'moderators', moderatorContacts: [sms(MOD), sms('+14155550198')] });
      const rows = db.sqlite.prepare('SELECT id FROM outbox').all() as Array<{ id: number }>;
      recordOutcomes(db, rows.map((r) => ({ id: r.id, kind: 'sent' as const, providerId: `SM${r.id}` })), T0 + 31 * MIN);

      ageCheckins(db, T0 + 30 * MIN + DAY + 1);
      expect(escalationWentOut(db, id, false)).toEqual({ buddies: false, moderators: true });
      expect(db.sqlite.prepare('SELECT * FROM checkin_told').all()).toEqual([{ checkin_id: id, to_buddy: 0, buddy_id: null }]);
    });

    it('leaves a running check-in alone, however long ago it started', () => {
      const rose = member(ROSE);
      checkin(rose, 720, 'silver minivan');
      expect(ageCheckins(db, T0 + 700 * MIN)).toBe(0);
      expect(withDetails()).toBe(1);
    });
  });
});

describe('what the member sees of where an escalation went', () => {
  const RULES: CheckinRules = { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms', 'signal'] };

  /** Texts queued straight to `to`, oldest first. */
  function direct(w: BotWorld, to: string): string[] {
    const rows = w.db.sqlite.prepare('SELECT id, address_ct, body_ct, key_version FROM outbox WHERE member_id IS NULL ORDER BY id').all() as Array<{
      id: number;
      address_ct: Buffer;
      body_ct: Buffer;
      key_version: number;
    }>;
    return rows.filter((r) => openRowAddress(w.vault, r) === to).map((r) => openBody(w.vault, r));
  }

  it('a late OK before the escalation left tells the buddy nothing, and the queued escalation is erased', async () => {
    const w = await botWorld({ checkins: RULES });
    w.sms(ROSE, 'JOIN');
    w.sms(ROSE, 'BUDDY 415-555-0177 Rose');
    w.sms(BUDDY, 'ACCEPT');
    w.sms(ROSE, 'CHECKIN 20 black sedan');
    w.clock.now += 20 * MIN;
    expect(runCheckinTimers({ db: w.db, vault: w.vault, fallback: 'none', moderatorContacts: [] }, w.clock.now).escalated).toBe(1);
    expect(direct(w, BUDDY).filter((m) => m.includes('black sedan'))).toHaveLength(1);

    // Still queued (the provider is down, say): the buddy never heard, so is not told either.
    expect(w.sms(ROSE, 'OK').reply).toBe(t.checkinOk());

    expect(direct(w, BUDDY)).toEqual([t.buddyInvite('Rose')]);
  });

  it('LATER after a check-in ran out to the moderators says the moderators were told', async () => {
    const moderatorContacts = [sms(MOD)];
    const w = await botWorld({ checkins: { ...RULES, fallback: 'moderators' }, moderatorContacts, moderators: new Set([MOD]) });
    w.sms(ROSE, 'CHECKIN 20 tan SUV');
    w.clock.now += 20 * MIN;
    expect(runCheckinTimers({ db: w.db, vault: w.vault, fallback: 'moderators', moderatorContacts }, w.clock.now).escalated).toBe(1);
    // It went out (still queued, LATER would take it back: checkin-later-after-escalation).
    w.db.sqlite.prepare("UPDATE outbox SET state = 'sent'").run();

    expect(w.sms(ROSE, 'LATER 30').reply).toBe(t.checkinMemberTold('moderators'));
  });
});
