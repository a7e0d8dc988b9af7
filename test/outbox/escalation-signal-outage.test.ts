/**
 * A buddy's Signal escalation while signal-cli is down (each send refused
 * with a transient error), on a line that also sends SMS: an escalation is
 * urgent, so after its first few tries it goes to the buddy's number by SMS,
 * once, and Signal stops trying it (never both). Before, it was retried over
 * Signal for up to a day before any SMS.
 */
import { SendError } from '../../src/channels/types';
import { missedCheckin, sendPass } from '../helpers/checkin-escalation';

const LILY = '+14155550177';
const MIN = 60_000;
const refused = () => ({ [LILY]: new SendError('connection', 'ECONNREFUSED') });

describe('a Signal escalation while signal-cli is down', () => {
  it('goes to the buddy by SMS after its first few tries, once, and Signal stops trying it', async () => {
    const w = await missedCheckin('signal', [LILY]);
    let signalTries = 0;
    for (let i = 0; i < 5; i++) {
      signalTries += (await sendPass(w, 'signal', refused())).calls.filter((c) => c.to === LILY && c.body.includes('blue Honda')).length;
      w.clock.now += MIN;
    }
    const bySms = async () => (await sendPass(w, 'sms')).calls.filter((c) => c.to === LILY && c.body.includes('blue Honda')).length;

    expect(await bySms()).toBe(1);
    expect(signalTries).toBeLessThanOrEqual(3);
    // An hour on, signal-cli back: nothing more goes to her buddy on either channel.
    w.clock.now += 60 * MIN;
    expect((await sendPass(w, 'signal')).calls.filter((c) => c.body.includes('blue Honda'))).toEqual([]);
    expect(await bySms()).toBe(0);
  });
});
