/**
 * A Signal rate-limit pause (429 / proof required, for hours) or a held lane
 * uses up no tries: a buddy's escalation waiting on Signal goes by SMS at
 * once, as alert copies for members also on SMS do (lane.ts twinsToSms).
 */
import { SendError } from '../../src/channels/types';
import { missedCheckin, sendPass } from '../helpers/checkin-escalation';

const LILY = '+14155550177';
const MIN = 60_000;

describe('a Signal escalation while Signal pauses the line (429, retry after 6 hours)', () => {
  it('goes to the buddy by SMS within a few minutes', async () => {
    const w = await missedCheckin('signal', [LILY]);
    for (let i = 0; i < 5; i++) {
      await sendPass(w, 'signal', { [LILY]: new SendError('throttled', '429', 6 * 60 * MIN) });
      w.clock.now += MIN;
    }
    const bySms = (await sendPass(w, 'sms')).calls.filter((c) => c.to === LILY && c.body.includes('blue Honda'));
    expect(bySms).toHaveLength(1);
  });

  it('waits on Signal when the line sends no SMS', async () => {
    const w = await missedCheckin('signal', [LILY]);
    for (let i = 0; i < 3; i++) {
      await sendPass(w, 'signal', { [LILY]: new SendError('throttled', '429', 6 * 60 * MIN) }, { smsSends: false });
      w.clock.now += MIN;
    }
    expect((await sendPass(w, 'sms')).calls.filter((c) => c.to === LILY)).toEqual([]);
    // Still waiting on Signal for the pause to end.
    expect(w.db.sqlite.prepare(
      "SELECT count(*) AS n FROM outbox o JOIN checkin_messages c ON c.outbox_id = o.id AND c.kind = 'escalation' WHERE o.channel = 'signal' AND o.state = 'pending'",
    ).get()).toEqual({ n: 1 });
  });
});
