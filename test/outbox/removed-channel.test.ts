/**
 * A line whose Signal settings were removed, the database kept: a Signal-only
 * member's notice never waits on Signal, where no lane sends (it fails at
 * once, whether it waited at start or was queued since), while her alert
 * copy waits, unclaimed and unlogged, for Signal to be put back within its
 * day.
 */
import path from 'node:path';
import type { ChannelSender } from '../../src/channels/types';
import type { Channel } from '../../src/domain/channel';
import { DEFAULT_DISPATCHER, Dispatcher } from '../../src/outbox/dispatcher';
import { createAlert, planNextRange } from '../../src/store/alerts';
import { Db } from '../../src/store/db';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { enqueueMessage } from '../../src/store/outbox';
import { subscribe } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { collectingLogger } from '../helpers/collecting-logger';
import { FakeSender, settle } from '../helpers/fake-sender';
import { tempDir } from '../helpers/temp-dir';

const T0 = 1_800_000_000_000;
const UUID = '1b2c3d4e-5f60-4a7b-8c9d-000000000002';
const HOUR = 3_600_000;

function state(db: Db, id: number): { state: string; error: string | null } {
  return db.stmt('SELECT state, error FROM outbox WHERE id = ?').get(id) as { state: string; error: string | null };
}

it("a Signal-only member's notices fail at once on a line without Signal; her alert copy waits, unlogged", async () => {
  await cryptoReady();
  const vault = new Vault(new Uint8Array(32).fill(5));
  const db = new Db(path.join(tempDir(), 'heads-up.db'));
  migrate(db);
  const noor = ensureMember(db, vault, { channel: 'signal', address: UUID }, 'en', T0).id;
  subscribe(db, noor, ['415'], T0);
  // From when the line had Signal: an alert copy and a reminder waiting for her there.
  const alert = createAlert(db, vault, { npas: ['415'], reach: ['415'], text: 'red sedan, choked me' }, T0);
  while (!planNextRange(db, alert, T0, true).done);
  const copy = (db.stmt('SELECT id FROM outbox WHERE alert_id = ?').get(alert) as { id: number }).id;
  const waiting = enqueueMessage(db, vault, noor, 'Reply OK by 05:00', T0);

  const clock = { t: T0 + 60_000 };
  const sms = new FakeSender();
  const { lines, log } = collectingLogger();
  const dispatcher = new Dispatcher(db, vault, new Map<Channel, ChannelSender>([['sms', sms]]), log, { ...DEFAULT_DISPATCHER, pollMs: HOUR }, undefined, () => clock.t);
  try {
    dispatcher.start();
    expect(state(db, waiting)).toEqual({ state: 'failed', error: 'channel_unconfigured' });
    expect(lines.filter((l) => l.channel === 'signal')).toEqual([expect.objectContaining({ level: 30, moved: 0, failed: 1 })]);
    // One queued since (no poll comes within the test: the wake after queuing settles it).
    const since = enqueueMessage(db, vault, noor, 'We passed your message', clock.t);
    dispatcher.wake();
    await settle();
    expect(state(db, since)).toEqual({ state: 'failed', error: 'channel_unconfigured' });
    for (let i = 0; i < 3; i++) {
      clock.t += 1_000;
      dispatcher.wake();
      await settle();
    }
    expect(state(db, copy)).toEqual({ state: 'pending', error: null });
    expect(sms.calls).toEqual([]);
    // One line at start; after it, one debug line for the notice queued since, none for the alert copy.
    expect(lines.filter((l) => l.channel === 'signal').map((l) => [l.level, l.failed])).toEqual([
      [30, 1],
      [20, 1],
    ]);
  } finally {
    await dispatcher.stop();
    db.close();
  }
});

it('a database that fails every pass (closed, full) is logged once, and no pass throws out of its timer', async () => {
  await cryptoReady();
  const vault = new Vault(new Uint8Array(32).fill(5));
  const db = new Db(path.join(tempDir(), 'heads-up.db'));
  migrate(db);
  const { lines, log } = collectingLogger();
  const dispatcher = new Dispatcher(db, vault, new Map<Channel, ChannelSender>([['sms', new FakeSender()]]), log, { ...DEFAULT_DISPATCHER, pollMs: HOUR }, undefined, () => T0);
  dispatcher.start();
  db.close();
  try {
    for (let i = 0; i < 5; i++) {
      dispatcher.wake();
      await settle();
    }
    // The SMS lane's own failures are logged the same way, under its own name.
    expect(lines.filter((l) => l.level >= 50).map((l) => [l.msg, l.job]).sort()).toEqual([
      ['background job failed; it runs again at the next tick', 'outbox lane sms'],
      ['background job failed; it runs again at the next tick', 'settling signal messages on a channel not configured'],
    ]);
  } finally {
    await dispatcher.stop();
  }
});
