/**
 * After the first area of an ALERT or a REPORT, a word that is another
 * area's name leads only when joined to it ("MAD, León", "MAD y León"), and
 * a code only in capitals ("LDN MAN"): on a Spanish line, "ALERT MAD León,
 * cliente violento…" went to LEON and MAD with the client's name cut off,
 * and the moderator was told only "going to LEON, MAD". Her reply now quotes
 * the start of what went out, so a misreading shows at once. Real SQLite and
 * crypto, through the bot, on a line with its own areas file.
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

describe('ALERT with an area name after its first area', () => {
  it('keeps a client named León in the text and sends to MAD alone, quoting the text in the reply', async () => {
    const w = await world();
    const reply = w.sms(MOD, 'ALERT MAD León, cliente violento, pega a las chicas').reply ?? '';
    expect(reply).toMatch(/^Alert #[A-Z0-9]{4,6} going to MAD\. RETRACT [A-Z0-9]{4,6} withdraws it\. Text: "León, cliente violento, pega a las ch\.\.\."$/);
    expect(alertOf(w, 1)).toEqual({ npas: 'MAD', text: 'León, cliente violento, pega a las chicas' });
  });

  it('reads a second area joined by a comma or "y", or written as a code in capitals', async () => {
    const w = await world();
    w.sms(MOD, 'ALERT MAD, León redada esta noche');
    w.sms(MOD, 'ALERT MAD y León redada esta noche');
    w.sms(MOD, 'ALERT MAD LEON BCN redada esta noche');
    w.sms(MOD, 'ALERT Madrid LEON redada esta noche');
    expect([1, 2, 3, 4].map((id) => alertOf(w, id))).toEqual([
      { npas: 'LEON,MAD', text: 'redada esta noche' },
      { npas: 'LEON,MAD', text: 'redada esta noche' },
      { npas: 'BCN,LEON,MAD', text: 'redada esta noche' },
      { npas: 'LEON,MAD', text: 'redada esta noche' },
    ]);
  });

  it('stops at the name after codes in capitals: "ALERT MAD BCN Barcelona Escorts …" goes to MAD and BCN', async () => {
    const w = await world();
    w.sms(MOD, 'ALERT MAD BCN Barcelona Escorts es una agencia falsa');
    expect(alertOf(w, 1)).toEqual({ npas: 'BCN,MAD', text: 'Barcelona Escorts es una agencia falsa' });
  });
});

describe('REPORT with an area name after its first area', () => {
  it('files "REPORT MAD León me pegó…" for MAD with the name kept', async () => {
    const w = await world();
    const reply = w.sms('+34611000010', 'REPORT MAD León me pegó en el hotel, coche rojo').reply ?? '';
    const ref = /#([A-Z0-9]{4,6})/.exec(reply)?.[1] ?? 'none';
    const report = findReport(w.db, w.vault, ref);
    expect({ npas: report?.npas, text: report?.text }).toEqual({ npas: ['MAD'], text: 'León me pegó en el hotel, coche rojo' });
  });
});
