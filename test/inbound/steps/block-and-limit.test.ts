/**
 * Step 3, block and limit, driven through the bot over a real SQLite file
 * with a clock the test moves: a blocked sender's messages are dropped
 * silently, yet their STOP and DELETE work (and a check-in's OK); a sender past the per-sender
 * message limit is ignored for the rest of the window, yet their STOP and
 * DELETE work, and so do the OK and LATER of a member with a check-in;
 * moderators are never limited.
 */
import { catalog } from '../../../src/bot/catalog';
import { clockTime } from '../../../src/bot/clock-time';
import { DEFAULT_LIMITS, type BotDeps } from '../../../src/bot/context';
import type { CheckinRules } from '../../../src/bot/line-rules';
import { runCheckinTimers } from '../../../src/jobs/checkin-timers';
import type { Sender } from '../../../src/phone/identity';
import { findMember } from '../../../src/store/members';
import { listAreas } from '../../../src/store/subscriptions';
import { botWorld, type BotWorld } from '../../helpers/bot-world';

const MOD = '+14155550199';
const ROSA = '+14155550101';
const LENA = '+14155550102';
const BUDDY = '+14155550177';
const MIN = 60_000;
const HOUR = 3_600_000;
const CHECKINS: CheckinRules = { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] };
const t = catalog('en');

const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

/** A line that acts on at most three messages per sender per hour. */
function world(deps: Partial<BotDeps> = {}): Promise<BotWorld> {
  return botWorld({
    moderators: new Set([MOD]),
    moderatorContacts: [sms(MOD)],
    limits: { ...DEFAULT_LIMITS, messages: { max: 3, windowMs: HOUR } },
    ...deps,
  });
}

/** Rosa, with a buddy who accepted and a check-in running, blocked by a moderator for a harvesting report. */
async function blockedWithCheckin(): Promise<BotWorld> {
  const w = await world({ limits: DEFAULT_LIMITS, checkins: CHECKINS });
  w.sms(ROSA, 'JOIN 415');
  w.sms(ROSA, 'BUDDY 415-555-0177 Rosa');
  w.sms(BUDDY, 'ACCEPT');
  w.sms(ROSA, 'CHECKIN 30 blue Honda');
  const ref = /#([A-Z0-9]{4,6})/.exec(w.sms(ROSA, 'REPORT 415 fake report to harvest numbers').reply ?? '')?.[1];
  expect(w.sms(MOD, `BLOCK ${ref}`).reply).toBe(t.modBlockedDiscarded(`#${ref}`, 1));
  return w;
}

function membership(w: BotWorld, who: string): { status: string; areas: string[] } | undefined {
  const member = findMember(w.db, w.vault, sms(who));
  return member && { status: member.status, areas: listAreas(w.db, member.id) };
}

const escalated = (w: BotWorld) => runCheckinTimers({ db: w.db, vault: w.vault, fallback: 'none', moderatorContacts: [] }, w.clock.now).escalated;

/** Rosa, a member for 415, blocked by the moderator through a report of hers. */
async function blocked(): Promise<BotWorld> {
  const w = await world({ limits: DEFAULT_LIMITS });
  w.sms(ROSA, 'JOIN 415');
  const ref = /#([A-Z0-9]{4,6})/.exec(w.sms(ROSA, 'REPORT 415 fake report to harvest numbers').reply ?? '')?.[1];
  expect(w.sms(MOD, `BLOCK ${ref}`).reply).toBe(t.modBlockedDiscarded(`#${ref}`, 1));
  return w;
}

describe('a blocked sender', () => {
  it('is dropped silently: no answer, no effect', async () => {
    const w = await blocked();
    const r = w.sms(ROSA, 'JOIN 628');
    expect(r).toMatchObject({ reply: null, dropped: 'blocked' });
    expect(w.sms(ROSA, 'AREAS')).toMatchObject({ reply: null, dropped: 'blocked' });
    expect(membership(w, ROSA)).toEqual({ status: 'active', areas: ['415'] });
    // Others are heard as before.
    expect(w.sms(LENA, 'JOIN').reply).toBe(t.joined(['415']));
  });

  it('can still opt out with STOP, silently', async () => {
    const w = await blocked();
    expect(w.sms(ROSA, 'STOP')).toMatchObject({ reply: null, dropped: 'blocked' });
    expect(membership(w, ROSA)).toEqual({ status: 'stopped', areas: [] });
  });

  it("is still heard when she answers OK to a check-in she started before the block: her buddy is not told she may be in danger", async () => {
    const w = await blockedWithCheckin();
    expect(w.sms(ROSA, 'AREAS')).toMatchObject({ reply: null, dropped: 'blocked' });
    w.clock.now += 20 * MIN;
    expect(w.sms(ROSA, 'SAFE').reply).toBe(t.checkinOk());
    w.clock.now += 10 * MIN;
    expect(escalated(w)).toBe(0);
    // With no check-in left, her OK is dropped like anything else.
    expect(w.sms(ROSA, 'OK')).toMatchObject({ reply: null, dropped: 'blocked' });
  });

  it('can still erase themselves with DELETE, which says so; the block stays', async () => {
    const w = await blocked();
    expect(w.sms(ROSA, 'DELETE').reply).toBe(t.deleted('sms'));
    expect(findMember(w.db, w.vault, sms(ROSA))).toBeUndefined();
    expect(w.sms(ROSA, 'JOIN 415')).toMatchObject({ reply: null, dropped: 'blocked' });
    expect(findMember(w.db, w.vault, sms(ROSA))).toBeUndefined();
  });
});

describe('the per-sender message limit', () => {
  it('ignores a flooding sender for the rest of the window, then hears them again', async () => {
    const w = await world();
    expect(w.sms(ROSA, 'JOIN').reply).toBe(t.joined(['415']));
    expect(w.sms(ROSA, 'AREAS').reply).toBe(t.areas(['415']));
    expect(w.sms(ROSA, 'JOIN 628').reply).toBe(t.joined(['415', '628']));
    expect(w.sms(ROSA, 'LEAVE 628')).toMatchObject({ reply: null, dropped: 'rate_limited' });
    expect(membership(w, ROSA)?.areas).toEqual(['415', '628']);
    // Another sender is not held back.
    expect(w.sms(LENA, 'AREAS').reply).toBe(t.notMember());
    w.clock.now += HOUR;
    expect(w.sms(ROSA, 'LEAVE 628').reply).toBe(t.leftCovered([], ['628'], ['415']));
  });

  it('still honours STOP from a sender past it, without an answer (each is a message the line pays for)', async () => {
    const w = await world();
    w.sms(ROSA, 'JOIN');
    w.sms(ROSA, 'AREAS');
    w.sms(ROSA, 'AREAS');
    expect(w.sms(ROSA, 'AREAS').reply).toBeNull();
    expect(w.sms(ROSA, 'please stop texting me').reply).toBeNull();
    expect(membership(w, ROSA)).toEqual({ status: 'stopped', areas: [] });
  });

  it('still honours DELETE from a sender past it, without an answer: nobody waits for the window to be forgotten', async () => {
    const w = await world();
    w.sms(ROSA, 'JOIN');
    w.sms(ROSA, 'AREAS');
    w.sms(ROSA, 'AREAS');
    expect(w.sms(ROSA, 'AREAS').reply).toBeNull();
    expect(w.sms(ROSA, 'DELETE').reply).toBeNull();
    expect(findMember(w.db, w.vault, sms(ROSA))).toBeUndefined();
  });

  it.each(['DELETE', 'ALTO', 'please stop texting me'])('answers %s, sent over and over, only within the limit (DELETE does not reset it)', async (text) => {
    const w = await world();
    const answered = Array.from({ length: 20 }, () => w.sms(ROSA, text).reply).filter((r) => r !== null);
    expect(answered).toHaveLength(3);
    w.clock.now += HOUR;
    expect(w.sms(ROSA, text).reply).not.toBeNull();
  });

  /** Rosa with an accepted buddy and a 30-minute check-in, past the limit of three messages: then a quiet AREAS is ignored. */
  async function checkedInPastLimit(): Promise<BotWorld> {
    const w = await world({ checkins: CHECKINS });
    w.sms(ROSA, 'JOIN');
    w.sms(ROSA, 'BUDDY 415-555-0177 Rosa');
    expect(w.sms(BUDDY, 'ACCEPT').reply).toBe(t.buddyAccepted());
    expect(w.sms(ROSA, 'CHECKIN 30 blue Honda').reply).toBe(t.checkinStarted(clockTime(w.clock.now + 30 * MIN), 'buddies', true, false));
    expect(w.sms(ROSA, 'AREAS')).toMatchObject({ reply: null, dropped: 'rate_limited' });
    return w;
  }

  it.each(['OK', 'Safe'])("still hears the %s of a member with a check-in past it: her buddy is not told she may be in danger", async (word) => {
    const w = await checkedInPastLimit();
    w.clock.now += 20 * MIN;
    expect(w.sms(ROSA, word).reply).toBe(t.checkinOk());
    w.clock.now += 10 * MIN;
    expect(escalated(w)).toBe(0);
  });

  it('still hears the LATER of a member with a check-in past it: the deadline moves, unanswered (LATER does not end a check-in, so it could be sent without end)', async () => {
    const w = await checkedInPastLimit();
    w.clock.now += 20 * MIN;
    expect(w.sms(ROSA, 'LATER 30').reply).toBeNull();
    w.clock.now += 10 * MIN;
    expect(escalated(w)).toBe(0);
    w.clock.now += 30 * MIN;
    expect(escalated(w)).toBe(1);
  });

  it('answers the LATERs of a member with a check-in only within the limit, blocked or not', async () => {
    const w = await world({ checkins: CHECKINS });
    w.sms(ROSA, 'JOIN');
    w.sms(ROSA, 'BUDDY 415-555-0177 Rosa');
    w.sms(BUDDY, 'ACCEPT');
    w.clock.now += HOUR;
    w.sms(ROSA, 'CHECKIN 30 blue Honda');
    const ref = /#([A-Z0-9]{4,6})/.exec(w.sms(ROSA, 'REPORT 415 fake report to harvest numbers').reply ?? '')?.[1];
    expect(w.sms(MOD, `BLOCK ${ref}`).reply).toBe(t.modBlockedDiscarded(`#${ref}`, 1));
    const answered = Array.from({ length: 20 }, () => w.sms(ROSA, 'LATER 10').reply).filter((r) => r !== null);
    expect(answered).toHaveLength(1);
  });

  it('still hears the OK that tells her buddy she is safe after an escalation, past it', async () => {
    const w = await checkedInPastLimit();
    w.clock.now += 30 * MIN;
    expect(escalated(w)).toBe(1);
    w.db.sqlite.prepare("UPDATE outbox SET state = 'sent', address_ct = NULL WHERE member_id IS NULL").run();
    expect(w.sms(ROSA, 'OK').reply).toBe(t.checkinOkLate());
  });

  it.each(['END CHECKIN 30', 'cancel my check-in 45 min'])('answers "%s", which ends nothing while her check-in runs, only within the limit; her OK past it still ends it', async (text) => {
    const w = await checkedInPastLimit();
    const answered = Array.from({ length: 20 }, () => w.sms(ROSA, text).reply).filter((r) => r !== null);
    expect(answered).toHaveLength(0);
    expect(w.sms(ROSA, 'OK').reply).toBe(t.checkinOk());
    w.clock.now += 30 * MIN;
    expect(escalated(w)).toBe(0);
  });

  it('still answers "END CHECKIN 30" past it when it ends her escalated check-in', async () => {
    const w = await checkedInPastLimit();
    w.clock.now += 30 * MIN;
    expect(escalated(w)).toBe(1);
    w.db.sqlite.prepare("UPDATE outbox SET state = 'sent', address_ct = NULL WHERE member_id IS NULL").run();
    expect(w.sms(ROSA, 'END CHECKIN 30').reply).toBe(t.checkinOkLate());
  });

  it('answers a blocked member\'s "END CHECKIN 30" never, and her OK that ends her check-in always', async () => {
    const w = await blockedWithCheckin();
    const answered = Array.from({ length: 20 }, () => w.sms(ROSA, 'END CHECKIN 30').reply).filter((r) => r !== null);
    expect(answered).toHaveLength(0);
    expect(w.sms(ROSA, 'OK').reply).toBe(t.checkinOk());
  });

  it('ignores OK and LATER like anything else from a sender past it with no check-in', async () => {
    const w = await world({ checkins: CHECKINS });
    w.sms(ROSA, 'JOIN');
    w.sms(ROSA, 'AREAS');
    w.sms(ROSA, 'AREAS');
    expect(w.sms(ROSA, 'OK')).toMatchObject({ reply: null, dropped: 'rate_limited' });
    expect(w.sms(ROSA, 'LATER 30')).toMatchObject({ reply: null, dropped: 'rate_limited' });
  });

  it('never holds back a moderator', async () => {
    const w = await world();
    for (let i = 0; i < 6; i++) expect(w.sms(MOD, 'PENDING').reply).toBe('Nothing pending.');
  });
});
