/**
 * Moderator commands at their edges (references that do not exist or were
 * already decided, area overrides, unknown areas) and member commands that
 * change state back: a JOIN after an invalid number, an admission in the
 * applicant's language. Each answer is checked, and so is what it changed.
 */
import { catalog } from '../../src/bot/catalog';
import { findMember } from '../../src/store/members';
import { listAreas } from '../../src/store/subscriptions';
import { FakeTwilio, TWILIO_ERRORS } from '../fakes/fake-twilio';
import { ACCOUNT_SID, AUTH_TOKEN, startHarness, waitFor, type Harness } from '../helpers/harness';

const MOD = '+14155550199';

function refIn(text: string | null): string {
  const ref = /#([A-Z0-9]{4,6})/.exec(text ?? '')?.[1];
  if (!ref) throw new Error(`no reference in ${JSON.stringify(text)}`);
  return ref;
}

describe('moderator commands at their edges', () => {
  let fake: FakeTwilio;
  let h: Harness;
  const invalid = new Set<string>();
  /** How far the server's clock is ahead of the wall clock. */
  let ahead = 0;

  beforeAll(async () => {
    fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, answer: (m) => (invalid.has(m.to) ? TWILIO_ERRORS.invalidTo : 'accept') });
    await fake.start();
    h = await startHarness({ twilioApiBaseUrl: fake.url, env: { MODERATORS: MOD, SEND_RATE: '1000' }, now: () => Date.now() + ahead });
  });
  afterAll(async () => {
    await h.close();
    await fake.stop();
  });

  const mod = async (text: string) => (await h.sms(MOD, text)).message;
  const alertsTo = (n: string, words: string) => fake.to(n).filter((m) => m.body.includes(words));
  const alertCount = () => (h.server.db.sqlite.prepare('SELECT count(*) AS n FROM alerts').get() as { n: number }).n;

  it('APPROVE, REJECT, EDIT and BLOCK of a reference that does not exist change nothing', async () => {
    const state = () => h.server.db.sqlite.prepare("SELECT (SELECT count(*) FROM reports WHERE status = 'pending') AS reports, (SELECT count(*) FROM alerts) AS alerts, (SELECT count(*) FROM blocked_senders) AS blocks").get();
    const before = state();
    for (const cmd of ['APPROVE ZZZZ', 'REJECT ZZZZ', 'EDIT ZZZZ new text', 'BLOCK ZZZZ']) expect(await mod(cmd)).toBe('No pending item #ZZZZ.');
    expect(state()).toEqual(before);
  });

  it('APPROVE with areas sends the alert there instead of the reported area', async () => {
    const ny = '+12125550110';
    const sf = '+14155550110';
    await h.sms(ny, 'JOIN');
    await h.sms(sf, 'JOIN');
    const alertsBefore = alertCount();
    const ref = refIn((await h.sms('+14155550111', 'REPORT 415 brown sedan, hit a worker')).message);
    expect(await mod(`APPROVE ${ref} 212`)).toBe(`#${ref} approved: alert going to 212.`);
    await waitFor(() => alertsTo(ny, 'brown sedan').length === 1, 10_000, 'the alert in 212');
    expect(alertsTo(ny, 'brown sedan')[0]?.body).toContain('(212)');
    // The member of 415 (the reported area) got no copy: wait for the outbox to drain first.
    await waitFor(() => (h.server.db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'pending'").get() as { n: number }).n === 0, 10_000, 'the outbox to drain');
    await h.server.planner.idle();
    expect(alertsTo(sf, 'brown sedan')).toEqual([]);

    // Decided: a second APPROVE, a REJECT or an EDIT say so and change nothing.
    expect(await mod(`APPROVE ${ref}`)).toBe(`#${ref} was already decided.`);
    expect(await mod(`REJECT ${ref}`)).toBe(`#${ref} was already decided.`);
    expect(await mod(`EDIT ${ref} other text`)).toBe(`#${ref} was already decided.`);
    expect(h.server.db.sqlite.prepare('SELECT status FROM reports WHERE ref = ?').get(ref)).toEqual({ status: 'approved' });
    expect(alertCount()).toBe(alertsBefore + 1);
  });

  it('APPROVE or ALERT with an unknown area names it and decides nothing', async () => {
    const alertsBefore = alertCount();
    const ref = refIn((await h.sms('+14155550112', 'REPORT 415 green jeep')).message);
    expect(await mod(`APPROVE ${ref} 999`)).toContain('"999"');
    expect(h.server.db.sqlite.prepare('SELECT status FROM reports WHERE ref = ?').get(ref)).toEqual({ status: 'pending' });
    expect(await mod('ALERT 999 some text')).toContain('"999"');
    expect(alertCount()).toBe(alertsBefore);
    // A REJECT of a pending report decides it once.
    expect(await mod(`REJECT ${ref}`)).toBe(`#${ref} rejected.`);
    expect(await mod(`REJECT ${ref}`)).toBe(`#${ref} was already decided.`);
    expect(await mod(`APPROVE ${ref}`)).toBe(`#${ref} was already decided.`);
    expect(h.server.db.sqlite.prepare('SELECT status FROM reports WHERE ref = ?').get(ref)).toEqual({ status: 'rejected' });
  });

  it('EDIT replaces the text of a pending report, and the edited text is what goes out', async () => {
    const member = '+13055550113';
    await h.sms(member, 'JOIN');
    const ref = refIn((await h.sms('+13055550114', 'REPORT 305 red car, name Bob Smith')).message);
    expect(await mod(`EDIT ${ref} red car, violent`)).toBe(`#${ref} edited (1 SMS). SHOW ${ref} to read it, APPROVE ${ref} to send it.`);
    expect(await mod(`APPROVE ${ref}`)).toContain('approved');
    await waitFor(() => alertsTo(member, 'red car').length === 1, 10_000, 'the edited alert');
    expect(alertsTo(member, 'red car')[0]?.body).toContain('red car, violent');
    expect(alertsTo(member, 'Bob Smith')).toEqual([]);
  });

  it('PENDING lists reports and join requests alike, and says when there is nothing', async () => {
    // Whatever earlier tests left pending is decided first.
    for (const { ref } of h.server.db.sqlite.prepare("SELECT ref FROM reports WHERE status = 'pending'").all() as Array<{ ref: string }>) await mod(`REJECT ${ref}`);
    expect(await mod('PENDING')).toBe('Nothing pending.');
    const ref = refIn((await h.sms('+14155550116', 'REPORT 415 silver truck')).message);
    expect(await mod('PENDING')).toBe(`Pending: #${ref} (415)`);
    await mod(`REJECT ${ref}`);
    expect(await mod('PENDING')).toBe('Nothing pending.');
  });

  it('STATS counts members by area, pending reports and alerts', async () => {
    await h.sms('+19075550117', 'JOIN');
    await h.sms('+19075550118', 'REPORT 907 white pickup');
    const db = h.server.db.sqlite;
    const pending = (db.prepare("SELECT count(*) AS n FROM reports WHERE status = 'pending'").get() as { n: number }).n;
    expect(pending).toBeGreaterThan(0);
    expect(await mod('STATS')).toMatch(new RegExp(`^Members: .*907:1.*\\. Pending reports: ${pending}\\. Pending members: 0\\. Alerts issued: ${alertCount()}\\.$`));
  });

  it('a member whose number Twilio called invalid is active again after JOIN, her areas kept', async () => {
    const member = '+17135550115';
    await h.sms(member, 'JOIN');
    invalid.add(member);
    // Marked at the third refusal in a row only, a day or more after the first: one is not final.
    const refused = () => (h.server.db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE error = 'invalid:21211'").get() as { n: number }).n;
    for (const [i, n] of ['first', 'second', 'third'].entries()) {
      if (i === 2) ahead += 25 * 3_600_000;
      await mod(`ALERT 713 ${n} warning`);
      await waitFor(() => refused() === i + 1, 10_000, `the ${n} warning refused`);
    }
    await waitFor(() => findMember(h.server.db, h.server.vault, { channel: 'sms', address: member })?.status === 'invalid', 10_000, 'the member to be marked invalid');

    expect(listAreas(h.server.db, findMember(h.server.db, h.server.vault, { channel: 'sms', address: member })!.id)).toEqual(['713']);

    invalid.delete(member);
    expect((await h.sms(member, 'JOIN')).message).toContain('713');
    expect(findMember(h.server.db, h.server.vault, { channel: 'sms', address: member })?.status).toBe('active');
    await mod('ALERT 713 fourth warning');
    await waitFor(() => alertsTo(member, 'fourth warning').length === 1, 10_000, 'the alert after JOIN');
  });
});

describe('approval mode at its edges', () => {
  let fake: FakeTwilio;
  let h: Harness;

  beforeAll(async () => {
    fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    await fake.start();
    // A long poll: only a wake-up on commit sends the admission notice promptly.
    h = await startHarness({ twilioApiBaseUrl: fake.url, env: { MODERATORS: MOD, SUBSCRIBE_MODE: 'approval', SEND_RATE: '1000' }, dispatcher: { pollMs: 60_000 } });
  });
  afterAll(async () => {
    await h.close();
    await fake.stop();
  });

  it('tells a Spanish-speaking applicant in Spanish that they are in, at once', async () => {
    const applicant = '+13055550120';
    expect((await h.sms(applicant, 'UNIRSE 305')).message).toContain('moderadora');
    const ref = refIn((await h.sms(MOD, 'PENDING')).message);
    expect((await h.sms(MOD, `APPROVE ${ref}`)).message).toBe(`#${ref} admitted.`);
    await waitFor(() => fake.to(applicant).length === 1, 5_000, 'the admission notice');
    expect(fake.to(applicant)[0]?.body).toContain('ya estas dentro');
    expect((await h.sms(applicant, 'ZONAS')).message).toContain('305');
    expect((await h.sms(MOD, 'PENDING')).message).toBe('Nothing pending.');
  });

  it('asks again for approval when a member who opted out joins again', async () => {
    const member = '+13055550121';
    await h.sms(member, 'JOIN 305');
    const ref = refIn((await h.sms(MOD, 'PENDING')).message);
    await h.sms(MOD, `APPROVE ${ref}`);
    await h.sms(member, 'STOP');
    expect((await h.sms(member, 'JOIN 305')).message).toContain('moderator');
    expect(findMember(h.server.db, h.server.vault, { channel: 'sms', address: member })?.status).toBe('pending');
    // Her areas do not come back before a moderator admits her again: AREAS says her request waits.
    expect((await h.sms(member, 'AREAS')).message).toBe(catalog('en').requestWaiting(['305']));
    expect(listAreas(h.server.db, findMember(h.server.db, h.server.vault, { channel: 'sms', address: member })!.id)).toEqual([]);
  });

  it('files one request per applicant, keeping the areas its notice named through repeated JOINs', async () => {
    const member = '+13055550122';
    await h.sms(member, 'JOIN 718');
    await h.sms(member, 'JOIN 212');
    const listed = (await h.sms(MOD, 'PENDING')).message ?? '';
    expect(listed.match(/join \(718\)/g)).toHaveLength(1);
    expect(listed).not.toMatch(/join \((212|212, 718)\)/);
  });
});
