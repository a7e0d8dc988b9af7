/**
 * An emoji in one guided answer (or a letter outside GSM-7) must not cost the
 * alert its other answers, nor hide from the reporter the identifiers she typed.
 */
import { smsSegments } from '../../src/bot/sms-segments';
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld as world, sms } from '../helpers/report-world';

const say = (w: BotWorld, from: string, text: string): string => w.sms(from, text).reply ?? '';
const ANSWERS = ['REPORT', '1 3', 'last night 11pm', '415 Motel 6 Lombard', 'tall 😡 beard, says Rick', 'grey van plate 7ABC123', '415-555-0177 @ricky_sf rick@example.com', 'SKIP'];

describe('an emoji in the "person" answer', () => {
  it('leaves the alert every answer, and CHECK finds the email it shows', async () => {
    const w = await world();
    for (const a of ANSWERS) say(w, REPORTER, a);
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, 'DONE'))?.[1] ?? '';
    const shown = say(w, MOD, `SHOW ${ref}`);
    expect(shown).toContain(
      "(415): violence, robbery or didn't pay. When: last night 11pm. Where: Motel 6 Lombard. Person: tall beard, says Rick. Vehicle: grey van plate 7ABC123. Contact: +14155550177, @ricky_sf, rick@example.com.",
    );
    say(w, MOD, `APPROVE ${ref}`);
    expect(say(w, MEMBER, 'CHECK rick@example.com')).toMatch(/in 1 alert/);
  });
});

describe('the read-back before DONE', () => {
  const readBack = async (answers: string[]) => {
    const w = await world();
    let reply = '';
    for (const a of answers) reply = say(w, REPORTER, a);
    return reply;
  };

  it('with an emoji in "person", shows the plate and the number she gave, as the alert will', async () => {
    const reply = await readBack(ANSWERS);
    expect(reply).toContain('Person: tall beard, says Rick. Vehicle: grey van plate 7ABC123. Contact: +14155550177, @ricky_sf, rick@example.com.');
    expect(smsSegments(reply)).toBeLessThanOrEqual(2);
  });

  it('in Spanish, with a place in a letter GSM-7 cannot fold (UCS-2), clips the words first and keeps the plate and the number whole', async () => {
    const reply = await readBack(['REPORTE', '1 3', 'anoche 11pm', '415 hotel Łazienki en Mission, segundo piso al fondo', 'alto, barba, dice que se llama Ricardo', 'van gris placa 7ABC123', '415-555-0177', 'SALTAR']);
    expect(reply).toContain('7ABC123');
    expect(reply).toContain('Contacto: +14155550177.');
    expect(reply).toMatch(/ENVIAR para enviarlo/);
    expect(smsSegments(reply)).toBeLessThanOrEqual(2);
  });

  it('takes more than two segments rather than hide a contact she typed', async () => {
    const contacts = '415-555-0177, 628-555-0199, 415-555-0144, @ricky_sf, @rick_the_contractor, rick.smith.contractor@example.com, instagram.com/rick_sf_official';
    const reply = await readBack(['REPORT', '1', 'last night', '415 Motel Łazienki', 'tall', 'van plate 7ABC123', contacts, 'SKIP']);
    for (const id of ['+14155550177', '+16285550199', '+14155550144', '@ricky_sf', '@rick_the_contractor', 'rick.smith.contractor@example.com', '7ABC123']) expect(reply).toContain(id);
    expect(reply).not.toContain('...');
    expect(reply).toMatch(/DONE to send it/);
  });
});

describe('a guided report whose alert must leave answers out to fit', () => {
  it('tells the moderators which answers and how many contacts the alert leaves out (letters outside GSM-7 make it UCS-2)', async () => {
    const w = await world();
    const answers = [
      'REPORT',
      '1 2 3 5',
      'ночью, last Friday night around 11:30pm, after the bar on 6th closed',
      '415 Martínez motel on Lombard St, room on the second floor at the back by the ice machine',
      'Яков, white guy, about 6ft 2, 40s, short beard, tattoo of a snake on his left forearm',
      'grey Ford Transit van, plate 7ABC123',
      'texts from (415) 555-0177 and 628-555-0199, insta @Rick_SF, email rick.sf@example.com',
      'SKIP',
      'DONE',
    ];
    for (const a of answers) say(w, REPORTER, a);
    const [notice = ''] = w.queued(sms(MOD)).map((m) => m.text);
    expect(notice).toContain('Contact: +14155550177, +16285550199, @rick_sf. -- STOP to end');
    expect(notice).toContain('\nLeft out to fit: When, Where, Person, 1 contact.\n');
    // The vehicle's words went, its plate stayed.
    expect(notice).toContain('Vehicle: 7ABC123.');
    expect(notice).toContain('\nShortened to fit: Vehicle.\n');
  });

  it('names the answers the alert shortens, not only those it leaves out whole', async () => {
    const w = await world();
    const answers = [
      'REPORT',
      '1 3',
      'last Friday night around 11:30pm',
      '415 Motel Łazienki on Lombard St, second floor, the room at the back by the ice machine',
      'white guy, about 6ft 2, 40s, short beard, tattoo of a snake on his left forearm, says his name is Rick',
      'grey Ford Transit van, plate 7ABC123',
      '415-555-0177',
      'SKIP',
      'DONE',
    ];
    for (const a of answers) say(w, REPORTER, a);
    const [notice = ''] = w.queued(sms(MOD)).map((m) => m.text);
    expect(notice).toContain('Where: Motel Łaz... Person: white guy...');
    expect(notice).toContain('\nShortened to fit: When, Where, Person, Vehicle.\n');
    expect(notice).not.toContain('Left out');
  });

  it('says nothing of it when the alert shows every answer', async () => {
    const w = await world();
    for (const a of [...ANSWERS, 'DONE']) say(w, REPORTER, a);
    const [notice = ''] = w.queued(sms(MOD)).map((m) => m.text);
    expect(notice).toContain('Contact: +14155550177, @ricky_sf, rick@example.com.');
    expect(notice).not.toContain('Left out');
    expect(notice).not.toContain('Shortened');
  });
});
