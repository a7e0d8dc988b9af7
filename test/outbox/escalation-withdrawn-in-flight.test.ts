/**
 * A Signal escalation in flight when its buddy DECLINEs, sends DELETE or is
 * removed (BUDDY OFF) is withdrawn; Signal then refusing it for good must not
 * send it to that former buddy by SMS.
 */
import { SendError } from '../../src/channels/types';
import type { Channel } from '../../src/domain/channel';
import { createLogger } from '../../src/log/logger';
import { OutcomeWriter } from '../../src/outbox/outcome-writer';
import { BUDDY_UUID, missedCheckin } from '../helpers/checkin-escalation';
import { FakeSender, settle } from '../helpers/fake-sender';
import { laneOn } from '../helpers/lane-world';

const LILY = '+14155550177';
const ROSE = '+14155550100';

describe('an escalation in flight when its buddy leaves', () => {
  jest.setTimeout(10_000);
  it.each(['DECLINE', 'DELETE', 'BUDDY OFF'])('is not sent by SMS to the former buddy after Signal refuses it (%s)', async (word) => {
    const w = await missedCheckin('signal', [LILY]);
    const log = createLogger('debug', { write: () => undefined });
    const sender = new FakeSender([], true);
    (sender as { channel: Channel }).channel = 'signal';
    const writer = new OutcomeWriter(w.db, log, () => w.clock.now);
    const lane = laneOn({ db: w.db, vault: w.vault, log, now: () => w.clock.now, writer }, sender, { pollMs: 3_600_000 }, { smsSends: true });
    lane.start();
    await settle();
    expect(sender.calls.some((c) => c.to === LILY && c.body.includes('blue Honda'))).toBe(true);
    // While Signal holds the send, she leaves (or Rose removes her).
    if (word !== 'BUDDY OFF') w.bot.handle({ sender: { channel: 'signal', address: BUDDY_UUID, phone: LILY }, text: word, providerId: 'x1' }, 'outbox');
    else w.sms(ROSE, 'BUDDY OFF');
    // Signal refuses it for good: she left Signal.
    for (const c of [...sender.calls]) sender.answer(c.body.includes('blue Honda') ? new SendError('invalid', 'unregistered') : undefined);
    await settle();
    sender.release();
    await settle();
    writer.flush();
    await lane.stop();
    writer.flush();

    expect(w.direct(LILY).filter((m) => m.includes('blue Honda'))).toEqual([]);
  });
});
