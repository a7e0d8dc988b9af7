/** A REPORT typed all in capitals on a line of its own areas goes to her areas, not to the area a word of it spells. */
import path from 'node:path';
import { Regions } from '../../src/alerts/regions';
import type { Sender } from '../../src/phone/identity';
import { botWorld } from '../helpers/bot-world';

const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const MOD = '+447911100099';
const ROSA = '+447911100001';
const uk = () => Regions.forLine(path.resolve(__dirname, '../../config/areas.uk.example.json'), 'GB');

describe('a REPORT written all in capitals whose first word is also an area code', () => {
  it.each([
    ['REPORT MAN WITH A KNIFE AT KINGS CROSS, GREY VAN', 'MAN WITH A KNIFE'],
    ['REPORT BEL BOY AT THE HOTEL STOLE MY PHONE', 'BEL BOY AT'],
  ])('%j goes to LDN, the area she follows, its text whole', async (text, opening) => {
    const w = await botWorld({ regions: uk(), moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
    expect(w.sms(ROSA, 'JOIN LDN').reply).toMatch(/LDN/);
    expect(w.sms(ROSA, text).reply).toMatch(/#[A-Z0-9]{4,6}/);
    const pending = w.sms(MOD, 'PENDING').reply ?? '';
    expect(pending).toMatch(/\(LDN\)/);
    const ref = /#([A-Z0-9]{4,6})/.exec(pending)![1]!;
    expect(w.sms(MOD, `SHOW ${ref}`).reply).toContain(opening);
  });

  it('goes to the code she typed when she follows no area and her number names none', async () => {
    const w = await botWorld({ regions: uk(), moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
    expect(w.sms(ROSA, 'REPORT LDN GREY VAN AT KINGS CROSS').reply).toMatch(/#[A-Z0-9]{4,6}/);
    expect(w.sms(MOD, 'PENDING').reply).toMatch(/\(LDN\)/);
  });

  it('starts a guided report for the code when it is all she typed', async () => {
    const w = await botWorld({ regions: uk(), moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
    w.sms(ROSA, 'JOIN LDN');
    for (const a of ['REPORT MAN', '1', 'FRI 11PM', 'SKIP']) w.sms(ROSA, a);
    expect(w.sms(ROSA, 'DONE').reply).toMatch(/#[A-Z0-9]{4,6}/);
    expect(w.sms(MOD, 'PENDING').reply).toMatch(/\(MAN\)/);
  });

  it.each([['REPORT LDN 男人有刀，灰色面包车，国王十字'], ['REPORT LDN ผู้ชายมีมีด รถตู้สีเทา'], ['REPORT LDN 07700 900123']])(
    '%j, in a script without capitals or in digits, from a member of MAN goes to LDN, the code she typed',
    async (text) => {
      const w = await botWorld({ regions: uk(), moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
      expect(w.sms(ROSA, 'JOIN MAN').reply).toMatch(/MAN/);
      expect(w.sms(ROSA, text).reply).toMatch(/#[A-Z0-9]{4,6}/);
      expect(w.sms(MOD, 'PENDING').reply).toMatch(/\(LDN\)/);
    },
  );
});
