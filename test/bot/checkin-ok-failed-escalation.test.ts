/**
 * OK after a missed check-in tells the buddies who may have heard that she
 * missed it. A buddy whose escalation failed for good (a final status
 * after the unreachable retries, sends that timed out until they were given
 * up) never got "she missed her check-in": "she checked in and is OK" would
 * only puzzle or alarm them, and tell them of a check-in she never meant
 * them to hear of. The buddy it reached is told, as before; a day on too
 * (the escalation's rows erased, who heard kept).
 */
import { catalog } from '../../src/bot/catalog';
import { SendError } from '../../src/channels/types';
import { runRetention } from '../../src/jobs/retention';
import type { BotWorld } from '../helpers/bot-world';
import { finalStatus, missedCheckin, ROSE, sendPass, timers } from '../helpers/checkin-escalation';

const LILY = '+14155550177';
const JO = '+12125550142';
const MIN = 60_000;
const t = catalog('en');

/** Rose's escalation to LILY fails for good, the one to JO is delivered. */
const lilyFails: Array<[string, (w: BotWorld) => Promise<void>]> = [
  [
    'a final status after the unreachable retries (30003, then 30005)',
    async (w) => {
      const sms = await sendPass(w, 'sms');
      finalStatus(w, sms, JO, 'delivered', '');
      // Her phone is off: tried again while fresh, then Twilio gives up.
      finalStatus(w, sms, LILY, 'undelivered', '30003');
      w.clock.now += 60 * MIN;
      finalStatus(w, await sendPass(w, 'sms'), LILY, 'undelivered', '30005');
    },
  ],
  [
    'sends that timed out until they were given up',
    async (w) => {
      const timeout = { [LILY]: new SendError('connection', 'ETIMEDOUT') };
      const opts = { backoff: { baseMs: 1_000, maxMs: 1_000, maxAttempts: 1 }, maxAgeMs: 30 * MIN };
      finalStatus(w, await sendPass(w, 'sms', timeout, { opts }), JO, 'delivered', '');
      w.clock.now += 60 * MIN;
      await sendPass(w, 'sms', timeout, { opts });
    },
  ],
];

/** The states of the escalation's messages, by state. */
const escalations = (w: BotWorld) =>
  (w.db.sqlite.prepare("SELECT o.state FROM checkin_messages c JOIN outbox o ON o.id = c.outbox_id WHERE c.kind = 'escalation' ORDER BY o.state").all() as Array<{ state: string }>).map(
    (r) => r.state,
  );

describe('OK after an escalation that failed for good to one buddy', () => {
  it.each(lilyFails)('%s: tells only the buddy it reached', async (_, fail) => {
    const w = await missedCheckin('sms', [LILY, JO]);
    await fail(w);
    expect(escalations(w)).toEqual(['delivered', 'failed']);
    timers(w);
    const [toLily, toJo] = [w.direct(LILY).length, w.direct(JO).length];

    expect(w.sms(ROSE, 'OK').reply).toBe(t.checkinOkLate());

    expect(w.direct(LILY)).toHaveLength(toLily);
    expect(w.direct(JO).slice(toJo)).toEqual([t.checkinOkBuddy('Rose')]);
  });

  it('a day on, when who heard is all that is kept, still tells only the buddy it reached', async () => {
    const w = await missedCheckin('sms', [LILY, JO]);
    const sms = await sendPass(w, 'sms');
    finalStatus(w, sms, JO, 'delivered', '');
    finalStatus(w, sms, LILY, 'undelivered', '30005');
    timers(w);
    w.clock.now += 25 * 60 * MIN;
    runRetention(w.db, 90, w.clock.now);
    expect(w.direct(LILY)).toEqual([]);

    expect(w.sms(ROSE, 'OK').reply).toBe(t.checkinOkLate());

    expect(w.direct(LILY)).toEqual([]);
    expect(w.direct(JO)).toEqual([t.checkinOkBuddy('Rose')]);
  });
});
