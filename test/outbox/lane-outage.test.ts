/**
 * An outage of the provider (5xx, time-outs, connection refused) of more
 * than an hour: SPEC says outages are retried with backoff and alerts arrive.
 * The messages waiting are tried until they are as old as an alert may be
 * (24 h), not only the backoff's count of tries (about an hour).
 * Default dispatcher options; a clock the test moves.
 */
import { SendError } from '../../src/channels/types';
import { createAlert, planNextRange } from '../../src/store/alerts';
import { FakeSender, settle } from '../helpers/fake-sender';
import { clock, db, startLane, T0, useLaneWorld, vault } from '../helpers/lane-world';

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
  override send(to: string, body: string, opts?: { ref?: number }): Promise<{ providerId: string }> {
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
