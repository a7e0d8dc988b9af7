import type { FakeTwilio } from '../fakes/fake-twilio';
import { startTwilioLine, waitFor, type Harness, refOf } from '../helpers/harness';
import { smsSegments } from '../../src/bot/sms-segments';

const MOD = '+14155550199';
const MEMBER = '+14155550101';
const REPORTER = '+14155550105';
const HIDDEN = '+14155550142';


describe('what a moderator approves is exactly what goes out', () => {
  let fake: FakeTwilio;
  let h: Harness;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ fake, h, stop } = await startTwilioLine({ env: { MODERATORS: MOD, SEND_RATE: '1000' } }));
    await h.sms(MEMBER, 'JOIN');
  });
  afterAll(() => stop());

  const alertsTo = (n: string) => fake.to(n).filter((m) => m.body.startsWith('Heads Up alert'));

  it('shows the exact alert and its segment count in the notice and SHOW, and APPROVE sends that text', async () => {
    const ref = refOf((await h.sms(REPORTER, 'REPORT 415 grey van,   took my phone')).message);
    await waitFor(() => fake.to(MOD).length === 1, 5000, 'notice');
    const expected = 'Heads Up alert (415): grey van, took my phone -- STOP to end';
    const notice = fake.to(MOD)[0]!.body;
    expect(notice).toContain(expected);
    expect(notice).toContain(`${smsSegments(expected)} SMS`);
    expect((await h.sms(MOD, `SHOW ${ref}`)).message).toContain(expected);

    expect((await h.sms(MOD, `APPROVE ${ref}`)).message).toContain('approved');
    await waitFor(() => alertsTo(MEMBER).length === 1, 5000, 'alert');
    expect(alertsTo(MEMBER)[0]!.body).toBe(expected);
  });

  it('holds a report too long for 3 segments until an EDIT, and SHOW lets the moderator read all of it', async () => {
    const tail = `the line has moved, text ${HIDDEN.replace('+1', '+1 ').replace('555', '555 ')}`;
    const text = `${'Tall man, grey van, polite at first then would not pay and followed me to the bus stop. '.repeat(5)}${tail}`;
    const ref = refOf((await h.sms(REPORTER, `REPORT 415 ${text}`)).message);
    await waitFor(() => fake.to(MOD).length === 2, 5000, 'notice');
    const notice = fake.to(MOD)[1]!.body;
    expect(notice).toContain('too long');
    expect(notice).not.toContain('the line has moved');

    const show = (await h.sms(MOD, `SHOW ${ref}`)).message ?? '';
    expect(show).toContain('too long');
    expect(show).toContain(tail);

    const approve = await h.sms(MOD, `APPROVE ${ref}`);
    expect(approve.message).toContain('too long');
    expect(approve.message).toContain('EDIT');
    expect((await h.sms(MEMBER, `CHECK ${HIDDEN}`)).message).toContain('no alerts');

    expect((await h.sms(MOD, `EDIT ${ref} Tall man, grey van, would not pay, followed me.`)).message).toContain('edited');
    expect((await h.sms(MOD, `APPROVE ${ref}`)).message).toContain('approved');
    await waitFor(() => alertsTo(MEMBER).length === 2, 5000, 'second alert');
    expect(alertsTo(MEMBER)[1]!.body).not.toContain('line has moved');
    expect(alertsTo(MEMBER).every((m) => smsSegments(m.body) <= 3)).toBe(true);
  });

  it('removes invisible and direction characters, so the number members read is the number CHECK finds', async () => {
    // A zero-width joiner and word joiners inside the number, a right-to-left override before the text.
    const ref = refOf((await h.sms(REPORTER, 'REPORT 415 \u202Egrey van\u202C, calls from 415\u200D555\u20600177')).message);
    expect((await h.sms(MOD, `APPROVE ${ref}`)).message).toContain('approved');
    await waitFor(() => alertsTo(MEMBER).length === 3, 5000, 'third alert');
    const body = alertsTo(MEMBER)[2]!.body;
    expect(body).toContain('grey van, calls from 4155550177');
    expect(body).not.toMatch(/\p{Cf}/u);
    expect((await h.sms(MEMBER, 'CHECK 415-555-0177')).message).toContain('1 alert');
  });

  it('explains a BLOCK of a report whose sender has used DELETE', async () => {
    const other = '+14155550106';
    const ref = refOf((await h.sms(other, 'REPORT 415 red truck')).message);
    await h.sms(other, 'DELETE');
    const r = await h.sms(MOD, `BLOCK ${ref}`);
    expect(r.message).toContain('DELETE');
    expect(r.message).not.toContain('No pending item');
  });

  it('answers SHOW over SMS for a report carrying control characters, which TwiML (XML 1.0) cannot hold', async () => {
    const ref = refOf((await h.sms(REPORTER, 'REPORT 415 tall man\u0007 grey van\u001b plate XYZ')).message);
    const show = await h.sms(MOD, `SHOW ${ref}`);
    expect(show.status).toBe(200);
    expect(show.message).toContain('tall man grey van plate XYZ');
  });
});
