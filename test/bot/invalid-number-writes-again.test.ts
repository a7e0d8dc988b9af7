/**
 * A member whose number the provider called invalid three messages in a row
 * over a day (store/invalid-streak.ts, as the outbox counts them) writes
 * again: her message proves it works. Whatever the command, she is active
 * again with her areas before it is handled, and its answer is a member's;
 * but not 14 days after the first refusal or later (the number may be a new
 * holder's), and never with the alerts left unread when she was marked.
 */
import { catalog } from '../../src/bot/catalog';
import { runRetention } from '../../src/jobs/retention';
import type { Sender } from '../../src/phone/identity';
import { countInvalid, INVALID_IN_A_ROW } from '../../src/store/invalid-streak';
import { findMember, memberStatus } from '../../src/store/members';
import { listAreas } from '../../src/store/subscriptions';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { alert415, MOD, ROSA, UUID, world } from '../helpers/waiting-alert';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ROSA_SMS: Sender = { channel: 'sms', address: ROSA, phone: ROSA };
const ROSA_SIGNAL: Sender = { channel: 'signal', address: UUID, phone: ROSA };

/** What the outbox does at `times` refusals or reports of an invalid number, 13 hours apart (three span a day). */
function refuse(w: BotWorld, who: Sender, times: number): void {
  for (let i = 0; i < times; i++) {
    if (i > 0) w.clock.now += 13 * HOUR;
    countInvalid(w.db, findMember(w.db, w.vault, who)!.id, w.clock.now);
  }
}

const SIGNAL: Sender = { channel: 'signal', address: '5a1e0000-0000-4000-8000-00000000abcd' };
const SMS: Sender = { channel: 'sms', address: '+14155550142', phone: '+14155550142' };

describe('a member marked invalid who writes again', () => {
  let w: BotWorld;
  beforeEach(async () => {
    w = await botWorld();
  });
  afterEach(() => w.db.close());

  const send = (who: Sender, text: string) => w.bot.handle({ sender: who, text, providerId: `id${Math.random()}` }, 'outbox');
  const idOf = (who: Sender) => findMember(w.db, w.vault, who)!.id;
  /** What the outbox does at refusals or reports of an invalid number. */
  const refused = (who: Sender, times: number) => refuse(w, who, times);

  it('over Signal, AREAS: she is active again and told her areas, over her membership', () => {
    send(SIGNAL, 'JOIN 415 628');
    refused(SIGNAL, INVALID_IN_A_ROW);
    expect(memberStatus(w.db, idOf(SIGNAL))).toBe('invalid');
    send(SIGNAL, 'AREAS');
    expect(memberStatus(w.db, idOf(SIGNAL))).toBe('active');
    expect(listAreas(w.db, idOf(SIGNAL))).toEqual(['415', '628']);
    expect(w.queued(SIGNAL).at(-1)?.text).toMatch(/415.*628/);
  });

  it('READ shows her what waits, as to any member (not "you are not a member")', () => {
    send(SMS, 'JOIN');
    refused(SMS, INVALID_IN_A_ROW);
    const reply = w.sms(SMS.address, 'READ').reply;
    expect(memberStatus(w.db, idOf(SMS))).toBe('active');
    expect(reply).toBe(catalog('en').readNone());
    expect(reply).not.toBe(catalog('en').notMember());
  });

  it('STOP still stops her, her areas dropped', () => {
    send(SMS, 'JOIN');
    refused(SMS, INVALID_IN_A_ROW);
    send(SMS, 'STOP');
    expect(memberStatus(w.db, idOf(SMS))).toBe('stopped');
    expect(listAreas(w.db, idOf(SMS))).toEqual([]);
  });

  it('starts the count again: two refusals before her message and two after leave her active', () => {
    send(SMS, 'JOIN');
    refused(SMS, INVALID_IN_A_ROW - 1);
    send(SMS, 'AREAS');
    refused(SMS, INVALID_IN_A_ROW - 1);
    expect(memberStatus(w.db, idOf(SMS))).toBe('active');
  });
});

describe('refusals scattered over weeks (a quiet area: nothing sent to her between them)', () => {
  it('two refusals a minute apart, a third 20 days later: marked then, she keeps her areas for the 14 days from the mark, through retention, and writing brings her back', async () => {
    const w = await world();
    w.sms(ROSA, 'JOIN 415 628');
    const id = findMember(w.db, w.vault, ROSA_SMS)!.id;
    countInvalid(w.db, id, w.clock.now);
    w.clock.now += 60_000;
    countInvalid(w.db, id, w.clock.now);
    w.clock.now += 20 * DAY;
    countInvalid(w.db, id, w.clock.now);
    expect(memberStatus(w.db, id)).toBe('invalid');
    w.clock.now += 13 * DAY;
    runRetention(w.db, 90, w.clock.now);
    expect(listAreas(w.db, id)).toEqual(['415', '628']);
    w.sms(ROSA, 'AREAS');
    expect(memberStatus(w.db, id)).toBe('active');
    expect(listAreas(w.db, id)).toEqual(['415', '628']);
  });
});

describe('a number marked invalid that may be someone else\'s now', () => {
  const idOf = (w: BotWorld, who: Sender) => findMember(w.db, w.vault, who)!.id;
  /** A line under approval; Rosa (by SMS, or over Signal) joins 415 and MOD admits her. */
  async function admittedRosa(who: Sender = ROSA_SMS) {
    const w = await world({ subscribeMode: 'approval', moderatorContacts: [{ channel: 'sms', address: MOD, phone: MOD }], discreet: { byDefault: true, timerSeconds: 0 } });
    if (who.channel === 'sms') w.sms(ROSA, 'JOIN 415');
    else w.signal('JOIN 415');
    const ref = /#([A-Z0-9]+)/.exec(w.direct(MOD).concat(w.queued({ channel: 'sms', address: MOD }).map((q) => q.text)).join('\n'))?.[1];
    w.sms(MOD, `APPROVE ${ref}`);
    expect(memberStatus(w.db, idOf(w, who))).toBe('active');
    return w;
  }

  it('drops her unread alerts when she is marked: back within the window, READ shows none of them', async () => {
    const w = await admittedRosa();
    alert415(w);
    refuse(w, ROSA_SMS, INVALID_IN_A_ROW);
    expect(memberStatus(w.db, idOf(w, ROSA_SMS))).toBe('invalid');
    w.clock.now += 2 * DAY;
    expect(w.sms(ROSA, 'READ').reply).toBe(catalog('en').readNone());
    expect(memberStatus(w.db, idOf(w, ROSA_SMS))).toBe('active');
    expect(listAreas(w.db, idOf(w, ROSA_SMS))).toEqual(['415']);
  });

  it('14 days after the first refusal, a message from the number brings nothing back, and JOIN waits for a moderator again', async () => {
    const w = await admittedRosa();
    alert415(w);
    refuse(w, ROSA_SMS, INVALID_IN_A_ROW);
    w.clock.now += 14 * DAY;
    // The number's new holder: "who is this?"
    w.sms(ROSA, 'who is this?');
    expect(memberStatus(w.db, idOf(w, ROSA_SMS))).toBe('invalid');
    expect(listAreas(w.db, idOf(w, ROSA_SMS))).toEqual([]);
    expect(w.sms(ROSA, 'READ').reply).toBe(catalog('en').notMember());
    expect(w.sms(ROSA, 'JOIN 415').reply).toBe(catalog('en').joinPending(['415']));
    expect(memberStatus(w.db, idOf(w, ROSA_SMS))).toBe('pending');
  });

  it('the hourly retention drops the areas of one marked 14 days after the first refusal, not of one marked lately', async () => {
    const w = await world();
    w.sms(ROSA, 'JOIN 415');
    w.signal('JOIN 628');
    refuse(w, ROSA_SMS, INVALID_IN_A_ROW);
    w.clock.now += 10 * DAY;
    refuse(w, ROSA_SIGNAL, INVALID_IN_A_ROW);
    w.clock.now += 4 * DAY;
    runRetention(w.db, 90, w.clock.now);
    expect(listAreas(w.db, idOf(w, ROSA_SMS))).toEqual([]);
    expect(listAreas(w.db, idOf(w, ROSA_SIGNAL))).toEqual(['628']);
    // Her next message: the Signal membership is back, areas and all; the SMS one stays out until a JOIN.
    w.signal('AREAS');
    w.sms(ROSA, 'AREAS');
    expect([memberStatus(w.db, idOf(w, ROSA_SIGNAL)), memberStatus(w.db, idOf(w, ROSA_SMS))]).toEqual(['active', 'invalid']);
  });

  it('under approval, her Signal membership marked invalid (a reinstall) still admits her by SMS within the window (CHECKIN), not after', async () => {
    const w = await admittedRosa(ROSA_SIGNAL);
    refuse(w, ROSA_SIGNAL, INVALID_IN_A_ROW);
    expect(memberStatus(w.db, idOf(w, ROSA_SIGNAL))).toBe('invalid');
    // Past the gate: the next thing a member is told (she has no buddy yet), not "this is for members".
    expect(w.sms(ROSA, 'CHECKIN 60 red car').reply).toBe(catalog('en').checkinNeedsBuddy());
    w.clock.now += 14 * DAY;
    expect(w.sms(ROSA, 'CHECKIN 60 red car').reply).toBe(catalog('en').membersOnly());
  });
});
