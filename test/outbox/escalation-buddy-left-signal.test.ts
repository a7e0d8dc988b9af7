/**
 * A buddy who accepted over Signal (so escalations go to them by Signal) and
 * has since left Signal: the escalation was refused for good ("unregistered")
 * and no one learned it, while the member had been told "your buddies have
 * been told". The same text now goes to the buddy's number by SMS.
 */
import { createLogger } from '../../src/log/logger';
import { SendError } from '../../src/channels/types';
import { OutcomeWriter } from '../../src/outbox/outcome-writer';
import { runCheckinTimers } from '../../src/jobs/checkin-timers';
import { inviteBuddy, setBuddyStatus } from '../../src/store/buddies';
import { startCheckin } from '../../src/store/checkins';
import { FakeSender, settle } from '../helpers/fake-sender';
import { clock, db, HOUR, laneOn, member, T0, useLaneWorld, vault } from '../helpers/lane-world';

// The world's database, clock and member (Rose); the lanes are the test's own.
useLaneWorld();

it('an escalation refused for good over Signal reaches the buddy by SMS', async () => {
  const link = db.transaction(() => inviteBuddy(db, vault, member, { channel: 'signal', address: '+14155550188' }, 'Lily', 'en', T0));
  // Lily, asked over Signal, answered ACCEPT there: escalations reach her the same way (buddy-answers.ts accept()).
  db.transaction(() => setBuddyStatus(db, link, 'accepted', { channel: 'signal', lang: 'en' }));
  const due = T0 + 30 * 60_000;
  db.transaction(() => startCheckin(db, vault, member, due, null, 'blue Honda', T0));
  expect(runCheckinTimers({ db, vault, fallback: 'none', moderatorContacts: [] }, due).escalated).toBe(1);
  clock.t = due + 1;
  const log = createLogger('debug', { write: () => undefined });
  const signal = new FakeSender([new SendError('invalid', 'unregistered')]);
  (signal as { channel: string }).channel = 'signal';
  const sms = new FakeSender();
  // One writer for both lanes, as the dispatcher runs them.
  const writer = new OutcomeWriter(db, log, () => clock.t);
  const sigLane = laneOn({ db, vault, log, now: () => clock.t, writer }, signal, { pollMs: HOUR });
  const smsLane = laneOn({ db, vault, log, now: () => clock.t, writer }, sms, { pollMs: HOUR });
  sigLane.start();
  smsLane.start();
  await settle();
  writer.flush();
  smsLane.wake();
  await settle();
  clock.t += HOUR;
  sigLane.wake();
  smsLane.wake();
  await settle();
  writer.flush();
  await sigLane.stop();
  await smsLane.stop();
  expect(signal.calls.map((c) => c.to)).toEqual(['+14155550188']);
  const toLilyBySms = sms.calls.filter((c) => c.to === '+14155550188');
  expect(toLilyBySms).toHaveLength(1);
  expect(toLilyBySms[0]?.body).toBe(signal.calls[0]?.body);
  expect(toLilyBySms[0]?.body).toContain('blue Honda');
});
