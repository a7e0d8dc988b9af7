/**
 * A server's wall clock stepped back (NTP correcting a clock that ran fast,
 * a VM restored from a snapshot) in the middle of a fan-out: the copies
 * already queued, due "in the future" by the new clock, must not wait for
 * the clock to catch up. (lane-clock-step.test.ts covers a reply queued
 * after the step; this is what was queued before it.)
 */
import { ensureMember } from '../../src/store/members';
import { enqueueMessage } from '../../src/store/outbox';
import { FakeSender, settle } from '../helpers/fake-sender';
import { clock, db, startLane, T0, useLaneWorld, vault } from '../helpers/lane-world';
import { waitFor } from '../helpers/wait-for';

const MINUTE = 60_000;

/** Eight members (the world's own first), each with a message queued at T0. */
function queueEight(): void {
  for (let i = 0; i < 8; i++) {
    const member = ensureMember(db, vault, { channel: 'sms', address: `+1415555010${i}`, phone: `+1415555010${i}` }, 'en', T0).id;
    enqueueMessage(db, vault, member, `m${i}`, T0);
  }
}

describe('a lane when the wall clock is stepped back with messages queued', () => {
  useLaneWorld();

  it('sends what was queued before the step within seconds, not once the clock has caught up', async () => {
    queueEight();
    const sender = new FakeSender();
    const lane = startLane(sender, { sendRate: 4, pollMs: 50 });
    await settle();
    expect(sender.calls).toHaveLength(4);
    // NTP steps the clock back ten minutes; the clock then runs on.
    clock.t = T0 - 10 * MINUTE;
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 300));
      clock.t += 1_000;
      lane.wake();
    }
    // Five seconds on by any clock: SEND_RATE allowed the other four long since.
    await waitFor(() => sender.calls.length === 8, 10_000, `the other four (sent ${sender.calls.length})`);
  });
});

// The same step across a restart: the lane has read no time yet, the outbox has.
describe('a lane started after the wall clock was stepped back, with messages queued', () => {
  useLaneWorld();

  it('sends what was queued before the restart within seconds, not once the clock has caught up', async () => {
    queueEight();
    // The server restarts; the clock is now ten minutes behind the one that queued them.
    clock.t = T0 - 10 * MINUTE;
    const sender = new FakeSender();
    const lane = startLane(sender, { sendRate: 4, pollMs: 50 });
    await settle();
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 300));
      clock.t += 1_000;
      lane.wake();
    }
    // Five seconds on: SEND_RATE allowed all eight long since.
    await waitFor(() => sender.calls.length === 8, 10_000, `the eight (sent ${sender.calls.length})`);
  });
});
