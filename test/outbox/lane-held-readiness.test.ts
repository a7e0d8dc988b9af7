/**
 * What a lane says of its hold to /readyz (`held`): only while messages wait
 * that the hold keeps back. A hold whose message left unsent (she texted
 * STOP, it was erased) with nothing else waiting is not reported: nothing
 * tries the provider then, and the operator may have fixed it. A hold from
 * before a restart is: its message waits, last refused for the line's fault.
 */
import { SendError } from '../../src/channels/types';
import { enqueueMessage, enqueueReply, eraseWaitingTo } from '../../src/store/outbox';
import { FakeSender, settle } from '../helpers/fake-sender';
import { db, HOUR, later, makeLane, member, row, startLane, T0, useLaneWorld, vault, writer } from '../helpers/lane-world';

const HOLD = { lineBackoff: { baseMs: 60_000, maxMs: 120_000 } };
const STRANGER = '+14155550177';
const OTHER = '+14155550178';

describe("a lane's hold, as /readyz reads it", () => {
  useLaneWorld();

  it('is not reported once the held message left unsent (her STOP) and nothing waits, though the lane tried nothing since', async () => {
    const id = enqueueMessage(db, vault, member, 'only', T0);
    const s = new FakeSender([new SendError('line', '21212')]);
    const l = startLane(s, HOLD);
    await settle();
    expect(l.held).toBe(true);
    db.sqlite.prepare("UPDATE members SET status = 'stopped' WHERE id = ?").run(member);
    await later(HOUR, l);
    expect(row(id)).toMatchObject({ state: 'failed', error: 'recipient_stopped' });
    expect(s.calls).toHaveLength(1);
    expect(l.held).toBe(false);
  });

  it('is reported while another message waits behind the hold, untried, after the held one was erased', async () => {
    const first = enqueueReply(db, vault, { channel: 'sms', address: STRANGER }, 'first', T0);
    const s = new FakeSender([new SendError('line', '21212')]);
    const l = startLane(s, HOLD);
    await settle();
    const second = enqueueReply(db, vault, { channel: 'sms', address: OTHER }, 'second', T0);
    l.wake();
    await settle();
    expect(db.transaction(() => eraseWaitingTo(db, vault, [STRANGER]))).toBe(1);
    expect(row(first)).toBeUndefined();
    expect(row(second)).toMatchObject({ state: 'pending', error: null });
    expect(l.held).toBe(true);
  });

  it('is reported by a lane made after a restart while the message refused for the line waits, until it goes through', async () => {
    const id = enqueueMessage(db, vault, member, 'only', T0);
    const before = startLane(new FakeSender([new SendError('line', '21212')]), HOLD);
    await settle();
    await before.stop();
    writer?.flush();
    expect(row(id)).toMatchObject({ state: 'pending', error: 'line:21212' });
    const after = makeLane(new FakeSender(), HOLD);
    expect(after.held).toBe(true);
    after.start();
    await settle();
    expect(row(id).state).toBe('sent');
    expect(after.held).toBe(false);
  });
});
