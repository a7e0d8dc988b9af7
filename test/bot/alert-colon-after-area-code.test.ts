/**
 * On a line with both North American area codes and its own areas (an
 * AREAS_FILE with northAmerica), a colon or a dash after a first area code
 * ends the areas as it does after one of the line's own: "ALERT 415: london
 * grey van" goes to 415 with "london" kept in the text, not to London too.
 * The parser took the code and dropped the colon, so the handler read
 * "london" as the next area. Real SQLite and crypto, through the bot.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Regions } from '../../src/alerts/regions';
import type { Sender } from '../../src/phone/identity';
import { openAlert } from '../../src/store/alerts';
import { findReport } from '../../src/store/reports';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { tempDir } from '../helpers/temp-dir';

const MOD = '+14155550199';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

function mixedLine(): Regions {
  const file = path.join(tempDir(), 'areas.json');
  fs.writeFileSync(file, JSON.stringify({ northAmerica: true, areas: [{ code: 'LON', names: ['London'] }] }));
  return Regions.forLine(file, 'US');
}

async function world(): Promise<BotWorld> {
  const w = await botWorld({ regions: mixedLine(), moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
  w.sms('+14155550101', 'JOIN 415');
  w.sms('+14155550102', 'JOIN LON');
  return w;
}

const alertOf = (w: BotWorld, id: number) => {
  const row = w.db.sqlite.prepare('SELECT npas FROM alerts WHERE id = ?').get(id) as { npas: string };
  const body = openAlert(w.db, w.vault, id)?.body;
  return { npas: row.npas, text: body && 'text' in body ? body.text : undefined };
};

describe('ALERT with an area code, a colon and a name of the line', () => {
  it('goes to the code alone, the name kept in the text', async () => {
    const w = await world();
    w.sms(MOD, 'ALERT 415: london grey van, knife');
    // A number that is no area starts the text, its colon kept on it.
    w.sms(MOD, 'ALERT 415 100: london grey van, knife');
    expect([1, 2].map((id) => alertOf(w, id))).toEqual([
      { npas: '415', text: 'london grey van, knife' },
      { npas: '415', text: '100: london grey van, knife' },
    ]);
  });

  it('ends the areas at a dash too, glued or standing alone, the dash left out', async () => {
    const w = await world();
    w.sms(MOD, 'ALERT 415- london grey van');
    w.sms(MOD, 'ALERT 415 – london grey van');
    expect([1, 2].map((id) => alertOf(w, id))).toEqual([
      { npas: '415', text: 'london grey van' },
      { npas: '415', text: 'london grey van' },
    ]);
  });

  it('still reads the name as an area without the colon, and after a colon that follows it', async () => {
    const w = await world();
    w.sms(MOD, 'ALERT 415 london grey van');
    w.sms(MOD, 'ALERT 415 london: grey van');
    expect([1, 2].map((id) => alertOf(w, id))).toEqual([
      { npas: '415,LON', text: 'grey van' },
      { npas: '415,LON', text: 'grey van' },
    ]);
  });
});

describe('REPORT with an area code, a colon and a name of the line', () => {
  it('is filed for the code alone, the name kept in the text', async () => {
    const w = await world();
    const reply = w.sms('+14155550110', 'REPORT 415: london road motel, grey van took my phone').reply ?? '';
    const report = findReport(w.db, w.vault, /#([A-Z0-9]{4,6})/.exec(reply)?.[1] ?? 'none');
    expect({ npas: report?.npas, text: report?.text }).toEqual({ npas: ['415'], text: 'london road motel, grey van took my phone' });
  });
});
