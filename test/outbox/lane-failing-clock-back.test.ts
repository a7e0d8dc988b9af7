/**
 * A lane whose every try fails with the provider down is "failing" (for
 * /readyz) once that has lasted failingAfterMs. The wall clock stepped back
 * (NTP) must not hide it for the step's length: the outage keeps its length.
 */
import { SendError } from '../../src/channels/types';
import { enqueueMessage } from '../../src/store/outbox';
import { FakeSender, settle } from '../helpers/fake-sender';
import { clock, db, HOUR, later, member, startLane, T0, useLaneWorld, vault } from '../helpers/lane-world';

describe('a failing lane when the wall clock steps back', () => {
  useLaneWorld();

  it('is still failing after the step', async () => {
    enqueueMessage(db, vault, member, 'a notice', T0);
    const sender = new FakeSender(Array.from({ length: 10_000 }, () => new SendError('server', '503')));
    const lane = startLane(sender, { failingAfterMs: 60_000 });
    await settle();
    expect(sender.calls.length).toBeGreaterThanOrEqual(1);
    await later(2 * 60_000, lane);
    expect(lane.failing).toBe(true);
    // NTP: the clock was an hour fast; the lane reads it again.
    clock.t -= HOUR;
    lane.wake();
    await settle();
    expect(lane.failing).toBe(true);
  });
});
