/**
 * A server's wall clock stepped forward past the lease (a VM resumed after
 * minutes suspended, NTP correcting a clock that ran slow) while a send is
 * in flight: the lane must not claim and send that same row a second time
 * while the first send is still waiting for its answer. No kill happened:
 * SPEC allows duplicates only for what a hard kill left in flight.
 */
import { AlertRenderer } from '../../src/alerts/render-alert';
import { createLogger } from '../../src/log/logger';
import { DEFAULT_DISPATCHER } from '../../src/outbox/dispatcher';
import { Lane } from '../../src/outbox/lane';
import { OutcomeWriter } from '../../src/outbox/outcome-writer';
import { ensureMember } from '../../src/store/members';
import { enqueueMessage } from '../../src/store/outbox';
import { FakeSender, settle } from '../helpers/fake-sender';
import { testStore } from '../helpers/test-store';

const T0 = 1_800_000_000_000;

describe('a lane when the wall clock is stepped forward', () => {
  it('does not send a message again while its first send is still in flight', async () => {
    const { db, vault } = await testStore();
    const clock = { t: T0 };
    const now = () => clock.t;
    const log = createLogger('silent');
    const member = ensureMember(db, vault, { channel: 'sms', address: '+14155550100', phone: '+14155550100' }, 'en', T0).id;
    enqueueMessage(db, vault, member, 'Your buddy did not check in', T0);
    const sender = new FakeSender([], true);
    const writer = new OutcomeWriter(db, log, now);
    const lane = new Lane(sender, { db, vault, log, now, opts: { ...DEFAULT_DISPATCHER, pollMs: 50 }, writer, renderer: new AlertRenderer(db, vault) });
    lane.start();
    try {
      await settle();
      expect(sender.calls).toHaveLength(1);
      // The VM is resumed after three minutes suspended: the wall clock jumps past the 2-minute lease.
      clock.t += 3 * 60_000;
      lane.wake();
      await settle();
      await new Promise((r) => setTimeout(r, 200));
      expect(sender.calls).toHaveLength(1);
    } finally {
      sender.release();
      await lane.stop();
      writer.flush();
      db.close();
    }
  });
});
