/**
 * A 429 on a Signal remote delete pauses the Signal lane as a send's 429
 * does: the alerts waiting there for people also on SMS go by SMS, at once
 * and while the pause lasts ("An alert that arrives late can cost a life;
 * an SMS costs a few cents"). Pausing only the lane's Pacer did neither: her
 * alert waited out Signal's pause (15 s doubling to 15 minutes).
 */
import { SendError, type ChannelSender } from '../../src/channels/types';
import type { Channel } from '../../src/domain/channel';
import { DEFAULT_RETRACTIONS, RetractionJob } from '../../src/jobs/retractions';
import { createLogger } from '../../src/log/logger';
import { DEFAULT_DISPATCHER, Dispatcher } from '../../src/outbox/dispatcher';
import { createAlert, planNextRange } from '../../src/store/alerts';
import { ensureMember } from '../../src/store/members';
import { retractAlert } from '../../src/store/retractions';
import { subscribe } from '../../src/store/subscriptions';
import { FakeSender, settle } from '../helpers/fake-sender';
import { waitFor } from '../helpers/wait-for';
import { testStore } from '../helpers/test-store';

const T0 = 1_800_000_000_000;
const NUMBER = '+14155550100';
const HOUR = 3_600_000;

class SignalFake extends FakeSender {
  override readonly channel = 'signal' as const;
}

describe('a Signal pause opened by a remote delete\'s 429', () => {
  it('sends the alerts waiting on Signal for people also on SMS by SMS, as a pause opened by a send does', async () => {
    const { db, vault } = await testStore();
    const clock = { t: T0 };
    const now = () => clock.t;
    const log = createLogger('silent');
    // A person on SMS and Signal (one number), in 415.
    subscribe(db, ensureMember(db, vault, { channel: 'sms', address: NUMBER, phone: NUMBER }, 'en', T0).id, ['415'], T0);
    const twin = ensureMember(db, vault, { channel: 'signal', address: '1b2c3d4e-5f60-4a7b-8c9d-000000000001', phone: NUMBER }, 'en', T0).id;
    subscribe(db, twin, ['415'], T0);
    // A Signal member in 212 got an alert that is now retracted: its copy is to be deleted.
    subscribe(db, ensureMember(db, vault, { channel: 'signal', address: '1b2c3d4e-5f60-4a7b-8c9d-000000000002' }, 'en', T0).id, ['212'], T0);
    const old = createAlert(db, vault, { npas: ['212'], reach: ['212'], text: 'grey van' }, T0);
    while (!planNextRange(db, old, T0).done);
    db.sqlite.prepare("UPDATE outbox SET state = 'sent', provider_id = '1800000000123', updated_at = ? WHERE alert_id = ?").run(T0, old);

    // An SMS lane too, holding its sends: the copy moved there stays in sight.
    const smsLane = new FakeSender([], true);
    const dispatcher = new Dispatcher(db, vault, new Map<Channel, ChannelSender>([['signal', new SignalFake()], ['sms', smsLane]]), log, { ...DEFAULT_DISPATCHER, pollMs: HOUR, sendRate: 10, twinSweepMs: 1 }, undefined, now);
    dispatcher.start();
    // Signal limits the account: the deletion gets a 429 naming a 10-minute wait.
    let deletes = 0;
    const deleter = {
      remoteDelete: async () => {
        deletes++;
        throw new SendError('throttled', '429', 600_000);
      },
    };
    const job = new RetractionJob(db, vault, deleter, log, () => undefined, { ...DEFAULT_RETRACTIONS, everyMs: 20, pace: dispatcher.pace('signal') }, now);
    try {
      db.transaction(() => retractAlert(db, old, T0));
      job.start();
      await waitFor(() => deletes === 1, 5_000, 'the remote delete');
      expect(dispatcher.pace('signal')?.waitMs()).toBeGreaterThan(500_000);
      // A new alert for 415 meanwhile: hers is planned over Signal.
      const alert = createAlert(db, vault, { npas: ['415'], reach: ['415'], text: 'red sedan, choked me' }, clock.t);
      while (!planNextRange(db, alert, clock.t).done);
      for (let i = 0; i < 5; i++) {
        clock.t += 1_000;
        dispatcher.wake();
        await settle();
      }
      const copies = db.sqlite.prepare('SELECT channel, state, error FROM outbox WHERE alert_id = ? ORDER BY id').all(alert);
      expect(copies).toEqual([
        { channel: 'signal', state: 'failed', error: 'sms_instead' },
        { channel: 'sms', state: 'pending', error: null },
      ]);
    } finally {
      smsLane.release();
      await job.stop();
      await dispatcher.stop();
      db.close();
    }
  }, 30_000);
});
