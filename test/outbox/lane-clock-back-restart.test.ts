/**
 * A lane started reads its first time from the outbox's
 * latest updated_at. A step back already seen and corrected by the running
 * lane leaves those times ahead of the clock until it catches up: a restart
 * in that window takes the same step for a new one and moves the waiting
 * rows back a second time (a message due in an hour goes out 20 minutes early).
 */
import { enqueueMessage } from '../../src/store/outbox';
import { FakeSender, settle } from '../helpers/fake-sender';
import { clock, db, member, startLane, T0, useLaneWorld, vault } from '../helpers/lane-world';

const MINUTE = 60_000;

describe('a lane restarted after it already followed a step back of the clock', () => {
  useLaneWorld();

  it('does not move the waiting rows back a second time', async () => {
    // Something due in an hour by the clock that queued it (a digest held to its period's end, a retry's backoff).
    const id = enqueueMessage(db, vault, member, 'later', T0, { dueAt: T0 + 60 * MINUTE });
    const dueAt = () => (db.sqlite.prepare('SELECT due_at FROM outbox WHERE id = ?').get(id) as { due_at: number }).due_at;
    const opts = { sendRate: 4, pollMs: 50 };
    const first = startLane(new FakeSender(), opts);
    await settle();
    // NTP steps the clock back ten minutes while the server runs: the lane follows it.
    clock.t = T0 - 10 * MINUTE;
    first.wake();
    await settle();
    await new Promise((r) => setTimeout(r, 200));
    await first.stop();
    // Still an hour after it was queued, by the corrected clock.
    expect(dueAt()).toBe(T0 + 50 * MINUTE);
    // The server restarts a minute later (the clock has not caught up with the times written before the step).
    clock.t = T0 - 9 * MINUTE;
    startLane(new FakeSender(), opts);
    await settle();
    await new Promise((r) => setTimeout(r, 200));
    expect(dueAt()).toBe(T0 + 50 * MINUTE);
  });
});
