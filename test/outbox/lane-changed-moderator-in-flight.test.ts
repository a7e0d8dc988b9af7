/**
 * A notice in flight to a Signal moderator when their changed identity is
 * found is left to its answer (withdrawFromChangedModerator takes only what
 * waits). If that answer is a failure to try again, the next try must not go
 * to the new, unchecked phone: it is withdrawn as the others were. A reply
 * queued after the change (a member's treatment) still goes.
 */
import { SendError, type ChannelSender } from '../../src/channels/types';
import type { Channel } from '../../src/domain/channel';
import { createLogger } from '../../src/log/logger';
import { DEFAULT_DISPATCHER, Dispatcher } from '../../src/outbox/dispatcher';
import { ensureMember } from '../../src/store/members';
import { observeModeratorIdentity } from '../../src/store/moderator-identities';
import { enqueueMessage, withdrawFromChangedModerator } from '../../src/store/outbox';
import { FakeSender, settle } from '../helpers/fake-sender';
import { testStore } from '../helpers/test-store';

const T0 = 1_800_000_000_000;
const HOUR = 3_600_000;
const MOD = '7a6b5c4d-3e2f-4a1b-9c8d-000000000051';

class SignalFake extends FakeSender {
  override readonly channel = 'signal' as const;
}

describe('a notice in flight to a Signal moderator whose identity is found changed', () => {
  it('is not tried again after a failed answer; what is queued after the change goes', async () => {
    const { db, vault } = await testStore();
    const clock = { t: T0 };
    const now = () => clock.t;
    const mod = ensureMember(db, vault, { channel: 'signal', address: MOD }, 'en', T0, 'active').id;
    observeModeratorIdentity(db, vault, MOD, 'identity-1', false, T0);
    const notice = enqueueMessage(db, vault, mod, 'Heads Up: new report #K7Q2: tall man, red truck', T0);
    const sender = new SignalFake([], true);
    const senders = new Map<Channel, ChannelSender>([['signal', sender]]);
    const dispatcher = new Dispatcher(db, vault, senders, createLogger('silent'), { ...DEFAULT_DISPATCHER, pollMs: HOUR }, undefined, now);
    try {
      dispatcher.start();
      dispatcher.wake();
      await settle();
      expect(sender.calls).toHaveLength(1);
      // The gate finds the change while the send is in flight.
      clock.t += 1_000;
      db.transaction(() => {
        expect(observeModeratorIdentity(db, vault, MOD, 'identity-2', false, clock.t)).toBe('changed');
        withdrawFromChangedModerator(db, mod, clock.t);
      });
      sender.answer(new SendError('server', '500'));
      await settle();
      clock.t += 1_000;
      const reply = enqueueMessage(db, vault, mod, 'Heads Up: you are not subscribed.', clock.t);
      sender.release();
      // Long past any backoff.
      for (let i = 0; i < 5; i++) {
        clock.t += HOUR;
        dispatcher.wake();
        await settle();
      }
      expect(sender.calls.map((c) => c.body)).toEqual(['Heads Up: new report #K7Q2: tall man, red truck', 'Heads Up: you are not subscribed.']);
      const state = (id: number) => db.sqlite.prepare('SELECT state, error FROM outbox WHERE id = ?').get(id);
      expect(state(notice)).toEqual({ state: 'failed', error: 'moderator_identity_changed' });
      expect(state(reply)).toEqual({ state: 'sent', error: null });
    } finally {
      await dispatcher.stop();
      db.close();
    }
  });
});
