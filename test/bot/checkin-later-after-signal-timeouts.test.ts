/**
 * A buddy's Signal escalation whose sends time out (signal-cli may well have
 * delivered it) goes by SMS after its tries (a5b2484: three, or any once 20 s
 * have passed since it was queued); its Signal row, failed
 * "gave_up", no longer counts as gone (37e8202). LATER then takes back the SMS
 * still queued and tells her "no one had been told yet", though her buddy may
 * have had it three times on Signal, and is never told she is fine.
 */
import { SendError } from '../../src/channels/types';
import { missedCheckin, ROSE, sendPass } from '../helpers/checkin-escalation';

const LILY = '+14155550177';
const MIN = 60_000;
const timedOut = () => ({ [LILY]: new SendError('connection', 'ETIMEDOUT') });

describe('LATER after a Signal escalation timed out', () => {
  it('control: after one time-out, LATER does not say no one was told', async () => {
    const w = await missedCheckin('signal', [LILY]);
    await sendPass(w, 'signal', timedOut());
    expect(w.sms(ROSE, 'LATER 30').reply).not.toMatch(/no one had been told yet/);
  });

  it('after its time-outs and the SMS still queued, does not say no one was told either', async () => {
    const w = await missedCheckin('signal', [LILY]);
    let tries = 0;
    for (let i = 0; i < 4; i++) {
      tries += (await sendPass(w, 'signal', timedOut())).calls.filter((c) => c.to === LILY && c.body.includes('blue Honda')).length;
      w.clock.now += MIN;
    }
    // Two sends a minute apart (the second past 20 s: then SMS) that may each have reached her buddy.
    expect(tries).toBe(2);
    const reply = w.sms(ROSE, 'LATER 30').reply;
    expect(reply).not.toMatch(/no one had been told yet/);
  });
});
