/**
 * doctor measured a lane's failures from the oldest failing message's
 * queueing: a check-in's reminder queued 50 minutes before it was due, whose
 * only try met one Twilio 500, read FAIL "the oldest waiting 50 minutes"
 * while /readyz said nothing (found by a hunt on the operator's tools). The
 * failures now start at that try: one 5xx is a blip, as /readyz holds.
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

/** A reminder queued now for 50 minutes on, and its first try, when due, meeting one Twilio 500. */
async function reminderBlip(): Promise<BotWorld> {
  const w = await botWorld({}, Date.now() - 52 * MIN);
  const rose = ensureMember(w.db, w.vault, { channel: 'sms', address: ROSE, phone: ROSE }, 'en', w.clock.now);
  enqueueMessage(w.db, w.vault, rose.id, 'Heads Up: reminder', w.clock.now, { dueAt: w.clock.now + 50 * MIN });
  w.clock.now += 50 * MIN;
  await sendPass(w, 'sms', { [ROSE]: twilio500() });
  return w;
}

describe('doctor and a message queued long before it was due', () => {
  it('says nothing of one 5xx on its first try: the failures began then, not at its queueing', async () => {
    const w = await reminderBlip();
    expect(w.db.sqlite.prepare("SELECT error FROM outbox WHERE state = 'pending'").get()).toEqual({ error: 'server:500' });
    expect(await lanes(w)).toEqual([]);
  });

  it('fails the lane once its tries have failed for a minute, as /readyz does', async () => {
    const w = await reminderBlip();
    w.clock.now += 61_000;
    await sendPass(w, 'sms', { [ROSE]: twilio500() });
    expect((await lanes(w)).map((r) => [r.name, r.ok])).toEqual([['sms lane', false]]);
  });
});
