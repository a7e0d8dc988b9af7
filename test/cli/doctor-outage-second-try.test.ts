/**
 * doctor read FAIL for a check-in's reminder queued 50 minutes before it was
 * due whose two tries met a Twilio 500 seconds apart: with more than one
 * try, it measured the failures from the message's queueing (the first
 * try's time was not kept). Found in earlier sessions' notes. The first
 * failed try's time is kept now, and the failures are measured from it.
 */
import path from 'node:path';
import { classifyTwilioError } from '../../src/channels/twilio/twilio-errors';
import { runDoctor } from '../../src/cli/doctor';
import { ensureMember } from '../../src/store/members';
import { enqueueMessage } from '../../src/store/outbox';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { sendPass } from '../helpers/checkin-escalation';

const KEY = Buffer.alloc(32, 5).toString('base64');
const ROSE = '+14155550100';
const MIN = 60_000;
const twilio500 = () => classifyTwilioError({ status: 500, code: 0 });

async function lanes(w: BotWorld) {
  const results = await runDoctor({ NODE_ENV: 'test', DATA_DIR: path.dirname(w.file), HEADSUP_MASTER_KEY: KEY });
  return results.filter((r) => r.name === 'sms lane' || r.name === 'signal lane');
}

/** A reminder queued 50 minutes before it was due, its first try then meeting a Twilio 500; the time of that try. */
async function reminderFailedOnce(): Promise<{ w: BotWorld; firstTry: number }> {
  const w = await botWorld({}, Date.now() - 52 * MIN);
  const rose = ensureMember(w.db, w.vault, { channel: 'sms', address: ROSE, phone: ROSE }, 'en', w.clock.now);
  enqueueMessage(w.db, w.vault, rose.id, 'Heads Up: reminder', w.clock.now, { dueAt: w.clock.now + 50 * MIN });
  w.clock.now += 50 * MIN;
  const firstTry = w.clock.now;
  expect((await sendPass(w, 'sms', { [ROSE]: twilio500() })).calls).toHaveLength(1);
  return { w, firstTry };
}

/** Its next try, when due, meeting a 500 again. */
async function retryFails(w: BotWorld): Promise<void> {
  const { due } = w.db.sqlite.prepare("SELECT due_at AS due FROM outbox WHERE state = 'pending'").get() as { due: number };
  w.clock.now = Math.max(w.clock.now, due);
  expect((await sendPass(w, 'sms', { [ROSE]: twilio500() })).calls).toHaveLength(1);
}

describe('doctor and a message queued long before it was due, failing twice', () => {
  it('says nothing when its two failed tries are seconds apart', async () => {
    const { w, firstTry } = await reminderFailedOnce();
    await retryFails(w);
    const row = w.db.sqlite.prepare("SELECT attempts, error FROM outbox WHERE state = 'pending'").get();
    expect(row).toEqual({ attempts: 2, error: 'server:500' });
    // The retry came within /readyz's minute of the first try, or this test shows nothing.
    expect(w.clock.now - firstTry).toBeLessThan(60_000);
    expect(await lanes(w)).toEqual([]);
  });

  it('fails the lane once its tries have failed for more than a minute since the first', async () => {
    const { w } = await reminderFailedOnce();
    await retryFails(w);
    w.clock.now += 61_000;
    await retryFails(w);
    expect((await lanes(w)).map((r) => [r.name, r.ok])).toEqual([['sms lane', false]]);
  });
});
