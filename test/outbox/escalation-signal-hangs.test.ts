/**
 * A buddy's Signal escalation while signal-cli accepts connections and never
 * answers: each send ends in the sender's 30 s time-out. Three such tries,
 * with the backoff between them, took about 104 s before the SMS fallback;
 * an escalation goes by SMS once 20 s have passed since it was queued and a
 * try has failed, so it reaches the buddy some 30 s after the deadline.
 */
import { SendError } from '../../src/channels/types';
import { missedCheckin, sendPass } from '../helpers/checkin-escalation';

const LILY = '+14155550177';
/** SignalSender's default time-out. */
const TIMEOUT_MS = 30_000;

describe('a Signal escalation while signal-cli hangs (accepts, never answers)', () => {
  it('goes to the buddy by SMS within about 30 seconds of the deadline, after one timed-out try', async () => {
    const w = await missedCheckin('signal', [LILY]);
    const deadline = w.clock.now;
    const smsRows = () =>
      (w.db.sqlite.prepare("SELECT count(*) AS n FROM outbox o JOIN checkin_messages c ON c.outbox_id = o.id AND c.kind = 'escalation' WHERE o.channel = 'sms'").get() as { n: number }).n;
    let smsAt: number | null = null;
    let tries = 0;
    for (let step = 0; step < 400 && smsAt === null; step++) {
      const due = w.db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE channel = 'signal' AND state = 'pending' AND due_at <= ?").get(w.clock.now) as { n: number };
      if (due.n > 0) {
        // The hung request takes the whole time-out, then fails as a connection error.
        w.clock.now += TIMEOUT_MS;
        tries += (await sendPass(w, 'signal', { [LILY]: new SendError('connection', 'ECONNABORTED') })).calls.filter((c) => c.to === LILY && c.body.includes('blue Honda')).length;
      }
      if (smsRows() > 0) smsAt = w.clock.now;
      w.clock.now += 1_000;
    }
    expect(tries).toBe(1);
    expect(smsAt).not.toBeNull();
    expect((smsAt as number) - deadline).toBeLessThanOrEqual(31_000);
  });
});
