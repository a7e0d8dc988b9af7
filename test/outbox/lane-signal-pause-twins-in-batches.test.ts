/**
 * A Signal pause moves the alert copies waiting there for people also on
 * SMS a batch at a time, other work going on between batches, until every
 * one has moved: one transaction for all of them held the event loop for
 * the whole backlog (10,000 people: about a second, at each waiting alert).
 */
import type { ChannelSender } from '../../src/channels/types';
import type { Channel } from '../../src/domain/channel';
import { createLogger } from '../../src/log/logger';
import { DEFAULT_DISPATCHER, Dispatcher } from '../../src/outbox/dispatcher';
import { createAlert, planNextRange, TWIN_BATCH } from '../../src/store/alerts';
import { ensureMember } from '../../src/store/members';
import { subscribe } from '../../src/store/subscriptions';
import { FakeSender } from '../helpers/fake-sender';
import { waitFor } from '../helpers/wait-for';
import { testStore } from '../helpers/test-store';

const T0 = 1_800_000_000_000;
const HOUR = 3_600_000;
const PEOPLE = 2 * TWIN_BATCH + 50;

class SignalFake extends FakeSender {
  override readonly channel = 'signal' as const;
}

it('a Signal pause moves the waiting alert copies of people also on SMS a batch at a time, then all of them', async () => {
  const { db, vault } = await testStore();
  const clock = { t: T0 };
  db.transaction(() => {
    for (let i = 0; i < PEOPLE; i++) {
      const phone = `+1415555${String(1000 + i)}`;
      subscribe(db, ensureMember(db, vault, { channel: 'sms', address: phone, phone }, 'en', T0).id, ['415'], T0);
      const uuid = `1b2c3d4e-5f60-4a7b-8c9d-${String(i).padStart(12, '0')}`;
      subscribe(db, ensureMember(db, vault, { channel: 'signal', address: uuid, phone }, 'en', T0).id, ['415'], T0);
    }
  });
  const alert = createAlert(db, vault, { npas: ['415'], reach: ['415'], text: 'red sedan, choked me' }, T0);
  while (!planNextRange(db, alert, T0).done);
  const moved = () => (db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE alert_id = ? AND channel = 'signal' AND error = 'sms_instead'").get(alert) as { n: number }).n;
  const bySms = () => (db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE alert_id = ? AND channel = 'sms' AND state = 'pending'").get(alert) as { n: number }).n;
  const smsLane = new FakeSender([], true);
  const dispatcher = new Dispatcher(db, vault, new Map<Channel, ChannelSender>([['signal', new SignalFake()], ['sms', smsLane]]), createLogger('silent'), { ...DEFAULT_DISPATCHER, pollMs: HOUR, twinSweepMs: HOUR }, undefined, () => clock.t);
  try {
    // Signal pauses the account: the first batch moves at once, and nothing more in the same turn.
    dispatcher.pace('signal')?.pauseFor(600_000);
    expect(moved()).toBe(TWIN_BATCH);
    expect(bySms()).toBe(TWIN_BATCH);

    // The rest follow while the pause lasts, without waiting for the next sweep (an hour here).
    dispatcher.start();
    await waitFor(() => moved() === PEOPLE, 5_000, 'every copy moved');
    expect(bySms()).toBe(PEOPLE);
  } finally {
    smsLane.release();
    await dispatcher.stop();
    db.close();
  }
}, 30_000);
