/**
 * A colon or a dash after the areas ends them whatever keyboard typed it: a Unicode hyphen, figure dash,
 * horizontal bar, minus sign, fullwidth hyphen-minus, fullwidth or small colon ends them as ":" and "-" do.
 * Before, "ALERT GDL ‐ Puebla es el nombre del cliente violento" went to GDL and Puebla at once, "Puebla" dropped
 * from the text; "REPORTE GDL： Puebla me pegó" was filed for both. Found by the unicode hunt. Real SQLite and
 * crypto, through the bot.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Regions } from '../../src/alerts/regions';
import type { Sender } from '../../src/phone/identity';
import { openAlert } from '../../src/store/alerts';
import { findReport } from '../../src/store/reports';
import { botWorld, exampleLine, type BotWorld } from '../helpers/bot-world';
import { tempDir } from '../helpers/temp-dir';

const MOD = '+525512345678';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

const alertOf = (w: BotWorld, id: number) => {
  const row = w.db.sqlite.prepare('SELECT npas FROM alerts WHERE id = ?').get(id) as { npas: string };
  const body = openAlert(w.db, w.vault, id)?.body;
  return { npas: row.npas, text: body && 'text' in body ? body.text : undefined };
};

// Hyphen, figure dash, horizontal bar, minus, fullwidth hyphen-minus, small hyphen-minus; fullwidth, small colon.
const MARKS = [' \u2010 ', ' \u2012 ', ' \u2015 ', ' \u2212 ', ' \uFF0D ', ' \uFE63 ', '\uFF1A ', ' \uFF1A ', '\uFE55 '];

describe('ALERT on a line of its own areas, a Unicode colon or dash after the first', () => {
  it.each(MARKS.map((m) => [m]))('%j ends the areas: to GDL alone, "Puebla" kept in the text', async (mark) => {
    const w = await botWorld({ regions: exampleLine('mx'), moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
    w.sms('+523312345678', 'JOIN GDL');
    w.sms(MOD, `ALERT GDL${mark}Puebla es el nombre del cliente violento`);
    expect(alertOf(w, 1)).toEqual({ npas: 'GDL', text: 'Puebla es el nombre del cliente violento' });
  });
});

describe('REPORTE with a fullwidth colon or a minus after its area', () => {
  it.each([['GDL\uFF1A Puebla me pegó'], ['GDL \u2212 Puebla me pegó']])('"REPORTE %s" is filed for GDL alone, the text kept', async (rest) => {
    const w = await botWorld({ regions: exampleLine('mx'), moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
    const reply = w.sms('+523312345678', `REPORTE ${rest}`).reply ?? '';
    const report = findReport(w.db, w.vault, /#([A-Z0-9]{4,6})/.exec(reply)?.[1] ?? 'none');
    expect({ npas: report?.npas, text: report?.text }).toEqual({ npas: ['GDL'], text: 'Puebla me pegó' });
  });
});

describe('ALERT with an area code, then a Unicode colon or dash, on a line with names of its own', () => {
  it.each([['415\uFF1A london grey van'], ['415 \u2010 london grey van'], ['415\uFE55 london grey van']])('"ALERT %s" goes to 415 alone, "london" kept', async (rest) => {
    const file = path.join(tempDir(), 'areas.json');
    fs.writeFileSync(file, JSON.stringify({ northAmerica: true, areas: [{ code: 'LON', names: ['London'] }] }));
    const w = await botWorld({ regions: Regions.forLine(file, 'US'), moderators: new Set(['+14155550199']), moderatorContacts: [sms('+14155550199')] });
    w.sms('+14155550101', 'JOIN 415');
    w.sms('+14155550102', 'JOIN LON');
    w.sms('+14155550199', `ALERT ${rest}`);
    expect(alertOf(w, 1)).toEqual({ npas: '415', text: 'london grey van' });
  });
});
