/**
 * Buddy commands (issue 13), directly on the bot over a real database: what
 * a member, a buddy and the line's dispatcher see. Consent first (nothing
 * but the invitation before ACCEPT), a buddy's STOP ends it for good (until
 * they come back), the limits on buddies and on invitations, the channels
 * the line allows, every message in its reader's language, a buddy
 * removed or declining never getting a check-in escalation still queued, and,
 * under SUBSCRIBE_MODE=approval, no invitation from anyone not admitted.
 */
import { catalog } from '../../src/bot/catalog';
import type { CheckinRules } from '../../src/bot/line-rules';
import type { Channel } from '../../src/domain/channel';
import { runCheckinTimers } from '../../src/jobs/checkin-timers';
import { findMember, openAddress } from '../../src/store/members';
import { claimLane, openBody, openRowAddress, recordOutcomes, type Outcome } from '../../src/store/outbox';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const ROSE = '+14155550100';
const BUDDY = '+14155550177';
const BUDDY2 = '+12125550142';
const OTHER = '+12065550111';
const MOD = '+14155550199';
const DAY = 86_400_000;
const MIN = 60_000;
const RULES: CheckinRules = { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms', 'signal'] };
const t = catalog('en');
const es = catalog('es');

interface Delivered {
  to: string;
  channel: Channel;
  text: string;
}

interface Line {
  w: BotWorld;
  /** Sends an SMS; says what came back and whether the dispatcher was woken after the commit. */
  text(from: string, body: string): { reply: string | null; woke: boolean };
  /** Everything the line has delivered to that number so far (it sends what is queued first), oldest first. */
  inbox(to: string): string[];
  /** The channels messages to that number went out on. */
  channels(to: string): Channel[];
}

/** A line whose outbox a fake dispatcher empties on demand, through the store's own claim and record. */
async function line(rules: Partial<CheckinRules> = {}): Promise<Line> {
  let wakes = 0;
  const w = await botWorld({ checkins: { ...RULES, ...rules }, onQueued: () => void wakes++ });
  const delivered: Delivered[] = [];
  let sid = 0;
  const deliver = () => {
    for (const channel of ['sms', 'signal'] as const) {
      const rows = claimLane(w.db, channel, w.clock.now, 1000, w.clock.now + 60_000);
      const outcomes: Outcome[] = [];
      for (const row of rows) {
        if (row.member_status === 'stopped') {
          outcomes.push({ id: row.id, kind: 'failed', error: 'recipient_stopped' });
          continue;
        }
        const to =
          row.member_id !== null && row.address_ct
            ? openAddress(w.vault, { id: row.member_id, address_ct: row.address_ct, key_version: row.address_kv })
            : openRowAddress(w.vault, row);
        delivered.push({ to, channel, text: openBody(w.vault, row) });
        outcomes.push({ id: row.id, kind: 'sent', providerId: `SMfake${++sid}` });
      }
      recordOutcomes(w.db, outcomes, w.clock.now);
    }
  };
  return {
    w,
    text: (from, body) => {
      const before = wakes;
      const { reply } = w.sms(from, body);
      return { reply, woke: wakes > before };
    },
    inbox: (to) => {
      deliver();
      return delivered.filter((m) => m.to === to).map((m) => m.text);
    },
    channels: (to) => {
      deliver();
      return delivered.filter((m) => m.to === to).map((m) => m.channel);
    },
  };
}

/** Rose, a member, with BUDDY (named Rose to them) accepted. */
async function withBuddy(rules: Partial<CheckinRules> = {}): Promise<Line> {
  const l = await line(rules);
  l.text(ROSE, 'JOIN');
  l.text(ROSE, 'BUDDY 415-555-0177 Rose');
  expect(l.text(BUDDY, 'ACCEPT').reply).toBe(t.buddyAccepted());
  return l;
}

const reply = (l: Line, from: string, body: string) => l.text(from, body).reply;

/**
 * Rose with BUDDY and BUDDY2 accepted, whose check-in has just run out: the
 * escalations are queued and not yet sent (the lane busy, held or down).
 */
async function escalationQueued(): Promise<Line> {
  const l = await withBuddy();
  l.text(ROSE, 'BUDDY 212-555-0142 Rosie');
  l.text(BUDDY2, 'ACCEPT');
  l.inbox(BUDDY); // what was queued so far goes out
  l.text(ROSE, 'CHECKIN 30 blue Honda plate 7ABC123');
  l.w.clock.now += 30 * MIN;
  expect(runCheckinTimers({ db: l.w.db, vault: l.w.vault, fallback: 'none', moderatorContacts: [] }, l.w.clock.now).escalated).toBe(1);
  return l;
}
const withDetails = (l: Line, to: string) => l.inbox(to).filter((m) => m.includes('7ABC123'));

describe('BUDDY number name', () => {
  it('wakes the dispatcher for the invitation, and sends nothing when it refuses', async () => {
    const l = await line();
    l.text(ROSE, 'JOIN');
    expect(l.text(ROSE, `BUDDY ${ROSE} Rose`)).toEqual({ reply: t.buddyOwnNumber(), woke: false });
    expect(l.text(ROSE, 'BUDDY 415-555-0177 Rose')).toEqual({ reply: t.buddyAsked('0177'), woke: true });
    expect(l.inbox(BUDDY)).toEqual([t.buddyInvite('Rose')]);
  });

  it('does not count a buddy who sent STOP towards the three', async () => {
    // An accepted buddy: an invitation never answered reads as waiting whatever its number does (buddy-invited-stop-silent).
    const l = await withBuddy();
    l.text(BUDDY, 'STOP');
    for (const n of ['+14155550171', '+14155550172', '+14155550173']) expect(reply(l, ROSE, `BUDDY ${n} Rose`)).toBe(t.buddyAsked(n.slice(-4)));
    expect(reply(l, ROSE, 'BUDDY +14155550174 Rose')).toBe(t.buddyLimit(3));
    expect(l.inbox('+14155550174')).toEqual([]);
    expect(reply(l, ROSE, 'BUDDY')).toBe(
      t.buddyList([
        { ending: '0177', status: 'stopped' },
        { ending: '0171', status: 'invited' },
        { ending: '0172', status: 'invited' },
        { ending: '0173', status: 'invited' },
      ]),
    );
  });

  it('sends at most six invitations a day from one sender, even when the earlier ones were removed', async () => {
    const l = await line();
    l.text(ROSE, 'JOIN');
    const numbers = ['+14155550171', '+14155550172', '+14155550173', '+14155550174', '+14155550175', '+14155550176'];
    for (const [i, n] of numbers.entries()) {
      expect(reply(l, ROSE, `BUDDY ${n} Rose`)).toBe(t.buddyAsked(n.slice(-4)));
      if (i % 3 === 2) expect(reply(l, ROSE, 'BUDDY OFF')).toBe(t.buddiesRemoved(3));
    }
    // A seventh stranger is not texted: BUDDY is no way to text whoever one likes.
    expect(l.text(ROSE, 'BUDDY 415-555-0178 Rose')).toEqual({ reply: t.buddyInvitesToday(6), woke: false });
    expect(l.inbox('+14155550178')).toEqual([]);
    expect(reply(l, ROSE, 'BUDDY')).toBe(t.buddyNone());
    // A day later, one may be asked again.
    l.w.clock.now += DAY;
    expect(reply(l, ROSE, 'BUDDY 415-555-0178 Rose')).toBe(t.buddyAsked('0178'));
    expect(l.inbox('+14155550178')).toEqual([t.buddyInvite('Rose')]);
  });

  it('reaches a buddy only on a channel the line allows, the first one when none is named', async () => {
    const l = await line({ buddyChannels: ['signal'] });
    l.text(ROSE, 'JOIN');
    expect(reply(l, ROSE, 'BUDDY SMS 415-555-0178 Rose')).toBe(t.buddyUsage());
    expect(reply(l, ROSE, 'BUDDY 415-555-0177 Rose')).toBe(t.buddyAsked('0177'));
    expect(l.channels(BUDDY)).toEqual(['signal']);
    expect(l.inbox('+14155550178')).toEqual([]);
  });

  it('speaks to each in their own language: the member, the invitation, and the buddy once they answer', async () => {
    const l = await line();
    l.text(ROSE, 'UNIRSE');
    expect(reply(l, ROSE, 'AMIGA 415-555-0177 Rosa')).toBe(es.buddyAsked('0177'));
    // Asked in the member's language.
    expect(l.inbox(BUDDY)).toEqual([es.buddyInvite('Rosa')]);
    // The buddy answers in English: they hear English, the member hears Spanish.
    expect(reply(l, BUDDY, 'ACCEPT')).toBe(t.buddyAccepted());
    expect(l.inbox(ROSE)).toContain(es.buddyAcceptedMember('0177'));
    expect(reply(l, ROSE, 'AMIGA OFF')).toBe(es.buddiesRemoved(1));
    expect(l.inbox(BUDDY)).toEqual([es.buddyInvite('Rosa'), t.buddyDropped('Rosa')]);
  });
});

describe('BUDDY number name under SUBSCRIBE_MODE=approval', () => {
  /** A line where a moderator admits each member. */
  async function approvalLine(): Promise<BotWorld> {
    const mod = { channel: 'sms' as const, address: MOD, phone: MOD };
    return botWorld({ checkins: RULES, subscribeMode: 'approval', moderators: new Set([MOD]), moderatorContacts: [mod] });
  }
  const direct = (w: BotWorld) => (w.db.sqlite.prepare('SELECT count(*) AS n FROM outbox WHERE member_id IS NULL').get() as { n: number }).n;

  it('answers a stranger that it is for members, and texts no one', async () => {
    const w = await approvalLine();
    expect(w.sms(OTHER, 'BUDDY 415-555-0177 call 900-555-0199 now').reply).toBe(t.membersOnly());
    expect(direct(w)).toBe(0);
    expect(findMember(w.db, w.vault, { channel: 'sms', address: OTHER })).toBeUndefined();
  });

  it('answers someone waiting for admission that her request waits, until a moderator admits them', async () => {
    const w = await approvalLine();
    w.sms(ROSE, 'JOIN');
    expect(w.sms(ROSE, 'BUDDY 415-555-0177 Rose').reply).toBe(t.requestWaiting(['415']));
    expect(direct(w)).toBe(0);
    const ref = /#([A-Z0-9]{4,6})/.exec(w.sms(MOD, 'PENDING').reply ?? '')?.[1];
    w.sms(MOD, `APPROVE ${ref}`);
    expect(w.sms(ROSE, 'BUDDY 415-555-0177 Rose').reply).toBe(t.buddyAsked('0177'));
    expect(direct(w)).toBe(1);
  });
});

describe('BUDDY OFF', () => {
  it('answers someone who is no member, and makes them none', async () => {
    const l = await line();
    expect(reply(l, ROSE, 'BUDDY OFF')).toBe(t.buddyNone());
    expect(reply(l, ROSE, 'BUDDY OFF 415-555-0177')).toBe(t.buddiesRemoved(0));
    expect(findMember(l.w.db, l.w.vault, { channel: 'sms', address: ROSE })).toBeUndefined();
  });

  it('answers a member with no buddy that they have none', async () => {
    const l = await line();
    l.text(ROSE, 'JOIN');
    expect(l.text(ROSE, 'BUDDY OFF')).toEqual({ reply: t.buddyNone(), woke: false });
  });

  it('with a number, removes only that buddy, and tells only them', async () => {
    const l = await withBuddy();
    l.text(ROSE, 'BUDDY 212-555-0142 Rosie');
    expect(l.inbox(BUDDY2)).toEqual([t.buddyInvite('Rosie')]);
    l.text(BUDDY2, 'ACCEPT');
    expect(l.text(ROSE, 'BUDDY OFF 212-555-0142')).toEqual({ reply: t.buddiesRemoved(1), woke: true });
    expect(l.inbox(BUDDY2)).toEqual([t.buddyInvite('Rosie'), t.buddyDropped('Rosie')]);
    expect(l.inbox(BUDDY)).toEqual([t.buddyInvite('Rose')]);
    expect(reply(l, ROSE, 'BUDDY')).toBe(t.buddyList([{ ending: '0177', status: 'accepted' }]));
  });

  it('with a number that is none of theirs, or no number at all, removes nothing', async () => {
    const l = await withBuddy();
    expect(reply(l, ROSE, 'BUDDY OFF 212-555-0142')).toBe(t.buddiesRemoved(0));
    expect(reply(l, ROSE, 'BUDDY OFF 12')).toBe(t.buddyUsage());
    expect(reply(l, ROSE, 'BUDDY')).toBe(t.buddyList([{ ending: '0177', status: 'accepted' }]));
    expect(l.inbox(BUDDY)).toEqual([t.buddyInvite('Rose')]);
  });

  it('sends nothing more to someone who was asked and never accepted', async () => {
    const l = await line();
    l.text(ROSE, 'JOIN');
    l.text(ROSE, 'BUDDY 415-555-0177 Rose');
    expect(l.inbox(BUDDY)).toEqual([t.buddyInvite('Rose')]);
    expect(l.text(ROSE, 'BUDDY OFF')).toEqual({ reply: t.buddiesRemoved(1), woke: false });
    expect(l.inbox(BUDDY)).toEqual([t.buddyInvite('Rose')]);
    expect(reply(l, ROSE, 'BUDDY')).toBe(t.buddyNone());
  });

  it('withdraws an invitation not sent yet: its number is never texted the name', async () => {
    const l = await line();
    l.text(ROSE, 'JOIN');
    l.text(ROSE, 'BUDDY 415-555-0177 Rose');
    l.text(ROSE, 'BUDDY OFF');
    expect(l.inbox(BUDDY)).toEqual([]);
  });

  it('takes back a check-in escalation still queued to the buddy removed: they never get the details, the other buddy does', async () => {
    const l = await escalationQueued();
    expect(reply(l, ROSE, 'BUDDY OFF 415-555-0177')).toBe(t.buddiesRemoved(1));
    expect(withDetails(l, BUDDY)).toEqual([]);
    expect(l.inbox(BUDDY).at(-1)).toBe(t.buddyDropped('Rose'));
    expect(withDetails(l, BUDDY2)).toHaveLength(1);
  });

  it('keeps the record of an escalation the removed buddy already got: the member still learns who was told', async () => {
    const l = await withBuddy();
    l.text(ROSE, 'CHECKIN 30 blue Honda');
    l.w.clock.now += 30 * MIN;
    runCheckinTimers({ db: l.w.db, vault: l.w.vault, fallback: 'none', moderatorContacts: [] }, l.w.clock.now);
    expect(l.inbox(BUDDY).filter((m) => m.includes('blue Honda'))).toHaveLength(1);
    l.text(ROSE, 'BUDDY OFF');
    expect(reply(l, ROSE, 'LATER 30')).toBe(t.checkinMemberTold('buddies'));
  });
});

describe('ACCEPT', () => {
  it('tells the member once, however many times it comes, and the buddy hears who they look after', async () => {
    const l = await line();
    l.text(ROSE, 'JOIN');
    l.text(ROSE, 'BUDDY 415-555-0177 Rose');
    expect(l.text(BUDDY, 'ACCEPT')).toEqual({ reply: t.buddyAccepted(), woke: true });
    expect(l.text(BUDDY, 'ACCEPT')).toEqual({ reply: t.buddyAccepted(), woke: false });
    expect(l.inbox(ROSE).filter((m) => m === t.buddyAcceptedMember('0177'))).toHaveLength(1);
  });

  it('a bare YES from someone asked is their ACCEPT: it does not subscribe them to alerts', async () => {
    const l = await line();
    l.text(ROSE, 'JOIN');
    l.text(ROSE, 'BUDDY 415-555-0177 Rose');
    expect(reply(l, BUDDY, 'Yes!')).toBe(t.buddyAccepted());
    expect(l.inbox(ROSE)).toContain(t.buddyAcceptedMember('0177'));
    expect(findMember(l.w.db, l.w.vault, { channel: 'sms', address: BUDDY })).toBeUndefined();
    // Asked nothing now: YES subscribes, as JOIN.
    expect(reply(l, BUDDY, 'YES')).toBe(t.joined(['415']));
  });

  it.each([
    ['es', 'UNIRSE', 'AMIGA', 'Sí'],
    ['fr', 'REJOINDRE', 'BINOME', 'Oui'],
    ['pt', 'ENTRAR', 'PARCEIRA', 'Sim!'],
  ] as const)("%s: a bare yes in the invitation's language is their ACCEPT, answered in it; from anyone not asked, it is no command", async (lang, join, buddy, yes) => {
    const l = await line();
    l.text(ROSE, join);
    l.text(ROSE, `${buddy} 415-555-0177 Rose`);
    expect(reply(l, BUDDY, yes)).toBe(catalog(lang).buddyAccepted());
    expect(l.inbox(ROSE)).toContain(catalog(lang).buddyAcceptedMember('0177'));
    expect(reply(l, OTHER, yes)).toBe(catalog(lang).hint());
  });

  it('sends the invitations made while they had stopped when they come back, waking the dispatcher then and only then', async () => {
    const l = await line();
    l.text(BUDDY, 'STOP');
    l.text(ROSE, 'JOIN');
    expect(l.text(ROSE, 'BUDDY 415-555-0177 Rose')).toEqual({ reply: t.buddyAsked('0177'), woke: false });
    // A JOIN with nothing to lift or send wakes nothing it need not.
    expect(l.text(OTHER, 'JOIN').woke).toBe(false);
    expect(l.text(BUDDY, 'START')).toEqual({ reply: t.joined(['415']), woke: true });
    expect(l.inbox(BUDDY).filter((m) => m === t.buddyInvite('Rose'))).toHaveLength(1);
    // From someone asked, JOIN is JOIN (only a bare YES answers the invitation).
    expect(reply(l, BUDDY, 'JOIN')).toBe(t.joined(['415']));
    expect(l.inbox(ROSE)).not.toContain(t.buddyAcceptedMember('0177'));
  });

  it('after STOP, does not make them a buddy again', async () => {
    const l = await withBuddy();
    l.text(BUDDY, 'STOP');
    expect(l.text(BUDDY, 'ACCEPT')).toEqual({ reply: t.buddyNoInviteHere('sms'), woke: false });
    expect(reply(l, ROSE, 'BUDDY')).toBe(t.buddyList([{ ending: '0177', status: 'stopped' }]));
    expect(reply(l, ROSE, 'CHECKIN 60')).toBe(t.checkinNeedsBuddy());
  });
});

describe('DECLINE', () => {
  it('ends the link and wakes the dispatcher to tell the member', async () => {
    const l = await withBuddy();
    expect(l.text(BUDDY, 'DECLINE')).toEqual({ reply: t.buddyDeclined('sms'), woke: true });
    expect(l.inbox(ROSE)).toContain(t.buddyDeclinedMember('0177'));
  });

  it('takes back a check-in escalation still queued to them: they never get the details, the other buddy does', async () => {
    const l = await escalationQueued();
    expect(reply(l, BUDDY, 'DECLINE')).toBe(t.buddyDeclined('sms'));
    expect(withDetails(l, BUDDY)).toEqual([]);
    expect(withDetails(l, BUDDY2)).toHaveLength(1);
  });

  it('after STOP, leaves the STOP standing and tells the member nothing more', async () => {
    const l = await withBuddy();
    l.text(BUDDY, 'STOP');
    expect(l.text(BUDDY, 'DECLINE')).toEqual({ reply: t.buddyNotAskedHere('sms'), woke: false });
    expect(l.inbox(ROSE)).not.toContain(t.buddyDeclinedMember('0177'));
    // Still no one's invitation reaches them (the inviter is answered as for any number).
    expect(reply(l, OTHER, 'BUDDY 415-555-0177 Jo')).toBe(t.buddyAsked('0177'));
    expect(l.inbox(BUDDY)).toEqual([t.buddyInvite('Rose')]);
  });
});

describe('STOP from a buddy', () => {
  it('tells the member once, however many times it comes', async () => {
    const l = await withBuddy();
    expect(l.text(BUDDY, 'STOP').woke).toBe(true);
    expect(l.text(BUDDY, 'STOP').woke).toBe(false);
    expect(l.inbox(ROSE).filter((m) => m === t.buddyStoppedMember('0177'))).toHaveLength(1);
  });

  it('from someone who is nobody\'s buddy queues nothing', async () => {
    const l = await withBuddy();
    expect(l.text(OTHER, 'STOP')).toEqual({ reply: t.stopped('sms'), woke: false });
    expect(reply(l, ROSE, 'BUDDY')).toBe(t.buddyList([{ ending: '0177', status: 'accepted' }]));
  });
});

describe('DELETE from a buddy', () => {
  it('erases the link and tells the member', async () => {
    const l = await withBuddy();
    expect(l.text(BUDDY, 'DELETE')).toEqual({ reply: t.deleted('sms'), woke: true });
    expect(l.inbox(ROSE)).toContain(t.buddyDeclinedMember('0177'));
    expect(reply(l, ROSE, 'BUDDY')).toBe(t.buddyNone());
  });

  it('after STOP, tells the member nothing more (they were told of the STOP)', async () => {
    const l = await withBuddy();
    l.text(BUDDY, 'STOP');
    expect(l.text(BUDDY, 'DELETE')).toEqual({ reply: t.deleted('sms'), woke: false });
    const told = l.inbox(ROSE);
    expect(told).toContain(t.buddyStoppedMember('0177'));
    expect(told).not.toContain(t.buddyDeclinedMember('0177'));
  });

  it('from a member who is nobody\'s buddy queues nothing', async () => {
    const l = await withBuddy();
    expect(l.text(ROSE, 'DELETE')).toEqual({ reply: t.deleted('sms'), woke: false });
  });
});
