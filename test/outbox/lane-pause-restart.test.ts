/**
 * A provider's pause of the whole account (Signal's rate limit naming its
 * wait) outlives a restart: the lane made again on the same database stays
 * paused for what is left of it, rather than sending a batch straight into
 * the limit. The restart here is a second lane on the same SQLite file.
 */
import { SendError } from '../../src/channels/types';
import { enqueueMessage, PRIORITY } from '../../src/store/outbox';
import { FakeSender, settle } from '../helpers/fake-sender';
import { clock, db, later, member, startLane, T0, useLaneWorld, vault } from '../helpers/lane-world';

const MINUTE = 60_000;

describe('a lane paused by its provider, restarted', () => {
  useLaneWorld();

  it('stays paused for the rest of the wait, then sends', async () => {
    for (let i = 0; i < 3; i++) enqueueMessage(db, vault, member, `alert ${i}: grey van`, T0, { priority: PRIORITY.bulk });
    // One send a second: the 429 comes back before anything else is sent.
    const first = startLane(new FakeSender([new SendError('throttled', '429', 10 * MINUTE)]), { sendRate: 1 });
    await settle();
    expect(first.pacer.paused).toBe(true);
    await first.stop();
    // The server starts again 4 minutes later.
    clock.t = T0 + 4 * MINUTE;
    const s = new FakeSender();
    const again = startLane(s, { sendRate: 1 });
    await settle();
    expect(s.calls).toHaveLength(0);
    await later(5 * MINUTE, again);
    expect(s.calls).toHaveLength(0);
    // The 10 minutes are over: what waited goes.
    await later(MINUTE + 1_000, again);
    expect(s.calls.length).toBeGreaterThan(0);
  });

  it('is not paused again once the pause was lifted (a captcha solved)', async () => {
    enqueueMessage(db, vault, member, 'alert: grey van', T0, { priority: PRIORITY.bulk });
    enqueueMessage(db, vault, member, 'alert: white truck', T0, { priority: PRIORITY.bulk });
    const first = startLane(new FakeSender([new SendError('throttled', '429', 10 * MINUTE)]), { sendRate: 1 });
    await settle();
    first.resume();
    await first.stop();
    const s = new FakeSender();
    startLane(s, { sendRate: 1 });
    await settle();
    expect(s.calls.length).toBeGreaterThan(0);
  });
});
