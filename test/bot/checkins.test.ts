/**
 * Check-ins (issue 13) with a clock the test moves: buddy consent, a
 * check-in ended by OK, one that runs out, LATER, a late OK, the fallback
 * both ways, DELETE mid-check-in, a buddy's STOP, and erasure of the
 * details. The timer job is run by hand at the times it would fire.
 */
import { catalog } from '../../src/bot/catalog';
import { clockTime } from '../../src/bot/clock-time';
import type { CheckinRules } from '../../src/bot/line-rules';
import { runCheckinTimers } from '../../src/jobs/checkin-timers';
import { runRetention } from '../../src/jobs/retention';
import type { Sender } from '../../src/phone/identity';
import { observeModeratorIdentity } from '../../src/store/moderator-identities';
import { openBody, openRowAddress } from '../../src/store/outbox';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { findNeedlesInFile, numberForms } from '../helpers/needles';

/** The reference (#K7Q2) a moderators' check-in notice names. */
const refIn = (text: string | null | undefined) => /#[A-Z2-9]{4,6}/.exec(text ?? '')?.[0] ?? 'no reference';

const ROSE = '+14155550100';
const BUDDY = '+14155550177';
const BUDDY2 = '+12125550142';
const MOD = '+14155550199';
const MIN = 60_000;
const RULES: CheckinRules = { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms', 'signal'] };
const t = catalog('en');

interface Direct {
  id: number;
  to: string;
  channel: string;
  text: string;
  state: string;
}

/** Messages queued straight to an address (buddies are not members): opened, oldest first. */
function direct(w: BotWorld, to?: string): Direct[] {
  const rows = w.db.sqlite
    .prepare('SELECT id, channel, state, address_ct, body_ct, key_version FROM outbox WHERE member_id IS NULL ORDER BY id')
    .all() as Array<{ id: number; channel: string; state: string; address_ct: Buffer | null; body_ct: Buffer; key_version: number }>;
  return rows
    .filter((r) => r.address_ct !== null)
    .map((r) => ({ id: r.id, channel: r.channel, state: r.state, to: openRowAddress(w.vault, r), text: openBody(w.vault, r) }))
    .filter((m) => to === undefined || m.to === to);
}

function timers(w: BotWorld, extra: { fallback?: 'moderators' | 'none'; moderatorContacts?: Sender[] } = {}) {
  return runCheckinTimers({ db: w.db, vault: w.vault, fallback: extra.fallback ?? 'none', moderatorContacts: extra.moderatorContacts ?? [] }, w.clock.now);
}

const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const count = (w: BotWorld, table: string) => (w.db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** Rose with BUDDY accepted. */
async function withBuddy(deps: Parameters<typeof botWorld>[0] = {}): Promise<BotWorld> {
  const w = await botWorld({ checkins: RULES, ...deps });
  w.sms(ROSE, 'JOIN');
  w.sms(ROSE, 'BUDDY 415-555-0177 Rose');
  expect(w.sms(BUDDY, 'ACCEPT').reply).toBe(t.buddyAccepted());
  return w;
}

describe('BUDDY, with consent', () => {
  it('asks the buddy once, by the name given, never with the member\'s number, and seals the number', async () => {
    const w = await botWorld({ checkins: RULES });
    w.sms(ROSE, 'JOIN');
    expect(w.sms(ROSE, 'BUDDY (415) 555-0177 Rose').reply).toBe(t.buddyAsked('0177'));
    const invites = direct(w, BUDDY);
    expect(invites.map((m) => m.text)).toEqual([t.buddyInvite('Rose')]);
    expect(invites[0]?.channel).toBe('sms');
    for (const form of numberForms(ROSE)) expect(invites[0]?.text).not.toContain(form);
    // Asking again sends nothing more.
    expect(w.sms(ROSE, 'BUDDY 4155550177 Rose').reply).toBe(t.buddyAlreadyAsked('0177'));
    expect(direct(w, BUDDY)).toHaveLength(1);
    w.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    // The buddy's number and the name only sealed (the outbox's copy of the address goes once sent).
    w.db.sqlite.prepare("UPDATE outbox SET state = 'sent', address_ct = NULL").run();
    w.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    expect(findNeedlesInFile(w.file, [...numberForms(BUDDY), 'Rose'])).toEqual([]);
  });

  it('makes them a buddy only when they ACCEPT, and tells the member', async () => {
    const w = await botWorld({ checkins: RULES });
    w.sms(ROSE, 'JOIN');
    w.sms(ROSE, 'BUDDY 415-555-0177 Rose');
    // Not yet accepted: a check-in needs a buddy who accepted.
    expect(w.sms(ROSE, 'CHECKIN 60').reply).toBe(t.checkinNeedsBuddy());
    expect(w.sms(BUDDY, 'accept').reply).toBe(t.buddyAccepted());
    expect(w.queued(sms(ROSE)).map((m) => m.text)).toContain(t.buddyAcceptedMember('0177'));
    expect(w.sms(ROSE, 'BUDDY').reply).toBe(t.buddyList([{ ending: '0177', status: 'accepted' }]));
    expect(w.sms(ROSE, 'CHECKIN 60').reply).toBe(t.checkinStarted(clockTime(w.clock.now + 60 * MIN), 'buddies', true));
  });

  it('answers an ACCEPT or DECLINE nobody asked for, and changes nothing', async () => {
    const w = await botWorld({ checkins: RULES });
    expect(w.sms(BUDDY, 'ACCEPT').reply).toBe(t.buddyNoInviteHere('sms'));
    expect(w.sms(BUDDY, 'DECLINE').reply).toBe(t.buddyNotAskedHere('sms'));
    expect(count(w, 'buddies')).toBe(0);
  });

  it('lets the buddy DECLINE, before or after accepting, and tells the member', async () => {
    const w = await withBuddy();
    expect(w.sms(BUDDY, 'DECLINE').reply).toBe(t.buddyDeclined('sms'));
    expect(w.queued(sms(ROSE)).map((m) => m.text)).toContain(t.buddyDeclinedMember('0177'));
    expect(w.sms(ROSE, 'BUDDY').reply).toBe(t.buddyNone());
    expect(w.sms(ROSE, 'CHECKIN 60').reply).toBe(t.checkinNeedsBuddy());
  });

  it('takes at most three buddies', async () => {
    const w = await botWorld({ checkins: RULES });
    for (const n of ['+14155550171', '+14155550172', '+14155550173']) expect(w.sms(ROSE, `BUDDY ${n} Rose`).reply).toBe(t.buddyAsked(n.slice(-4)));
    expect(w.sms(ROSE, 'BUDDY +14155550174 Rose').reply).toBe(t.buddyLimit(3));
    expect(direct(w)).toHaveLength(3);
  });

  it('refuses a bad number, a missing name and the member\'s own number', async () => {
    const w = await botWorld({ checkins: RULES });
    expect(w.sms(ROSE, 'BUDDY 12 Rose').reply).toBe(t.buddyUsage());
    expect(w.sms(ROSE, 'BUDDY 415-555-0177').reply).toBe(t.buddyUsage());
    expect(w.sms(ROSE, `BUDDY ${ROSE} Rose`).reply).toBe(t.buddyOwnNumber());
    expect(direct(w)).toEqual([]);
  });

  it('BUDDY OFF removes them and tells an accepted buddy', async () => {
    const w = await withBuddy();
    expect(w.sms(ROSE, 'BUDDY OFF').reply).toBe(t.buddiesRemoved(1));
    expect(direct(w, BUDDY).map((m) => m.text)).toContain(t.buddyDropped('Rose'));
    expect(count(w, 'buddies')).toBe(0);
  });

  it('reaches a buddy over Signal when the member asks for it', async () => {
    const w = await botWorld({ checkins: RULES });
    w.sms(ROSE, 'BUDDY SIGNAL +14155550177 Rose');
    expect(direct(w, BUDDY).map((m) => m.channel)).toEqual(['signal']);
  });
});

describe('CHECKIN', () => {
  it('ends with OK: no buddy message, the details erased', async () => {
    const w = await withBuddy();
    const before = direct(w, BUDDY).length;
    w.sms(ROSE, 'CHECKIN 90 blue Honda, 415-555-0123');
    expect(count(w, 'checkins')).toBe(1);
    w.clock.now += 30 * MIN;
    expect(w.sms(ROSE, 'OK').reply).toBe(t.checkinOk());
    expect(count(w, 'checkins')).toBe(0);
    w.clock.now += 120 * MIN;
    expect(timers(w)).toEqual({ reminded: 0, escalated: 0, failed: 0, unreached: 0 });
    expect(direct(w, BUDDY)).toHaveLength(before);
    w.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    expect(findNeedlesInFile(w.file, ['blue Honda', ...numberForms('+14155550123')])).toEqual([]);
  });

  it('OK and LATER keep their meaning in the middle of a report, and the report goes on', async () => {
    const w = await withBuddy();
    w.sms(ROSE, 'CHECKIN 90');
    expect(w.sms(ROSE, 'REPORT').reply).toContain('What happened?');
    expect(w.sms(ROSE, 'LATER 30').reply).toBe(t.checkinExtended(clockTime(w.clock.now + 120 * MIN)));
    expect(w.sms(ROSE, 'OK').reply).toBe(t.checkinOk());
    expect(count(w, 'checkins')).toBe(0);
    // With no check-in, OK is an answer again: not numbers from the list, so the question is asked again.
    expect(w.sms(ROSE, 'OK').reply).toBe('Please reply with numbers from the list, e.g. 1 3, or SKIP.');
    expect(w.sms(ROSE, '2').reply).toContain('When');
  });

  it('reminds the member once, ten minutes before the end', async () => {
    const w = await withBuddy();
    const start = w.clock.now;
    w.sms(ROSE, 'CHECKIN 60');
    w.clock.now = start + 49 * MIN;
    expect(timers(w).reminded).toBe(0);
    w.clock.now = start + 50 * MIN;
    expect(timers(w).reminded).toBe(1);
    w.clock.now += MIN;
    expect(timers(w).reminded).toBe(0);
    expect(w.queued(sms(ROSE)).filter((m) => m.text === t.checkinReminder(clockTime(start + 60 * MIN)))).toHaveLength(1);
  });

  it('runs out: every accepted buddy is told once, with the name, the time and the details; the member is told', async () => {
    const w = await withBuddy();
    w.sms(ROSE, 'BUDDY 212-555-0142 Rosie');
    w.sms(BUDDY2, 'ACEPTAR');
    w.sms(ROSE, 'BUDDY 415-555-0178 Rose'); // asked, never accepted
    const start = w.clock.now;
    w.sms(ROSE, 'CHECKIN 30 red pickup, 415-555-0123');
    w.clock.now = start + 30 * MIN - 1;
    expect(timers(w).escalated).toBe(0);
    w.clock.now = start + 30 * MIN;
    expect(timers(w).escalated).toBe(1);
    w.clock.now += MIN;
    expect(timers(w).escalated).toBe(0);
    const expected = clockTime(start + 30 * MIN);
    expect(direct(w, BUDDY).filter((m) => m.text.includes('red pickup')).map((m) => m.text)).toEqual([
      t.checkinEscalation('Rose', expected, 'red pickup, 415-555-0123'),
    ]);
    // The second buddy answered in Spanish: told in Spanish, by the name they know.
    expect(direct(w, BUDDY2).filter((m) => m.text.includes('red pickup')).map((m) => m.text)).toEqual([
      catalog('es').checkinEscalation('Rosie', expected, 'red pickup, 415-555-0123'),
    ]);
    expect(direct(w, '+14155550178').filter((m) => m.text.includes('red pickup'))).toEqual([]);
    expect(w.queued(sms(ROSE)).map((m) => m.text)).toContain(t.checkinMemberTold('buddies'));
    // On the urgent lane, like replies.
    expect(w.db.sqlite.prepare('SELECT DISTINCT priority FROM outbox').all()).toEqual([{ priority: 0 }]);
  });

  it('LATER moves the deadline on', async () => {
    const w = await withBuddy();
    const start = w.clock.now;
    w.sms(ROSE, 'CHECKIN 30 grey van');
    w.clock.now = start + 25 * MIN;
    expect(w.sms(ROSE, 'LATER 30').reply).toBe(t.checkinExtended(clockTime(start + 60 * MIN)));
    w.clock.now = start + 31 * MIN;
    expect(timers(w).escalated).toBe(0);
    w.clock.now = start + 50 * MIN;
    expect(timers(w).reminded).toBe(1);
    w.clock.now = start + 60 * MIN;
    expect(timers(w).escalated).toBe(1);
    expect(direct(w, BUDDY).filter((m) => m.text.includes('grey van'))).toHaveLength(1);
  });

  it('refuses minutes outside the bounds and details too long, starting nothing', async () => {
    const w = await withBuddy();
    expect(w.sms(ROSE, 'CHECKIN 5').reply).toBe(t.checkinUsage(10, 720));
    expect(w.sms(ROSE, 'CHECKIN 721').reply).toBe(t.checkinUsage(10, 720));
    expect(w.sms(ROSE, 'CHECKIN').reply).toBe(t.checkinUsage(10, 720));
    expect(w.sms(ROSE, `CHECKIN 60 ${'x'.repeat(201)}`).reply).toBe(t.checkinDetailsTooLong(200));
    expect(count(w, 'checkins')).toBe(0);
  });

  it('a late OK tells the buddies the member checked in, and erases what they were sent', async () => {
    const w = await withBuddy();
    w.sms(ROSE, 'SAFE 20 black sedan');
    w.clock.now += 20 * MIN;
    timers(w);
    // The escalation has gone out.
    w.db.sqlite.prepare("UPDATE outbox SET state = 'sent' WHERE member_id IS NULL").run();
    expect(w.sms(ROSE, 'OK').reply).toBe(t.checkinOkLate());
    expect(direct(w, BUDDY).map((m) => m.text)).toContain(t.checkinOkBuddy('Rose'));
    expect(direct(w, BUDDY).filter((m) => m.text.includes('black sedan'))).toEqual([]);
    expect(count(w, 'checkins')).toBe(0);
  });

  it('a buddy who has sent STOP is told nothing; the member learns they cannot be told', async () => {
    const w = await withBuddy();
    w.sms(ROSE, 'CHECKIN 20 white truck');
    w.sms(BUDDY, 'STOP');
    expect(w.queued(sms(ROSE)).map((m) => m.text)).toContain(t.buddyStoppedMember('0177'));
    w.clock.now += 20 * MIN;
    expect(timers(w).escalated).toBe(1);
    expect(direct(w, BUDDY).filter((m) => m.text.includes('white truck'))).toEqual([]);
    expect(w.queued(sms(ROSE)).map((m) => m.text)).toContain(t.checkinMemberTold('nobody'));
    // And no one's invitation reaches them until they come back with START: the one made meanwhile goes then.
    expect(w.sms('+12065550111', 'BUDDY 415-555-0177 Jo').reply).toBe(t.buddyAsked('0177'));
    expect(direct(w, BUDDY).filter((m) => m.text === t.buddyInvite('Jo'))).toEqual([]);
    w.sms(BUDDY, 'START');
    expect(direct(w, BUDDY).filter((m) => m.text === t.buddyInvite('Jo'))).toHaveLength(1);
  });

  it("a buddy's STOP outlives the links: after the member's BUDDY OFF, or DELETE and a new JOIN, no one may ask them again", async () => {
    const w = await withBuddy();
    w.sms(BUDDY, 'please stop texting me');
    expect(w.sms(ROSE, 'BUDDY OFF').reply).toBe(t.buddiesRemoved(1));
    expect(w.sms(ROSE, 'BUDDY 415-555-0177 Rose').reply).toBe(t.buddyAsked('0177'));
    w.sms(ROSE, 'DELETE');
    w.sms(ROSE, 'JOIN');
    expect(w.sms(ROSE, 'BUDDY 415-555-0177 Rose').reply).toBe(t.buddyAsked('0177'));
    // Nothing went to them (the first invitation went with Rose's DELETE; the new one waits, unsent).
    expect(direct(w, BUDDY).filter((m) => m.text === t.buddyInvite('Rose'))).toEqual([]);
    expect(w.sms(BUDDY, 'ACCEPT').reply).toBe(t.buddyNoInviteHere('sms'));
    // Until they come back: then it goes, and they may accept it.
    w.sms(BUDDY, 'START');
    expect(direct(w, BUDDY).filter((m) => m.text === t.buddyInvite('Rose'))).toHaveLength(1);
    expect(w.sms(BUDDY, 'ACCEPT').reply).toBe(t.buddyAccepted());
  });

  it("keeps a buddy's STOP with a day, not a moment: the message telling the member, queued at once, must not be found by its time", async () => {
    const w = await withBuddy();
    w.clock.now += 5 * 3_600_000 + 91;
    w.sms(BUDDY, 'STOP');
    w.sms(ROSE, 'BUDDY OFF');
    const linked = w.db.sqlite.prepare('SELECT o.id FROM buddy_stops s JOIN outbox o ON o.created_at = s.created_at').all();
    expect(linked).toEqual([]);
    expect(w.db.sqlite.prepare('SELECT created_at % 86400000 AS r FROM buddy_stops').all()).toEqual([{ r: 0 }]);
  });

  it('anyone who texted STOP, asked or not, is sent no invitation until they come back; the reply does not tell who once used the line', async () => {
    const w = await withBuddy();
    const invites = (to: string) => direct(w, to).filter((m) => m.text === t.buddyInvite('Rose'));
    w.sms('+14155550150', 'JOIN');
    w.sms('+14155550150', 'STOP');
    const stopped = w.sms(ROSE, 'BUDDY 415-555-0150 Rose').reply;
    const stranger = w.sms(ROSE, 'BUDDY 415-555-0161 Rose').reply;
    expect(stopped?.replace('0150', '####')).toBe(stranger?.replace('0161', '####'));
    expect(invites('+14155550150')).toEqual([]);
    expect(invites('+14155550161')).toHaveLength(1);
    // A "Yes" (Twilio's START too) lifts the stop like START, rather than accepting what they never saw.
    expect(w.sms('+14155550150', 'Yes').reply).toBe(t.joined(['415']));
    expect(invites('+14155550150')).toHaveLength(1);
  });

  it('a stopped link recorded before stops were kept apart still counts as a stop', async () => {
    const w = await withBuddy();
    w.sms(BUDDY, 'STOP');
    w.db.sqlite.prepare('DELETE FROM buddy_stops').run();
    expect(w.sms('+12065550111', 'BUDDY 415-555-0177 Jo').reply).toBe(t.buddyAsked('0177'));
    expect(direct(w, BUDDY).filter((m) => m.text === t.buddyInvite('Jo'))).toEqual([]);
  });

  it("a buddy's DELETE erases their stop with everything else: they may be asked again", async () => {
    const w = await withBuddy();
    w.sms(BUDDY, 'STOP');
    w.sms(BUDDY, 'DELETE');
    expect(w.sms(ROSE, 'BUDDY OFF').reply).toBe(t.buddyNone());
    expect(w.sms(ROSE, 'BUDDY 415-555-0177 Rose').reply).toBe(t.buddyAsked('0177'));
  });

  it('a buddy whose number no longer opens is left out of the escalation, which goes on to the others', async () => {
    const w = await withBuddy();
    w.sms(ROSE, 'CHECKIN 20 first');
    w.sms('+12065550123', 'BUDDY 415-555-0179 Jo');
    w.sms('+14155550179', 'ACCEPT');
    w.sms('+12065550123', 'CHECKIN 25 second');
    // Rose's only buddy no longer opens (a damaged value).
    w.db.sqlite.prepare('UPDATE buddies SET address_ct = randomblob(60) WHERE member_id = (SELECT member_id FROM checkins WHERE id = (SELECT min(id) FROM checkins))').run();
    w.clock.now += 25 * MIN;
    expect(timers(w)).toEqual({ reminded: 0, escalated: 2, failed: 0, unreached: 0 });
    expect(direct(w, '+14155550179').filter((m) => m.text.includes('second'))).toHaveLength(1);
    expect(direct(w, BUDDY).filter((m) => m.text.includes('first'))).toEqual([]);
    expect(timers(w)).toEqual({ reminded: 0, escalated: 0, failed: 0, unreached: 0 });
  });

  it('a damaged buddy row does not stop CHECKIN, nor a late OK: the other buddies are told', async () => {
    const w = await withBuddy();
    w.sms(ROSE, 'BUDDY 212-555-0142 Rose');
    w.sms(BUDDY2, 'ACCEPT');
    // The first buddy's row no longer opens (a damaged value).
    w.db.sqlite.prepare('UPDATE buddies SET name_ct = randomblob(40) WHERE id = (SELECT min(id) FROM buddies)').run();
    expect(w.sms(ROSE, 'CHECKIN 20 blue van').reply).toBe(t.checkinStarted(clockTime(w.clock.now + 20 * MIN), 'buddies', true));
    w.clock.now += 20 * MIN;
    expect(timers(w).escalated).toBe(1);
    w.db.sqlite.prepare("UPDATE outbox SET state = 'sent' WHERE member_id IS NULL").run();
    expect(w.sms(ROSE, 'OK').reply).toBe(t.checkinOkLate());
    expect(direct(w, BUDDY2).map((m) => m.text)).toContain(t.checkinOkBuddy('Rose'));
  });

  it('DELETE mid-check-in erases the check-in and the buddy links: nothing fires', async () => {
    const w = await withBuddy();
    w.sms(ROSE, 'CHECKIN 20 green jeep');
    w.sms(ROSE, 'DELETE');
    expect(count(w, 'checkins')).toBe(0);
    expect(count(w, 'buddies')).toBe(0);
    w.clock.now += 20 * MIN;
    expect(timers(w)).toEqual({ reminded: 0, escalated: 0, failed: 0, unreached: 0 });
    expect(direct(w, BUDDY).filter((m) => m.text.includes('green jeep'))).toEqual([]);
    // The invitation carried the name Rose gave: it goes too.
    expect(direct(w, BUDDY)).toEqual([]);
  });

  it('a member\'s STOP ends their running check-in: the buddies hear nothing, the buddy links stay', async () => {
    const w = await withBuddy();
    w.sms(ROSE, 'CHECKIN 20 green jeep');
    // Where the reply reaches them (no carrier answers STOP: Signal), it says so.
    expect(w.sms(ROSE, 'STOP').reply).toBe(t.stopped('sms', true));
    expect(w.sms(BUDDY, 'STOP').reply).toBe(t.stopped('sms'));
    expect(count(w, 'checkins')).toBe(0);
    w.clock.now += 20 * MIN;
    expect(timers(w)).toEqual({ reminded: 0, escalated: 0, failed: 0, unreached: 0 });
    expect(direct(w, BUDDY).filter((m) => m.text.includes('green jeep'))).toEqual([]);
    expect(count(w, 'buddies')).toBe(1);
  });

  it('a buddy\'s DELETE erases every link to them', async () => {
    const w = await withBuddy();
    w.sms(BUDDY, 'DELETE');
    expect(count(w, 'buddies')).toBe(0);
    expect(w.queued(sms(ROSE)).map((m) => m.text)).toContain(t.buddyDeclinedMember('0177'));
  });

  it('erases the details and the messages that carried them a day after an escalation', async () => {
    const w = await withBuddy();
    w.sms(ROSE, 'CHECKIN 20 silver minivan');
    w.clock.now += 20 * MIN;
    timers(w);
    w.db.sqlite.prepare("UPDATE outbox SET state = 'sent', address_ct = NULL WHERE member_id IS NULL").run();
    runRetention(w.db, 90, w.clock.now + 23 * 60 * MIN);
    expect((w.db.sqlite.prepare('SELECT count(*) AS n FROM checkins WHERE details_ct IS NOT NULL').get() as { n: number }).n).toBe(1);
    runRetention(w.db, 90, w.clock.now + 24 * 60 * MIN + 1);
    expect((w.db.sqlite.prepare('SELECT count(*) AS n FROM checkins WHERE details_ct IS NOT NULL').get() as { n: number }).n).toBe(0);
    expect(count(w, 'checkin_messages')).toBe(0);
    w.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    expect(findNeedlesInFile(w.file, ['silver minivan'])).toEqual([]);
    // The late OK still finds the check-in, and still tells the buddy who was told.
    w.clock.now += 25 * 60 * MIN;
    expect(w.sms(ROSE, 'OK').reply).toBe(t.checkinOkLate());
    expect(direct(w, BUDDY).map((m) => m.text)).toEqual([t.checkinOkBuddy('Rose')]);
  });

  it('a day after an escalation, LATER still says who was told and a late OK still tells them, not a buddy who was not', async () => {
    const w = await withBuddy();
    w.sms(ROSE, 'CHECKIN 20 silver minivan');
    w.clock.now += 20 * MIN;
    timers(w);
    // BUDDY heard; BUDDY2, asked since, accepted after the escalation went out.
    w.db.sqlite.prepare("UPDATE outbox SET state = 'sent', address_ct = NULL WHERE member_id IS NULL").run();
    w.sms(ROSE, 'BUDDY 212-555-0142 Rose');
    w.sms(BUDDY2, 'ACCEPT');
    w.clock.now += 25 * 60 * MIN;
    runRetention(w.db, 90, w.clock.now);
    expect(count(w, 'checkin_messages')).toBe(0);
    expect(w.sms(ROSE, 'LATER 30').reply).toBe(t.checkinMemberTold('buddies'));
    expect(w.sms(ROSE, 'OK').reply).toBe(t.checkinOkLate());
    expect(direct(w, BUDDY).map((m) => m.text)).toEqual([t.checkinOkBuddy('Rose')]);
    expect(direct(w, BUDDY2).map((m) => m.text)).not.toContain(t.checkinOkBuddy('Rose'));
  });

  it('a day after an escalation still queued (the provider down all day), nobody is recorded as told', async () => {
    const w = await withBuddy();
    w.sms(ROSE, 'CHECKIN 20 silver minivan');
    w.clock.now += 20 * MIN;
    timers(w);
    w.clock.now += 25 * 60 * MIN;
    runRetention(w.db, 90, w.clock.now);
    expect(direct(w, BUDDY).filter((m) => m.text.includes('silver minivan'))).toEqual([]);
    expect(w.sms(ROSE, 'LATER 30').reply).toBe(t.checkinMemberTold('nobody'));
    expect(w.sms(ROSE, 'OK').reply).toBe(t.checkinOk());
  });

  it('with RETENTION_DAYS=1, the sent escalation erased a day later is still remembered as told', async () => {
    const w = await withBuddy();
    w.sms(ROSE, 'CHECKIN 20 silver minivan');
    w.clock.now += 20 * MIN;
    timers(w);
    w.db.sqlite.prepare("UPDATE outbox SET state = 'sent', address_ct = NULL, updated_at = ? WHERE member_id IS NULL").run(w.clock.now);
    w.clock.now += 25 * 60 * MIN;
    runRetention(w.db, 1, w.clock.now);
    expect(w.sms(ROSE, 'OK').reply).toBe(t.checkinOkLate());
    expect(direct(w, BUDDY).map((m) => m.text)).toEqual([t.checkinOkBuddy('Rose')]);
  });
});

describe('CHECKIN_FALLBACK', () => {
  it('none: CHECKIN without an accepted buddy says a buddy is needed, and starts nothing', async () => {
    const w = await botWorld({ checkins: RULES });
    expect(w.sms(ROSE, 'CHECKIN 30').reply).toBe(t.checkinNeedsBuddy());
    expect(count(w, 'checkins')).toBe(0);
  });

  it('moderators: the reply says the moderators will be told, and at the end they are', async () => {
    const moderatorContacts = [sms(MOD)];
    const w = await botWorld({ checkins: { ...RULES, fallback: 'moderators' }, moderatorContacts, moderators: new Set([MOD]) });
    const start = w.clock.now;
    expect(w.sms(ROSE, 'CHECKIN 30 tan SUV').reply).toBe(t.checkinStarted(clockTime(start + 30 * MIN), 'moderators', true));
    w.clock.now = start + 30 * MIN;
    expect(timers(w, { fallback: 'moderators', moderatorContacts }).escalated).toBe(1);
    expect(w.queued(sms(MOD)).map((m) => m.text)).toEqual([t.checkinEscalationModerators(refIn(w.queued(sms(MOD))[0]?.text), clockTime(start + 30 * MIN), 'tan SUV')]);
    for (const form of numberForms(ROSE)) expect(w.queued(sms(MOD))[0]?.text).not.toContain(form);
    expect(w.queued(sms(ROSE)).map((m) => m.text)).toContain(t.checkinMemberTold('moderators'));
  });

  it('moderators: a day after they were told, a late OK still tells them', async () => {
    const moderatorContacts = [sms(MOD)];
    const w = await botWorld({ checkins: { ...RULES, fallback: 'moderators' }, moderatorContacts, moderators: new Set([MOD]) });
    w.sms(ROSE, 'CHECKIN 30 tan SUV');
    w.clock.now += 30 * MIN;
    timers(w, { fallback: 'moderators', moderatorContacts });
    const ref = refIn(w.queued(sms(MOD))[0]?.text);
    w.db.sqlite.prepare("UPDATE outbox SET state = 'sent'").run();
    w.clock.now += 25 * 60 * MIN;
    runRetention(w.db, 90, w.clock.now);
    expect(w.queued(sms(MOD))).toEqual([]);
    expect(w.sms(ROSE, 'LATER 30').reply).toBe(t.checkinMemberTold('moderators'));
    expect(w.sms(ROSE, 'OK').reply).toBe(t.checkinOkLate());
    expect(w.queued(sms(MOD)).map((m) => m.text)).toEqual([t.checkinOkModerators(ref)]);
  });

  it('moderators: one over Signal whose identity changed counts as no one to tell', async () => {
    const sigMod: Sender = { channel: 'signal', address: '2c3d4e5f-6a7b-4c8d-9e0f-000000000031' };
    const w = await botWorld({ checkins: { ...RULES, fallback: 'moderators' }, moderatorContacts: [sigMod], moderators: new Set([sigMod.address]) });
    observeModeratorIdentity(w.db, w.vault, sigMod.address, 'identity-1', true, w.clock.now);
    expect(w.sms(ROSE, 'CHECKIN 30').reply).toBe(t.checkinNeedsBuddy());
  });
});
