/**
 * A missed check-in whose escalation reaches no buddy at all: refused for
 * good over Signal on a line with no SMS to fall back on (the buddy left
 * Signal), or by SMS (Twilio 21211 an invalid number, 21610 the buddy
 * texted STOP, 30005/30006 final statuses). She was told her buddies were
 * told; she is now told, once, that none could be reached, so that she can
 * reach someone another way (discreetly if she chose DISCREET). If any
 * buddy was reached she is told nothing more.
 */
import { AlertRenderer } from '../../src/alerts/render-alert';
import { catalog } from '../../src/bot/catalog';
import { classifyDeliveryStatus } from '../../src/channels/twilio/twilio-errors';
import { SendError } from '../../src/channels/types';
import type { Channel } from '../../src/domain/channel';
import { runCheckinTimers } from '../../src/jobs/checkin-timers';
import { createLogger } from '../../src/log/logger';
import { applyDeliveryReport } from '../../src/outbox/delivery-status';
import { DEFAULT_DISPATCHER } from '../../src/outbox/dispatcher';
import { Lane } from '../../src/outbox/lane';
import { OutcomeWriter } from '../../src/outbox/outcome-writer';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { FakeSender, settle } from '../helpers/fake-sender';

const ROSE = '+14155550100';
const LILY = '+14155550177';
const JO = '+12125550142';
const LILY_UUID = '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d';
const MIN = 60_000;
const t = catalog('en');
const rose = { channel: 'sms', address: ROSE, phone: ROSE } as const;

const timers = (w: BotWorld) => runCheckinTimers({ db: w.db, vault: w.vault, fallback: 'none', moderatorContacts: [] }, w.clock.now);
/** What Rose was sent after her escalation notice. */
const afterNotice = (w: BotWorld) => {
  const texts = w.queued(rose).map((m) => m.text);
  return texts.slice(texts.indexOf(t.checkinMemberTold('buddies')) + 1);
};

/** A line whose buddies answer over `channel` only; Rose's check-in has run out with `buddies` accepted. */
async function missed(channel: Channel, buddies: string[]): Promise<BotWorld> {
  const w = await botWorld({ checkins: { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: [channel] } });
  w.sms(ROSE, 'JOIN');
  for (const b of buddies) {
    w.sms(ROSE, `BUDDY ${b} Rose`);
    if (channel === 'sms') w.sms(b, 'ACCEPT');
    else w.bot.handle({ sender: { channel: 'signal', address: LILY_UUID, phone: b }, text: 'ACCEPT', providerId: `${LILY_UUID}:${w.clock.now}` }, 'outbox');
  }
  w.sms(ROSE, 'CHECKIN 30 blue Honda');
  w.clock.now += 30 * MIN;
  expect(timers(w).escalated).toBe(1);
  return w;
}

/** A provider that refuses every message to LILY with `refusal`, and takes the rest. */
class RefusesLily extends FakeSender {
  constructor(private readonly refusal?: SendError) {
    super();
  }
  override send(to: string, body: string, opts?: { ref?: number }): Promise<{ providerId: string }> {
    if (to === LILY && this.refusal) this.script.unshift(this.refusal);
    return super.send(to, body, opts);
  }
}

/** One pass of a `channel` lane whose provider refuses LILY with `refusal` (none: takes all); `smsSends` as the line's. */
async function send(w: BotWorld, channel: Channel, refusal?: SendError, smsSends = true): Promise<FakeSender> {
  const log = createLogger('debug', { write: () => undefined });
  const sender = new RefusesLily(refusal);
  (sender as { channel: Channel }).channel = channel;
  const writer = new OutcomeWriter(w.db, log, () => w.clock.now);
  const lane = new Lane(sender, { db: w.db, vault: w.vault, log, now: () => w.clock.now, opts: { ...DEFAULT_DISPATCHER, pollMs: 3_600_000 }, writer, renderer: new AlertRenderer(w.db, w.vault), smsSends });
  lane.start();
  await settle();
  writer.flush();
  await lane.stop();
  writer.flush();
  return sender;
}

/** Twilio's final status for the escalation sent to `to`. */
function report(w: BotWorld, sender: FakeSender, to: string, status: string, code: string): void {
  const call = sender.calls.find((c) => c.to === to && c.body.includes('blue Honda'));
  const row = w.db.sqlite.prepare('SELECT provider_id FROM outbox WHERE id = ?').get(call?.ref) as { provider_id: string };
  applyDeliveryReport(w.db, w.vault, { rowId: call?.ref, providerId: row.provider_id, delivery: classifyDeliveryStatus(status, code)! }, w.clock.now);
}

describe('an escalation that reaches no buddy', () => {
  it('on a Signal-only line, refused for good (the buddy left Signal): she is told her buddy could not be reached, once', async () => {
    const w = await missed('signal', [LILY]);
    await send(w, 'signal', new SendError('invalid', 'unregistered'), false);
    timers(w);
    timers(w);
    expect(afterNotice(w)).toEqual([t.checkinBuddiesUnreached(1)]);
  });

  it('by SMS, an invalid number (21211): she is told', async () => {
    const w = await missed('sms', [LILY]);
    await send(w, 'sms', new SendError('invalid', '21211'));
    timers(w);
    expect(afterNotice(w)).toEqual([t.checkinBuddiesUnreached(1)]);
  });

  it.each([
    ['21610', 'undelivered'],
    ['30005', 'undelivered'],
    ['30006', 'failed'],
  ])('by SMS, a final status %s for every buddy: she is told, once', async (code, status) => {
    const w = await missed('sms', [LILY, JO]);
    const sms = await send(w, 'sms');
    report(w, sms, LILY, status, code);
    timers(w);
    // One buddy may still hear: nothing yet.
    expect(afterNotice(w)).toEqual([]);
    report(w, sms, JO, status, code);
    timers(w);
    timers(w);
    expect(afterNotice(w)).toEqual([t.checkinBuddiesUnreached(2)]);
  });

  it('once she was told, LATER and OK no longer claim her buddies were told, and nothing more goes to them', async () => {
    const w = await missed('sms', [LILY]);
    report(w, await send(w, 'sms'), LILY, 'undelivered', '30005');
    timers(w);
    expect(afterNotice(w)).toEqual([t.checkinBuddiesUnreached(1)]);
    const toLily = w.direct(LILY).length;
    expect(w.sms(ROSE, 'LATER 30').reply).toBe(t.checkinMemberTold('nobody'));
    expect(w.sms(ROSE, 'OK').reply).toBe(t.checkinOk());
    expect(w.direct(LILY)).toHaveLength(toLily);
  });

  it('tells her nothing when one buddy of two was reached', async () => {
    const w = await missed('sms', [LILY, JO]);
    const sms = await send(w, 'sms');
    report(w, sms, LILY, 'undelivered', '30005');
    report(w, sms, JO, 'delivered', '');
    timers(w);
    expect(afterNotice(w)).toEqual([]);
  });

  it('words it discreetly for a member who chose DISCREET', async () => {
    const w = await missed('sms', [LILY]);
    w.sms(ROSE, 'DISCREET');
    report(w, await send(w, 'sms'), LILY, 'undelivered', '30005');
    timers(w);
    expect(afterNotice(w).at(-1)).toBe(t.discreetUnreached());
  });
});
