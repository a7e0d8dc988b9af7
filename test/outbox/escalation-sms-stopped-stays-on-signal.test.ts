/**
 * A buddy who accepted over Signal, and an SMS STOP from her number (spoofed,
 * or from the new holder of a recycled number her Signal account still
 * shows) that leaves her link. While Signal is held, or a try of hers fails
 * again and again, her escalation is not moved to SMS, where her number's
 * stop would refuse it (the Signal copy given up): it stays on Signal, and
 * reaches her once Signal is back. Her member is told her buddy could not
 * be reached only when that is true.
 */
import { SendError } from '../../src/channels/types';
import { moveEscalationsToSms } from '../../src/store/escalation-sms';
import type { BotWorld } from '../helpers/bot-world';
import { botWorld } from '../helpers/bot-world';
import { ROSE, sendPass, timers } from '../helpers/checkin-escalation';

const BUDDY = '+14155550177';
const BUDDY_UUID = '7d8e9f0a-1b2c-4d3e-8f4a-000000000182';
const MIN = 60_000;

/** Rose's buddy accepted over Signal, an SMS STOP came from her number, and Rose's check-in ran out. */
async function world(): Promise<BotWorld> {
  const w = await botWorld({ checkins: { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms', 'signal'] } });
  w.sms(ROSE, 'JOIN 415');
  w.sms(ROSE, `BUDDY SIGNAL ${BUDDY} Rose`);
  w.bot.handle({ sender: { channel: 'signal', address: BUDDY_UUID, phone: BUDDY }, text: 'ACCEPT', providerId: 'sig-1' });
  w.sms(BUDDY, 'STOP');
  w.sms(ROSE, 'CHECKIN 30 blue Honda');
  w.clock.now += 31 * MIN;
  expect(timers(w).escalated).toBe(1);
  return w;
}

/** How many of what a `channel` lane pass sent her carry Rose's details. */
async function escalationsTo(w: BotWorld, channel: 'sms' | 'signal', refusals: Record<string, SendError> = {}): Promise<number> {
  const sent = await sendPass(w, channel, refusals);
  return sent.calls.filter((c) => c.to === BUDDY && c.body.includes('blue Honda')).length;
}

describe("an SMS STOP from a Signal buddy's number, then Signal in trouble", () => {
  it('Signal held: her escalation stays on Signal, and reaches her there once Signal is back', async () => {
    const w = await world();
    // signal-cli held a while (its account refused, a rate limit): lane-holds moves escalations to SMS.
    expect(moveEscalationsToSms(w.db, w.vault, w.clock.now)).toBe(0);
    expect(await escalationsTo(w, 'sms')).toBe(0);
    // Rose is not told her buddy could not be reached: Signal keeps trying.
    expect(timers(w).unreached).toBe(0);
    w.clock.now += MIN;
    expect(await escalationsTo(w, 'signal')).toBe(1);
  });

  it('Signal failing try after try: her escalation is not given up for SMS, and goes over Signal once it answers', async () => {
    const w = await world();
    const refused = { [BUDDY]: new SendError('connection', 'ECONNREFUSED') };
    let tries = 0;
    for (let i = 0; i < 5; i++) {
      tries += await escalationsTo(w, 'signal', refused);
      w.clock.now += MIN;
    }
    expect(tries).toBeGreaterThan(3);
    expect(await escalationsTo(w, 'sms')).toBe(0);
    w.clock.now += 60 * MIN;
    expect(await escalationsTo(w, 'signal')).toBe(1);
  });

  it('Signal refusing her for good (she left it): no SMS copy is queued to her stopped number, and Rose is told she could not be reached', async () => {
    const w = await world();
    // Its one try, refused.
    expect(await escalationsTo(w, 'signal', { [BUDDY]: new SendError('invalid', 'unregistered') })).toBe(1);
    const bySms = "SELECT count(*) AS n FROM outbox o JOIN checkin_messages c ON c.outbox_id = o.id AND c.kind = 'escalation' WHERE o.channel = 'sms'";
    expect(w.db.sqlite.prepare(bySms).get()).toEqual({ n: 0 });
    expect(timers(w).unreached).toBe(1);
  });

  it('Signal held first (her escalation moved to SMS), then the SMS STOP: it goes back to Signal, and reaches her there once Signal is back', async () => {
    const w = await botWorld({ checkins: { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms', 'signal'] } });
    w.sms(ROSE, 'JOIN 415');
    w.sms(ROSE, `BUDDY SIGNAL ${BUDDY} Rose`);
    w.bot.handle({ sender: { channel: 'signal', address: BUDDY_UUID, phone: BUDDY }, text: 'ACCEPT', providerId: 'sig-1' });
    w.sms(ROSE, 'CHECKIN 30 blue Honda');
    w.clock.now += 31 * MIN;
    expect(timers(w).escalated).toBe(1);
    expect(moveEscalationsToSms(w.db, w.vault, w.clock.now)).toBe(1);
    w.sms(BUDDY, 'STOP');
    expect(await escalationsTo(w, 'sms')).toBe(0);
    w.clock.now += MIN;
    expect(await escalationsTo(w, 'signal')).toBe(1);
  });
});
