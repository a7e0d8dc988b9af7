/**
 * The SMS lane is held (Twilio 401/20003: a rotated token) and the wall
 * clock is stepped back an hour (NTP). The hold's end moves back with the
 * clock: were it left an hour ahead, every later refusal would count as "the
 * same hold" (no new pause, the held row due again at once) and the lane
 * would call Twilio back to back instead of once per 15 s to 2 min (README:
 * "one message tries again after a growing wait (up to 2 minutes)").
 */
import { SendError } from '../../src/channels/types';
import { enqueueMessage } from '../../src/store/outbox';
import { FakeSender, settle } from '../helpers/fake-sender';
import { clock, db, HOUR, member, startLane, T0, useLaneWorld, vault } from '../helpers/lane-world';

describe('a held SMS lane when the wall clock is stepped back', () => {
  useLaneWorld();

  it('still tries one message per hold wait, not back-to-back', async () => {
    enqueueMessage(db, vault, member, 'a moderator notice', T0);
    const sender = new FakeSender(Array.from({ length: 100_000 }, () => new SendError('line', '20003')));
    const lane = startLane(sender);
    await settle();
    expect(sender.calls).toHaveLength(1); // held: the next try waits 15 s or more
    clock.t = T0 - HOUR; // NTP steps the clock back
    lane.wake();
    await settle();
    clock.t += 20_000; // 20 s on: the first hold's wait is over, one more try is due
    lane.wake();
    for (let i = 0; i < 20; i++) await settle();
    // Frozen clock, ~200 event-loop turns: at most one more try belongs here.
    expect(sender.calls.length).toBeLessThanOrEqual(2);
  });
});
