/**
 * A refused request (403, 400, 415, 413…) is counted in /metrics, not logged
 * at the default level: one client sending forged webhooks at thousands a
 * second wrote a 96-byte line each, about 55 GB a day onto a small server's
 * disk, and a full disk loses members' texts. The signature mismatch keeps
 * its own warning, at most once every 5 minutes.
 */
import { startHarness, type Harness } from '../helpers/harness';

const SMS = '/webhooks/twilio/sms';
const REQUESTS = 30;
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ env: { LOG_LEVEL: 'info' } });
});
afterAll(async () => {
  await h.close();
});

it('writes no log line per refused request at the default level', async () => {
  const before = h.logs.length;
  const refused: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const forged = await fetch(`${h.url}${SMS}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'c2lnbmF0dXJlIG5vdCB0aGVpcnM=' },
      body: `MessageSid=SM${String(i).padStart(32, '0')}&From=%2B14155550100&Body=HELP`,
    });
    const wrongType = await fetch(`${h.url}${SMS}`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'HELP' });
    refused.push(forged.status, wrongType.status);
  }
  expect(new Set(refused)).toEqual(new Set([403, 415]));
  const lines = h.logs.slice(before).map((l) => JSON.parse(l) as { level: number; msg: string });
  // One warning of the mismatch, whatever the number of forged requests; nothing per request.
  expect(lines.filter((l) => l.level >= 30).length).toBeLessThanOrEqual(1);
}, 60_000);
