/**
 * The dispatcher over a real SQLite file and real crypto, with scripted
 * senders standing in for the channels' adapters: one lane per channel, one
 * channel's trouble holding back no other, a wake that looks for work at once,
 * a pause lifted on one channel only, and a stop that records what was in
 * flight. The lanes poll once an hour here: they move only when woken (by the
 * test, an answer or an outcome written), and `settle()` lets them run until
 * they have nothing left to do now.
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

const T0 = 1_800_000_000_000;
const SIGNAL_UUID = '6f1c2a4e-1b2c-4d5e-8f90-123456789abc';

/** A provider's answer the test gives when it chooses. */
function deferred(): { promise: Promise<{ providerId: string }>; answer: (providerId: string) => void } {
  let answer: (providerId: string) => void = () => undefined;
  const promise = new Promise<{ providerId: string }>((resolve) => (answer = (providerId) => resolve({ providerId })));
  return { promise, answer };
}

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

/** Lets the lanes run until they have nothing left to do now. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
}

describe('the dispatcher', () => {
  let db: Db;
  let vault: Vault;
  let clock: { t: number };
  let dispatcher: Dispatcher | null = null;
  /** Answers still held by a test, given in afterEach so that stop() can finish. */
  let unanswered: Array<() => void>;

  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(5));
  });
  beforeEach(() => {
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    clock = { t: T0 };
    unanswered = [];
  });
  afterEach(async () => {
    for (const answer of unanswered) answer();
    await dispatcher?.stop();
    dispatcher = null;
    db.close();
  });

  const state = (id: number) => db.sqlite.prepare('SELECT state, provider_id FROM outbox WHERE id = ?').get(id) as { state: string; provider_id: string | null };
  const smsMember = () => ensureMember(db, vault, { channel: 'sms', address: '+14155550100', phone: '+14155550100' }, 'en', T0).id;

  function start(...senders: ScriptedSender[]): Dispatcher {
    dispatcher = new Dispatcher(
      db,
      vault,
      new Map(senders.map((s) => [s.channel, s])),
      createLogger('silent'),
      { ...DEFAULT_DISPATCHER, pollMs: 3_600_000 },
      undefined,
      () => clock.t,
    );
    dispatcher.start();
    return dispatcher;
  }

  it("sends each channel's rows through that channel's sender", async () => {
    const sms = new ScriptedSender('sms');
    const signal = new ScriptedSender('signal');
    const a = enqueueMessage(db, vault, smsMember(), 'to sms', T0);
    const b = enqueueReply(db, vault, { channel: 'signal', address: SIGNAL_UUID }, 'to signal', T0);
    start(sms, signal);
    await settle();
    expect(sms.calls).toEqual([{ to: '+14155550100', body: 'to sms' }]);
    expect(signal.calls).toEqual([{ to: SIGNAL_UUID, body: 'to signal' }]);
    expect([state(a), state(b)]).toEqual([
      { state: 'sent', provider_id: 'sms-1' },
      { state: 'sent', provider_id: 'signal-1' },
    ]);
  });

  it('looks for work at once when woken, not at its next poll', async () => {
    const sms = new ScriptedSender('sms');
    const d = start(sms);
    await settle();
    const id = enqueueMessage(db, vault, smsMember(), 'queued after start', T0);
    await settle();
    expect(sms.calls).toEqual([]);
    d.wake();
    await settle();
    expect(state(id).state).toBe('sent');
  });

  it('keeps SMS flowing while Signal hangs on one send and is paused by a 429', async () => {
    const hung = deferred();
    unanswered.push(() => hung.answer('late'));
    const signal = new ScriptedSender('signal', [hung.promise, new SendError('throttled', '429', 3_600_000)]);
    const sms = new ScriptedSender('sms');
    enqueueReply(db, vault, { channel: 'signal', address: SIGNAL_UUID }, 'hangs', T0);
    const throttled = enqueueReply(db, vault, { channel: 'signal', address: SIGNAL_UUID }, 'throttled', T0);
    const d = start(signal, sms);
    await settle();
    expect(signal.calls).toHaveLength(2);
    expect(state(throttled).state).toBe('pending');
    const member = smsMember();
    const ids = [enqueueMessage(db, vault, member, 'sms one', T0), enqueueMessage(db, vault, member, 'sms two', T0)];
    d.wake();
    await settle();
    expect(ids.map((id) => state(id).state)).toEqual(['sent', 'sent']);
    expect(signal.calls).toHaveLength(2);
  });

  it('lifts a provider pause on the channel it is asked to, and sends what waited', async () => {
    const signal = new ScriptedSender('signal', [new SendError('throttled', '429', 3_600_000)]);
    const d = start(signal);
    const first = enqueueReply(db, vault, { channel: 'signal', address: SIGNAL_UUID }, 'first', T0);
    d.wake();
    await settle();
    expect(signal.calls).toHaveLength(1);
    expect(state(first).state).toBe('pending');
    const second = enqueueReply(db, vault, { channel: 'signal', address: SIGNAL_UUID }, 'second', T0);
    d.resume('sms');
    await settle();
    expect(signal.calls).toHaveLength(1);
    d.resume('signal');
    await settle();
    expect(state(second).state).toBe('sent');
    // The throttled one goes again too, first in line.
    expect(state(first).state).toBe('sent');
    expect(signal.calls.map((c) => c.body)).toEqual(['first', 'first', 'second']);
  });

  it('waits on stop for the sends in flight and records their outcome', async () => {
    const inFlight = deferred();
    unanswered.push(() => inFlight.answer('unused'));
    const sms = new ScriptedSender('sms', [inFlight.promise]);
    const id = enqueueMessage(db, vault, smsMember(), 'in flight', T0);
    const d = start(sms);
    await settle();
    expect(sms.calls).toHaveLength(1);
    let stopped = false;
    const stopping = d.stop().then(() => void (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    inFlight.answer('SMlate');
    await stopping;
    dispatcher = null;
    expect(state(id)).toEqual({ state: 'sent', provider_id: 'SMlate' });
  });
});
