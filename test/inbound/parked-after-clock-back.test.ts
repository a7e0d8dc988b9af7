/**
 * Her OK, parked after its first handling failed (due again 5 s later),
 * then NTP steps the wall clock back 10 minutes. Her check-in's deadline
 * moves back by the step; the parked OK's due time must too, or it waits
 * 10 minutes while her deadline passes and her buddies are told.
 */
import { catalog } from '../../src/bot/catalog';
import type { CheckinRules } from '../../src/bot/line-rules';
import { InboundPath } from '../../src/inbound/inbound-path';
import { createLogger } from '../../src/log/logger';
import { Metrics } from '../../src/metrics';
import { parkItem } from '../../src/store/inbound-retry';
import { botWorld } from '../helpers/bot-world';

const ROSE = '+14155550100';
const BUDDY = '+14155550177';
const MIN = 60_000;
const RULES: CheckinRules = { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] };
const t = catalog('en');
const log = createLogger('silent');

it('a parked OK is tried again 5 s after it failed, though the clock stepped back meanwhile', async () => {
  const w = await botWorld({ checkins: RULES });
  const path = new InboundPath({ message: w.bot.message, log, metrics: new Metrics(w.db), now: () => w.clock.now, retry: { firstMs: 5_000, maxMs: 60_000, maxAttempts: 4, pollMs: 60_000 } });
  try {
    w.sms(ROSE, 'JOIN');
    w.sms(ROSE, 'BUDDY 415-555-0177 Rose');
    w.sms(BUDDY, 'ACCEPT');
    w.sms(ROSE, 'CHECKIN 30 blue Honda');
    w.clock.now += 20 * MIN;
    // The retries read the clock (nothing due yet); her OK fails and is parked, due 5 s on.
    expect(path.retryDue()).toBe(0);
    const sender = { channel: 'sms' as const, address: ROSE, phone: ROSE };
    parkItem(w.db, w.vault, 'sms', JSON.stringify({ sender, text: 'OK', providerId: 'SMparkedok1' }), w.clock.now, w.clock.now + 5_000);
    // NTP steps the clock back 10 minutes as the retries look (not due yet); 5 s later they look again.
    w.clock.now -= 10 * MIN;
    expect(path.retryDue()).toBe(0);
    w.clock.now += 5_000;
    expect(path.retryDue()).toBe(1);
    expect((w.db.stmt('SELECT COUNT(*) AS n FROM inbound_retry').get() as { n: number }).n).toBe(0);
    // Handled in time: her check-in ended, no escalation.
    expect(w.queued({ channel: 'sms', address: ROSE, phone: ROSE }).map((m) => m.text).at(-1)).toBe(t.checkinOk());
  } finally {
    path.close();
  }
});
