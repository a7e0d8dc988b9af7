/**
 * doctor's warning that status callbacks are lost counted, among the "SMS
 * Twilio took", alert copies a discreet member's READ marked delivered
 * (store/outbox-withdrawals.ts copiesRead) though Twilio never took them:
 * queued, not yet sent. Twenty members reading an alert before its fan-out
 * reached them warned on a line that had sent nothing. Found by an earlier
 * session's notes. Only copies Twilio took count now.
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
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const readers = Array.from({ length: 20 }, (_, i) => `+1415555${3000 + i}`);

async function warning(w: BotWorld): Promise<Array<[boolean, boolean | undefined, string]>> {
  const results = await runDoctor({ NODE_ENV: 'test', DATA_DIR: path.dirname(w.file), HEADSUP_MASTER_KEY: KEY });
  return results.filter((r) => r.name === 'sms delivery reports').map((r) => [r.ok, r.warn, r.detail.slice(0, 40)]);
}

/** A line three hours back whose members are discreet; `readers` joined, and an alert planned for them, none of it sent. */
async function alertNotSent(): Promise<BotWorld> {
  const alerts: number[] = [];
  const w = await botWorld(
    { moderators: new Set([MOD]), moderatorContacts: [sms(MOD)], discreet: { byDefault: true, timerSeconds: 0 }, onAlert: (id) => alerts.push(id) },
    Date.now() - 3 * HOUR,
  );
  for (const phone of readers) w.sms(phone, 'JOIN 415');
  w.sms(MOD, 'ALERT 415 grey van, took my phone');
  for (let i = 0; i < 10 && !planNextRange(w.db, alerts[0] as number, w.clock.now).done; i++);
  return w;
}

/** Each reader reads the alert with READ before her copy was sent. */
function allRead(w: BotWorld): void {
  for (const phone of readers) expect(w.sms(phone, 'READ').reply).toContain('grey van');
  const marked = w.db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE alert_id IS NOT NULL AND state = 'delivered' AND sends = 0").get();
  expect(marked).toEqual({ n: readers.length });
}

describe("doctor on lost status callbacks, and READ of copies never sent", () => {
  it('says nothing when the only SMS "settled" are copies Twilio never took', async () => {
    const w = await alertNotSent();
    allRead(w);
    expect(await warning(w)).toEqual([]);
  });

  it('still warns of 20 SMS Twilio took with no callback: the copies never sent are no delivery either', async () => {
    const w = await alertNotSent();
    for (let i = 0; i < 20; i++) {
      const phone = `+1415555${2000 + i}`;
      enqueueMessage(w.db, w.vault, ensureMember(w.db, w.vault, sms(phone), 'en', w.clock.now).id, 'Heads Up: hello', w.clock.now);
    }
    // Those 20 go first (replies and notices before alerts' copies).
    let taken = 0;
    for (let pass = 0; pass < 5 && taken < 20; pass++) taken += (await sendPass(w, 'sms')).calls.filter((c) => !readers.includes(c.to)).length;
    expect(taken).toBe(20);
    w.clock.now += 10 * 60_000;
    allRead(w);
    expect(await warning(w)).toEqual([[true, true, '20 SMS Twilio took between 24 and 2 hour']]);
  });
});
