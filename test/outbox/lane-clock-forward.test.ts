/**
 * A server's wall clock stepped forward past the lease (a VM resumed after
 * minutes suspended, NTP correcting a clock that ran slow) while a send is
 * in flight: the lane must not claim and send that same row a second time
 * while the first send is still waiting for its answer. No kill happened:
 * SPEC allows duplicates only for what a hard kill left in flight.
 */
import { enqueueMessage } from '../../src/store/outbox';
import { FakeSender, settle } from '../helpers/fake-sender';
import { clock, db, member, startLane, T0, useLaneWorld, vault } from '../helpers/lane-world';

describe('a lane when the wall clock is stepped forward', () => {
  useLaneWorld();

  it('does not send a message again while its first send is still in flight', async () => {
    enqueueMessage(db, vault, member, 'Your buddy did not check in', T0);
    const sender = new FakeSender([], true);
    const lane = startLane(sender, { pollMs: 50 });
    await settle();
    expect(sender.calls).toHaveLength(1);
    // The VM is resumed after three minutes suspended: the wall clock jumps past the 2-minute lease.
    clock.t += 3 * 60_000;
    lane.wake();
    await settle();
    await new Promise((r) => setTimeout(r, 200));
    expect(sender.calls).toHaveLength(1);
  });
});
