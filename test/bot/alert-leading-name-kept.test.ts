/**
 * Every leading word of an ALERT or a REPORT that names an area is an area
 * ("ALERT london manchester grey van" warns both cities), and a colon or a
 * dash after the areas ends them: "ALERT MAD: León, cliente violento…" goes
 * to MAD with the client's name kept. Without it León is read as the city,
 * and the moderator's reply quotes the start of what went out, so the
 * misreading shows at once. Real SQLite and crypto, through the bot, on
 * lines with their own areas file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Regions } from '../../src/alerts/regions';
import type { Sender } from '../../src/phone/identity';
import { openAlert } from '../../src/store/alerts';
import { findReport } from '../../src/store/reports';
import { tempDir } from '../helpers/temp-dir';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MOD = '+34911000999';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

function spanishLine(): Regions {
  const file = path.join(tempDir(), 'areas.json');
  const areas = [
    { code: 'MAD', names: ['Madrid'] },
    { code: 'LEON', names: ['León'] },
    { code: 'BCN', names: ['Barcelona'] },
  ];
  fs.writeFileSync(file, JSON.stringify({ areas }));
  return Regions.forLine(file, 'ES');
}

async function world(): Promise<BotWorld> {
  const w = await botWorld({ regions: spanishLine(), moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
  for (const [n, area] of [['+34611000001', 'MAD'], ['+34611000002', 'LEON'], ['+34611000003', 'BCN']] as const) w.sms(n, `JOIN ${area}`);
  return w;
}

const alertOf = (w: BotWorld, id: number) => {
  const row = w.db.sqlite.prepare('SELECT npas FROM alerts WHERE id = ?').get(id) as { npas: string };
  const body = openAlert(w.db, w.vault, id)?.body;
  return { npas: row.npas, text: body && 'text' in body ? body.text : undefined };
};

const UK_MOD = '+442071000999';

async function ukWorld(): Promise<BotWorld> {
  const regions = Regions.forLine('config/areas.uk.example.json', 'GB');
  const w = await botWorld({ regions, moderators: new Set([UK_MOD]), moderatorContacts: [sms(UK_MOD)] });
  w.sms('+442071000001', 'JOIN LDN');
  w.sms('+441611000002', 'JOIN MAN');
  return w;
}

describe('ALERT with an area name after its first area', () => {
  it('keeps a client named León in the text after a colon, and sends to MAD alone, quoting the text in the reply', async () => {
    const w = await world();
    const reply = w.sms(MOD, 'ALERT MAD: León, cliente violento, pega a las chicas').reply ?? '';
    expect(reply).toMatch(/^Alert #[A-Z0-9]{4,6} going to MAD\. RETRACT [A-Z0-9]{4,6} withdraws it\. Text: "León, cliente violento, pega a las ch\.\.\."$/);
    expect(alertOf(w, 1)).toEqual({ npas: 'MAD', text: 'León, cliente violento, pega a las chicas' });
  });

  it('keeps the name after a dash too, the dash left out of the text', async () => {
    const w = await world();
    w.sms(MOD, 'ALERT MAD - León, cliente violento');
    w.sms(MOD, 'ALERT Madrid- León, cliente violento');
    expect([1, 2].map((id) => alertOf(w, id))).toEqual([
      { npas: 'MAD', text: 'León, cliente violento' },
      { npas: 'MAD', text: 'León, cliente violento' },
    ]);
  });

  it('without the colon reads León as the city, and the reply shows the text without him and LEON among the areas', async () => {
    const w = await world();
    const reply = w.sms(MOD, 'ALERT MAD León, cliente violento, pega a las chicas').reply ?? '';
    expect(reply).toMatch(/^Alert #[A-Z0-9]{4,6} going to LEON, MAD\. RETRACT [A-Z0-9]{4,6} withdraws it\. Text: "cliente violento, pega a las chicas"$/);
    expect(alertOf(w, 1)).toEqual({ npas: 'LEON,MAD', text: 'cliente violento, pega a las chicas' });
  });

  it('reads a second area however it is written: joined, in capitals, or a name after a name or a code', async () => {
    const w = await world();
    w.sms(MOD, 'ALERT MAD, León redada esta noche');
    w.sms(MOD, 'ALERT MAD y León redada esta noche');
    w.sms(MOD, 'ALERT MAD LEON BCN redada esta noche');
    w.sms(MOD, 'ALERT Madrid LEON redada esta noche');
    w.sms(MOD, 'ALERT madrid barcelona: redada esta noche');
    expect([1, 2, 3, 4, 5].map((id) => alertOf(w, id))).toEqual([
      { npas: 'LEON,MAD', text: 'redada esta noche' },
      { npas: 'LEON,MAD', text: 'redada esta noche' },
      { npas: 'BCN,LEON,MAD', text: 'redada esta noche' },
      { npas: 'LEON,MAD', text: 'redada esta noche' },
      { npas: 'BCN,MAD', text: 'redada esta noche' },
    ]);
  });

  it('warns London and Manchester of "ALERT london manchester …" and "ALERT LDN manchester …"', async () => {
    const w = await ukWorld();
    w.sms(UK_MOD, 'ALERT london manchester grey van, knife');
    w.sms(UK_MOD, 'ALERT LDN manchester grey van, knife');
    expect([1, 2].map((id) => alertOf(w, id))).toEqual([
      { npas: 'LDN,MAN', text: 'grey van, knife' },
      { npas: 'LDN,MAN', text: 'grey van, knife' },
    ]);
  });
});

describe('REPORT with an area name after its first area', () => {
  const filed = (w: BotWorld, from: string, text: string) => {
    const reply = w.sms(from, text).reply ?? '';
    const report = findReport(w.db, w.vault, /#([A-Z0-9]{4,6})/.exec(reply)?.[1] ?? 'none');
    return { npas: report?.npas, text: report?.text };
  };

  it('files "REPORT MAD: León me pegó…" for MAD with the name kept', async () => {
    const w = await world();
    expect(filed(w, '+34611000010', 'REPORT MAD: León me pegó en el hotel, coche rojo')).toEqual({ npas: ['MAD'], text: 'León me pegó en el hotel, coche rojo' });
  });

  it('files "REPORT london manchester grey van …" for both cities', async () => {
    const w = await ukWorld();
    expect(filed(w, '+447700900111', 'REPORT london manchester grey van took my phone')).toEqual({ npas: ['LDN', 'MAN'], text: 'grey van took my phone' });
  });
});
