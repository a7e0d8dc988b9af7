/**
 * A line in Mexico, end to end over SMS with the example areas file shipped
 * in config/, in Spanish: members join by prefix, by a name of several
 * words, by code, or are asked; a report names its area by code; the
 * approved alert reaches that area only; CHECK reads a national number as
 * Mexican.
 */
import path from 'node:path';
import { findProjectDir } from '../../src/store/find-up';
import type { FakeTwilio } from '../fakes/fake-twilio';
import { startTwilioLine, waitFor, type Harness, refOf } from '../helpers/harness';

const MOD = '+525555550999';
const CDMX_BY_PREFIX = '+525555550101';
const CDMX_BY_NAME = '+523312345601'; // a Guadalajara number that follows Mexico City
const GDL_BY_PREFIX = '+523312345602';
const ASKED = '+529611234501'; // Tuxtla: no area of this line claims +52961
const REPORTER = '+525555550104';


describe('a Mexican line with config/areas.mx.example.json', () => {
  let fake: FakeTwilio;
  let h: Harness;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ fake, h, stop } = await startTwilioLine({ env: { AREAS_FILE: path.join(findProjectDir('config'), 'areas.mx.example.json'), DEFAULT_COUNTRY: 'MX', MODERATORS: MOD, SEND_RATE: '1000' } }));
  });
  afterAll(() => stop());

  it('joins by prefix, by a name of several words written with accents, and by code, answering in Spanish', async () => {
    expect((await h.sms(CDMX_BY_PREFIX, 'UNIRSE')).message).toMatch(/^Heads Up: recibiras alertas .* en CDMX\./);
    expect((await h.sms(CDMX_BY_NAME, 'unirse Ciudad de México')).message).toMatch(/en CDMX\./);
    expect((await h.sms(GDL_BY_PREFIX, 'UNIRSE')).message).toMatch(/en GDL\./);
    expect((await h.sms(GDL_BY_PREFIX, 'ALTA cun')).message).toMatch(/en CUN, GDL\./);
  });

  it('asks a member whose number no area claims which one, in Spanish with the list, and takes the answer', async () => {
    const asked = (await h.sms(ASKED, 'UNIRSE')).message;
    expect(asked).toMatch(/¿de que area quieres alertas\?/);
    for (const code of ['CDMX', 'GDL', 'MTY', 'OAX']) expect(asked).toContain(code);
    expect((await h.sms(ASKED, 'Oaxaca')).message).toMatch(/en OAX\./);
  });

  it('takes a report for a code, and fans the approved alert out to that area only', async () => {
    for (const [n, text] of [[CDMX_BY_PREFIX, 'UNIRSE'], [CDMX_BY_NAME, 'UNIRSE cdmx'], [GDL_BY_PREFIX, 'UNIRSE GDL']] as const) await h.sms(n, text);
    const ref = refOf((await h.sms(REPORTER, 'REPORTE CDMX hombre agresivo en coche rojo, llamo del 55 1234 5678')).message);
    expect((await h.sms(MOD, `APPROVE ${ref}`)).message).toContain('alert going to CDMX.');
    await waitFor(() => [CDMX_BY_PREFIX, CDMX_BY_NAME].every((n) => fake.to(n).some((m) => m.body.includes('coche rojo'))), 5000, 'alert to CDMX');
    expect(fake.to(CDMX_BY_PREFIX).find((m) => m.body.includes('coche rojo'))!.body).toMatch(/^Alerta Heads Up \(CDMX\): hombre agresivo/);
    await h.server.planner.idle();
    await waitFor(() => (h.server.db.sqlite.prepare("SELECT count(*) n FROM outbox WHERE state = 'pending'").get() as { n: number }).n === 0);
    expect(fake.to(GDL_BY_PREFIX).filter((m) => m.body.includes('coche rojo'))).toEqual([]);
    expect((await h.sms(CDMX_BY_PREFIX, 'VERIFICAR 55 1234 5678')).message).toMatch(/sale en 1 alerta, .* en CDMX/);
  });
});
