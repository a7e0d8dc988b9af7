/**
 * A guided alert with one letter GSM-7 lacks ("ã", "ó", "ç") was UCS-2, 70 characters a segment, and clipped to
 * "Donde: hotel cer... Persona: hombre de...": the letters are now folded to their plain letter before any answer is
 * clipped, when the alert does not fit as written and folding saves segments. GSM-7's own accents stay.
 */
import { alertFieldsOf, bodySegments, fitFields, leftOut, renderBody, type ReportFields } from '../../src/alerts/report-template';
import { foldAccents } from '../../src/alerts/alert-text';
import { LANGS } from '../../src/bot/catalog';
import { smsSegments } from '../../src/bot/sms-segments';

const LISBON: ReportFields = {
  categories: ['violence', 'robbery'],
  when: 'ontem às 23h',
  where: 'pensão no Intendente',
  person: 'homem de uns 40 anos, diz que se chama João',
  vehicle: 'Renault Clio cinzento 12-AB-34',
  contact: '+351912345678',
};

describe('the letters GSM-7 lacks in a guided alert', () => {
  it('are folded before any answer is clipped: place, person and vehicle whole, in 2 segments in every language', () => {
    const alert = alertFieldsOf(LISBON, null, 'PT');
    for (const lang of LANGS) {
      const text = renderBody(lang, ['LIS'], { fields: alert });
      expect(text).toContain(': ontem às 23h. ');
      expect(text).toContain(': pensao no Intendente. ');
      expect(text).toContain(': homem de uns 40 anos, diz que se chama Joao. ');
      expect(text).toContain(': Renault Clio cinzento 12-AB-34. ');
      expect(smsSegments(text)).toBe(2);
    }
    // Whole, only folded: the moderators are told nothing was shortened.
    expect(leftOut(['LIS'], alert)).toEqual({ fields: [], shortened: [], categories: 0, contacts: 0 });
  });

  it('keeps the accents GSM-7 has (é, ñ, ü, à) while folding those it lacks', () => {
    expect(foldAccents('Peñón, café, Müller, à côté, ação, Çà, ÎLE')).toBe('Peñon, café, Müller, à coté, acao, Çà, ILE');
    const f = alertFieldsOf({ categories: ['threats'], where: 'hotel cerca de la estación María Zambrano', person: 'hombre de unos 50 años, se hace llamar Javier, muy agresivo', vehicle: 'Seat León blanco 1234 BCD', when: 'el sábado 7/12 a las 23:30' }, null, 'ES');
    const text = renderBody('es', ['MAD'], { fields: f });
    expect(text).toContain('Persona: hombre de unos 50 años, se hace llamar Javier, muy agresivo.');
    expect(text).toContain('Vehiculo: Seat Leon blanco 1234 BCD.');
  });

  it('stay when the alert fits with them', () => {
    const f = alertFieldsOf({ categories: ['threats'], where: 'pensão no Intendente', person: 'diz que se chama João' }, null, 'PT');
    expect(renderBody('en', ['LIS'], { fields: f })).toBe('Heads Up alert (LIS): threats. Where: pensão no Intendente. Person: diz que se chama João. -- STOP to end');
    expect(fitFields(['LIS'], f)).toEqual(f);
  });

  it('stay when another letter keeps the alert UCS-2 anyway (folding saves nothing)', () => {
    const f = alertFieldsOf({ ...LISBON, person: `Яков, ${LISBON.person}` }, null, 'PT');
    const fitted = fitFields(['LIS'], f);
    // Clipped as UCS-2, as before: its "ã" kept.
    expect(fitted.where).toBe('pensão no...');
    expect(fitted.person).toBe('Яков, hom...');
    expect(bodySegments(['LIS'], { fields: f })).toBeLessThanOrEqual(3);
  });
});
