/**
 * A buddy linked on Signal whose escalation went by SMS (Signal refused
 * her, or was down) is told by SMS that the member is safe, as she was told
 * of the alarm: before, the all-clear went over Signal only, where it was
 * refused for good or waited for signal-cli, while the member read "We've
 * told them you checked in". And an all-clear queued over Signal goes by
 * SMS on the rules of an escalation.
 */
import { SendError } from '../../src/channels/types';
import { moveEscalationsToSms } from '../../src/store/escalation-sms';
import { missedCheckin, ROSE, sendPass } from '../helpers/checkin-escalation';
import type { BotWorld } from '../helpers/bot-world';

const LILY = '+14155550177';
const MIN = 60_000;
const ALL_CLEAR = 'has checked in and is OK';
const down = () => ({ [LILY]: new SendError('connection', 'ECONNREFUSED') });
const unregistered = () => ({ [LILY]: new SendError('invalid', 'unregistered') });

/** What Lily got by SMS in one pass of the SMS lane. */
async function smsToLily(w: BotWorld): Promise<string[]> {
  return (await sendPass(w, 'sms')).calls.filter((c) => c.to === LILY).map((c) => c.body);
}

/** Signal passes a minute apart, refusing Lily with `refusal`, until her escalation went by SMS. */
async function signalFailsUntilSms(w: BotWorld, refusal: () => Record<string, SendError>): Promise<string[]> {
  for (let i = 0; i < 5; i++) {
    await sendPass(w, 'signal', refusal());
    w.clock.now += MIN;
  }
  return smsToLily(w);
}

describe("a Signal buddy's all-clear follows the alarm", () => {
  it('goes by SMS, and not over Signal, to a buddy Signal refused for good', async () => {
    const w = await missedCheckin('signal', [LILY]);
    expect((await signalFailsUntilSms(w, unregistered)).join()).toContain('blue Honda');

    expect(w.sms(ROSE, 'OK').reply).toBe("Heads Up: glad you're safe. We've told them you checked in.");
    const overSignal = (await sendPass(w, 'signal', unregistered())).calls.filter((c) => c.to === LILY && c.body.includes(ALL_CLEAR));
    expect(overSignal).toEqual([]);
    expect(await smsToLily(w)).toEqual(['Heads Up: Rose has checked in and is OK.']);
  });

  it('goes by SMS at once while signal-cli is still down', async () => {
    const w = await missedCheckin('signal', [LILY]);
    expect((await signalFailsUntilSms(w, down)).join()).toContain('blue Honda');

    expect(w.sms(ROSE, 'OK').reply).toBe("Heads Up: glad you're safe. We've told them you checked in.");
    expect(await smsToLily(w)).toEqual(['Heads Up: Rose has checked in and is OK.']);
    // signal-cli back an hour on: she is not told twice.
    w.clock.now += 60 * MIN;
    expect((await sendPass(w, 'signal')).calls.filter((c) => c.to === LILY && c.body.includes(ALL_CLEAR))).toEqual([]);
  });

  it('queued over Signal after an alarm sent there, goes by SMS once signal-cli keeps failing', async () => {
    const w = await missedCheckin('signal', [LILY]);
    expect((await sendPass(w, 'signal')).calls.filter((c) => c.to === LILY && c.body.includes('blue Honda'))).toHaveLength(1);
    w.sms(ROSE, 'OK');
    expect(await smsToLily(w)).toEqual([]);

    const bySms = await signalFailsUntilSms(w, down);
    expect(bySms).toEqual(['Heads Up: Rose has checked in and is OK.']);
    expect(await smsToLily(w)).toEqual([]);
  });

  it('queued over Signal while the Signal lane is held, moves to SMS with the escalations', async () => {
    const w = await missedCheckin('signal', [LILY]);
    await sendPass(w, 'signal');
    w.sms(ROSE, 'OK');

    expect(moveEscalationsToSms(w.db, w.vault, w.clock.now)).toBe(1);
    expect((await smsToLily(w)).filter((b) => b.includes(ALL_CLEAR))).toHaveLength(1);
    expect((await sendPass(w, 'signal')).calls.filter((c) => c.to === LILY && c.body.includes(ALL_CLEAR))).toEqual([]);
  });
});
