/**
 * A buddy who accepted over Signal (so escalations go to them by Signal) and
 * has since left Signal: the escalation was refused for good ("unregistered")
 * and no one learned it, while the member had been told "your buddies have
 * been told". The same text now goes to the buddy's number by SMS.
 */
import path from 'node:path';
import { AlertRenderer } from '../../src/alerts/render-alert';
import { createLogger } from '../../src/log/logger';
import { SendError } from '../../src/channels/types';
import { DEFAULT_DISPATCHER } from '../../src/outbox/dispatcher';
import { Lane } from '../../src/outbox/lane';
import { OutcomeWriter } from '../../src/outbox/outcome-writer';
import { runCheckinTimers } from '../../src/jobs/checkin-timers';
import { inviteBuddy, setBuddyStatus } from '../../src/store/buddies';
import { startCheckin } from '../../src/store/checkins';
import { Db } from '../../src/store/db';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { subscribe } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { FakeSender, settle } from '../helpers/fake-sender';
import { tempDir } from '../helpers/temp-dir';

const T0 = 1_800_000_000_000;
const HOUR = 3_600_000;

it('an escalation refused for good over Signal reaches the buddy by SMS', async () => {
  await cryptoReady();
  const vault = new Vault(new Uint8Array(32).fill(5));
  const db = new Db(path.join(tempDir(), 'heads-up.db'));
  migrate(db);
  const clock = { t: T0 };
  const rose = ensureMember(db, vault, { channel: 'sms', address: '+14155550100', phone: '+14155550100' }, 'en', T0).id;
  subscribe(db, rose, ['415'], T0);
  const link = db.transaction(() => inviteBuddy(db, vault, rose, { channel: 'signal', address: '+14155550188' }, 'Lily', 'en', T0));
  // Lily, asked over Signal, answered ACCEPT there: escalations reach her the same way (buddy-answers.ts accept()).
  db.transaction(() => setBuddyStatus(db, link, 'accepted', { channel: 'signal', lang: 'en' }));
  const due = T0 + 30 * 60_000;
  db.transaction(() => startCheckin(db, vault, rose, due, null, 'blue Honda', T0));
  expect(runCheckinTimers({ db, vault, fallback: 'none', moderatorContacts: [] }, due).escalated).toBe(1);
  clock.t = due + 1;
  const log = createLogger('debug', { write: () => undefined });
  const signal = new FakeSender([new SendError('invalid', 'unregistered')]);
  (signal as { channel: string }).channel = 'signal';
  const sms = new FakeSender();
  const writer = new OutcomeWriter(db, log, () => clock.t);
  const opts = { ...DEFAULT_DISPATCHER, pollMs: HOUR };
  const sigLane = new Lane(signal, { db, vault, log, now: () => clock.t, opts, writer, renderer: new AlertRenderer(db, vault) });
  const smsLane = new Lane(sms, { db, vault, log, now: () => clock.t, opts, writer, renderer: new AlertRenderer(db, vault) });
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
  db.close();
});
