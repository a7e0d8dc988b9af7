/**
 * A hunt fed every reply's instruction back to the line. "LEAVE 999" was told
 * `"999" isn't an area code we know. Use 3 digits, e.g. JOIN 415.`: she was
 * leaving and was told to join, and to use the 3 digits she had used. And a
 * JOIN past MAX_AREAS said "LEAVE 415 to drop one" to a member without 415:
 * sent, it answered "you left 415" and dropped nothing. The examples now name
 * her command and one of her own areas, and sending them does what they say.
 */
import { catalog } from '../../src/bot/catalog';
import { botWorld } from '../helpers/bot-world';

const ROSA = '+14155550100'; // a 415 number
const en = catalog('en');

describe('LEAVE of an area code the line does not serve', () => {
  it('gives LEAVE with one of her areas as the example, and that example leaves it', async () => {
    const w = await botWorld({});
    w.sms(ROSA, 'JOIN 628 212');
    const reply = w.sms(ROSA, 'LEAVE 999').reply ?? '';
    expect(reply).toBe('Heads Up: "999" isn\'t an area code we serve. Try e.g. LEAVE 212.');
    expect(reply).not.toMatch(/JOIN|Use 3 digits/);
    expect(w.sms(ROSA, 'LEAVE 212').reply).toBe(en.left(['212'], ['628']));
  });

  it('in Spanish too', async () => {
    const w = await botWorld({});
    w.sms(ROSA, 'UNIRSE 628');
    expect(w.sms(ROSA, 'SALIR 999').reply).toBe('Heads Up: "999" no es un codigo de area que cubrimos. Prueba ej. SALIR 628.');
  });

  it('gives JOIN when she holds no area, and still asks for 3 digits when she typed other than 3', async () => {
    const w = await botWorld({});
    w.sms(ROSA, 'JOIN 628');
    w.sms(ROSA, 'LEAVE 628');
    expect(w.sms(ROSA, 'LEAVE 999').reply).toBe('Heads Up: "999" isn\'t an area code we serve. Try e.g. JOIN 415.');
    expect(w.sms(ROSA, 'JOIN 4l5').reply).toBe('Heads Up: "4L5" isn\'t an area code we know. Use 3 digits, e.g. JOIN 415.');
  });
});

describe('JOIN past MAX_AREAS', () => {
  it('names one of her own areas to LEAVE, and sending it drops that one', async () => {
    const w = await botWorld({ maxAreas: 2 });
    w.sms(ROSA, 'JOIN 628 212');
    const reply = w.sms(ROSA, 'JOIN 305').reply ?? '';
    expect(reply).toBe('Heads Up: you can follow at most 2 areas. Text AREAS to see yours, LEAVE 212 to drop one.');
    expect(w.sms(ROSA, 'LEAVE 212').reply).toBe(en.left(['212'], ['628']));
    expect(w.sms(ROSA, 'JOIN 305').reply).toBe(en.joined(['305', '628']));
  });

  it('names no area to leave to one who holds none', async () => {
    const w = await botWorld({ maxAreas: 2 });
    expect(w.sms(ROSA, 'JOIN 628 212 305').reply).toBe('Heads Up: you can follow at most 2 areas. Text JOIN with 2 or fewer.');
  });
});
