/**
 * A server's wall clock stepped back (NTP correcting a clock that ran fast,
 * a VM resumed from a snapshot) does not stop a lane: the sends of the last
 * second, now "in the future", are forgotten, and a reply queued after the
 * step goes within its second, not once the clock has caught up.
 */
import { AlertRenderer } from '../../src/alerts/render-alert';
import { createLogger } from '../../src/log/logger';
import { DEFAULT_DISPATCHER } from '../../src/outbox/dispatcher';
import { Lane } from '../../src/outbox/lane';
import { OutcomeWriter } from '../../src/outbox/outcome-writer';
import { ensureMember } from '../../src/store/members';
import { enqueueMessage } from '../../src/store/outbox';
import { FakeSender, settle } from '../helpers/fake-sender';
import { waitFor } from '../helpers/wait-for';
import { testStore } from '../helpers/test-store';

const T0 = 1_800_000_000_000;
const HOUR = 3_600_000;

describe('a lane when the wall clock is stepped back', () => {
  it('sends a reply queued after the step within a second or two, not an hour later', async () => {
    const { db, vault } = await testStore();
    const clock = { t: T0 };
    const now = () => clock.t;
    const log = createLogger('silent');
    const member = ensureMember(db, vault, { channel: 'sms', address: '+14155550100', phone: '+14155550100' }, 'en', T0).id;
    for (let i = 0; i < 4; i++) enqueueMessage(db, vault, member, `m${i}`, T0);
    const sender = new FakeSender();
    const writer = new OutcomeWriter(db, log, now);
    const lane = new Lane(sender, { db, vault, log, now, opts: { ...DEFAULT_DISPATCHER, sendRate: 4, pollMs: HOUR }, writer, renderer: new AlertRenderer(db, vault) });
    lane.start();
    try {
      await settle();
      expect(sender.calls).toHaveLength(4);
      // NTP steps the clock back an hour; a member texts, her reply is queued.
      clock.t = T0 - HOUR;
      enqueueMessage(db, vault, member, 'You are subscribed to 415', clock.t);
      lane.wake();
      await settle();
      // Two seconds later by any clock: SEND_RATE allows it long since.
      clock.t += 2_000;
      lane.wake();
      // A few real seconds at most (a lane on a monotonic clock waits out the rest of its second).
      await waitFor(() => sender.calls.some((c) => c.body === 'You are subscribed to 415'), 4_000, 'the reply queued after the step');
    } finally {
      await lane.stop();
      writer.flush();
      db.close();
    }
  });
});
