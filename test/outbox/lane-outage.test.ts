/**
 * An outage of the provider (5xx, time-outs, connection refused) of more
 * than an hour: SPEC says outages are retried with backoff and alerts arrive.
 * The messages waiting are tried until they are as old as an alert may be
 * (24 h), not only the backoff's count of tries (about an hour).
 * Default dispatcher options; a clock the test moves.
 */
import { SendError } from '../../src/channels/types';
import { createAlert, planNextRange } from '../../src/store/alerts';
import { enqueueMessage, PRIORITY } from '../../src/store/outbox';
import { FakeSender, settle } from '../helpers/fake-sender';
import { clock, db, later, member, row, startLane, T0, useLaneWorld, vault } from '../helpers/lane-world';

const MINUTE = 60_000;

/** Down (as scripted) until `upAt` on the test's clock, then accepts. */
class OutageSender extends FakeSender {
  constructor(
    private readonly clock: { t: number },
    private readonly upAt: number,
    private readonly error: () => SendError,
  ) {
    super();
  }
  /** When each text was tried, on the test's clock. */
  readonly tried = new Map<string, number[]>();
  override send(to: string, body: string, opts?: { ref?: number }): Promise<{ providerId: string }> {
    this.tried.set(body, [...(this.tried.get(body) ?? []), this.clock.t]);
    if (this.clock.t < this.upAt) {
      this.calls.push({ to, body, ref: opts?.ref });
      return Promise.reject(this.error());
    }
    return super.send(to, body, opts);
  }
}

describe('an SMS lane through a provider outage of a bit more than an hour', () => {
  useLaneWorld();

  it.each([
    ['Twilio answers 503', () => new SendError('server', '20503')],
    ['no connection to Twilio', () => new SendError('connection', 'ECONNREFUSED')],
  ])('delivers a fresh alert once the outage ends (%s)', async (_what, error) => {
    const alert = createAlert(db, vault, { npas: ['415'], reach: ['415'], text: 'grey van, driver named Dale' }, T0);
    while (!planNextRange(db, alert, T0).done);
    // Twilio is back 75 minutes later: the alert is 75 minutes old, far from its 24-hour limit.
    const s = new OutageSender(clock, T0 + 75 * MINUTE, error);
    const lane = startLane(s);
    await settle();
    for (let i = 0; i < 6 * 60; i++) {
      clock.t += MINUTE / 2;
      lane.wake();
      await settle();
    }
    const row = db.sqlite.prepare('SELECT state, error, attempts FROM outbox WHERE alert_id = ?').get(alert) as { state: string; error: string | null; attempts: number };
    expect(clock.t - T0).toBe(3 * 60 * MINUTE);
    expect(row).toMatchObject({ state: 'sent' });
    expect(s.calls.filter((c) => c.body.includes('grey van')).length).toBeGreaterThan(1);
  });
});

describe('urgent messages through an SMS outage', () => {
  useLaneWorld();
  const down = () => new SendError('server', '20503');
  /** The longest time between two tries of a text. */
  const longestGap = (times: number[]) => Math.max(...times.slice(1).map((t, i) => t - (times[i] as number)));

  it('tries a moderator notice at least once a minute, while a bulk alert keeps its growing backoff', async () => {
    enqueueMessage(db, vault, member, 'notice: report #AB12 waits', T0, { priority: PRIORITY.urgent });
    enqueueMessage(db, vault, member, 'alert: grey van', T0, { priority: PRIORITY.bulk });
    const s = new OutageSender(clock, T0 + 60 * MINUTE, down);
    const lane = startLane(s);
    await settle();
    for (let i = 0; i < 6 * 50; i++) await later(10_000, lane);
    const notice = s.tried.get('notice: report #AB12 waits') ?? [];
    const alert = s.tried.get('alert: grey van') ?? [];
    // A try every minute at most (the clock moves in 10 s steps), not minutes apart.
    expect(longestGap(notice)).toBeLessThanOrEqual(70_000);
    expect(notice.length).toBeGreaterThan(40);
    expect(longestGap(alert)).toBeGreaterThan(5 * MINUTE);
  });

  it('sends a notice waiting out its backoff as soon as a send goes through again, before the bulk alerts queued after', async () => {
    const notice = enqueueMessage(db, vault, member, 'notice: report #AB12 waits', T0, { priority: PRIORITY.urgent });
    const upAt = T0 + 30 * MINUTE;
    // Twilio is back a millisecond after the last step of the outage: a try of the notice falling due right then
    // (its backoff is jittered) still meets it down, and the notice waits out its backoff as the test means.
    const s = new OutageSender(clock, upAt + 1, down);
    const lane = startLane(s);
    await settle();
    for (let i = 0; i < 30 * 6; i++) await later(10_000, lane);
    expect(clock.t).toBe(upAt);
    expect(row(notice).state).toBe('pending');
    // Twilio is back: a fan-out of 30 is queued, at 10 a second.
    for (let i = 0; i < 30; i++) enqueueMessage(db, vault, member, `alert ${i}: grey van`, clock.t, { priority: PRIORITY.bulk });
    clock.t += 1;
    lane.wake();
    await settle();
    await later(1_000, lane);
    expect(row(notice).state).toBe('sent');
    // Its last try is the one that went.
    const at = s.calls.map((c) => c.body).lastIndexOf('notice: report #AB12 waits');
    const ahead = s.calls.slice(0, at).filter((c) => c.body.startsWith('alert')).length;
    expect(ahead).toBeLessThanOrEqual(10);
  });

  it("waits a minute at most for a 429's named wait of one request, where a bulk alert waits all of it", async () => {
    const perRequest = () => new SendError('throttled', '20429', 10 * MINUTE, undefined, false, false);
    const notice = enqueueMessage(db, vault, member, 'notice: report #AB12 waits', T0, { priority: PRIORITY.urgent });
    const alert = enqueueMessage(db, vault, member, 'alert: grey van', T0, { priority: PRIORITY.bulk });
    startLane(new FakeSender([perRequest(), perRequest()]));
    await settle();
    expect(row(notice)).toMatchObject({ state: 'pending', error: 'throttled:20429' });
    expect(row(notice).due_at - T0).toBeLessThanOrEqual(MINUTE);
    expect(row(alert).due_at - T0).toBe(10 * MINUTE);
  });
});
