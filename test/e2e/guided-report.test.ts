/**
 * Issue 11 end to end over signed Twilio webhooks: the guided report, its
 * notice and alert, CHECK by every kind of identifier, repeat offenders, a
 * draft that lapses, DROP and STOP in the middle.
 */
import { FakeTwilio } from '../fakes/fake-twilio';
import { ACCOUNT_SID, AUTH_TOKEN, startHarness, waitFor, type Harness, refOf } from '../helpers/harness';
import { clockFrom, EARLY_IN_A_DAY } from '../helpers/steady-clock';
import { smsSegments } from '../../src/bot/sms-segments';

const MOD = '+14155550199';
const MEMBER = '+14155550101';
const REPORTER = '+14155550105';
const SECOND = '+14155550106';
const THIRD = '+14155550107';
const LAPSER = '+14155550108';
const IDLER = '+14155550109';
const STOPPER = '+14155550110';
const DROPPER = '+14155550111';


describe('guided reports, CHECK by identifier and repeat offenders over SMS (issue 11)', () => {
  let fake: FakeTwilio;
  let h: Harness;
  // The server's clock runs with the real one from early in a UTC day (the CHECK limit's hour must not end
  // between a test's look-ups), moved on by `offset` to let a draft lapse.
  const steady = clockFrom(EARLY_IN_A_DAY);
  let offset = 0;

  beforeAll(async () => {
    fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    await fake.start();
    h = await startHarness({
      twilioApiBaseUrl: fake.url,
      env: { MODERATORS: MOD, SEND_RATE: '1000', TWILIO_REDACT: 'off' },
      now: () => steady() + offset,
    });
    for (const n of [MEMBER, REPORTER, SECOND, THIRD, LAPSER, IDLER, STOPPER, DROPPER]) await h.sms(n, 'JOIN 415');
  });

  afterAll(async () => {
    await h.close();
    await fake.stop();
  });

  const notices = () => fake.to(MOD).map((m) => m.body);
  const countRows = (sql: string) => (h.server.db.sqlite.prepare(sql).get() as { n: number }).n;

  // The guided report, filed and approved once, by whichever test needs it first.
  let filed: Promise<{ ref: string; transcript: string[] }> | null = null;
  function guided(): Promise<{ ref: string; transcript: string[] }> {
    filed ??= (async () => {
      const transcript: string[] = [];
      const say = async (text: string) => {
        const reply = (await h.sms(REPORTER, text)).message ?? '';
        transcript.push(reply);
        return reply;
      };
      await say('REPORT');
      await say('1 3');
      await say('SKIP');
      await say('BACK');
      await say('Fri 11pm');
      await say('415 Motel 6 on Lombard');
      await say('tall, beard, calls himself Rick');
      await say('grey van, plate 7ABC 123 CA');
      // The reporter's own number is not the client's: it never reaches the alert or screening.
      await say(`texts from (415) 555-0177 and from ${REPORTER}, insta @Rick_SF, rick@Example.com`);
      await say('he knows where I live');
      const done = await say('DONE');
      return { ref: refOf(done), transcript };
    })();
    return filed;
  }

  it('asks one question per message, with SKIP and BACK, reads the report back and files it on DONE', async () => {
    const { ref, transcript } = await guided();
    expect(transcript[0]).toContain('What happened?');
    expect(transcript[1]).toContain('When did it happen?');
    expect(transcript[2]).toContain('Where?');
    // BACK after SKIP: the "when" question again.
    expect(transcript[3]).toContain('When did it happen?');
    expect(transcript[4]).toContain('Where?');
    expect(transcript[5]).toContain('The person');
    expect(transcript[6]).toContain('Vehicle and plate?');
    expect(transcript[7]).toContain('How did they contact you?');
    expect(transcript[8]).toContain('Anything else');
    const review = transcript[9] as string;
    expect(review).toContain('violence, robbery');
    expect(review).toContain('When: Fri 11pm');
    expect(review).toContain('Motel 6 on Lombard');
    expect(review).toContain('+14155550177');
    expect(review).not.toContain(REPORTER);
    expect(review).toContain('DONE');
    expect(transcript[10]).toContain(`#${ref}`);
    // Each question cost one segment, the review and the reference at most two.
    expect(transcript.slice(0, 9).map(smsSegments)).toEqual(Array(9).fill(1));
    expect(transcript.slice(9).every((t) => smsSegments(t) <= 2)).toBe(true);
    // The draft is gone once filed.
    expect(countRows('SELECT count(*) AS n FROM conversations')).toBe(0);
  });

  let approved: Promise<{ ref: string; alert: string }> | null = null;
  function approve(): Promise<{ ref: string; alert: string }> {
    approved ??= (async () => {
      const { ref } = await guided();
      await waitFor(() => notices().some((n) => n.includes(`#${ref}`)), 5000, 'the notice');
      const notice = notices().find((n) => n.includes(`#${ref}`)) as string;
      const alert = (/would send:\n([^\n]*)\n/.exec(notice) ?? [])[1] as string;
      expect((await h.sms(MOD, `APPROVE ${ref}`)).message).toContain('approved');
      await waitFor(() => fake.to(MEMBER).some((m) => m.body.startsWith('Heads Up alert')), 5000, 'the alert');
      return { ref, alert };
    })();
    return approved;
  }

  it("tells moderators the categories, areas and the reporter's note, and APPROVE sends exactly the alert the notice showed", async () => {
    const { ref, alert } = await approve();
    const notice = notices().find((n) => n.includes(`#${ref}`)) as string;
    expect(notice).toContain('violence, robbery');
    expect(notice).toContain('(415)');
    expect(notice).toContain('Note: he knows where I live');
    expect(notice).not.toContain(REPORTER);
    const received = fake.to(MEMBER).filter((m) => m.body.startsWith('Heads Up alert'));
    expect(received.map((m) => m.body)).toEqual([alert]);
    // Built from the fields: what happened, when, where, the person, the vehicle and the contact identifiers, never the note.
    expect(alert).toBe(
      'Heads Up alert (415): violence, robbery or didn\'t pay. When: Fri 11pm. Where: Motel 6 on Lombard. Person: tall, beard, calls himself Rick. ' +
        'Vehicle: grey van, plate 7ABC 123 CA. Contact: +14155550177, @rick_sf, rick@example.com. -- STOP to end',
    );
    expect(smsSegments(alert)).toBeLessThanOrEqual(3);
  });

  it('CHECK finds the offender by phone in three formats, by plate written two ways, by email in another case and by handle', async () => {
    await approve();
    const check = async (q: string) => (await h.sms(MEMBER, `CHECK ${q}`)).message ?? '';
    for (const q of ['415-555-0177', '+14155550177', '(415) 555 0177']) expect(await check(q)).toMatch(/that number is in 1 alert \(1 violence, 1 robbery or didn't pay\)/);
    for (const q of ['7ABC123', '7abc-123']) expect(await check(q)).toContain('that plate is in 1 alert');
    expect(await check('RICK@EXAMPLE.COM')).toContain('that email is in 1 alert');
    expect(await check('@RICK_sf')).toContain('that handle is in 1 alert');
    // The reporter's own number was never indexed; an unknown handle is no record, not "safe".
    expect(await check(REPORTER)).toContain('no alerts name that');
    expect(await check('@someone_else')).toContain("doesn't mean safe");
    // One limit across every kind (10 look-ups an hour): a harvester cannot switch kinds to get more.
    expect(await check('rick@example.com')).toContain('that email is in 1 alert');
    expect(await check('7ABC123')).toContain('most checks');
  });

  it('flags a repeat report to the moderators: the earlier alert and the pending report naming the same person', async () => {
    const { ref } = await approve();
    const second = refOf((await h.sms(SECOND, 'REPORT 415 same guy as before, 415.555.0177, wouldnt pay')).message);
    await waitFor(() => notices().some((n) => n.includes(`#${second}`)), 5000, 'the second notice');
    expect(notices().find((n) => n.includes(`#${second}`))).toContain(`MATCHES 1 earlier alert: #${ref}`);
    const third = refOf((await h.sms(THIRD, 'REPORT 415 creep on insta @rick_sf, no show')).message);
    await waitFor(() => notices().some((n) => n.includes(`#${third}`)), 5000, 'the third notice');
    const notice = notices().find((n) => n.includes(`#${third}`)) as string;
    expect(notice).toContain(`MATCHES 1 earlier alert: #${ref}`);
    // The second report names the number, not the handle: not a match.
    expect(notice).not.toContain(`#${second}`);
    const fourth = refOf((await h.sms(THIRD, 'REPORT 415 again (415) 555-0177')).message);
    await waitFor(() => notices().some((n) => n.includes(`#${fourth}`)), 5000, 'the fourth notice');
    expect(notices().find((n) => n.includes(`#${fourth}`))).toContain(`MATCHES 1 pending: #${second}`);
  });

  it('files a lapsed draft that says what happened, drops one that does not, and tells both members', async () => {
    expect((await h.sms(LAPSER, 'REPORTE')).message).toContain('Que paso?');
    expect((await h.sms(LAPSER, '2')).message).toContain('Cuando paso?');
    expect((await h.sms(IDLER, 'REPORT')).message).toContain('What happened?');
    expect((await h.sms(IDLER, 'skip')).message).toContain('When did it happen?');
    // Nothing happens before the 30 minutes are up.
    expect(h.server.expireDrafts()).toEqual({ filed: 0, dropped: 0 });
    offset += 31 * 60_000;
    // A message after the lapse is a new command: the draft waits for its job, it is not lost.
    expect((await h.sms(IDLER, '7')).message).not.toContain('Where?');
    expect(h.server.expireDrafts()).toEqual({ filed: 1, dropped: 1 });
    expect(h.server.expireDrafts()).toEqual({ filed: 0, dropped: 0 });
    const toldTo = (n: string) => fake.to(n).filter((m) => !m.body.startsWith('Heads Up alert'));
    await waitFor(() => toldTo(LAPSER).length > 0 && toldTo(IDLER).length > 0, 5000, 'the members told');
    const told = toldTo(LAPSER)[0]?.body ?? '';
    expect(told).toContain('se envio a una moderadora');
    const ref = refOf(told);
    await waitFor(() => notices().some((n) => n.includes(`#${ref}`)), 5000, 'the lapsed report notice');
    expect(notices().find((n) => n.includes(`#${ref}`))).toContain('sexual assault');
    expect(toldTo(IDLER)[0]?.body).toContain('dropped');
    expect(countRows('SELECT count(*) AS n FROM conversations')).toBe(0);
  });

  it('throws a draft away on DROP or CANCELAR, and keeps nothing', async () => {
    const reports = countRows('SELECT count(*) AS n FROM reports');
    await h.sms(DROPPER, 'REPORT');
    await h.sms(DROPPER, '1');
    expect((await h.sms(DROPPER, 'DROP')).message).toContain('report dropped');
    expect(countRows('SELECT count(*) AS n FROM conversations')).toBe(0);
    await h.sms(DROPPER, 'REPORTE');
    expect((await h.sms(DROPPER, 'cancelar')).message).toContain('reporte descartado');
    expect(countRows('SELECT count(*) AS n FROM reports')).toBe(reports);
    expect(countRows('SELECT count(*) AS n FROM conversations')).toBe(0);
  });

  it('STOP in the middle stops, and the draft is gone', async () => {
    await h.sms(STOPPER, 'REPORT');
    await h.sms(STOPPER, '1');
    expect(countRows('SELECT count(*) AS n FROM conversations')).toBe(1);
    expect((await h.sms(STOPPER, 'STOP')).message ?? '').toMatch(/unsubscribed|^$/);
    expect(countRows('SELECT count(*) AS n FROM conversations')).toBe(0);
    await h.sms(STOPPER, 'JOIN 415');
    // An answer now is no answer: the draft is gone.
    expect((await h.sms(STOPPER, 'Fri 11pm')).message ?? '').not.toContain('Where?');
  });

  it('DELETE in the middle erases the draft with everything else', async () => {
    await h.sms(DROPPER, 'REPORT');
    await h.sms(DROPPER, '1 2');
    expect(countRows('SELECT count(*) AS n FROM conversations')).toBe(1);
    expect((await h.sms(DROPPER, 'DELETE')).message).toContain('erased');
    expect(countRows('SELECT count(*) AS n FROM conversations')).toBe(0);
    // Nothing lapses later either: the draft is gone, not waiting.
    offset += 31 * 60_000;
    expect(h.server.expireDrafts()).toEqual({ filed: 0, dropped: 0 });
  });

  it('lets a moderator in the middle of their own report still moderate', async () => {
    await h.sms(MOD, 'REPORT');
    const ref = refOf((await h.sms(SECOND, 'REPORT 415 red car, threw a bottle')).message);
    expect((await h.sms(MOD, `REJECT ${ref}`)).message).toContain('rejected');
    // The draft is still open: the next answer continues it.
    expect((await h.sms(MOD, '5')).message).toContain('When did it happen?');
    await h.sms(MOD, 'DROP');
  });
});
