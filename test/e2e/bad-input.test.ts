import http from 'node:http';
import twilio from 'twilio';
import { ACCOUNT_SID, AUTH_TOKEN, FROM_NUMBER, newSid, PUBLIC_URL, readMetrics, startHarness, twimlMessage, type Harness } from '../helpers/harness';

const SMS = '/webhooks/twilio/sms';

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One POST over a raw socket, so the test controls every header (Host included) and every byte; bounded by a timeout. */
function rawPost(base: string, pathname: string, headers: Record<string, string>, body: Buffer | string): Promise<RawResponse> {
  const url = new URL(pathname, base);
  const payload = typeof body === 'string' ? Buffer.from(body, 'latin1') : body;
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method: 'POST', headers: { 'content-length': String(payload.length), ...headers }, timeout: 10_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', (err: NodeJS.ErrnoException) => {
      // The server may answer 413 and close before reading all of a huge body; the answer still counts.
      if (err.code === 'EPIPE' || err.code === 'ECONNRESET') return;
      reject(err);
    });
    req.end(payload);
  });
}

/** Form-encodes fields exactly as Twilio does. */
function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

function smsFields(from: string, body: string, sid = newSid()): Record<string, string> {
  return { MessageSid: sid, AccountSid: ACCOUNT_SID, From: from, To: FROM_NUMBER, Body: body, NumMedia: '0' };
}

function sign(fields: Record<string, string>, url = PUBLIC_URL + SMS): string {
  return twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, fields);
}

const FORM = 'application/x-www-form-urlencoded';

/** Rows in every table, to show a refused request wrote nothing. */
/** Row counts per table, once the deletions of earlier webhooks queued for Twilio's copy are written (a timer tick). */
async function rowCounts(h: Harness): Promise<Record<string, number>> {
  await new Promise((resolve) => setTimeout(resolve, 10));
  const db = h.server.db.sqlite;
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string }>).map((t) => t.name);
  return Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n]));
}

describe('bad input', () => {
  let signed: Harness;
  let unsigned: Harness;

  beforeAll(async () => {
    signed = await startHarness();
    // Without TWILIO_AUTH_TOKEN webhooks are accepted unsigned: malformed bodies then reach the parsers themselves.
    unsigned = await startHarness({ twilio: false });
  });
  afterAll(async () => {
    await signed?.close();
    await unsigned?.close();
  });

  // [what, headers, body, statuses allowed]; the signed server gets a signature over whatever fields it can parse.
  const malformed: Array<[string, Record<string, string>, Buffer | string, number[]]> = [
    ['a JSON body', { 'content-type': 'application/json' }, JSON.stringify(smsFields('+14155550100', 'JOIN')), [415]],
    ['broken JSON', { 'content-type': 'application/json' }, '{"From": ', [400, 415]],
    ['a text/plain body', { 'content-type': 'text/plain' }, 'JOIN', [415]],
    ['an XML body', { 'content-type': 'application/xml' }, '<Body>JOIN</Body>', [415]],
    ['no content type', {}, form(smsFields('+14155550100', 'JOIN')), [415]],
    ['broken percent-encoding', { 'content-type': FORM }, `Body=%E0%A4%A&From=%ZZ&MessageSid=${newSid()}`, [400, 403]],
    ['broken percent-encoding in every field', { 'content-type': FORM }, 'Body=%&From=%%2&MessageSid=%G1%', [400, 403]],
    ['a 2 MB body', { 'content-type': FORM }, `Body=${'a'.repeat(2 * 1024 * 1024)}&From=%2B14155550100&MessageSid=${newSid()}`, [403, 413]],
    ['an empty body', { 'content-type': FORM }, '', [400, 403]],
    ['raw invalid UTF-8 bytes', { 'content-type': FORM }, Buffer.from([0x42, 0x6f, 0x64, 0x79, 0x3d, 0xff, 0xfe, 0xc3, 0x28]), [400, 403]],
    ['a From that is not a number', { 'content-type': FORM }, form(smsFields('client:alice', 'JOIN')), [400, 403]],
    ['a MessageSid that is not one', { 'content-type': FORM }, form(smsFields('+14155550100', 'JOIN', "SM'; DROP TABLE members;--")), [400, 403]],
    ['no From', { 'content-type': FORM }, form({ MessageSid: newSid(), Body: 'JOIN' }), [400, 403]],
    ['no MessageSid', { 'content-type': FORM }, form({ From: '+14155550100', Body: 'JOIN' }), [400, 403]],
    ['a 1,601-character body', { 'content-type': FORM }, form(smsFields('+14155550100', `JOIN 415 ${'x'.repeat(1592)}`)), [400, 403, 413]],
  ];

  for (const [server, get] of [['the unsigned server', () => unsigned], ['the signed server', () => signed]] as const) {
    describe(server, () => {
      it.each(malformed)('refuses %s with a 4xx and writes nothing', async (_what, headers, body, statuses) => {
        const h = get();
        const before = await rowCounts(h);
        const r = await rawPost(h.url, SMS, { 'x-twilio-signature': 'c2lnbmF0dXJl', ...headers }, body);
        expect(statuses).toContain(r.status);
        expect(r.body).not.toMatch(/stack|at .*\.ts/);
        expect(await rowCounts(h)).toEqual(before);
      });
    });
  }

  describe('correctly signed but incomplete or oversized messages', () => {
    it.each([
      ['no From', { MessageSid: newSid(), AccountSid: ACCOUNT_SID, Body: 'JOIN' }, 400],
      ['no MessageSid', { From: '+14155550960', AccountSid: ACCOUNT_SID, Body: 'JOIN' }, 400],
      ['a From that is not a phone number', smsFields('whatsapp:nobody', 'JOIN'), 400],
      ['a 1,601-character body', smsFields('+14155550961', `JOIN 415 ${'x'.repeat(1592)}`), 413],
      ['no fields at all', {}, 400],
    ] as Array<[string, Record<string, string>, number]>)('refuses %s with a %i and writes nothing', async (_what, fields, status) => {
      if (fields.Body?.length) expect(fields.Body.length === 1601 || fields.Body.length < 100).toBe(true);
      const before = await rowCounts(signed);
      const r = await signed.postForm(SMS, fields);
      expect(r.status).toBe(status);
      const body = (await r.json()) as { error: string };
      expect(body.error).toMatch(/MessageSid|From|1,600/);
      expect(await rowCounts(signed)).toEqual(before);
    });
  });

  describe('valid but unusual messages', () => {
    let nextSender = 0;
    it.each([
      ['an empty text', '', /HELP/],
      ['emoji only', '🙂🙏🔥', /HELP/],
      ['a NUL and control characters', '\u0000\u0007\u001b', /HELP/],
      ['a 1,600-character text', 'blah '.repeat(320), /HELP/],
      ['a 1,600-character text of emoji', '🙂'.repeat(800), /HELP/],
    ])('answers %s with a short hint and subscribes no one', async (_what, text, expected) => {
      expect(text.length).toBeLessThanOrEqual(1600);
      const from = `+1415555${1200 + nextSender++}`;
      const before = await rowCounts(signed);
      const r = await signed.sms(from, text);
      expect(r.status).toBe(200);
      expect(r.body).toMatch(/^<\?xml/);
      expect(r.message).toMatch(expected);
      const after = await rowCounts(signed);
      expect(after.members).toBe(before.members);
      expect(after.subscriptions).toBe(before.subscriptions);
      expect(after.reports).toBe(before.reports);
      expect(after.inbound_messages).toBe((before.inbound_messages as number) + 1);
    });

    it('answers a sender whose number is in a range the number metadata does not list yet (a new allocation)', async () => {
      // +44 1000…: the right length for the UK, in no range libphonenumber knows; Twilio routed it, so it exists.
      const r = await signed.sms('+441000123456', 'JOIN');
      expect(r.status).toBe(200);
      expect(r.message).toBe('Heads Up: which area code do you want alerts for? Reply with it, e.g. 415.');
    });

    it('takes a 1,600-character report whole and answers with a reference', async () => {
      const text = `REPORT 415 ${'grey van '.repeat(200)}`.slice(0, 1600);
      const r = await signed.sms('+14155550931', text);
      expect(r.message).toMatch(/#[A-Z0-9]{4,6}/);
    });
  });

  describe('signatures', () => {
    it('refuses a missing signature with 403 and writes nothing', async () => {
      const before = await rowCounts(signed);
      const r = await signed.sms('+14155550940', 'JOIN', { signature: null });
      expect(r.status).toBe(403);
      expect(await rowCounts(signed)).toEqual(before);
    });

    it('refuses a wrong signature with 403 and writes nothing', async () => {
      const before = await rowCounts(signed);
      const r = await signed.sms('+14155550941', 'JOIN', { signature: sign(smsFields('+14155550941', 'JOIN 212')) });
      expect(r.status).toBe(403);
      expect(await rowCounts(signed)).toEqual(before);
    });

    it('refuses a signature over other fields than those sent', async () => {
      const fields = smsFields('+14155550942', 'JOIN');
      const signature = sign(fields);
      const before = await rowCounts(signed);
      const r = await rawPost(signed.url, SMS, { 'content-type': FORM, 'x-twilio-signature': signature }, form({ ...fields, Body: 'DELETE' }));
      expect(r.status).toBe(403);
      expect(await rowCounts(signed)).toEqual(before);
    });

    it('refuses a signature computed for the URL in the Host header rather than PUBLIC_URL', async () => {
      const fields = smsFields('+14155550943', 'JOIN');
      const before = await rowCounts(signed);
      for (const host of ['evil.example', new URL(signed.url).host]) {
        const signature = sign(fields, `http://${host}${SMS}`);
        const r = await rawPost(signed.url, SMS, { 'content-type': FORM, host, 'x-forwarded-host': host, 'x-twilio-signature': signature }, form(fields));
        expect(r.status).toBe(403);
      }
      expect(await rowCounts(signed)).toEqual(before);
    });

    it('accepts the same request signed for PUBLIC_URL, whatever the Host header says', async () => {
      const fields = smsFields('+14155550944', 'JOIN');
      const r = await rawPost(signed.url, SMS, { 'content-type': FORM, host: 'evil.example', 'x-twilio-signature': sign(fields) }, form(fields));
      expect(r.status).toBe(200);
      expect(twimlMessage(r.body)).toContain('415');
    });

    it('refuses an unsigned status callback', async () => {
      const r = await signed.postForm('/webhooks/twilio/status', { MessageSid: newSid(), MessageStatus: 'delivered' }, { signature: null });
      expect(r.status).toBe(403);
    });

    it('refuses a signed status callback with a malformed status', async () => {
      const r = await signed.postForm('/webhooks/twilio/status', { MessageSid: newSid(), MessageStatus: 'DELIVERED; DROP' });
      expect(r.status).toBe(400);
    });
  });

  describe('replays', () => {
    it('answers a repeated MessageSid the same way but acts on it once', async () => {
      const from = '+14155550950';
      await signed.sms(from, 'JOIN');
      const reportsBefore = (await rowCounts(signed)).reports as number;
      const sid = newSid();
      const first = await signed.sms(from, 'REPORT 415 grey van, aggressive', { sid });
      const again = await signed.sms(from, 'REPORT 415 grey van, aggressive', { sid });
      expect(first.status).toBe(200);
      expect(again.status).toBe(200);
      expect(first.message).toMatch(/#[A-Z0-9]{4,6}/);
      expect(again.message).toBe(first.message);
      expect((await rowCounts(signed)).reports).toBe(reportsBefore + 1);
    });

    it('answers a repeated STOP silently both times and acts once', async () => {
      const from = '+14155550951';
      await signed.sms(from, 'JOIN');
      const sid = newSid();
      const first = await signed.sms(from, 'STOP', { sid });
      const again = await signed.sms(from, 'STOP', { sid });
      expect(first.message).toBeNull();
      expect(again.message).toBeNull();
      expect((await signed.sms(from, 'AREAS')).message).toContain('no alert areas');
    });
  });

  describe('after all of it', () => {
    it('is still alive and ready', async () => {
      for (const h of [signed, unsigned]) {
        const health = await fetch(`${h.url}/healthz`);
        expect(health.status).toBe(200);
        const text = await readMetrics(h.url);
        expect(text).toContain('headsup_webhook_rejections_total');
        expect(text).not.toMatch(/415555\d{4}/);
      }
    });

    it('never answered with a 5xx, and logged no failure', () => {
      for (const h of [signed, unsigned]) {
        expect(h.logs.filter((l) => /"level":(50|60)/.test(l))).toEqual([]);
        expect(h.logs.filter((l) => /"status":5\d\d/.test(l))).toEqual([]);
      }
    });
  });
});
