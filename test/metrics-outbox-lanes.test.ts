/**
 * /metrics shows alerts running late per channel where /readyz, by design,
 * stays 200 (a sustained 429, a Signal captcha's pause): the backlog by
 * channel, and how long the oldest message waiting (due, or being retried)
 * has waited. Real SQLite, a lane over a fake provider, a clock the test moves.
 */
import { SendError } from '../src/channels/types';
import { Metrics } from '../src/metrics';
import { ensureMember } from '../src/store/members';
import { enqueueMessage } from '../src/store/outbox';
import { FakeSender } from './helpers/fake-sender';
import { clock, db, later, member, startLane, T0, useLaneWorld, vault } from './helpers/lane-world';

/** Answers 429 (Twilio's: this message waits, the account is not paused) until `ok` is set. */
class Throttling extends FakeSender {
  ok = false;
  override send(to: string, body: string, opts?: { ref?: number }): Promise<{ providerId: string }> {
    if (this.ok) return super.send(to, body, opts);
    this.calls.push({ to, body, ref: opts?.ref });
    return Promise.reject(new SendError('throttled', '20429', 1_000, undefined, false, false));
  }
}

async function gauges(): Promise<Record<string, number>> {
  const text = await new Metrics(db, () => clock.t).registry.metrics();
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/^(headsup_outbox_(?:pending|pending_by_channel|oldest_due_seconds)(?:\{[^}]*\})?) (\d+)$/gm)) out[m[1]!] = Number(m[2]);
  return out;
}

describe('the outbox per channel in /metrics', () => {
  useLaneWorld();

  it('shows the SMS backlog and its oldest wait growing through a sustained 429, and both back to 0 once it ends', async () => {
    const mia = ensureMember(db, vault, { channel: 'signal', address: '5c3d4e5f-6a7b-4c8d-9e0f-000000000415' }, 'en', T0).id;
    for (let i = 0; i < 20; i++) enqueueMessage(db, vault, member, `message ${i}`, T0);
    enqueueMessage(db, vault, mia, 'for later', T0, { dueAt: T0 + 3_600_000 });
    const s = new Throttling();
    const lane = startLane(s);
    for (let i = 0; i < 30; i++) await later(10_000, lane);
    expect(s.calls.length).toBeGreaterThan(20);
    expect(await gauges()).toEqual({
      headsup_outbox_pending: 21,
      'headsup_outbox_pending_by_channel{channel="sms"}': 20,
      'headsup_outbox_pending_by_channel{channel="signal"}': 1,
      // Every message was tried and put back: each has waited the 5 minutes since it was queued.
      'headsup_outbox_oldest_due_seconds{channel="sms"}': 300,
      // Queued for an hour on: not late.
      'headsup_outbox_oldest_due_seconds{channel="signal"}': 0,
    });
    s.ok = true;
    for (let i = 0; i < 30; i++) await later(10_000, lane);
    expect(await gauges()).toMatchObject({
      'headsup_outbox_pending_by_channel{channel="sms"}': 0,
      'headsup_outbox_oldest_due_seconds{channel="sms"}': 0,
    });
  });

  it('counts a message queued for later from its queueing once it is due and not sent', async () => {
    enqueueMessage(db, vault, member, 'your check-in ends soon', T0, { dueAt: T0 + 600_000 });
    clock.t = T0 + 700_000;
    expect((await gauges())['headsup_outbox_oldest_due_seconds{channel="sms"}']).toBe(700);
  });
});
