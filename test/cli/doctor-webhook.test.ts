/**
 * The sender number's incoming-SMS webhook, as Twilio's IncomingPhoneNumber
 * record gives it (sms_url, sms_method, sms_application_sid): the line checks
 * each webhook's signature against PUBLIC_URL, so a number posting elsewhere
 * gets every text refused (403). Read from a fake account by doctor, then
 * the cases its records do not reach.
 */
import { checkSmsWebhook } from '../../src/cli/doctor-webhook';
import { runDoctor } from '../../src/cli/doctor';
import { FakeTwilio, type FakeTwilioOptions, type MessagingService } from '../fakes/fake-twilio';
import { ACCOUNT_SID, AUTH_TOKEN, FROM_NUMBER, PUBLIC_URL, TEST_MASTER_KEY } from '../helpers/harness';
import { seedMembers } from '../helpers/seed';
import { tempDir } from '../helpers/temp-dir';

const HOOK = `${PUBLIC_URL}/webhooks/twilio/sms`;

/** doctor's 'twilio webhook' line (as printed: OK, WARN or FAIL) against a fake account made with `account`, its sender named by `sender`. */
async function doctorWebhookLine(account: Partial<FakeTwilioOptions>, sender: Record<string, string>, publicUrl = PUBLIC_URL): Promise<string | undefined> {
  const dataDir = tempDir();
  await seedMembers(dataDir, '415', []);
  const fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, ownedNumbers: [FROM_NUMBER], ...account });
  await fake.start();
  try {
    const results = await runDoctor({
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      HEADSUP_MASTER_KEY: TEST_MASTER_KEY,
      PUBLIC_URL: publicUrl,
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_API_BASE_URL: fake.url,
      ...sender,
    });
    const r = results.find((c) => c.name === 'twilio webhook');
    return r && `${r.ok ? (r.warn ? 'WARN' : 'OK') : 'FAIL'} ${r.detail}`;
  } finally {
    await fake.stop();
  }
}

/** doctor's line against an account whose number (TWILIO_FROM_NUMBER) has `smsUrl`. */
const webhookLine = (smsUrl: string, publicUrl = PUBLIC_URL) => doctorWebhookLine({ smsUrl }, { TWILIO_FROM_NUMBER: FROM_NUMBER }, publicUrl);

describe("doctor on the sender number's incoming-SMS webhook", () => {
  const set = `set the number's "A message comes in" URL to ${HOOK} (HTTP POST) in the Twilio console`;
  const refused = (url: string) => `FAIL TWILIO_FROM_NUMBER sends incoming texts to ${url}, but the line checks Twilio's signature against ${HOOK} (PUBLIC_URL), so it refuses every one (403)`;

  it('fails a URL at another address, naming both fixes where the URL is the webhook path under another base: http for https, another port', async () => {
    for (const base of ['http://headsup.example.org', 'https://headsup.example.org:8443']) {
      expect(await webhookLine(`${base}/webhooks/twilio/sms`)).toBe(
        `${refused(`${base}/webhooks/twilio/sms`)}: ${set}; or, if the line is reached at ${base}, set PUBLIC_URL to ${base}`,
      );
    }
  });

  it('fails a URL at another host and path with the one fix that works: the number\'s URL', async () => {
    expect(await webhookLine('https://old-host.example.org/sms')).toBe(`${refused('https://old-host.example.org/sms')}: ${set}`);
  });

  // PUBLIC_URL's address with the webhook path twice (PUBLIC_URL once pasted whole) or another path: no route there answers.
  it('fails a URL at PUBLIC_URL with another path, saying only to set the number\'s URL (never PUBLIC_URL)', async () => {
    for (const url of [`${HOOK}/webhooks/twilio/sms`, `${PUBLIC_URL}/sms`, `${PUBLIC_URL}/webhooks/twilio/status`]) {
      expect(await webhookLine(url)).toBe(`FAIL TWILIO_FROM_NUMBER sends incoming texts to ${url}, where the line has no webhook for incoming texts, so none is answered: ${set}`);
    }
  });

  it('fails, before any webhook check, a PUBLIC_URL pasted as the webhook URL, naming PUBLIC_URL', async () => {
    const dataDir = tempDir();
    const results = await runDoctor({ NODE_ENV: 'test', DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY, PUBLIC_URL: HOOK });
    expect(results.map((r) => r.ok)).toEqual([false]);
    expect(results[0]?.detail).toMatch(/^PUBLIC_URL: expected the base address only/);
  });

  it('fails a number with no URL for incoming texts', async () => {
    expect(await webhookLine('')).toBe(`FAIL TWILIO_FROM_NUMBER has no URL for incoming texts, so none reaches the line: set its "A message comes in" URL to ${HOOK} (HTTP POST) in the Twilio console`);
  });

  it('passes the URL the signature check takes, a default port written out too', async () => {
    expect(await webhookLine(HOOK)).toBe(`OK TWILIO_FROM_NUMBER sends incoming texts to ${HOOK}`);
    expect(await webhookLine(HOOK, 'https://headsup.example.org:443')).toBe(`OK TWILIO_FROM_NUMBER sends incoming texts to ${HOOK}`);
  });

  it('fails the right URL with a query string, which the route refuses (400), naming the URL to use', async () => {
    expect(await webhookLine(`${HOOK}?from=doctor`, 'https://headsup.example.org:443')).toBe(
      `FAIL TWILIO_FROM_NUMBER sends incoming texts to ${HOOK}?from=doctor, with a query string, which the line refuses (400): set the number's "A message comes in" URL to https://headsup.example.org:443/webhooks/twilio/sms (HTTP POST) in the Twilio console`,
    );
    expect(await webhookLine(`${HOOK}?`)).toMatch(/^FAIL .*with a query string, which the line refuses \(400\)/);
  });
});

const SERVICE = `MG${'4'.repeat(32)}`;

/** doctor's line against an account whose Messaging Service (TWILIO_MESSAGING_SERVICE_SID) is `service`. */
const serviceWebhookLine = (service: Omit<MessagingService, 'senders' | 'available'>) =>
  doctorWebhookLine({ services: new Map([[SERVICE, { senders: [FROM_NUMBER], available: true, ...service }]]) }, { TWILIO_MESSAGING_SERVICE_SID: SERVICE });

describe("doctor on a Messaging Service's incoming webhook (inbound_request_url)", () => {
  const set = `set its Integration "Send a webhook" Request URL to ${HOOK} (HTTP POST) in the Twilio console`;

  it('passes the URL the signature check takes', async () => {
    expect(await serviceWebhookLine({ inboundUrl: HOOK })).toBe(`OK the Messaging Service sends incoming texts to ${HOOK}`);
  });

  it('fails a service with no URL for incoming texts (Twilio then drops them), another URL, a query string, or GET', async () => {
    expect(await serviceWebhookLine({})).toBe(`FAIL the Messaging Service has no URL for incoming texts, so none reaches the line: ${set}`);
    expect(await serviceWebhookLine({ inboundUrl: 'https://old-host.example.org/sms' })).toBe(
      `FAIL the Messaging Service sends incoming texts to https://old-host.example.org/sms, but the line checks Twilio's signature against ${HOOK} (PUBLIC_URL), so it refuses every one (403): ${set}`,
    );
    expect(await serviceWebhookLine({ inboundUrl: `${HOOK}?line=1` })).toBe(
      `FAIL the Messaging Service sends incoming texts to ${HOOK}?line=1, with a query string, which the line refuses (400): ${set}`,
    );
    expect(await serviceWebhookLine({ inboundUrl: HOOK, inboundMethod: 'GET' })).toBe(
      `FAIL the Messaging Service sends incoming texts with HTTP GET, which the line does not take: ${set}`,
    );
  });

  it("warns where the service defers to its numbers' own webhooks, which the service's record does not show", async () => {
    expect(await serviceWebhookLine({ inboundOnNumber: true })).toBe(
      `WARN the Messaging Service hands incoming texts to each number's own URL (use_inbound_webhook_on_number): check that each of its numbers' "A message comes in" URL is ${HOOK} (HTTP POST)`,
    );
  });
});

describe("the check of the number's record", () => {
  it('warns, without failing, where a TwiML App answers for the number (its own SMS URL counts, which the record does not show)', () => {
    expect(checkSmsWebhook({ sms_url: '', sms_method: 'POST', sms_application_sid: 'AP0123456789abcdef0123456789abcdef' }, PUBLIC_URL)).toEqual({
      name: 'twilio webhook',
      ok: true,
      warn: true,
      detail: `TWILIO_FROM_NUMBER hands incoming texts to a TwiML App: check that the App's SMS URL is ${HOOK} (HTTP POST)`,
    });
  });

  it('fails the right URL called with GET, which the line does not take', () => {
    expect(checkSmsWebhook({ sms_url: HOOK, sms_method: 'GET', sms_application_sid: '' }, PUBLIC_URL)).toEqual({
      name: 'twilio webhook',
      ok: false,
      detail: `TWILIO_FROM_NUMBER sends incoming texts with HTTP GET, which the line does not take: set its "A message comes in" URL to ${HOOK} (HTTP POST) in the Twilio console`,
    });
  });

  it('bounds what it quotes of an answer from outside, and takes a missing field as unset', () => {
    const long = `https://x.example/${'a'.repeat(5000)}`;
    expect(checkSmsWebhook({ sms_url: long }, PUBLIC_URL).detail).toContain(`to ${long.slice(0, 300)}, but`);
    expect(checkSmsWebhook({}, PUBLIC_URL).detail).toMatch(/^TWILIO_FROM_NUMBER has no URL for incoming texts/);
  });
});
