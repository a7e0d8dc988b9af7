/**
 * A missed check-in whose escalation is stuck in an outage (Twilio answers
 * every send 5xx): it keeps trying for hours, but no one heard it. Within a
 * few minutes she is told that her buddies could not be reached yet (and
 * that the line keeps trying), so that she reaches someone another way; with
 * CHECKIN_FALLBACK=moderators the moderators are told then, over the channel
 * that works. An escalation that goes through within those minutes tells
 * her nothing more.
 */
import { catalog } from '../../src/bot/catalog';
import { clockTime } from '../../src/bot/clock-time';
import { SendError } from '../../src/channels/types';
import type { Sender } from '../../src/phone/identity';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { missedCheckin, ROSE as ROSE_SMS, sendPass, timers, type Fallback } from '../helpers/checkin-escalation';

/** The reference (#K7Q2) a moderators' check-in notice names. */
const refIn = (text: string | null | undefined) => /#[A-Z2-9]{4,6}/.exec(text ?? '')?.[0] ?? 'no reference';

const ROSE: Sender = { channel: 'signal', address: '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c50', phone: '+14155550100' };
const LILY = '+14155550177';
const MOD: Sender = { channel: 'signal', address: '9d8c7b6a-5f4e-4d3c-8b2a-190817263544' };
const MIN = 60_000;
const OUTAGE = { [LILY]: new SendError('server', '20500') };
const t = catalog('en');

/** Rose on Signal, Lily her buddy on SMS; her check-in has just run out. */
async function roseOnSignal(): Promise<BotWorld> {
  const w = await botWorld({ checkins: { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] } });
  let n = 0;
  const rose = (text: string) => w.bot.handle({ sender: ROSE, text, providerId: `${ROSE.address}:${++n}` }, 'outbox');
  rose('JOIN 415');
  rose(`BUDDY ${LILY} Rose`);
  w.sms(LILY, 'ACCEPT');
  rose('CHECKIN 30 blue Honda');
  w.clock.now += 30 * MIN;
  if (timers(w).escalated !== 1) throw new Error('the check-in was not escalated');
  return w;
}

/** `n` minutes of both lanes passing once a minute, Twilio refusing as `refusals` says; what Signal took for `to` (Rose). */
async function minutes(w: BotWorld, n: number, refusals: Record<string, SendError>, line?: Fallback, to = ROSE.address): Promise<string[]> {
  const toRose: string[] = [];
  for (let i = 0; i < n; i++) {
    toRose.push(...(await sendPass(w, 'signal')).calls.filter((c) => c.to === to).map((c) => c.body));
    await sendPass(w, 'sms', refusals);
    timers(w, line);
    w.clock.now += MIN;
  }
  return toRose;
}

/** What Rose was sent after "we are messaging your buddies". */
const after = (toRose: string[]) => toRose.slice(toRose.indexOf(t.checkinMemberTold('buddies')) + 1);

const escalationStates = (w: BotWorld) =>
  (w.db.sqlite.prepare("SELECT o.state FROM outbox o JOIN checkin_messages c ON c.outbox_id = o.id AND c.kind = 'escalation' WHERE o.channel = 'sms'").all() as Array<{ state: string }>).map(
    (r) => r.state,
  );

describe('an escalation stuck in an outage (every send answered 5xx)', () => {
  it('by SMS: is told to her, over Signal, within five minutes, while it keeps trying', async () => {
    const w = await roseOnSignal();
    const toRose = await minutes(w, 5, OUTAGE);
    expect(after(toRose)).toEqual([t.checkinBuddiesUnreached(1, true)]);
    expect(escalationStates(w)).toEqual(['pending']);
  });

  it('is passed to the moderators on Signal within five minutes (CHECKIN_FALLBACK=moderators)', async () => {
    const line: Fallback = { fallback: 'moderators', moderatorContacts: [MOD] };
    const w = await missedCheckin('sms', [LILY], line);
    const due = w.clock.now;
    const toModerator = await minutes(w, 5, OUTAGE, line, MOD.address);
    expect(toModerator).toEqual([t.checkinEscalationModerators(refIn(toModerator[0]), clockTime(due), 'blue Honda', true)]);
  });

  it('tells her nothing more when it goes through within those minutes', async () => {
    const w = await roseOnSignal();
    const toRose = [...(await minutes(w, 2, OUTAGE)), ...(await minutes(w, 10, {}))];
    expect(toRose).toContain(t.checkinMemberTold('buddies'));
    expect(after(toRose)).toEqual([]);
  });

  it('on a Signal-only line while Signal is down (every send 5xx): she is told within five minutes, by SMS', async () => {
    const w = await missedCheckin('signal', [LILY]);
    for (let i = 0; i < 5; i++) {
      await sendPass(w, 'signal', OUTAGE, { smsSends: false });
      timers(w);
      w.clock.now += MIN;
    }
    const toRose = w.queued({ channel: 'sms', address: ROSE_SMS, phone: ROSE_SMS }).map((m) => m.text);
    // The first notice, still waiting in the SMS outbox, was withdrawn by this one.
    expect(toRose.at(-1)).toBe(t.checkinBuddiesUnreached(1, true));
    expect(toRose).not.toContain(t.checkinMemberTold('buddies'));
  });

  it('with the SMS lane held (Twilio 20003, a rotated token: no try used up): she is told within five minutes, discreetly if she chose DISCREET', async () => {
    const w = await roseOnSignal();
    w.bot.handle({ sender: ROSE, text: 'DISCREET', providerId: `${ROSE.address}:discreet` }, 'outbox');
    const toRose = await minutes(w, 5, { [LILY]: new SendError('line', '20003') });
    // (DISCREET's reply, queued after the first notice, went after it.)
    expect(after(toRose)).toEqual([t.discreetOn('signal'), t.discreetUnreached(true)]);
    expect(escalationStates(w)).toEqual(['pending']);
  });
});
