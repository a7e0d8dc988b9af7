/** The Twilio sender's edges against the fake Twilio: a Messaging Service, readiness and its cache, the status callback's row reference. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { statusCallbackFor, statusRefOf, TwilioSender } from '../../../src/channels/twilio/twilio-sender';
import { FakeTwilio } from '../../fakes/fake-twilio';

const ACCOUNT = `AC${'3'.repeat(32)}`;
const TOKEN = 'fake-token-2';
const CALLBACK = 'https://headsup.example.org/webhooks/twilio/status';

function senderFor(apiBaseUrl: string, extra: { messagingServiceSid?: string; fromNumber?: string } = { fromNumber: '+15005550006' }): TwilioSender {
  return new TwilioSender({ config: { accountSid: ACCOUNT, apiBaseUrl, redact: false, ...extra }, authToken: TOKEN, statusCallbackUrl: CALLBACK, timeoutMs: 5_000 });
}

describe('TwilioSender', () => {
  let fake: FakeTwilio;
  let url: string;
  beforeEach(async () => {
    fake = new FakeTwilio({ accountSid: ACCOUNT, authToken: TOKEN });
    url = await fake.start();
  });
  afterEach(() => fake.stop());

  it('sends through a Messaging Service instead of a From number when one is configured', async () => {
    const s = senderFor(url, { messagingServiceSid: `MG${'4'.repeat(32)}` });
    await s.send('+14155550100', 'hello', { ref: 9 });
    expect(fake.sent.at(-1)).toMatchObject({ messagingServiceSid: `MG${'4'.repeat(32)}`, statusCallback: `${CALLBACK}?o=9` });
    expect(fake.sent.at(-1)?.from).toBeUndefined();
    expect([s.name, s.channel]).toEqual(['twilio', 'sms']);
    await s.close();
  });

  it('is ready when the account answers, and remembers it for a while rather than asking at every probe', async () => {
    const s = senderFor(url);
    expect(await s.ready()).toBe(true);
    await fake.stop();
    expect(await s.ready()).toBe(true);
    await s.close();
    fake = new FakeTwilio({ accountSid: ACCOUNT, authToken: TOKEN });
    url = await fake.start();
  });

  it('is ready when Twilio refuses the credentials (it answered), and not when nothing answers', async () => {
    const wrong = new TwilioSender({ config: { accountSid: ACCOUNT, apiBaseUrl: url, redact: false, fromNumber: '+15005550006' }, authToken: 'wrong', statusCallbackUrl: CALLBACK, timeoutMs: 5_000 });
    expect(await wrong.ready()).toBe(true);
    await wrong.close();
    const down = senderFor('http://127.0.0.1:9');
    expect(await down.ready()).toBe(false);
    await down.close();
  });

  it('is not ready when Twilio answers with a server error', async () => {
    const broken = http.createServer((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 20503, message: 'Service unavailable', status: 503 }));
    });
    await new Promise<void>((r) => broken.listen(0, '127.0.0.1', r));
    const s = senderFor(`http://127.0.0.1:${(broken.address() as AddressInfo).port}`);
    try {
      expect(await s.ready()).toBe(false);
    } finally {
      await s.close();
      await new Promise((r) => broken.close(r));
    }
  });
});

describe('the status callback reference', () => {
  it('adds the row id, and the try when given, to a callback URL with or without a query of its own', () => {
    expect(statusCallbackFor(CALLBACK, undefined)).toBe(CALLBACK);
    expect(statusCallbackFor(CALLBACK, 7)).toBe(`${CALLBACK}?o=7`);
    expect(statusCallbackFor(CALLBACK, 7, 2)).toBe(`${CALLBACK}?o=7&a=2`);
    expect(statusCallbackFor(`${CALLBACK}?k=1`, 7)).toBe(`${CALLBACK}?k=1&o=7`);
  });

  it('reads back only a whole positive id of at most sixteen digits, and a try when it is one', () => {
    expect(statusRefOf({ o: '7' })).toEqual({ row: 7 });
    expect(statusRefOf({ o: '7', a: '3' })).toEqual({ row: 7, attempt: 3 });
    expect(statusRefOf({ o: '7', a: '0' })).toEqual({ row: 7 });
    expect(statusRefOf({ o: '7', a: '1234567' })).toEqual({ row: 7 });
    expect(statusRefOf({ o: '7', a: ['1', '2'] })).toEqual({ row: 7 });
    expect(statusRefOf({ o: '1234567890123456' })).toEqual({ row: 1234567890123456 });
    expect(statusRefOf({ o: '12345678901234567' })).toBeUndefined();
    expect(statusRefOf({ o: '01' })).toBeUndefined();
    expect(statusRefOf({ o: 'a12' })).toBeUndefined();
    expect(statusRefOf({ o: '12 ' })).toBeUndefined();
    expect(statusRefOf(null)).toBeUndefined();
  });
});
