/**
 * A buddy's STOP ended her link, and her member was told she left. An
 * escalation of that link still waiting (a version before this one stopped
 * links without withdrawing it) must not go to her number once she comes
 * back with JOIN: the link her JOIN erases takes its escalations with it.
 */
import { recordBuddyStop } from '../../src/store/buddy-stops';
import { ROSE, roseAndTwoChannelBuddy, sendPass, timers } from '../helpers/checkin-escalation';

const BUDDY = '+14155550177';
const BUDDY_UUID = '7d8e9f0a-1b2c-4d3e-8f4a-000000000183';
const MIN = 60_000;

const world = () => roseAndTwoChannelBuddy(BUDDY, BUDDY_UUID, true);

it('her STOP over Signal as a version before this one kept it, the escalation left waiting: her JOIN there does not send it', async () => {
  const { w, signal } = await world();
  w.sms(ROSE, 'CHECKIN 30 blue Honda');
  w.clock.now += 31 * MIN;
  expect(timers(w).escalated).toBe(1);
  // As that version's STOP over Signal left it: her stop kept, her link stopped, its escalation still waiting.
  recordBuddyStop(w.db, w.vault, BUDDY, 'signal', w.clock.now);
  w.db.sqlite.prepare("UPDATE buddies SET status = 'stopped'").run();
  signal('JOIN 415');
  const sent = await sendPass(w, 'signal');
  expect(sent.calls.filter((c) => c.to === BUDDY && c.body.includes('blue Honda'))).toEqual([]);
});
