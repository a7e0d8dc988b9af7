/**
 * DISCREET and READ: a discreet member's alert arrives as a neutral notice
 * that says nothing of its subject (checked against the words that would
 * out a member on a lock screen, in every language), READ returns the
 * unread alerts newest first within two messages, and over Signal the
 * conversation's disappearing-messages timer is set on the contact.
 */
import { LANGS, catalog } from '../../src/bot/catalog';
import { smsSegments } from '../../src/bot/sms-segments';
import { runRetention } from '../../src/jobs/retention';
import { textEnvelope, type FakeSignal } from '../fakes/fake-signal';
import { FakeTwilio } from '../fakes/fake-twilio';
import { ACCOUNT_SID, AUTH_TOKEN, SIGNAL_NUMBER, startHarness, startTwilioLine, waitFor, type Harness } from '../helpers/harness';
import { startSignalWorld, type SignalWorld } from '../helpers/signal-world';

const MOD = '+14155550199';
const DISCREET = '+14155550101';
const PLAIN = '+14155550102';
const FRENCH = '+14155550103';
const LATE = '+14155550104';
const STOPPER = '+14155550105';

/** Words that must not appear in the first 100 characters of a notice: the subject, the line's purpose, its name. */
const FORBIDDEN = [
  'date', 'bad', 'client', 'cliente', 'violen', 'assault', 'agress', 'sex', 'escort', 'trick', 'danger', 'peligro', 'perigo', 'safe', 'seguro',
  'warn', 'alert', 'alerta', 'alerte', 'report', 'denun', 'signal', 'abuse', 'rape', 'viol', 'police', 'heads up', 'headsup', 'grey van', 'punched',
];

function forbiddenIn(text: string): string[] {
  const head = text.slice(0, 100).toLowerCase();
  return FORBIDDEN.filter((w) => head.includes(w));
}

describe('discreet alerts over SMS', () => {
  let fake: FakeTwilio;
  let h: Harness;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ fake, h, stop } = await startTwilioLine({ env: { MODERATORS: MOD, SEND_RATE: '1000' } }));
    for (const n of [DISCREET, PLAIN, LATE]) await h.sms(n, 'JOIN 415');
    await h.sms(FRENCH, 'REJOINDRE 415');
  });
  afterAll(() => stop());

  async function alert(text: string, to: string[]): Promise<void> {
    const counts = to.map((n) => fake.to(n).length);
    expect((await h.sms(MOD, `ALERT 415 ${text}`)).message).toMatch(/Alert #[A-Z0-9]{4,6} going to 415/);
    await waitFor(() => to.every((n, i) => fake.to(n).length > (counts[i] as number)), 5000, 'alert delivery');
  }

  const last = (n: string) => fake.to(n)[fake.to(n).length - 1]!.body;

  it('sends a discreet member a neutral notice naming nothing of the alert, and READ returns it', async () => {
    expect((await h.sms(DISCREET, 'DISCREET')).message).toMatch(/discreet alerts on.*READ/);
    expect((await h.sms(FRENCH, 'DISCRET')).message).toMatch(/alertes discrètes activées.*LIRE/);
    await alert('Violent client, grey van, punched a sex worker on Mission St. Bad date, stay safe.', [DISCREET, PLAIN, FRENCH]);
    expect(last(PLAIN)).toMatch(/^Heads Up alert \(415\): Violent client, grey van/);
    for (const n of [DISCREET, FRENCH]) {
      expect(last(n)).not.toContain('grey van');
      expect(forbiddenIn(last(n))).toEqual([]);
    }
    expect(last(DISCREET)).toBe('HU 415: 1 new message. Reply READ to see it.');
    expect(last(FRENCH)).toBe('HU 415: 1 nouveau message. Répondez LIRE pour le voir.');
    expect((await h.sms(DISCREET, 'READ')).message).toMatch(/^\(415, \d{4}-\d\d-\d\d\) Violent client, grey van/);
    expect((await h.sms(FRENCH, 'LIRE')).message).toContain('grey van');
    expect((await h.sms(DISCREET, 'READ')).message).toBe('Heads Up: nothing unread.');
  });

  it('has a notice, a correction and the notice of a contact unreached in every language that keep the forbidden words out of their first 100 characters', () => {
    const areas = ['212', '332', '347', '415', '628', '646', '718', '917', '929'];
    for (const lang of LANGS) {
      expect(forbiddenIn(catalog(lang).discreetNotice(areas))).toEqual([]);
      expect(forbiddenIn(catalog(lang).discreetRetracted(areas, { time: '23:59', day: { weekday: 3, date: 30 } }))).toEqual([]);
      expect(forbiddenIn(catalog(lang).discreetUnreached())).toEqual([]);
      expect(forbiddenIn(catalog(lang).discreetUnreachedModeratorsTold())).toEqual([]);
      expect(forbiddenIn(catalog(lang).discreetModeratorsUnreached())).toEqual([]);
      expect(forbiddenIn(catalog(lang).discreetModeratorsGone())).toEqual([]);
      expect(forbiddenIn(catalog(lang).discreetNoOneReached())).toEqual([]);
      for (const n of [1, 2]) expect(forbiddenIn(catalog(lang).discreetOkUnreached(n))).toEqual([]);
      for (const told of [catalog(lang).discreetContactAccepted('0177'), catalog(lang).discreetContactDeclined('0177'), catalog(lang).discreetContactStopped('0177'), catalog(lang).discreetBuddyInvite('Rose'), catalog(lang).discreetBuddyDropped('Rose')]) expect(forbiddenIn(told)).toEqual([]);
    }
  });

  it('answers READ with the unread alerts newest first, in at most two messages, the rest for the next READ', async () => {
    await h.sms(DISCREET, 'JOIN 415');
    const long = 'x'.repeat(150);
    for (let i = 1; i <= 6; i++) await alert(`alert number ${i} ${long}`, [DISCREET]);
    await h.server.planner.idle();
    const before = fake.to(DISCREET).length;
    const first = (await h.sms(DISCREET, 'READ')).message as string;
    await waitFor(() => fake.to(DISCREET).length === before + 1, 5000, 'the second message of READ');
    const second = last(DISCREET);
    for (const m of [first, second]) expect(smsSegments(m)).toBeLessThanOrEqual(3);
    const order = [...`${first}\n${second}`.matchAll(/alert number (\d)/g)].map((m) => Number(m[1]));
    expect(order[0]).toBe(6);
    expect(order).toEqual([...order].sort((a, b) => b - a));
    expect(order.length).toBeLessThan(6);
    expect(second).toContain(`+${6 - order.length} older: text READ again.`);
    const rest = (await h.sms(DISCREET, 'READ')).message as string;
    const next = [...rest.matchAll(/alert number (\d)/g)].map((m) => Number(m[1]));
    expect(next[0]).toBe(Math.min(...order) - 1);
  });

  it('turns discreet off again, and a later alert arrives in full', async () => {
    await h.sms(LATE, 'DISCREET');
    expect((await h.sms(LATE, 'DISCREET')).message).toMatch(/discreet alerts off/);
    await alert('blue sedan outside the Tenderloin clinic', [LATE]);
    expect(last(LATE)).toMatch(/^Heads Up alert \(415\): blue sedan/);
  });

  it('erases the unread alerts of a member who texts DELETE', async () => {
    const member = () => h.server.db.sqlite.prepare('SELECT count(*) n FROM unread_alerts').get() as { n: number };
    await h.sms(LATE, 'DISCREET');
    await alert('white pickup near 16th', [LATE]);
    await h.server.planner.idle();
    const before = member().n;
    expect(before).toBeGreaterThan(0);
    await h.sms(LATE, 'DELETE');
    expect(member().n).toBe(before - 1);
  });

  it('drops a retracted alert from READ', async () => {
    await h.sms(LATE, 'JOIN 415');
    await h.sms(LATE, 'DISCREET');
    const filed = (await h.sms(PLAIN, 'REPORT 415 man in a red coupe, threatened me')).message as string;
    const ref = /#([A-Z0-9]+)/.exec(filed)?.[1] as string;
    const before = fake.to(LATE).length;
    await h.sms(MOD, `APPROVE ${ref}`);
    await waitFor(() => fake.to(LATE).length > before, 5000, 'the notice');
    await h.server.planner.idle();
    expect(last(LATE)).toBe('HU 415: 1 new message. Reply READ to see it.');
    const waiting = () => (h.server.db.sqlite.prepare('SELECT count(*) n FROM unread_alerts WHERE alert_id = (SELECT max(id) FROM alerts)').get() as { n: number }).n;
    expect(waiting()).toBeGreaterThan(0);
    const notified = fake.to(LATE).length;
    expect((await h.sms(MOD, `RETRACT ${ref}`)).message).toContain('retracted');
    expect(waiting()).toBe(0);
    // The correction is as neutral as the notice it corrects.
    await waitFor(() => fake.to(LATE).length > notified, 10_000, 'the correction');
    expect(last(LATE)).toMatch(/^HU 415: the message sent at \d\d:\d\d( on \w{3} \d\d?)? is withdrawn\. Please disregard it\.$/);
    expect(forbiddenIn(last(LATE))).toEqual([]);
    expect((await h.sms(LATE, 'READ')).message).toBe('Heads Up: nothing unread.');
  });

  it('forgets the unread alerts of a member who texted STOP: READ after START shows none (it may be a recycled number\'s new holder)', async () => {
    await h.sms(STOPPER, 'JOIN 415');
    await h.sms(STOPPER, 'DISCREET');
    await alert('green hatchback, took the money back at gunpoint', [STOPPER]);
    await h.server.planner.idle();
    await h.sms(STOPPER, 'STOP');
    // A READ while stopped would go to a number Twilio refuses to text: nothing is shown, so nothing is marked read.
    expect((await h.sms(STOPPER, 'READ')).message).toBe(catalog('en').notMember());
    await h.sms(STOPPER, 'START');
    expect((await h.sms(STOPPER, 'READ')).message).toBe(catalog('en').readNone());
  });

  it('lets retention erase unread alerts with their alerts', async () => {
    await h.sms(DISCREET, 'JOIN 415');
    await alert('tall man, red scooter', [DISCREET]);
    await h.server.planner.idle();
    const unread = () => (h.server.db.sqlite.prepare('SELECT count(*) n FROM unread_alerts').get() as { n: number }).n;
    expect(unread()).toBeGreaterThan(0);
    runRetention(h.server.db, 90, Date.now() + 91 * 86_400_000);
    expect(unread()).toBe(0);
  });
});

describe('discreet by default, on a line that admits members', () => {
  let fake: FakeTwilio;
  let h: Harness;

  beforeAll(async () => {
    fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    await fake.start();
    h = await startHarness({ twilioApiBaseUrl: fake.url, env: { MODERATORS: MOD, SEND_RATE: '1000', SUBSCRIBE_MODE: 'approval', DISCREET_DEFAULT: 'on' } });
  });

  afterAll(async () => {
    await h.close();
    await fake.stop();
  });

  it('tells an admitted discreet member so without naming the line, and sends them notices', async () => {
    expect((await h.sms(DISCREET, 'JOIN 415')).message).toMatch(/with a moderator/);
    await waitFor(() => fake.to(MOD).length === 1, 5000, 'join request notice');
    const ref = /Join request #([A-Z0-9]{4,6})/.exec(fake.to(MOD)[0]!.body)?.[1];
    expect((await h.sms(MOD, `APPROVE ${ref}`)).message).toBe(`#${ref} admitted.`);
    await waitFor(() => fake.to(DISCREET).length === 1, 5000, 'the admission');
    expect(fake.to(DISCREET)[0]!.body).toBe("HU: you're in for 415. Reply HELP for the commands.");
    expect(forbiddenIn(fake.to(DISCREET)[0]!.body)).toEqual([]);
    await h.sms(MOD, 'ALERT 415 grey van, aggressive');
    await waitFor(() => fake.to(DISCREET).length === 2, 5000, 'the notice');
    expect(fake.to(DISCREET)[1]!.body).toBe('HU 415: 1 new message. Reply READ to see it.');
  });
});

describe('discreet alerts over Signal', () => {
  const MEMBER = { uuid: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a80', number: '+14155550150' };
  const NEWCOMER = { uuid: '6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b90', number: '+14155550151' };
  let world: SignalWorld;
  let signal: FakeSignal;

  beforeAll(async () => {
    world = await startSignalWorld({ env: { DISCREET_TIMER_SECONDS: '86400' } });
    ({ signal } = world);
  });
  afterAll(() => world.close());

  it("sets the contact's disappearing-messages timer through signal-cli-rest-api, one day, and clears it when discreet goes off", async () => {
    signal.push(textEnvelope(SIGNAL_NUMBER, MEMBER, 'JOIN 415'));
    await waitFor(() => signal.to(MEMBER.uuid).length === 1, 10_000, 'join reply');
    expect(signal.contactUpdates).toEqual([]);
    signal.push(textEnvelope(SIGNAL_NUMBER, MEMBER, 'DISCRETO'));
    await waitFor(() => signal.contactUpdates.length === 1, 10_000, 'the timer call');
    expect(signal.contactUpdates[0]).toEqual({ recipient: MEMBER.uuid, expiration_in_seconds: 86_400, name: undefined });
    await waitFor(() => signal.to(MEMBER.uuid).length === 2, 10_000, 'discreet reply');
    // DISCRETO is Spanish and Portuguese: it keeps the member's language.
    expect(signal.to(MEMBER.uuid)[1]!.message).toMatch(/discreet alerts on/);
    signal.push(textEnvelope(SIGNAL_NUMBER, MEMBER, 'DISCREET'));
    await waitFor(() => signal.expirations.get(MEMBER.uuid) === 0, 10_000, 'the timer cleared');
  });

  it('makes new members discreet when the line says so, with the timer', async () => {
    const w = await startSignalWorld({ env: { DISCREET_DEFAULT: 'on', DISCREET_TIMER_SECONDS: '3600' } });
    try {
      w.signal.push(textEnvelope(SIGNAL_NUMBER, NEWCOMER, 'JOIN 415'));
      await waitFor(() => w.signal.expirations.get(NEWCOMER.uuid) === 3600, 10_000, 'the timer of a new discreet member');
      expect(w.h.server.db.sqlite.prepare('SELECT discreet FROM members').all()).toEqual([{ discreet: 1 }]);
    } finally {
      await w.close();
    }
  });
});
