/**
 * Lost Twilio status callbacks (a proxy dropping POST /webhooks/twilio/status):
 * the line never asks Twilio for a message's status, so every SMS stays 'sent'
 * in silence. doctor warns when many SMS taken hours ago have no report and
 * none was delivered; /metrics shows the delivery-report counter at 0 from the
 * start rather than not at all.
 */
import path from 'node:path';
import { runDoctor } from '../../src/cli/doctor';
import { Metrics } from '../../src/metrics';
import type { Sender } from '../../src/phone/identity';
import { ensureMember } from '../../src/store/members';
import { enqueueMessage } from '../../src/store/outbox';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { finalStatus, sendPass } from '../helpers/checkin-escalation';

const KEY = Buffer.alloc(32, 5).toString('base64');
const HOUR = 3_600_000;
const numbers = (n: number) => Array.from({ length: n }, (_, i) => `+1415555${1000 + i}`);

/** `n` SMS Twilio took `hoursAgo` hours ago, none reported on; the provider that took them. */
async function sentAgo(hoursAgo: number, n: number) {
  const w = await botWorld({}, Date.now() - hoursAgo * HOUR);
  for (const to of numbers(n)) {
    const sender: Sender = { channel: 'sms', address: to, phone: to };
    enqueueMessage(w.db, w.vault, ensureMember(w.db, w.vault, sender, 'en', w.clock.now).id, 'Heads Up: hello', w.clock.now);
  }
  // SEND_RATE's 10 a second: a second pass a second on for the rest.
  const provider = await sendPass(w, 'sms');
  w.clock.now += 1_000;
  const more = await sendPass(w, 'sms');
  provider.calls.push(...more.calls);
  expect(w.db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'sent'").get()).toEqual({ n: n });
  return { w, provider };
}

async function reports(w: BotWorld) {
  const results = await runDoctor({ NODE_ENV: 'test', DATA_DIR: path.dirname(w.file), HEADSUP_MASTER_KEY: KEY });
  return results.filter((r) => r.name === 'sms delivery reports');
}

describe('doctor on lost delivery reports', () => {
  it('warns when 20 SMS taken 3 hours ago have had no report and none was delivered, never naming a number', async () => {
    const { w } = await sentAgo(3, 20);
    const said = await reports(w);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatchObject({ ok: true, warn: true });
    expect(said[0]!.detail).toMatch(/^20 SMS Twilio took between 24 and 2 hours ago and no delivery report since: status callbacks may not reach PUBLIC_URL\/webhooks\/twilio\/status/);
    expect(JSON.stringify(said)).not.toMatch(/555\d{4}/);
  });

  it('says nothing once one of them was reported delivered: the callbacks arrive', async () => {
    const { w, provider } = await sentAgo(3, 20);
    finalStatus(w, provider, numbers(1)[0]!, 'delivered', '', 'hello');
    expect(await reports(w)).toEqual([]);
  });

  it('says nothing of fewer than 20, nor of sends under 2 hours old', async () => {
    expect(await reports((await sentAgo(3, 19)).w)).toEqual([]);
    expect(await reports((await sentAgo(1, 20)).w)).toEqual([]);
  });
});

describe('the delivery-report counter', () => {
  it('is in /metrics at 0 for each status before any report came', async () => {
    const w = await botWorld({}, Date.now());
    const text = await new Metrics(w.db).registry.metrics();
    for (const status of ['delivered', 'failed', 'undelivered', 'progress']) expect(text).toMatch(new RegExp(`^headsup_delivery_reports_total\\{status="${status}"\\} 0$`, 'm'));
  });
});
