/**
 * A buddy who accepted over Signal, her escalation moved to SMS (Signal
 * held), and that SMS copy itself meeting her number's carrier opt-out
 * (Twilio 21610): reported by the status callback after Twilio took it, or
 * refused at send. Her link over Signal stands: the escalation goes back to
 * Signal, as a copy still waiting does on her SMS STOP, and Rose is not told
 * her buddy could not be reached while it tries there.
 */
import { catalog } from '../../src/bot/catalog';
import { SendError } from '../../src/channels/types';
import { moveEscalationsToSms } from '../../src/store/escalation-sms';
import type { BotWorld } from '../helpers/bot-world';
import { botWorld } from '../helpers/bot-world';
import { ROSE, finalStatus, sendPass, timers } from '../helpers/checkin-escalation';

const BUDDY = '+14155550177';
const BUDDY_UUID = '7d8e9f0a-1b2c-4d3e-8f4a-000000000182';
const MIN = 60_000;
const t = catalog('en');

/** Rose's buddy accepted over Signal (or, `via` 'sms', by SMS); her check-in ran out, and, Signal held, her escalation went to SMS. */
async function movedToSms(via: 'sms' | 'signal' = 'signal'): Promise<BotWorld> {
  const w = await botWorld({ checkins: { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms', 'signal'] } });
  w.sms(ROSE, 'JOIN 415');
  if (via === 'signal') {
    w.sms(ROSE, `BUDDY SIGNAL ${BUDDY} Rose`);
    w.bot.handle({ sender: { channel: 'signal', address: BUDDY_UUID, phone: BUDDY }, text: 'ACCEPT', providerId: 'sig-1' });
    w.sms(ROSE, 'CHECKIN 30 blue Honda');
    w.clock.now += 31 * MIN;
    expect(timers(w).escalated).toBe(1);
    expect(moveEscalationsToSms(w.db, w.vault, w.clock.now)).toBe(1);
  } else {
    w.sms(ROSE, `BUDDY ${BUDDY} Rose`);
    expect(w.sms(BUDDY, 'ACCEPT').reply).toBe(t.buddyAccepted());
    w.sms(ROSE, 'CHECKIN 30 blue Honda');
    w.clock.now += 31 * MIN;
    expect(timers(w).escalated).toBe(1);
  }
  return w;
}

/** How many of what a `channel` lane pass sent her carry Rose's details. */
async function escalationsTo(w: BotWorld, channel: 'sms' | 'signal'): Promise<number> {
  const sent = await sendPass(w, channel);
  return sent.calls.filter((c) => c.to === BUDDY && c.body.includes('blue Honda')).length;
}

/** The SMS lane takes her escalation, and Twilio reports 21610 for it. */
async function optedOutAfterTaken(w: BotWorld): Promise<void> {
  const sms = await sendPass(w, 'sms');
  expect(sms.calls.filter((c) => c.to === BUDDY && c.body.includes('blue Honda'))).toHaveLength(1);
  finalStatus(w, sms, BUDDY, 'undelivered', '21610');
}

/** The SMS lane tries her escalation, and Twilio refuses it with 21610. */
async function optedOutAtSend(w: BotWorld): Promise<void> {
  const sms = await sendPass(w, 'sms', { [BUDDY]: new SendError('stopped', '21610') });
  expect(sms.calls.filter((c) => c.to === BUDDY && c.body.includes('blue Honda'))).toHaveLength(1);
}

describe.each([
  ['reported by the status callback after Twilio took it', optedOutAfterTaken],
  ['refused at send', optedOutAtSend],
])('the SMS copy of a Signal buddy escalation meets her carrier opt-out (21610), %s', (_how, optOut) => {
  it('goes back to Signal, and reaches her there', async () => {
    const w = await movedToSms();
    await optOut(w);
    w.clock.now += MIN;
    expect(await escalationsTo(w, 'signal')).toBe(1);
  });

  it('Rose is not told her buddy could not be reached while it tries over Signal', async () => {
    const w = await movedToSms();
    await optOut(w);
    expect(timers(w).unreached).toBe(0);
  });

  it('the copy fails as gone back to Signal, its number and text erased; no SMS is tried again', async () => {
    const w = await movedToSms();
    await optOut(w);
    const copies = w.db.sqlite
      .prepare("SELECT o.state, o.error, o.address_ct, o.body_ct FROM outbox o JOIN checkin_messages c ON c.outbox_id = o.id AND c.kind = 'escalation' WHERE o.channel = 'sms'")
      .all();
    expect(copies).toEqual([{ state: 'failed', error: 'signal_instead', address_ct: null, body_ct: null }]);
    w.clock.now += MIN;
    expect(await escalationsTo(w, 'sms')).toBe(0);
  });
});

describe('an SMS copy that meets 21610 goes back to Signal only for a link accepted over Signal', () => {
  it('a buddy who accepted by SMS: nothing goes over Signal, and Rose is told she could not be reached', async () => {
    const w = await movedToSms('sms');
    await optedOutAfterTaken(w);
    w.clock.now += MIN;
    expect(await escalationsTo(w, 'signal')).toBe(0);
    expect(timers(w).unreached).toBe(1);
  });

  it("Rose's BUDDY OFF of her while the SMS copy was at Twilio: nothing goes over Signal", async () => {
    const w = await movedToSms();
    const sms = await sendPass(w, 'sms');
    w.sms(ROSE, `BUDDY OFF ${BUDDY}`);
    finalStatus(w, sms, BUDDY, 'undelivered', '21610');
    w.clock.now += MIN;
    expect(await escalationsTo(w, 'signal')).toBe(0);
  });
});
