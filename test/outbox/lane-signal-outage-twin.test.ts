/**
 * A person on SMS and Signal is planned her alert over Signal only;
 * if that copy fails for good, her SMS membership gets it (Lane.failed ->
 * planTwinFallback), unless the alert is stale. Outages are retried until
 * maxAgeMs, but not hers: her Signal copy gives up after 3 tries (seconds
 * apart), so the SMS copy comes within the outage's first minute, as a 429
 * or a held lane would move it, not after the alert has expired.
 */
import { SendError } from '../../src/channels/types';
import { createAlert, planNextRange } from '../../src/store/alerts';
import { ensureMember } from '../../src/store/members';
import { subscribe } from '../../src/store/subscriptions';
import { FakeSender, settle } from '../helpers/fake-sender';
import { clock, db, NUMBER, startLane, T0, useLaneWorld, vault, writer } from '../helpers/lane-world';

const MIN = 60_000;
const HOUR = 60 * MIN;

class SignalDown extends FakeSender {
  override readonly channel = 'signal' as const;
  constructor() {
    super(Array.from({ length: 1000 }, () => new SendError('connection', 'ECONNREFUSED')));
  }
}

describe('a Signal outage and a person also on SMS', () => {
  useLaneWorld();

  /** The world's member on SMS, the same person on Signal (one number), and an alert planned for her: over Signal only. */
  function twinAlert(): number {
    const twin = ensureMember(db, vault, { channel: 'signal', address: '1b2c3d4e-5f60-4a7b-8c9d-000000000001', phone: NUMBER }, 'en', T0).id;
    subscribe(db, twin, ['415'], T0);
    const alert = createAlert(db, vault, { npas: ['415'], reach: ['415'], text: 'grey van' }, T0);
    while (!planNextRange(db, alert, T0).done);
    return alert;
  }

  /** Runs a Signal lane over `sender` with the clock moved `stepMs` at a time for `forMs`: the channels of the alert's copies. */
  async function runSignalLane(alert: number, sender: FakeSender, stepMs: number, forMs: number, smsSends?: boolean): Promise<string[]> {
    const lane = startLane(sender, {}, { smsSends });
    await settle();
    for (let t = 0; t < forMs; t += stepMs) {
      clock.t += stepMs;
      lane.wake();
      await settle();
      writer?.flush();
    }
    const copies = db.sqlite.prepare('SELECT channel FROM outbox WHERE alert_id = ? ORDER BY id').all(alert) as Array<{ channel: string }>;
    await lane.stop();
    writer?.flush();
    return copies.map((c) => c.channel);
  }

  it('gets her the alert by SMS once the Signal copy has failed its tries, not after the alert has expired', async () => {
    const alert = twinAlert();
    const s = new SignalDown();
    // Six hours of signal-cli down: 3 tries, not the 12 (about an hour and a half) of a message SMS cannot carry.
    const channels = await runSignalLane(alert, s, 5 * MIN, 6 * HOUR);
    expect(s.calls).toHaveLength(3);
    expect(channels).toContain('sms');
  });

  it("gets her the alert by SMS within 5 minutes of 500s, as a Signal 429 would (one channel's outage never delays another)", async () => {
    const alert = twinAlert();
    const s = new FakeSender(Array.from({ length: 1000 }, () => new SendError('server', '500')));
    (s as { channel: string }).channel = 'signal';
    expect(await runSignalLane(alert, s, 5_000, 5 * MIN, true)).toEqual(['signal', 'sms']);
  });

  it('plans no SMS copy when the Signal copy fails because its alert is gone (retracted while in flight)', async () => {
    const alert = twinAlert();
    // Withdrawn after its copy was planned, before RetractionJob's chunks reached it: the lane's claim cancels it.
    db.sqlite.prepare('UPDATE alerts SET retracted_at = ? WHERE id = ?').run(T0 + 1, alert);
    const s = new (class extends FakeSender {
      override readonly channel = 'signal' as const;
    })();
    clock.t = T0 + 2;
    const lane = startLane(s);
    await settle();
    await lane.stop();
    writer?.flush();
    const copies = db.sqlite.prepare('SELECT channel, state, error FROM outbox WHERE alert_id = ? ORDER BY id').all(alert);
    expect(s.calls).toHaveLength(0);
    expect(copies).toEqual([{ channel: 'signal', state: 'failed', error: 'retracted' }]);
  });
});
