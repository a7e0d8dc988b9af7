/**
 * A line that ran with SMS and Signal and now runs on Signal only (Twilio
 * dropped, the database kept) keeps its SMS memberships. A Signal 429 moved
 * the alert waiting on Signal for a person on both to her SMS membership,
 * which no lane sends: the alert was lost, where someone only on Signal just
 * waits out the pause and gets it. With no SMS lane, her copy stays on
 * Signal; with one, it goes by SMS as before.
 */
import path from 'node:path';
import { SendError, type ChannelSender } from '../../src/channels/types';
import type { Channel } from '../../src/domain/channel';
import { createLogger } from '../../src/log/logger';
import { DEFAULT_DISPATCHER, Dispatcher } from '../../src/outbox/dispatcher';
import { createAlert, planNextRange } from '../../src/store/alerts';
import { Db } from '../../src/store/db';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { subscribe } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { FakeSender, settle } from '../helpers/fake-sender';
import { tempDir } from '../helpers/temp-dir';

const T0 = 1_800_000_000_000;
const NUMBER = '+14155550100';
const HOUR = 3_600_000;

class SignalFake extends FakeSender {
  override readonly channel = 'signal' as const;
}

/** A person on both channels in 415, an alert planned to her Signal membership, a Signal lane whose first send gets a 429 naming 10 minutes. */
async function pausedTwin(withSms: boolean): Promise<Array<{ channel: string; state: string; error: string | null }>> {
  await cryptoReady();
  const vault = new Vault(new Uint8Array(32).fill(5));
  const db = new Db(path.join(tempDir(), 'heads-up.db'));
  migrate(db);
  const clock = { t: T0 };
  const now = () => clock.t;
  subscribe(db, ensureMember(db, vault, { channel: 'sms', address: NUMBER, phone: NUMBER }, 'en', T0).id, ['415'], T0);
  subscribe(db, ensureMember(db, vault, { channel: 'signal', address: '1b2c3d4e-5f60-4a7b-8c9d-000000000001', phone: NUMBER }, 'en', T0).id, ['415'], T0);
  const alert = createAlert(db, vault, { npas: ['415'], reach: ['415'], text: 'red sedan, choked me' }, T0);
  while (!planNextRange(db, alert, T0).done);
  const senders = new Map<Channel, ChannelSender>([['signal', new SignalFake([new SendError('throttled', '429', 600_000)])]]);
  if (withSms) senders.set('sms', new FakeSender());
  const dispatcher = new Dispatcher(db, vault, senders, createLogger('silent'), { ...DEFAULT_DISPATCHER, pollMs: HOUR, twinSweepMs: 1 }, undefined, now);
  try {
    dispatcher.start();
    for (let i = 0; i < 3; i++) {
      clock.t += 1_000;
      dispatcher.wake();
      await settle();
    }
  } finally {
    await dispatcher.stop();
  }
  const copies = db.sqlite.prepare('SELECT channel, state, error FROM outbox WHERE alert_id = ? ORDER BY id').all(alert) as Array<{ channel: string; state: string; error: string | null }>;
  db.close();
  return copies;
}

describe('a Signal pause for a person on both channels', () => {
  it('keeps her copy on Signal when the line sends no SMS (it goes once the pause ends)', async () => {
    expect(await pausedTwin(false)).toEqual([{ channel: 'signal', state: 'pending', error: 'throttled:429' }]);
  });

  it('moves her copy to SMS when the line sends SMS', async () => {
    const copies = await pausedTwin(true);
    expect(copies.map((c) => [c.channel, c.state === 'failed' ? c.error : 'not failed'])).toEqual([
      ['signal', 'sms_instead'],
      ['sms', 'not failed'],
    ]);
  });
});
