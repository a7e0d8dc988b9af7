/**
 * A vehicle answer clipped to fit its alert keeps its plates, a national one too: clipVehicle read the plates
 * without the line's country, so on a UK line "AB12 CDE" (a plate only to a British reading) was cut off the
 * alert and her read-back, while the index, read with the country, held AB12CDE: CHECK found a plate no member read.
 */
import { alertFieldsOf, alertIdentifiers, fitFields, renderBody, reviewFields, type ReportFields } from '../../src/alerts/report-template';
import { catalog } from '../../src/bot/catalog';
import { smsSegments } from '../../src/bot/sms-segments';

const long: ReportFields = {
  categories: ['violence'],
  when: 'Saturday night around 11pm after the booking',
  where: 'hotel near Kings Cross station, third floor room at the back by the lifts, he paid for the room in cash and asked the desk for a late checkout, then came back twice',
  person: 'white man about 50, tall, bald, grey beard, says his name is Mark, Manchester accent, wears a gold chain and a black leather jacket, smells of cigarettes, very polite on the phone, aggressive in person',
  vehicle: 'silver Ford Focus estate with roof bars, tinted windows, a dented rear bumper, a child seat in the back and a taxi licence sticker AB12 CDE',
  contact: '07700 900123',
};

describe('a clipped vehicle answer on a UK line', () => {
  const f = alertFieldsOf(long, null, 'GB');

  it('the alert members receive shows the plate the index holds (as CHECK writes it)', () => {
    const fitted = fitFields(['LDN'], f, 'GB');
    expect(fitted.vehicle).not.toBe(f.vehicle);
    expect(renderBody('en', ['LDN'], { fields: f }, 'GB')).toContain('AB12CDE');
    const plates = alertIdentifiers({ fields: fitted }, 'GB', f).filter((i) => i.kind === 'plate');
    expect(plates.map((i) => i.value)).toEqual(['AB12CDE']);
    // APPROVE stores the fitted fields; the dispatcher renders them knowing no country, and must send what was shown.
    expect(renderBody('en', ['LDN'], { fields: fitted })).toBe(renderBody('en', ['LDN'], { fields: f }, 'GB'));
  });

  it('her read-back before DONE shows it too', () => {
    const t = catalog('en');
    const shown = reviewFields(f, (g) => smsSegments(t.reportReview(['LDN'], t.alertBody(g), Infinity)), 2, 'GB');
    expect(shown.vehicle).not.toBe(f.vehicle);
    expect(shown.vehicle).toContain('AB12CDE');
  });
});
