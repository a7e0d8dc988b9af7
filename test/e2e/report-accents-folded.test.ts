/**
 * On a Spanish line, one accent GSM-7 lacks (á ó í ã ç) made the whole SMS UCS-2, 70 characters a segment: a guided
 * alert lost its place, person and plate to "hotel cer...", the read-back before DONE lost her answers, and a
 * one-message report of 228 characters waited for an EDIT ("4 SMS, most 3") where the same words without those
 * accents went in 2. Now those letters are folded to their plain letter ("é", "ñ" are GSM-7 and stay) when the text
 * would not fit as written, before anything is clipped; the moderator is shown exactly what APPROVE sends.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FakeTwilio } from '../fakes/fake-twilio';
import { refOf, startTwilioLine, tempDir, waitFor, type Harness } from '../helpers/harness';
import { smsSegments } from '../../src/bot/sms-segments';

const MOD = '+34609000009';
const MEMBER = '+34612000001';
const REPORTER = '+34612000005';
const OTHER = '+34612000006';
const THIRD = '+34612000007';
const FOURTH = '+34612000008';
const AREAS = { areas: [{ code: 'MAD', names: ['Madrid'], prefixes: ['+3491'] }] };

describe('an alert whose accents GSM-7 lacks would cost it its words', () => {
  let fake: FakeTwilio;
  let h: Harness;
  let stop: () => Promise<void>;
  const alertsTo = (n: string) => fake.to(n).filter((m) => m.body.startsWith('Alerta Heads Up'));

  beforeAll(async () => {
    const file = path.join(tempDir(), 'areas.json');
    fs.writeFileSync(file, JSON.stringify(AREAS));
    ({ fake, h, stop } = await startTwilioLine({ env: { AREAS_FILE: file, DEFAULT_COUNTRY: 'ES', MODERATORS: MOD, SEND_RATE: '1000' } }));
    await h.sms(MEMBER, 'ALTA MAD');
  });
  afterAll(() => stop());

  it('a guided report: the read-back, the notice, SHOW and the alert keep place, person and plate, folded', async () => {
    const answers = ['REPORTAR MAD', '1 5', 'el sábado 7/12 a las 23:30', 'hotel cerca de la estación María Zambrano', 'hombre de unos 50 años, se hace llamar Javier', 'Seat León blanco 1234 BCD', 'me llamó desde el 612 34 56 78'];
    for (const a of answers) await h.sms(REPORTER, a);
    const review = (await h.sms(REPORTER, 'SALTAR')).message ?? '';
    // Two segments, its frame long: her words folded, then clipped a little, the plate and the contact whole.
    expect(smsSegments(review)).toBe(2);
    expect(review).toContain('Cuando: el sabado 7/12 a las 23:30. Donde: hotel cerca de la estacion Maria ');
    expect(review).toContain('Persona: hombre de unos 50 años, se hace ');
    expect(review).toContain('Vehiculo: Seat Leon blanco 1234 BCD. Contacto: +34612345678.');

    const before = fake.to(MOD).length;
    const ref = refOf((await h.sms(REPORTER, 'LISTO')).message);
    await waitFor(() => fake.to(MOD).length > before, 5000, 'notice');
    const expected =
      'Alerta Heads Up (MAD): violencia, amenazas. Cuando: el sabado 7/12 a las 23:30. Donde: hotel cerca de la estacion Maria Zambrano. ' +
      'Persona: hombre de unos 50 años, se hace llamar Javier. Vehiculo: Seat Leon blanco 1234 BCD. Contacto: +34612345678. -- ALTO para salir';
    expect(smsSegments(expected)).toBe(2);
    const notice = fake.to(MOD)[before]!.body;
    expect(notice).toContain('2 SMS, would send');
    expect(notice).toContain(
      'Heads Up alert (MAD): violence, threats. When: el sabado 7/12 a las 23:30. Where: hotel cerca de la estacion Maria Zambrano. ' +
        'Person: hombre de unos 50 años, se hace llamar Javier. Vehicle: Seat Leon blanco 1234 BCD. Contact: +34612345678. -- STOP to end',
    );
    expect(notice).not.toMatch(/Shortened to fit|Left out to fit/);
    const show = (await h.sms(MOD, `SHOW ${ref}`)).message ?? '';
    expect(show).toContain('Where: hotel cerca de la estacion Maria Zambrano. Person: hombre de unos 50 años, se hace llamar Javier. Vehicle: Seat Leon blanco 1234 BCD.');

    expect((await h.sms(MOD, `APPROVE ${ref}`)).message).toContain('approved');
    await waitFor(() => alertsTo(MEMBER).length === 1, 5000, 'alert');
    expect(alertsTo(MEMBER)[0]!.body).toBe(expected);
    // What members read, CHECK finds: the number the folded alert shows.
    expect((await h.sms(MEMBER, 'VERIFICAR 612 34 56 78')).message).toMatch(/^Heads Up: ese numero sale en 1 alerta/);
  });

  it('a one-message report too long as written goes folded, as its notice and SHOW show it', async () => {
    const said =
      'hombre de unos 45 años, alto, calvo, dice llamarse Carlos. Me agredió en un piso de la calle Montera el viernes por la noche y se fue sin pagar. ' +
      'Llama desde el 612 34 56 78 y conduce un Audi A4 negro matrícula 1234 BCD.';
    const folded = said.replace('agredió', 'agredio').replace('matrícula', 'matricula');
    const before = fake.to(MOD).length;
    const ref = refOf((await h.sms(OTHER, `REPORTAR MAD ${said}`)).message);
    await waitFor(() => fake.to(MOD).length > before, 5000, 'notice');
    const notice = fake.to(MOD)[before]!.body;
    expect(notice).toContain(`2 SMS, would send:\nHeads Up alert (MAD): ${folded} -- STOP to end`);
    expect((await h.sms(MOD, `SHOW ${ref}`)).message).toContain(`2 SMS, APPROVE would send: Heads Up alert (MAD): ${folded} -- STOP to end`);

    const sent = alertsTo(MEMBER).length;
    expect((await h.sms(MOD, `APPROVE ${ref}`)).message).toContain('approved');
    await waitFor(() => alertsTo(MEMBER).length === sent + 1, 5000, 'alert');
    expect(alertsTo(MEMBER)[sent]!.body).toBe(`Alerta Heads Up (MAD): ${folded} -- ALTO para salir`);
  });

  it('a one-message report whose link folding would rewrite is kept as written, for an EDIT: CHECK never finds another page', async () => {
    const said =
      'hombre de unos 45 años, alto, calvo, dice llamarse Carlos. Me agredió en un piso de la calle Montera el viernes por la noche y se fue sin pagar. ' +
      'Su anuncio: https://anuncios.es/perfil/martín-madrid-45';
    const before = fake.to(MOD).length;
    const ref = refOf((await h.sms(FOURTH, `REPORTAR MAD ${said}`)).message);
    await waitFor(() => fake.to(MOD).length > before, 5000, 'notice');
    expect(fake.to(MOD)[before]!.body).not.toContain('martin-madrid-45');
    expect((await h.sms(MOD, `SHOW ${ref}`)).message).toContain('martín-madrid-45');
    const sent = alertsTo(MEMBER).length;
    expect((await h.sms(MOD, `APPROVE ${ref}`)).message).toContain('too long');
    // Shortened by her EDIT, the link as written goes, and CHECK finds it as members read it.
    expect((await h.sms(MOD, `EDIT ${ref} Agresión en la calle Montera. Su anuncio: https://anuncios.es/perfil/martín-madrid-45`)).message).not.toContain('too long');
    expect((await h.sms(MOD, `APPROVE ${ref}`)).message).toContain('approved');
    await waitFor(() => alertsTo(MEMBER).length === sent + 1, 5000, 'alert');
    expect(alertsTo(MEMBER)[sent]!.body).toContain('anuncios.es/perfil/martín-madrid-45');
    expect((await h.sms(MEMBER, 'VERIFICAR anuncios.es/perfil/martín-madrid-45')).message).toMatch(/1 alerta/);
    expect((await h.sms(MEMBER, 'VERIFICAR anuncios.es/perfil/martin-madrid-45')).message).not.toMatch(/1 alerta/);
  });

  it('a one-message report that fits as written keeps its accents', async () => {
    const said = 'Me agredió en la calle Montera, Audi A4 negro matrícula 1234 BCD.';
    const before = fake.to(MOD).length;
    await h.sms(THIRD, `REPORTAR MAD ${said}`);
    await waitFor(() => fake.to(MOD).length > before, 5000, 'notice');
    expect(fake.to(MOD)[before]!.body).toContain(`would send:\nHeads Up alert (MAD): ${said} -- STOP to end`);
  });

  it("a moderator's EDIT goes as she wrote it: too long with its accents, it is refused, never folded unseen", async () => {
    const ref = refOf((await h.sms(THIRD, 'REPORTAR MAD Audi A4 negro, no pagó.')).message);
    const edited = 'Hombre de unos 45 años, alto, calvo, dice llamarse Carlos; agredió a una compañera en la calle Montera y se fue sin pagar. Conduce un Audi A4 negro, matrícula 1234 BCD.';
    expect((await h.sms(MOD, `EDIT ${ref} ${edited}`)).message).toContain('still too long');
    expect((await h.sms(MOD, `APPROVE ${ref}`)).message).toContain('too long');
  });
});
