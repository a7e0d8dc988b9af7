/**
 * SUBSCRIBE_MODE=approval: a moderator's REJECT or BLOCK of a membership still waiting must not silently
 * drop the check-in she started there, admitted on her other channel (README: CHECKIN and BUDDY are for one
 * admitted "on either channel, one phone showing one number"). Her check-in and accepted buddies carry on
 * with the membership that stays; an invitation not yet answered is withdrawn, as DELETE withdraws it.
 * With no other membership, the refusal erases what DELETE would: her invitations too, no row left over.
 */
import { catalog } from '../../src/bot/catalog';
import { dayTime } from '../../src/bot/clock-time';
import type { CheckinRules } from '../../src/bot/line-rules';
import { runCheckinTimers } from '../../src/jobs/checkin-timers';
import type { Sender } from '../../src/phone/identity';
import { inviteBuddy, setBuddyStatus } from '../../src/store/buddies';
import { findMember } from '../../src/store/members';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MOD = '+14155550198';
const ROSA = '+14155550100';
const ROSA_UUID = '2c3d4e5f-6a7b-4c8d-9e0f-000000000100';
const MARIA = '+14155550177';
const LU = '+14155550188';
const MIN = 60_000;
const RULES: CheckinRules = { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms', 'signal'] };
const t = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const rosaSignal: Sender = { channel: 'signal', address: ROSA_UUID, phone: ROSA };
const joinRef = (text: string | null) => /#([A-Z0-9]{4,6}) join/.exec(text ?? '')?.[1] as string;

async function approvalLine(): Promise<{ w: BotWorld; signal: (text: string) => string | null; timers: () => number }> {
  const w = await botWorld({ subscribeMode: 'approval', moderators: new Set([MOD]), moderatorContacts: [sms(MOD)], checkins: RULES });
  let sid = 0;
  const signal = (text: string) => w.bot.handle({ sender: rosaSignal, text, providerId: `sig-${++sid}` }).reply;
  const timers = () => runCheckinTimers({ db: w.db, vault: w.vault, fallback: 'none', moderatorContacts: [] }, w.clock.now).escalated;
  // Rosa is admitted by SMS.
  w.sms(ROSA, 'JOIN 415');
  expect(w.sms(MOD, `APPROVE ${joinRef(w.sms(MOD, 'PENDING').reply)}`).reply).toContain('#');
  return { w, signal, timers };
}

/** Rosa, admitted by SMS, joins over Signal too (waiting), asks Maria (who accepts) and Lu, and starts a check-in there. */
async function checkinFromWaitingSignal() {
  const line = await approvalLine();
  const { w, signal } = line;
  expect(signal('JOIN 415')).toBe(t.joinPending(['415']));
  const request = joinRef(w.sms(MOD, 'PENDING').reply);
  signal('BUDDY 415-555-0177 Maria');
  expect(w.sms(MARIA, 'ACCEPT').reply).toBe(t.buddyAccepted());
  signal('BUDDY 415-555-0188 Lu');
  expect(w.direct(LU)).toHaveLength(1);
  expect(signal('CHECKIN 30 motel 6 room 12')).toContain('check-in until');
  return { ...line, request, start: w.clock.now };
}

const orphans = (w: BotWorld) =>
  (w.db.sqlite.prepare('SELECT count(*) AS n FROM buddy_messages WHERE member_id NOT IN (SELECT id FROM members)').get() as { n: number }).n;

describe('REJECT or BLOCK of a waiting membership with a check-in running', () => {
  for (const word of ['REJECT', 'BLOCK'] as const) {
    it(`${word}: her check-in carries on with her admitted SMS membership and reaches her accepted buddy at its end`, async () => {
      const { w, request, start, timers } = await checkinFromWaitingSignal();
      expect(w.sms(MOD, `${word} ${request}`).reply).toContain(`#${request}`);
      w.clock.now = start + 31 * MIN;
      expect(timers()).toBe(1);
      expect(w.direct(MARIA).filter((m) => m.includes('motel 6 room 12'))).toHaveLength(1);
    });
  }

  it('REJECT: a buddy who accepted over Signal and is still only invited on her SMS membership (an older line) is told at the end', async () => {
    const { w, request, start, timers } = await checkinFromWaitingSignal();
    const smsMember = findMember(w.db, w.vault, sms(ROSA))!.id;
    inviteBuddy(w.db, w.vault, smsMember, { channel: 'sms', address: MARIA }, 'Maria', 'en', w.clock.now);
    w.sms(MOD, `REJECT ${request}`);
    w.clock.now = start + 31 * MIN;
    expect(timers()).toBe(1);
    expect(w.direct(MARIA).filter((m) => m.includes('motel 6 room 12'))).toHaveLength(1);
  });

  it('REJECT: her OK by SMS ends the check-in, and her accepted buddy stays listed', async () => {
    const { w, request } = await checkinFromWaitingSignal();
    w.sms(MOD, `REJECT ${request}`);
    expect(w.sms(ROSA, 'BUDDY').reply).toBe(t.buddyList([{ ending: '0177', status: 'accepted' }]));
    expect(w.sms(ROSA, 'OK').reply).toBe(t.checkinOk());
  });

  it('REJECT while her reminder waits to go over Signal: it goes to her by SMS instead', async () => {
    const { w, request, start, timers } = await checkinFromWaitingSignal();
    w.clock.now = start + 21 * MIN;
    timers();
    const reminder = t.checkinReminder(t.checkinEnd(dayTime(start + 30 * MIN, w.clock.now)));
    expect(w.queued(rosaSignal).map((m) => m.text)).toContain(reminder);
    w.sms(MOD, `REJECT ${request}`);
    timers();
    expect(w.queued(sms(ROSA)).map((m) => m.text)).toContain(reminder);
  });

  it('REJECT after her check-in escalated: her OK by SMS still tells the buddy who heard that she is safe', async () => {
    const { w, request, start, timers } = await checkinFromWaitingSignal();
    w.clock.now = start + 31 * MIN;
    expect(timers()).toBe(1);
    w.db.sqlite.prepare("UPDATE outbox SET state = 'sent' WHERE member_id IS NULL").run();
    w.sms(MOD, `REJECT ${request}`);
    expect(w.sms(ROSA, 'OK').reply).toBe(t.checkinOkLate());
    expect(w.direct(MARIA).filter((m) => m === t.checkinOkBuddy('Maria'))).toHaveLength(1);
  });

  it('REJECT: the invitation Lu has not answered is withdrawn, and no message about a buddy is left without its member', async () => {
    const { w, request } = await checkinFromWaitingSignal();
    w.sms(MOD, `REJECT ${request}`);
    expect(w.direct(LU)).toEqual([]);
    expect(orphans(w)).toBe(0);
  });
});

describe('REJECT of a member back after STOP (waiting again)', () => {
  it('withdraws the invitation she made while admitted, as DELETE would, and leaves no message about a buddy behind', async () => {
    const { w } = await approvalLine();
    w.sms(ROSA, 'BUDDY 415-555-0188 Lu');
    expect(w.direct(LU)).toHaveLength(1);
    w.sms(ROSA, 'STOP');
    expect(w.sms(ROSA, 'JOIN 415').reply).toBe(t.joinPending(['415']));
    const request = joinRef(w.sms(MOD, 'PENDING').reply);
    expect(w.sms(MOD, `REJECT ${request}`).reply).toBe(t.modRejected(`#${request}`));
    expect(w.direct(LU)).toEqual([]);
    expect(orphans(w)).toBe(0);
  });
});

describe('a refusal after both memberships accepted the same buddy, or with DISCREET asked on the refused one', () => {
  it("keeps the buddy who was told: her OK after the refusal tells Maria, who heard through the refused membership's link", async () => {
    const { w, signal, timers } = await approvalLine();
    expect(signal('JOIN 415')).toBe(t.joinPending(['415']));
    const request = joinRef(w.sms(MOD, 'PENDING').reply);
    const smsMember = (findMember(w.db, w.vault, sms(ROSA)) as { id: number }).id;
    const sigMember = (findMember(w.db, w.vault, rosaSignal) as { id: number }).id;
    // A line from before a number asked on one channel counted on the other: Maria accepted on both.
    for (const member of [smsMember, sigMember]) setBuddyStatus(w.db, inviteBuddy(w.db, w.vault, member, { channel: 'sms', address: MARIA }, 'Maria', 'en', w.clock.now), 'accepted');
    const start = w.clock.now;
    expect(signal('CHECKIN 30 motel 6 room 12')).toContain('check-in until');
    w.clock.now = start + 31 * MIN;
    expect(timers()).toBe(1);
    expect(w.direct(MARIA).filter((m) => m.includes('motel 6 room 12'))).toHaveLength(1);
    // It went (only a message that went has told anyone).
    w.db.sqlite.prepare("UPDATE outbox SET state = 'sent' WHERE member_id IS NULL").run();
    w.sms(MOD, `REJECT ${request}`);
    expect(w.sms(ROSA, 'OK').reply).toBe(t.checkinOkLate());
    expect(w.direct(MARIA).filter((m) => m === t.checkinOkBuddy('Maria'))).toHaveLength(1);
  });

  it('reminds her as discreetly as she asked on the refused membership', async () => {
    const { w, signal } = await approvalLine();
    signal('JOIN 415');
    const request = joinRef(w.sms(MOD, 'PENDING').reply);
    signal('DISCREET');
    signal('BUDDY 415-555-0177 Maria');
    w.sms(MARIA, 'ACCEPT');
    const start = w.clock.now;
    expect(signal('CHECKIN 30 motel 6 room 12')).toContain('check-in until');
    w.sms(MOD, `REJECT ${request}`);
    w.clock.now = start + 21 * MIN;
    runCheckinTimers({ db: w.db, vault: w.vault, fallback: 'none', moderatorContacts: [] }, w.clock.now);
    const until = t.checkinEnd(dayTime(start + 30 * MIN, w.clock.now));
    expect(w.queued(sms(ROSA)).map((m) => m.text)).toContain(t.discreetReminder(until));
  });
});
