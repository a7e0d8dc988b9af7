/**
 * Folding the letters GSM-7 lacks ("ã" as "a") to make an alert fit must never rewrite what it names: a link's
 * "martín", "joão@…" or "@joão_silva" folded is another page, email or handle (someone else's, innocent, indexed),
 * and CHECK of the one she wrote answered that no alert names it. Such a report is kept as written: a one-message
 * report waits for a moderator's EDIT, a guided answer is clipped (its stub never indexed).
 */
import { alertSegments, fittedReportText, MAX_ALERT_SEGMENTS } from '../../src/alerts/alert-text';
import { checkQueries } from '../../src/alerts/identifiers';
import { alertFieldsOf, alertIdentifiers, fitFields, renderBody, type ReportFields } from '../../src/alerts/report-template';

const said = (tail: string) =>
  'hombre de unos 45 años, alto, calvo, dice llamarse João. Me agredió en un piso de la calle Montera el viernes por la noche y se fue sin pagar. ' + tail;

describe('a one-message report folded to fit', () => {
  it.each([
    ['a link', 'Su anuncio: https://anuncios.es/perfil/martín-madrid-45'],
    ['an email', 'Su correo: joão@exemplo.pt'],
    ['a handle', 'Su Instagram: @joão_silva'],
  ])('keeps %s as written: the text waits for an EDIT', (_kind, tail) => {
    const text = said(tail);
    expect(alertSegments(['MAD'], text)).toBeGreaterThan(MAX_ALERT_SEGMENTS);
    expect(fittedReportText(['MAD'], text, 'ES')).toBe(text);
  });

  it('is folded with a link between a phone’s curly quotes, which end the link as straight ones do', () => {
    const text = said('Su anuncio “skipthegames.com/p/123” sigue.');
    const sent = fittedReportText(['MAD'], text, 'ES');
    expect(sent).toContain('dice llamarse Joao.');
    expect(sent).toContain('"skipthegames.com/p/123"');
    expect(alertSegments(['MAD'], sent)).toBeLessThanOrEqual(MAX_ALERT_SEGMENTS);
  });

  it('is still folded when it names the same (a number, no accent in it)', () => {
    const text = said('Llama desde el 612 34 56 78.');
    const sent = fittedReportText(['MAD'], text, 'ES');
    expect(sent).toContain('dice llamarse Joao.');
    expect(alertSegments(['MAD'], sent)).toBeLessThanOrEqual(MAX_ALERT_SEGMENTS);
  });
});

describe('a guided report folded to fit', () => {
  const whole: ReportFields = {
    categories: ['violence', 'threats'],
    when: 'el sábado 7/12 a las 23:30',
    where: 'hotel cerca de la estación María Zambrano, habitación del tercer piso al fondo del pasillo',
    person: 'anuncio https://anuncios.es/p/martín45 hombre de unos 50 años, alto, calvo, barba gris, se hace llamar João',
    vehicle: 'Seat León blanco 1234 BCD con una abolladura en la puerta trasera',
    contact: '612 34 56 78',
  };

  it('never shows a link CHECK would not find as members read it', () => {
    const f = alertFieldsOf(whole, null, 'ES');
    const fitted = fitFields(['MAD'], f, 'ES');
    const sent = renderBody('es', ['MAD'], { fields: f }, 'ES');
    expect(sent).not.toContain('anuncios.es/p/martin45');
    const indexed = alertIdentifiers({ fields: fitted }, 'ES', f).map((i) => `${i.kind}:${i.value}`);
    // The link she wrote is found when the alert shows it whole, and only then.
    const asWritten = checkQueries('anuncios.es/p/martín45', 'ES').map((i) => `${i.kind}:${i.value}`);
    const shown = sent.includes('anuncios.es/p/martín45');
    expect(asWritten.some((k) => indexed.includes(k))).toBe(shown);
    expect(indexed).toContain('plate:1234BCD');
  });
});
