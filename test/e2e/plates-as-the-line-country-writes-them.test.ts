/**
 * Plates written as the line's country writes them, in groups with spaces (a British "AB12 CDE", a Portuguese
 * "12 AB 34"): the alert shows them so, and CHECK finds them written spaced, with dashes or as one word. On a line
 * outside North America, "AB" before a plate is not taken for Alberta alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findProjectDir } from '../../src/store/find-up';
import type { FakeTwilio } from '../fakes/fake-twilio';
import { refOf, startTwilioLine, waitFor, type Harness } from '../helpers/harness';

/** A guided report whose only answers are its category and its vehicle, approved; the alert a member got. */
async function guidedAlert(h: Harness, fake: FakeTwilio, who: { reporter: string; mod: string; member: string; area: string }, vehicle: string): Promise<string> {
  for (const answer of [`REPORT ${who.area}`, '1', 'SKIP', 'SKIP', 'SKIP', vehicle, 'SKIP', 'SKIP']) await h.sms(who.reporter, answer);
  const ref = refOf((await h.sms(who.reporter, 'DONE')).message);
  await h.sms(who.mod, `APPROVE ${ref}`);
  await waitFor(() => fake.to(who.member).some((m) => m.body.includes(vehicle)), 5000, 'alert');
  return fake.to(who.member).find((m) => m.body.includes(vehicle))!.body;
}

describe('a UK line', () => {
  let fake: FakeTwilio;
  let h: Harness;
  let stop: () => Promise<void>;
  const MOD = '+442079460999';
  const MEMBER = '+442079460123'; // London by prefix
  const REPORTER = '+447911100004';

  beforeAll(async () => {
    ({ fake, h, stop } = await startTwilioLine({ env: { AREAS_FILE: path.join(findProjectDir('config'), 'areas.uk.example.json'), DEFAULT_COUNTRY: 'GB', MODERATORS: MOD, SEND_RATE: '1000' } }));
    await h.sms(MEMBER, 'JOIN');
  });
  afterAll(() => stop());

  it('finds a plate the vehicle answer wrote in its two groups, however CHECK writes it', async () => {
    const alert = await guidedAlert(h, fake, { reporter: REPORTER, mod: MOD, member: MEMBER, area: 'LDN' }, 'silver Ford Focus AB12 CDE');
    expect(alert).toContain('Vehicle: silver Ford Focus AB12 CDE');
    for (const written of ['AB12 CDE', 'AB12-CDE', 'ab12cde']) {
      expect((await h.sms(MEMBER, `CHECK ${written}`)).message).toMatch(/that plate is in 1 alert\b.* in LDN/);
    }
    // Only that plate: one letter off is another car's.
    expect((await h.sms(MEMBER, 'CHECK AB12 CDF')).message).toMatch(/no alerts name that/);
  });
});

describe('a Portuguese line', () => {
  let fake: FakeTwilio;
  let h: Harness;
  let stop: () => Promise<void>;
  const MOD = '+351912000009';
  const MEMBER = '+351912000002';
  const REPORTER = '+351912000003';

  beforeAll(async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'areas-pt-')), 'areas.json');
    fs.writeFileSync(file, JSON.stringify({ areas: [{ code: 'LIS', names: ['Lisboa'], prefixes: ['+35121'] }] }));
    ({ fake, h, stop } = await startTwilioLine({ env: { AREAS_FILE: file, DEFAULT_COUNTRY: 'PT', MODERATORS: MOD, SEND_RATE: '1000' } }));
    await h.sms(MEMBER, 'JOIN LIS');
  });
  afterAll(() => stop());

  it('finds a plate of three groups in the vehicle answer, "12 AB 34", written spaced, with dashes or as one word', async () => {
    const alert = await guidedAlert(h, fake, { reporter: REPORTER, mod: MOD, member: MEMBER, area: 'LIS' }, 'Renault Clio 12 AB 34');
    expect(alert).toContain('Renault Clio 12 AB 34');
    for (const written of ['12 AB 34', '12-AB-34', '12AB34']) {
      expect((await h.sms(MEMBER, `CHECK ${written}`)).message).toMatch(/that plate is in 1 alert\b.* in LIS/);
    }
  });

  it('reads "AB 12 CD" in a CHECK as the Portuguese plate, not as 12CD of Alberta', async () => {
    const ref = refOf((await h.sms(REPORTER, 'REPORT LIS aggressive, took my phone, plate AB-12-CD')).message);
    await h.sms(MOD, `APPROVE ${ref}`);
    await waitFor(() => fake.to(MEMBER).some((m) => m.body.includes('AB-12-CD')), 5000, 'alert');
    for (const written of ['AB 12 CD', 'AB-12-CD', 'ab12cd']) {
      expect((await h.sms(MEMBER, `CHECK ${written}`)).message).toMatch(/that plate is in 1 alert\b.* in LIS/);
    }
  });
});
