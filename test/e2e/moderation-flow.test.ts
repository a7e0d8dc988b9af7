import { FakeTwilio, TWILIO_ERRORS } from '../fakes/fake-twilio';
import { ACCOUNT_SID, AUTH_TOKEN, readMetrics, startHarness, startTwilioLine, waitFor, type Harness, refOf } from '../helpers/harness';

const MOD = '+14155550199';
const SF1 = '+14155550101'; // 415
const SF2 = '+16285550102'; // 628 overlays 415
const NY = '+12125550103'; // elsewhere
const SF_STOPPED = '+14155550104';
const REPORTER = '+14155550105';
const SPAMMER = '+14155550107';
const SF_OPTED_OUT_AT_CARRIER = '+14155550106';
const CLIENT = '(415) 555-0177';


describe('reports, moderation and fan-out over SMS', () => {
  let fake: FakeTwilio;
  let h: Harness;

  beforeAll(async () => {
    fake = new FakeTwilio({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      answer: (msg) => (msg.to === SF_OPTED_OUT_AT_CARRIER ? TWILIO_ERRORS.stopped : 'accept'),
    });
    await fake.start();
    h = await startHarness({ twilioApiBaseUrl: fake.url, env: { MODERATORS: MOD, SEND_RATE: '1000' } });
    for (const n of [SF1, SF_STOPPED, SF_OPTED_OUT_AT_CARRIER]) await h.sms(n, 'JOIN');
    await h.sms(SF2, 'JOIN');
    await h.sms(NY, 'JOIN');
    await h.sms(SF_STOPPED, 'stop texting me please');
  });

  afterAll(async () => {
    await h.close();
    await fake.stop();
  });

  // Each test stands alone (Stryker runs only the tests that cover a mutant): what a test needs
  // from the story (the report, its approval, the direct alert) is done once, by whichever test needs it first.
  let ref = '';
  let reported: Promise<string | null> | null = null;
  let approved: Promise<string | null> | null = null;
  let alerted: Promise<string | null> | null = null;
  const EDITED = `Grey van, driver took a phone. Calls from ${CLIENT}.`;

  function report(): Promise<string | null> {
    reported ??= h.sms(REPORTER, `REPORT 415 grey van, took my phone, calls from ${CLIENT}`).then((r) => {
      ref = refOf(r.message);
      return r.message;
    });
    return reported;
  }

  /** Reports, edits and approves; resolves with the reply to APPROVE once the fan-out is done. */
  function approve(): Promise<string | null> {
    approved ??= (async () => {
      await report();
      await h.sms(MOD, `EDIT ${ref} ${EDITED}`);
      const r = await h.sms(MOD, `approve #${ref}`);
      await waitFor(() => fake.to(SF1).length === 1 && fake.to(SF2).length === 1, 5000, 'alert delivery');
      await h.server.planner.idle();
      await waitFor(() => (h.server.db.sqlite.prepare("SELECT count(*) n FROM outbox WHERE state = 'pending'").get() as { n: number }).n === 0);
      return r.message;
    })();
    return approved;
  }

  function directAlert(): Promise<string | null> {
    alerted ??= (async () => {
      const r = await h.sms(MOD, 'ALERT 212 police sweep tonight on 5th ave');
      await waitFor(() => fake.to(NY).length === 1, 5000, 'direct alert');
      return r.message;
    })();
    return alerted;
  }

  it('takes a report, answers with a reference, and tells the moderator without the reporter’s number', async () => {
    const message = await report();
    expect(message).toMatch(/#[A-Z0-9]{4,6}/);
    await waitFor(() => fake.to(MOD).length === 1, 5000, 'moderator notice');
    const notice = fake.to(MOD)[0]!.body;
    expect(notice).toContain(`#${ref}`);
    expect(notice).toContain('grey van');
    expect(notice).not.toContain('0105');
    expect(fake.sent.filter((m) => m.to !== MOD)).toHaveLength(0);
  });

  it('ignores moderator commands from anyone else', async () => {
    await report();
    const r = await h.sms(SF1, `APPROVE ${ref}`);
    expect(r.message ?? '').not.toContain('approved');
    const pending = await h.sms(MOD, 'PENDING');
    expect(pending.message).toContain(`#${ref}`);
  });

  it('EDIT changes the text that will be sent', async () => {
    await report();
    const r = await h.sms(MOD, `EDIT ${ref} ${EDITED}`);
    expect(r.message).toContain('edited');
  });

  it('APPROVE sends the alert to every member of the area and its overlay, and to no one else', async () => {
    expect(await approve()).toContain('approved');
    const alert = fake.to(SF1)[0]!.body;
    expect(alert).toContain('Grey van, driver took a phone');
    expect(alert).not.toContain('grey van, took my phone');
    expect(fake.to(NY)).toHaveLength(0);
    expect(fake.to(SF_STOPPED)).toHaveLength(0);
    expect(fake.to(REPORTER)).toHaveLength(0);
    expect(fake.to(SF1)[0]!.statusCallback).toMatch(/^https:\/\/headsup\.example\.org\/webhooks\/twilio\/status\?o=\d+&a=1$/);
    expect(Number(fake.to(SF1)[0]!.validityPeriod)).toBeGreaterThan(0);
  });

  it('marks a member the carrier reports as opted out (21610) and does not retry', async () => {
    await approve();
    const row = h.server.db.sqlite.prepare("SELECT count(*) n FROM outbox WHERE error LIKE 'stopped:21610'").get() as { n: number };
    expect(row.n).toBe(1);
    expect((await h.sms(SF_OPTED_OUT_AT_CARRIER, 'AREAS')).message).toContain('no alert areas');
  });

  it('records delivery status callbacks by provider id', async () => {
    await approve();
    const sid = fake.to(SF1)[0]!.sid;
    const { id } = h.server.db.sqlite.prepare('SELECT id FROM outbox WHERE provider_id = ?').get(sid) as { id: number };
    const res = await h.postForm('/webhooks/twilio/status', { MessageSid: sid, MessageStatus: 'delivered', AccountSid: ACCOUNT_SID });
    expect(res.status).toBe(204);
    // Delivered, and the provider id (which Twilio maps to the number) is no longer kept.
    const row = h.server.db.sqlite.prepare('SELECT state, provider_id FROM outbox WHERE id = ?').get(id) as { state: string; provider_id: string | null };
    expect(row).toEqual({ state: 'delivered', provider_id: null });
    const unsigned = await h.postForm('/webhooks/twilio/status', { MessageSid: sid, MessageStatus: 'failed' }, { signature: 'bogus' });
    expect(unsigned.status).toBe(403);
    await h.postForm('/webhooks/twilio/status', { MessageSid: sid, MessageStatus: 'sent', AccountSid: ACCOUNT_SID });
    const metrics = await readMetrics(h.url);
    expect(metrics).toMatch(/^headsup_delivery_reports_total\{status="delivered"\} 1$/m);
    // A 'sent' after the send's answer, and after its delivery, changes nothing: not counted.
    expect(metrics).toMatch(/^headsup_delivery_reports_total\{status="progress"\} 0$/m);
    const pending = (h.server.db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'pending'").get() as { n: number }).n;
    expect(metrics).toMatch(new RegExp(`^headsup_outbox_pending ${pending}$`, 'm'));
  });

  it('CHECK finds the client’s number in approved alerts, for members only', async () => {
    await approve();
    const found = await h.sms(SF1, 'CHECK 415-555-0177');
    expect(found.message).toContain('1 alert');
    expect(found.message).toContain('415');
    const none = await h.sms(SF1, 'CHECK +1 212 555 0100');
    expect(none.message).toContain("doesn't mean safe");
    const stranger = await h.sms('+13125550100', 'CHECK 415-555-0177');
    expect(stranger.message).toContain('for members');
  });

  it('REJECT discards a report and it is never sent', async () => {
    const r = await h.sms(REPORTER, 'REPORT 415 a false report');
    const other = refOf(r.message);
    expect((await h.sms(MOD, `REJECT ${other}`)).message).toContain('rejected');
    expect((await h.sms(MOD, `APPROVE ${other}`)).message).toContain('already decided');
  });

  it('BLOCK silences the sender of a report without revealing who it is', async () => {
    const r = await h.sms(SPAMMER, 'REPORT 415 spam spam spam');
    const spam = refOf(r.message);
    const blocked = await h.sms(MOD, `BLOCK ${spam}`);
    expect(blocked.message).toContain('blocked');
    expect(blocked.message).not.toContain('0107');
    const after = await h.sms(SPAMMER, 'REPORT 415 more spam');
    expect(after.status).toBe(200);
    expect(after.message).toBeNull();
    const pending = await h.sms(MOD, 'PENDING');
    expect(pending.message).not.toContain('more spam');
  });

  it('ALERT from a moderator goes straight to the area', async () => {
    expect(await directAlert()).toContain('212');
    expect(fake.to(NY)[0]!.body).toContain('police sweep');
  });

  it('STATS counts members per area, pending reports and alerts', async () => {
    await approve();
    await directAlert();
    const r = await h.sms(MOD, 'STATS');
    expect(r.message).toMatch(/415:\d+/);
    expect(r.message).toContain('Alerts issued: 2');
  });
});

describe('a moderator listed twice in MODERATORS', () => {
  it('gets each notice once', async () => {
    // "+1 415 555 0199" and "+14155550199" are one moderator once made canonical.
    const { fake, h, stop } = await startTwilioLine({ env: { MODERATORS: `${MOD},+1 415 555 0199`, SEND_RATE: '100' } });
    try {
      await h.sms(REPORTER, 'JOIN 415');
      const ref = refOf((await h.sms(REPORTER, 'REPORT 415 grey van, took my phone')).message);
      await waitFor(() => fake.to(MOD).some((m) => m.body.includes(`#${ref}`)), 10_000, 'the notice');
      // A second copy would follow within moments.
      await new Promise((r) => setTimeout(r, 1_000));
      expect(fake.to(MOD).filter((m) => m.body.includes(`#${ref}`))).toHaveLength(1);
    } finally {
      await stop();
    }
  });
});
