/**
 * What the log says through a provider outage, and a sustained 429: one
 * warning per channel per episode (repeated at most hourly while it lasts),
 * naming the provider's trouble, the reason code, how many wait and what to
 * do, and an info line when it ends; not a warning per message per try (a
 * fan-out's outage logged 120,000 alike). A message given up on after its
 * tries is still a warning of its own. Counted over a bounded run on a clock
 * the test moves.
 */
import { SendError } from '../../src/channels/types';
import { enqueueMessage } from '../../src/store/outbox';
import { FakeSender } from '../helpers/fake-sender';
import { clock, db, later, logs, member, startLane, T0, useLaneWorld, vault } from '../helpers/lane-world';

const MINUTE = 60_000;

/** Fails every send with `error()` until `upAt` on the test's clock, then takes them. */
class DownUntil extends FakeSender {
  constructor(
    private readonly upAt: number,
    private readonly error: () => SendError,
  ) {
    super();
  }
  override send(to: string, body: string, opts?: { ref?: number }): Promise<{ providerId: string }> {
    if (clock.t < this.upAt) {
      this.calls.push({ to, body, ref: opts?.ref });
      return Promise.reject(this.error());
    }
    return super.send(to, body, opts);
  }
}

type Line = { level: number; msg: string; channel?: string; reason?: string; waiting?: number };
const lines = () => logs.map((l) => JSON.parse(l) as Line);
const at = (level: number, msg: RegExp) => lines().filter((l) => l.level === level && msg.test(l.msg));

describe('the log through a provider outage', () => {
  useLaneWorld();

  it('warns once when the SMS lane turns failing and once an hour after, says when it ends, and logs each retry at debug only', async () => {
    for (let i = 0; i < 30; i++) enqueueMessage(db, vault, member, `message ${i}`, T0);
    const s = new DownUntil(T0 + 90 * MINUTE, () => new SendError('server', '500'));
    const lane = startLane(s);
    for (let i = 0; i < 100 * 6; i++) await later(10_000, lane);
    expect(s.calls.length).toBeGreaterThan(300);
    const failing = at(40, /^sms sending is failing: the provider fails every send/);
    // At its first minute, and an hour later: not one per message per try.
    expect(failing).toHaveLength(2);
    expect(failing[0]).toMatchObject({ channel: 'sms', reason: 'server:500', waiting: 30 });
    expect(failing[0]!.msg).toMatch(/status\.twilio\.com.*messages wait and will go when it recovers/);
    expect(at(30, /^sms sending works again after an outage$/)).toHaveLength(1);
    expect(at(40, /send failed; will retry/)).toEqual([]);
    expect(at(20, /send failed; will retry/).length).toBeGreaterThan(300);
    expect(lines().filter((l) => l.level >= 40)).toHaveLength(2);
    expect(logs.join('\n')).not.toMatch(/555\d{4}|message \d/);
  });

  it('says nothing above debug of a blip shorter than failingAfterMs', async () => {
    for (let i = 0; i < 5; i++) enqueueMessage(db, vault, member, `message ${i}`, T0);
    const s = new DownUntil(T0 + 20_000, () => new SendError('connection', 'ECONNRESET'));
    const lane = startLane(s);
    for (let i = 0; i < 12; i++) await later(10_000, lane);
    expect(s.calls.length).toBeGreaterThan(5);
    expect(lines().filter((l) => l.level >= 30)).toEqual([]);
  });

  it('warns once of a sustained 429, and says when it ends', async () => {
    for (let i = 0; i < 30; i++) enqueueMessage(db, vault, member, `message ${i}`, T0);
    // Twilio's 429: this message waits, the account is not paused (the Pacer slows the lane).
    const s = new DownUntil(T0 + 10 * MINUTE, () => new SendError('throttled', '20429', 1_000, undefined, false, false));
    const lane = startLane(s);
    for (let i = 0; i < 15 * 6; i++) await later(10_000, lane);
    expect(s.calls.length).toBeGreaterThan(60);
    const throttled = at(40, /^sms sending is throttled: the provider answers 429 to every send/);
    expect(throttled).toHaveLength(1);
    expect(throttled[0]).toMatchObject({ channel: 'sms', reason: 'throttled:20429', waiting: 30 });
    expect(at(30, /^sms sending is no longer throttled$/)).toHaveLength(1);
    expect(lines().filter((l) => l.level >= 40)).toHaveLength(1);
  });

  it('still warns of each message given up on after its tries', async () => {
    enqueueMessage(db, vault, member, 'hello', T0);
    const s = new DownUntil(Infinity, () => new SendError('server', '500'));
    const lane = startLane(s, { backoff: { baseMs: 1_000, maxMs: 1_000, maxAttempts: 3 }, maxAgeMs: 150_000 });
    for (let i = 0; i < 10; i++) await later(30_000, lane);
    expect(at(40, /^send failed for good$/)).toHaveLength(1);
  });
});
