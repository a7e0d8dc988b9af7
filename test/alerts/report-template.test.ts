import fc from 'fast-check';
import { alertFieldsOf, alertIdentifiers, bodySegments, fitFields, leftOut, renderBody, type ReportFields } from '../../src/alerts/report-template';
import { CATEGORIES } from '../../src/bot/report-dialogue';
import { smsSegments } from '../../src/bot/sms-segments';

const OWN = '+14155550105';
const LONG: ReportFields = {
  categories: ['violence', 'sexual-assault', 'robbery', 'threats'],
  when: 'last Friday night around 11:30pm, after the bar on 6th closed',
  where: 'the Motel 6 on Lombard St, room on the second floor at the back by the ice machine',
  person: 'white guy, about 6ft 2, 40s, short beard, tattoo of a snake on his left forearm, says his name is Rick or Richard, sometimes Dave',
  vehicle: 'grey Ford Transit van with a ladder rack and a dent in the back door, CA plate 7ABC 123',
  contact: 'texts from (415) 555-0177 and 628-555-0199, insta @Rick_SF, email rick.sf@example.com',
  other: 'I was scared, call me at 415-555-0105 if you need me',
};

describe('the alert template of a guided report', () => {
  it('never shows "anything else" nor the reporter’s own number, wherever it was written', () => {
    const fields: ReportFields = { ...LONG, person: `calls himself Rick, got my number ${OWN}`, contact: `(415) 555-0177, he called me on (415) 555-0105` };
    const alert = alertFieldsOf(fields, OWN);
    for (const lang of ['en', 'es'] as const) {
      const text = renderBody(lang, ['415'], { fields: alert });
      expect(text).not.toContain('scared');
      expect(text).not.toMatch(/555.?0105/);
      expect(text).toContain('+14155550177');
    }
    expect(alertIdentifiers({ fields: alert }).map((i) => i.value)).not.toContain(OWN);
  });

  it('fits a long report in 3 segments in every language, keeping the plate and the whole contact list', () => {
    const alert = alertFieldsOf(LONG, null);
    expect(bodySegments(['415'], { fields: alert })).toBeLessThanOrEqual(3);
    for (const lang of ['en', 'es'] as const) {
      const text = renderBody(lang, ['415'], { fields: alert });
      expect(smsSegments(text)).toBeLessThanOrEqual(3);
      expect(text).toContain('CA 7ABC123');
      expect(text).toContain('+14155550177, +16285550199, @rick_sf, rick.sf@example.com');
    }
  });

  it('shows a short report whole, in the member’s language', () => {
    const f = alertFieldsOf({ categories: ['time-waster'], when: 'sat', contact: '@timewaster' }, null);
    expect(renderBody('en', ['415'], { fields: f })).toBe('Heads Up alert (415): time-waster. When: sat. Contact: @timewaster. -- STOP to end');
    expect(renderBody('es', ['415'], { fields: f })).toBe('Alerta Heads Up (415): perdida de tiempo. Cuando: sat. Contacto: @timewaster. -- ALTO para salir');
  });

  it('drops emoji and symbols from the answers when they would cost the alert its fields', () => {
    const plain: ReportFields = { categories: ['violence', 'robbery'], when: 'last night 11pm', where: 'Motel 6 Lombard', person: 'tall beard, says Rick', vehicle: 'grey van plate 7ABC123', contact: '415-555-0177 @ricky_sf rick@example.com' };
    const expected = renderBody('en', ['415'], { fields: alertFieldsOf(plain, null) });
    const marked = alertFieldsOf({ ...plain, person: 'tall 😡 beard, says Rick ❤️', where: 'Motel 6 Lombard 🏨' }, null);
    expect(renderBody('en', ['415'], { fields: marked })).toBe(expected);
    // There phones' smart punctuation becomes its plain form; letters of a language stay.
    const typed = alertFieldsOf({ ...plain, person: 'tall 😡 beard, says he’s “Rick” – Martínez…' }, null);
    expect(renderBody('en', ['415'], { fields: typed })).toContain("Person: tall beard, says he's");
  });

  it('makes curly quotes and dashes plain even where the alert would fit with them: alone they would make it UCS-2', () => {
    const base: ReportFields = { categories: ['violence'], when: 'last night 11pm', where: 'Motel 6 Lombard', person: "tall beard, says he's Rick - 40s", vehicle: 'grey van plate 7ABC123' };
    const plainText = renderBody('en', ['415'], { fields: alertFieldsOf(base, null) });
    const curly = renderBody('en', ['415'], { fields: alertFieldsOf({ ...base, person: 'tall beard, says he’s Rick – 40s' }, null) });
    expect(curly).toBe(plainText);
    expect(smsSegments(curly)).toBe(smsSegments(plainText));
  });

  it('keeps an emoji when the alert fits with it: it may say what no word does', () => {
    const f = alertFieldsOf({ categories: ['threats'], person: 'pulled a 🔫 on me', where: 'Motel 6' }, null);
    expect(renderBody('en', ['415'], { fields: f })).toBe('Heads Up alert (415): threats. Where: Motel 6. Person: pulled a 🔫 on me. -- STOP to end');
  });

  it('never cuts a contact identifier to a stub: each is shown whole or left out whole', () => {
    const f = alertFieldsOf({ ...LONG, person: `Яков ${LONG.person}`, where: `Martínez ${LONG.where}`, when: `ночью ${LONG.when}` }, null);
    const text = renderBody('en', ['415', '628', '212'], { fields: f });
    expect(smsSegments(text)).toBeLessThanOrEqual(3);
    const contact = /Contact: (.*?)\. --/.exec(text)?.[1] ?? '';
    expect(contact).not.toContain('...');
    for (const shown of contact.split(', ')) expect(['+14155550177', '+16285550199', '@rick_sf', 'rick.sf@example.com']).toContain(shown);
  });

  it('fits any report in 3 segments, whatever its answers (emoji and accents included)', () => {
    const answer = fc.option(fc.string({ unit: 'grapheme', maxLength: 300 }), { nil: undefined });
    fc.assert(
      fc.property(fc.subarray([...CATEGORIES]), answer, answer, answer, answer, answer, (categories, when, where, person, vehicle, contact) => {
        const alert = alertFieldsOf({ categories, when, where, person, vehicle, contact }, null);
        expect(bodySegments(['415', '628', '212'], { fields: alert })).toBeLessThanOrEqual(3);
      }),
      { numRuns: 150 },
    );
  });
});

describe('what CHECK finds of an alert that dropped its emoji', () => {
  it.each([
    ['room \u{1F51F} 415 555 0177 his cell', 'room 10 415 555 0177 his cell'],
    ['rm 1\uFE0F\u20E32\uFE0F\u20E3 415 555 0177 his cell', 'rm 12 415 555 0177 his cell'],
    ['room 12 \u2022 415 555 0177 his cell', 'room 12 415 555 0177 his cell'],
  ])('the number it shows after another, their separator dropped: %j', (said, shown) => {
    const where = '415 Motel 6 on Lombard St, second floor, the room at the back by the ice machine, parked outside';
    const whole = alertFieldsOf({ categories: ['violence', 'robbery'], when: 'last Friday around 11:30pm', where, person: `tall \u{1F621} beard, ${said}`, vehicle: 'grey van' }, OWN);
    const fitted = fitFields(['415'], whole);
    expect(fitted.person).toBe(`tall beard, ${shown}`);
    expect(alertIdentifiers({ fields: fitted }, 'US', whole)).toEqual([{ kind: 'phone', value: '+14155550177' }]);
  });

  it.each([
    ['pin 4155\u{1F621}550177 lol', 'pin 4155 550177 lol'],
    ['code \u2B504\u2B501\u2B505\u2B505\u2B505\u2B505\u2B500\u2B501\u2B507\u2B507 ok', 'code 4 1 5 5 5 5 0 1 7 7 ok'],
  ])('no number read only in what dropping its emoji left, which the answer as written names nowhere: %j', (said, shown) => {
    const where = '415 Motel 6 on Lombard St, second floor, the room at the back by the ice machine, parked outside';
    const whole = alertFieldsOf({ categories: ['violence', 'robbery'], when: 'last Friday around 11:30pm', where, person: `tall \u{1F621} beard, ${said}`, vehicle: 'grey van' }, OWN);
    const fitted = fitFields(['415'], whole);
    expect(fitted.person).toBe(`tall beard, ${shown}`);
    expect(alertIdentifiers({ fields: fitted }, 'US', whole)).toEqual([]);
  });
});

describe('what the moderators are told fitting left out or shortened', () => {
  it('names no answer shortened when the alert only lost its emoji, and each one clipped when it was clipped', () => {
    // An emoji makes this alert UCS-2 and too long; without it, GSM-7, it fits whole.
    const emoji = alertFieldsOf({ categories: ['violence'], person: `${LONG.person} 😡`, vehicle: LONG.vehicle }, OWN);
    expect(renderBody('en', ['415'], { fields: emoji })).not.toContain('😡');
    expect(leftOut(['415'], emoji)).toEqual({ fields: [], shortened: [], categories: 0, contacts: 0 });
    // Letters outside GSM-7 with no plain form to fold to cannot be dropped: the answers are clipped.
    const clipped = alertFieldsOf({ ...LONG, where: `${LONG.where}, Łazienki` }, OWN);
    expect(leftOut(['415'], clipped)).toEqual({ fields: [], shortened: ['when', 'where', 'person', 'vehicle'], categories: 0, contacts: 0 });
  });

  it('counts the categories the alert drops to fit', () => {
    // Every category, answers in another alphabet (UCS-2) and four areas: only the gravest categories fit.
    const fields = alertFieldsOf({ categories: [...CATEGORIES], when: 'Юрий night', where: 'Юрий', contact: 'Юрий' }, OWN);
    const npas = ['415', '510', '628', '650'];
    expect(fitFields(npas, fields).categories).toEqual(CATEGORIES.slice(0, 4));
    expect(leftOut(npas, fields).categories).toBe(CATEGORIES.length - 4);
  });
});
