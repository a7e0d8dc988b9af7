/**
 * CHECKIN sent while a guided report is still asking its questions (a draft
 * waits 30 minutes for its next answer) starts the check-in, and the
 * report's question stays open. It was taken for the report's answer: no
 * check-in ran (no buddy would have been told), and her date's details went
 * into the report.
 */
import { catalog } from '../../src/bot/catalog';
import { clockTime } from '../../src/bot/clock-time';
import { botWorld } from '../helpers/bot-world';

const ROSE = '+14155550100';
const BUDDY = '+14155550177';
const MIN = 60_000;
const t = catalog('en');

describe('CHECKIN during a guided report', () => {
  it('starts the check-in rather than answering "When did it happen?"', async () => {
    const w = await botWorld({ checkins: { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] } });
    w.sms(ROSE, 'JOIN');
    w.sms(ROSE, 'BUDDY 415-555-0177 Rose');
    expect(w.sms(BUDDY, 'ACCEPT').reply).toBe(t.buddyAccepted());
    w.sms(ROSE, 'REPORT');
    w.sms(ROSE, '7');
    // Ten minutes later she leaves the report be and goes on a date.
    w.clock.now += 10 * MIN;
    const reply = w.sms(ROSE, 'CHECKIN 60 blue Honda 415-555-0100').reply;
    expect(reply).toBe(t.checkinStarted(clockTime(w.clock.now + 60 * MIN), 'buddies', true));
    expect((w.db.sqlite.prepare('SELECT count(*) AS n FROM checkins').get() as { n: number }).n).toBe(1);
  });

  it("leaves the question open: the next answer is the report's", async () => {
    const w = await botWorld({ checkins: { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] } });
    w.sms(ROSE, 'JOIN');
    w.sms(ROSE, 'BUDDY 415-555-0177 Rose');
    w.sms(BUDDY, 'ACCEPT');
    w.sms(ROSE, 'REPORT');
    expect(w.sms(ROSE, '7').reply).toBe(t.reportAsk('when'));
    w.sms(ROSE, 'Check in 90');
    expect(w.sms(ROSE, 'last night').reply).toBe(t.reportAsk('where'));
  });
});
