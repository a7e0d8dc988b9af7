/**
 * A server's wall clock stepped back (NTP correcting a clock that ran fast,
 * a VM resumed from a snapshot) does not stop a lane: the sends of the last
 * second, now "in the future", are forgotten, and a reply queued after the
 * step goes within its second, not once the clock has caught up.
 */
import { enqueueMessage } from '../../src/store/outbox';
import { FakeSender, settle } from '../helpers/fake-sender';
import { clock, db, HOUR, member, startLane, T0, useLaneWorld, vault } from '../helpers/lane-world';
import { waitFor } from '../helpers/wait-for';

describe('a lane when the wall clock is stepped back', () => {
  useLaneWorld();

  it('sends a reply queued after the step within a second or two, not an hour later', async () => {
    for (let i = 0; i < 4; i++) enqueueMessage(db, vault, member, `m${i}`, T0);
    const sender = new FakeSender();
    const lane = startLane(sender, { sendRate: 4 });
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
  });
});
