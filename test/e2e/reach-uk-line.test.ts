/**
 * A line in the United Kingdom, end to end over SMS with the example areas
 * file shipped in config/: members join by code, by name, by their
 * landline's prefix, or are asked (a UK mobile names no place); a report
 * names its area by name; the approved alert reaches that area only; CHECK
 * reads a national number as British.
 */
import path from 'node:path';
import { findProjectDir } from '../../src/store/find-up';
import type { FakeTwilio } from '../fakes/fake-twilio';
import { startTwilioLine, waitFor, type Harness, refOf } from '../helpers/harness';

const MOD = '+442079460999';
const LONDON_LANDLINE = '+442079460123'; // +4420: London by prefix
const MANCHESTER_BY_NAME = '+447911100001';
const GLASGOW_BY_CODE = '+447911100002';
const ASKED = '+447911100003'; // a mobile: no area of its own
const REPORTER = '+447911100004';
const CLIENT_NATIONAL = '07911 123456';


describe('a UK line with config/areas.uk.example.json', () => {
  let fake: FakeTwilio;
  let h: Harness;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ fake, h, stop } = await startTwilioLine({ env: { AREAS_FILE: path.join(findProjectDir('config'), 'areas.uk.example.json'), DEFAULT_COUNTRY: 'GB', MODERATORS: MOD, SEND_RATE: '1000' } }));
  });
  afterAll(() => stop());

  it('joins a London landline to LDN by its prefix, a name to its area, and a code in any case', async () => {
    expect((await h.sms(LONDON_LANDLINE, 'JOIN')).message).toMatch(/alerts for LDN\./);
    expect((await h.sms(MANCHESTER_BY_NAME, 'JOIN Manchester')).message).toMatch(/alerts for MAN\./);
    expect((await h.sms(GLASGOW_BY_CODE, 'join gla')).message).toMatch(/alerts for GLA\./);
    expect((await h.sms(GLASGOW_BY_CODE, 'AREAS')).message).toMatch(/GLA/);
  });

  it('asks a member whose number names no area which one, with the list, and takes a name as the answer', async () => {
    const asked = (await h.sms(ASKED, 'JOIN')).message;
    expect(asked).toMatch(/which area/);
    for (const code of ['LDN', 'MAN', 'BHM', 'GLA', 'BEL']) expect(asked).toContain(code);
    // A North American code is no area of this line: the list again, and the question stays open.
    expect((await h.sms(ASKED, '415')).message).toMatch(/isn't one of our areas.*LDN/);
    expect((await h.sms(ASKED, 'londres')).message).toMatch(/alerts for LDN\./);
  });

  it('takes a report for an area named in it, and fans the approved alert out to that area only', async () => {
    for (const [n, text] of [[LONDON_LANDLINE, 'JOIN'], [MANCHESTER_BY_NAME, 'JOIN MAN'], [GLASGOW_BY_CODE, 'JOIN GLA'], [ASKED, 'JOIN LDN']] as const) await h.sms(n, text);
    const reply = (await h.sms(REPORTER, `REPORT london tall man in a black cab, took my phone, calls from ${CLIENT_NATIONAL}`)).message;
    const ref = refOf(reply);
    await waitFor(() => fake.to(MOD).some((m) => m.body.includes(`#${ref}`)), 5000, 'moderator notice');
    const notice = fake.to(MOD).find((m) => m.body.includes(`#${ref}`))!.body;
    expect(notice).toContain('Heads Up alert (LDN): tall man in a black cab');
    expect((await h.sms(MOD, `APPROVE ${ref}`)).message).toContain(`#${ref} approved: alert going to LDN.`);
    await waitFor(() => fake.to(LONDON_LANDLINE).some((m) => m.body.includes('black cab')) && fake.to(ASKED).some((m) => m.body.includes('black cab')), 5000, 'alert to LDN');
    await h.server.planner.idle();
    await waitFor(() => (h.server.db.sqlite.prepare("SELECT count(*) n FROM outbox WHERE state = 'pending'").get() as { n: number }).n === 0);
    expect(fake.to(MANCHESTER_BY_NAME).filter((m) => m.body.includes('black cab'))).toEqual([]);
    expect(fake.to(GLASGOW_BY_CODE).filter((m) => m.body.includes('black cab'))).toEqual([]);
    // The client's national number was read as British: CHECK finds it written either way.
    expect((await h.sms(LONDON_LANDLINE, `CHECK ${CLIENT_NATIONAL}`)).message).toMatch(/in 1 alert, .* in LDN/);
    expect((await h.sms(LONDON_LANDLINE, 'CHECK +44 7911 123456')).message).toMatch(/in 1 alert/);
  });

  it('lets a moderator alert an area by code or name', async () => {
    await h.sms(MANCHESTER_BY_NAME, 'JOIN MAN');
    expect((await h.sms(MOD, 'ALERT manchester police sweep tonight near Piccadilly')).message).toMatch(/^Alert #[A-Z0-9]{4,6} going to MAN\. RETRACT [A-Z0-9]{4,6} withdraws it\. Text: "police sweep tonight near Piccadilly"$/);
    await waitFor(() => fake.to(MANCHESTER_BY_NAME).some((m) => m.body.includes('Piccadilly')), 5000, 'direct alert');
    expect(fake.to(MANCHESTER_BY_NAME).find((m) => m.body.includes('Piccadilly'))!.body).toMatch(/^Heads Up alert \(MAN\): police sweep/);
    expect((await h.sms(MOD, 'ALERT just text')).message).toBe('Which areas? e.g. ALERT LDN text.');
  });

  it('lets a member leave by name, and a moderator approve a report for other areas named', async () => {
    await h.sms(GLASGOW_BY_CODE, 'JOIN GLA EDI');
    expect((await h.sms(GLASGOW_BY_CODE, 'LEAVE edinburgh')).message).toBe('Heads Up: you left EDI. Still getting alerts for GLA.');
    const ref = refOf((await h.sms(REPORTER, 'REPORT LDN man in a silver estate car, followed me home')).message);
    expect((await h.sms(MOD, `APPROVE ${ref} glasgow`)).message).toContain('alert going to GLA.');
    await waitFor(() => fake.to(GLASGOW_BY_CODE).some((m) => m.body.includes('silver estate')), 5000, 'alert to GLA');
    expect(fake.to(GLASGOW_BY_CODE).find((m) => m.body.includes('silver estate'))!.body).toMatch(/^Heads Up alert \(GLA\): man in a silver estate car/);
  });
});
