/**
 * The dispatcher over a real SQLite file and real crypto, with scripted
 * senders standing in for the channels' adapters: one lane per channel, a
 * pause lifted on one channel only, and a stop that records what was in flight.
 */
import path from 'node:path';
import { SendError, type ChannelSender } from '../../src/channels/types';
import type { Channel } from '../../src/domain/channel';
import { createLogger } from '../../src/log/logger';
import { DEFAULT_DISPATCHER, Dispatcher } from '../../src/outbox/dispatcher';
import { Db } from '../../src/store/db';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { enqueueMessage, enqueueReply } from '../../src/store/outbox';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';
import { waitFor } from '../helpers/wait-for';

const T0 = 1_800_000_000_000;
const SIGNAL_UUID = '6f1c2a4e-1b2c-4d5e-8f90-123456789abc';

/** Answers each send with the next scripted answer: a provider id, an error, or a promise the test settles. */
class ScriptedSender implements ChannelSender {
  readonly name: string;
  readonly calls: Array<{ to: string; body: string }> = [];
  constructor(
    readonly channel: Channel,
    readonly script: Array<SendError | Promise<{ providerId: string }>> = [],
  ) {
    this.name = `scripted-${channel}`;
  }
  async send(to: string, body: string): Promise<{ providerId: string }> {
    this.calls.push({ to, body });
    const next = this.script.shift();
    if (next instanceof Error) throw next;
    return next ?? { providerId: `${this.channel}-${this.calls.length}` };
  }
}

describe('the dispatcher', () => {
  let db: Db;
  let vault: Vault;
  let clock: { t: number };
  let dispatcher: Dispatcher | null = null;

  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(5));
  });
  beforeEach(() => {
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    clock = { t: T0 };
  });
  afterEach(async () => {
    await dispatcher?.stop();
    dispatcher = null;
    db.close();
  });

  const state = (id: number) => (db.sqlite.prepare('SELECT state, provider_id FROM outbox WHERE id = ?').get(id) as { state: string; provider_id: string | null });

  function start(...senders: ScriptedSender[]): Dispatcher {
    dispatcher = new Dispatcher(
      db,
      vault,
      new Map(senders.map((s) => [s.channel, s])),
      createLogger('silent'),
      { ...DEFAULT_DISPATCHER, pollMs: 5 },
      undefined,
      () => clock.t,
    );
    dispatcher.start();
    return dispatcher;
  }

  it("sends each channel's rows through that channel's sender", async () => {
    const sms = new ScriptedSender('sms');
    const signal = new ScriptedSender('signal');
    const member = ensureMember(db, vault, { channel: 'sms', address: '+14155550100', phone: '+14155550100' }, 'en', T0).id;
    const a = enqueueMessage(db, vault, member, 'to sms', T0);
    const b = enqueueReply(db, vault, { channel: 'signal', address: SIGNAL_UUID }, 'to signal', T0);
    start(sms, signal);
    await waitFor(() => state(a).state === 'sent' && state(b).state === 'sent', 5_000, 'both sent');
    expect(sms.calls).toEqual([{ to: '+14155550100', body: 'to sms' }]);
    expect(signal.calls).toEqual([{ to: SIGNAL_UUID, body: 'to signal' }]);
    expect([state(a).provider_id, state(b).provider_id]).toEqual(['sms-1', 'signal-1']);
  });

  it('lifts a provider pause on the channel it is asked to, and sends what waited', async () => {
    const signal = new ScriptedSender('signal', [new SendError('throttled', '429', 3_600_000)]);
    const d = start(signal);
    const first = enqueueReply(db, vault, { channel: 'signal', address: SIGNAL_UUID }, 'first', T0);
    d.wake();
    await waitFor(() => signal.calls.length === 1 && state(first).state === 'pending', 5_000, 'the 429');
    const second = enqueueReply(db, vault, { channel: 'signal', address: SIGNAL_UUID }, 'second', T0);
    d.resume('sms');
    d.resume('signal');
    await waitFor(() => state(second).state === 'sent', 5_000, 'the second message after resume');
    expect(signal.calls.map((c) => c.body)).toEqual(['first', 'second']);
  });

  it('waits on stop for the sends in flight and records their outcome', async () => {
    let answer: (r: { providerId: string }) => void = () => undefined;
    const pending = new Promise<{ providerId: string }>((r) => (answer = r));
    const sms = new ScriptedSender('sms', [pending]);
    const member = ensureMember(db, vault, { channel: 'sms', address: '+14155550100', phone: '+14155550100' }, 'en', T0).id;
    const id = enqueueMessage(db, vault, member, 'in flight', T0);
    const d = start(sms);
    await waitFor(() => sms.calls.length === 1, 5_000, 'the send');
    const stopped = d.stop();
    answer({ providerId: 'SMlate' });
    await stopped;
    dispatcher = null;
    expect(state(id)).toEqual({ state: 'sent', provider_id: 'SMlate' });
  });
});
