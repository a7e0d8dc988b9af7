/**
 * A missed check-in and the way its escalation goes out, over a BotWorld:
 * Rose's check-in run out with her buddies accepted, a pass of an outbox
 * lane whose provider refuses some numbers, and Twilio's final status for
 * an escalation it took. For the tests of what she, her buddies and the
 * moderators are told once the escalation reaches (or misses) them.
 */
import { AlertRenderer } from '../../src/alerts/render-alert';
import { classifyDeliveryStatus } from '../../src/channels/twilio/twilio-errors';
import type { SendError } from '../../src/channels/types';
import type { Channel } from '../../src/domain/channel';
import { runCheckinTimers, type TimerRun } from '../../src/jobs/checkin-timers';
import { createLogger } from '../../src/log/logger';
import { applyDeliveryReport } from '../../src/outbox/delivery-status';
import { DEFAULT_DISPATCHER, type DispatcherOptions } from '../../src/outbox/dispatcher';
import { Lane } from '../../src/outbox/lane';
import { OutcomeWriter } from '../../src/outbox/outcome-writer';
import type { Sender } from '../../src/phone/identity';
import { botWorld, type BotWorld } from './bot-world';
import { FakeSender, settle } from './fake-sender';

export const ROSE = '+14155550100';
/** The UUID a buddy on a Signal-only line answers from. */
export const BUDDY_UUID = '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d';
const MIN = 60_000;

/** Who the line's CHECKIN_FALLBACK tells. */
export interface Fallback {
  fallback: 'moderators' | 'none';
  moderatorContacts: Sender[];
}
const NO_FALLBACK: Fallback = { fallback: 'none', moderatorContacts: [] };

/** The check-in timers' run now, with the line's fallback. */
export function timers(w: BotWorld, line: Fallback = NO_FALLBACK): TimerRun {
  return runCheckinTimers({ db: w.db, vault: w.vault, ...line }, w.clock.now);
}

/**
 * A line whose buddies answer over `channel` only; Rose's check-in ("blue
 * Honda") has run out with `buddies` accepted (none: she had none) and its
 * escalation is queued.
 */
export async function missedCheckin(channel: Channel, buddies: string[], line: Fallback = NO_FALLBACK): Promise<BotWorld> {
  const moderators = new Set(line.moderatorContacts.map((m) => m.address));
  const w = await botWorld({ checkins: { fallback: line.fallback, minMinutes: 10, maxMinutes: 720, buddyChannels: [channel] }, moderatorContacts: line.moderatorContacts, moderators });
  w.sms(ROSE, 'JOIN');
  for (const b of buddies) {
    w.sms(ROSE, `BUDDY ${b} Rose`);
    if (channel === 'sms') w.sms(b, 'ACCEPT');
    else w.bot.handle({ sender: { channel: 'signal', address: BUDDY_UUID, phone: b }, text: 'ACCEPT', providerId: `${BUDDY_UUID}:${w.clock.now}` }, 'outbox');
  }
  w.sms(ROSE, 'CHECKIN 30 blue Honda');
  w.clock.now += 30 * MIN;
  if (timers(w, line).escalated !== 1) throw new Error('the check-in was not escalated');
  return w;
}

/** Rose on a line that reaches buddies by SMS or Signal, and her buddy's number writing over Signal (`signal`). */
export interface TwoChannelBuddy {
  w: BotWorld;
  signal: (text: string) => string | null;
}

/**
 * Rose (JOIN 415) on a line that reaches buddies by SMS or Signal; `signal` is `buddy`'s number writing over Signal
 * from `uuid`, her number showing. With `accepted`, Rose asked her over Signal and she accepted there.
 */
export async function roseAndTwoChannelBuddy(buddy: string, uuid: string, accepted = false): Promise<TwoChannelBuddy> {
  const w = await botWorld({ checkins: { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms', 'signal'] } });
  let sid = 0;
  const signal = (text: string) => w.bot.handle({ sender: { channel: 'signal', address: uuid, phone: buddy }, text, providerId: `sig-${++sid}` }).reply;
  w.sms(ROSE, 'JOIN 415');
  if (accepted) {
    w.sms(ROSE, `BUDDY SIGNAL ${buddy} Rose`);
    signal('ACCEPT');
  }
  return { w, signal };
}

/** Rose starts a check-in ("blue Honda") and misses it: how many escalations the timers queued. */
export function missCheckin(w: BotWorld): number {
  w.sms(ROSE, 'CHECKIN 30 blue Honda');
  w.clock.now += 31 * MIN;
  return timers(w).escalated;
}

/** A provider that refuses every message to the numbers of `refusals` with theirs, and takes the rest. */
class Refusing extends FakeSender {
  constructor(private readonly refusals: Record<string, SendError>) {
    super();
  }
  override send(to: string, body: string, opts?: { ref?: number }): Promise<{ providerId: string }> {
    const refusal = this.refusals[to];
    if (refusal) this.script.unshift(refusal);
    return super.send(to, body, opts);
  }
}

/**
 * One pass of a `channel` lane over what is due now, its provider refusing
 * the numbers of `refusals`; `smsSends` as the line's, `opts` over the
 * dispatcher's defaults. Returns the provider, with the calls it took.
 */
export async function sendPass(
  w: BotWorld,
  channel: Channel,
  refusals: Record<string, SendError> = {},
  { smsSends = true, opts = {} }: { smsSends?: boolean; opts?: Partial<DispatcherOptions> } = {},
): Promise<FakeSender> {
  const log = createLogger('debug', { write: () => undefined });
  const sender = new Refusing(refusals);
  (sender as { channel: Channel }).channel = channel;
  const writer = new OutcomeWriter(w.db, log, () => w.clock.now);
  const lane = new Lane(sender, {
    db: w.db,
    vault: w.vault,
    log,
    now: () => w.clock.now,
    opts: { ...DEFAULT_DISPATCHER, pollMs: 3_600_000, ...opts },
    writer,
    renderer: new AlertRenderer(w.db, w.vault),
    smsSends,
  });
  lane.start();
  await settle();
  writer.flush();
  await lane.stop();
  writer.flush();
  return sender;
}

/** Twilio's final status for the escalation (a text holding `holding`) `sender` took for `to`. */
export function finalStatus(w: BotWorld, sender: FakeSender, to: string, status: string, code: string, holding = 'blue Honda'): void {
  const call = sender.calls.find((c) => c.to === to && c.body.includes(holding));
  if (!call) throw new Error('no such message was sent');
  const row = w.db.sqlite.prepare('SELECT provider_id FROM outbox WHERE id = ?').get(call.ref) as { provider_id: string };
  applyDeliveryReport(w.db, w.vault, { rowId: call.ref, providerId: row.provider_id, delivery: classifyDeliveryStatus(status, code)! }, w.clock.now);
}
