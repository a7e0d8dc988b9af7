/**
 * A person on SMS and Signal (one number) while the line runs without Signal
 * for a while (SIGNAL_* dropped, then put back):
 * - an alert planned meanwhile goes to her SMS membership only, so Signal
 *   restored within the alert's day does not send it again (both were
 *   planned: twice);
 * - an alert whose Signal-only copy was waiting when the line restarted
 *   without Signal goes to her SMS membership at start (it was lost).
 */
import path from 'node:path';
import type { ChannelSender } from '../../src/channels/types';
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
const UUID = '1b2c3d4e-5f60-4a7b-8c9d-000000000001';
const HOUR = 3_600_000;

class SignalFake extends FakeSender {
  override readonly channel = 'signal' as const;
}

async function world() {
  await cryptoReady();
  const vault = new Vault(new Uint8Array(32).fill(5));
  const db = new Db(path.join(tempDir(), 'heads-up.db'));
  migrate(db);
  subscribe(db, ensureMember(db, vault, { channel: 'sms', address: NUMBER, phone: NUMBER }, 'en', T0).id, ['415'], T0);
  subscribe(db, ensureMember(db, vault, { channel: 'signal', address: UUID, phone: NUMBER }, 'en', T0).id, ['415'], T0);
  const alert = createAlert(db, vault, { npas: ['415'], reach: ['415'], text: 'red sedan, choked me' }, T0);
  return { db, vault, alert };
}

/** Runs a dispatcher over these senders for a few seconds of the test's clock. */
async function run(db: Db, vault: Vault, senders: Map<Channel, ChannelSender>, at: number): Promise<void> {
  const clock = { t: at };
  const dispatcher = new Dispatcher(db, vault, senders, createLogger('silent'), { ...DEFAULT_DISPATCHER, pollMs: HOUR, twinSweepMs: 1 }, undefined, () => clock.t);
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
}

describe('a person on both channels while the line runs without Signal for a while', () => {
  it('gets an alert planned meanwhile once, not again over Signal when Signal is back', async () => {
    const { db, vault, alert } = await world();
    // Twilio only: the planner is told the line does not send on Signal.
    while (!planNextRange(db, alert, T0, false).done);
    const sms1 = new FakeSender();
    await run(db, vault, new Map<Channel, ChannelSender>([['sms', sms1]]), T0);
    expect(sms1.calls.filter((c) => c.body.includes('red sedan'))).toHaveLength(1);
    // An hour later Signal is configured again.
    const sms2 = new FakeSender();
    const signal = new SignalFake();
    await run(db, vault, new Map<Channel, ChannelSender>([['sms', sms2], ['signal', signal]]), T0 + HOUR);
    const again = [...sms2.calls, ...signal.calls].filter((c) => c.body.includes('red sedan'));
    expect(again).toHaveLength(0);
    db.close();
  });

  it('gets by SMS an alert whose Signal copy was waiting when the line restarted without Signal', async () => {
    const { db, vault, alert } = await world();
    // Planned while the line still had Signal (which was failing): her copy waits on Signal.
    while (!planNextRange(db, alert, T0, true).done);
    const sms = new FakeSender();
    await run(db, vault, new Map<Channel, ChannelSender>([['sms', sms]]), T0 + 60_000);
    expect(sms.calls.filter((c) => c.body.includes('red sedan'))).toHaveLength(1);
    db.close();
  });
});
