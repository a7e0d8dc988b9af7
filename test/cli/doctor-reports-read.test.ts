/**
 * doctor's warning that status callbacks are lost counted any delivery not
 * fetched by the status poller as proof that callbacks arrive. Found by a
 * hostile review: a discreet member's READ marks her alert's copy delivered
 * with no callback, so one READ a day kept doctor silent on a line whose
 * callbacks are broken. Such a copy is now counted as settled without a
 * callback.
 */
import path from 'node:path';
import { runDoctor } from '../../src/cli/doctor';
import type { Sender } from '../../src/phone/identity';
import { planNextRange } from '../../src/store/alerts';
import { ensureMember } from '../../src/store/members';
import { enqueueMessage } from '../../src/store/outbox';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { sendPass } from '../helpers/checkin-escalation';

const KEY = Buffer.alloc(32, 5).toString('base64');
const HOUR = 3_600_000;
const MOD = '+14155550199';
const ROSA = '+14155550101';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

async function warning(w: BotWorld): Promise<Array<[boolean, boolean | undefined, string]>> {
  const results = await runDoctor({ NODE_ENV: 'test', DATA_DIR: path.dirname(w.file), HEADSUP_MASTER_KEY: KEY });
  return results.filter((r) => r.name === 'sms delivery reports').map((r) => [r.ok, r.warn, r.detail.slice(0, 40)]);
}

describe("doctor on lost status callbacks, and a discreet member's READ", () => {
  it('still warns when the only delivery since is a copy her READ marked', async () => {
    const alerts: number[] = [];
    const w = await botWorld(
      { moderators: new Set([MOD]), moderatorContacts: [sms(MOD)], discreet: { byDefault: true, timerSeconds: 0 }, onAlert: (id) => alerts.push(id) },
      Date.now() - 3 * HOUR,
    );
    // 20 SMS Twilio took three hours ago, no callback since.
    for (let i = 0; i < 20; i++) {
      const phone = `+1415555${2000 + i}`;
      enqueueMessage(w.db, w.vault, ensureMember(w.db, w.vault, sms(phone), 'en', w.clock.now).id, 'Heads Up: hello', w.clock.now);
    }
    let taken = 0;
    for (let pass = 0; pass < 5 && taken < 20; pass++) taken += (await sendPass(w, 'sms')).calls.length;
    expect(taken).toBe(20);
    // Rosa, discreet, gets an alert's notice 90 minutes ago and reads it with READ ten minutes later.
    w.clock.now += 90 * 60_000;
    w.sms(ROSA, 'JOIN 415');
    w.sms(MOD, 'ALERT 415 grey van, took my phone');
    for (let i = 0; i < 10 && !planNextRange(w.db, alerts[0] as number, w.clock.now).done; i++);
    expect((await sendPass(w, 'sms')).calls.filter((c) => c.to === ROSA)).toHaveLength(1);
    w.clock.now += 10 * 60_000;
    expect(w.sms(ROSA, 'READ').reply).toContain('grey van');
    expect(await warning(w)).toEqual([[true, true, '20 SMS Twilio took between 24 and 2 hour']]);
  });
});
