/**
 * An area code with a colon glued to the text after it ("REPORT 415:he hit me", with a fullwidth, small or
 * vertical colon too) ends the areas as "415: he hit me" does. The word was kept whole as text: the report
 * was filed for her own area instead of 415, and began "415:he". ALERT read it so too. A time in the text
 * ("10:30") and a number that is no area stay as she wrote them, and a word she wrote starting with a colon
 * (a smiley ":D", ":P", or ":Ohio") keeps it: a first fix dropped it ("D he seemed fine"). Real SQLite and
 * crypto, through the bot.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Regions } from '../../src/alerts/regions';
import { openAlert } from '../../src/store/alerts';
import { findReport } from '../../src/store/reports';
import type { Sender } from '../../src/phone/identity';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { tempDir } from '../helpers/temp-dir';

const ROSE = '+16285550110';
const MOD = '+14155550199';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

/** A North American line that also has London (LON) of its own, Rose a member of 628. */
async function world(): Promise<BotWorld> {
  const file = path.join(tempDir(), 'areas.json');
  fs.writeFileSync(file, JSON.stringify({ northAmerica: true, areas: [{ code: 'LON', names: ['London'] }] }));
  const w = await botWorld({ regions: Regions.forLine(file, 'US'), moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
  w.sms(ROSE, 'JOIN 628');
  w.sms('+14155550101', 'JOIN 415');
  return w;
}

function filed(w: BotWorld, text: string): { npas?: string[]; text?: string } {
  const reply = w.sms(ROSE, text).reply ?? '';
  const report = findReport(w.db, w.vault, /#([A-Z0-9]{4,6})/.exec(reply)?.[1] ?? 'none');
  return { npas: report?.npas, text: report?.text };
}

describe('REPORT with a colon glued between the area code and the text', () => {
  it.each([[':'], ['\uFF1A'], ['\uFE55'], ['\uFE13']])('%j: filed for that area, the text without it', async (colon) => {
    const w = await world();
    expect(filed(w, `REPORT 415${colon}he hit me`)).toEqual({ npas: ['415'], text: 'he hit me' });
  });

  it('ends every area before it, and a name of the line after it stays text', async () => {
    const w = await world();
    expect(filed(w, 'REPORT 415,510:he hit me')).toEqual({ npas: ['415', '510'], text: 'he hit me' });
    expect(filed(w, 'REPORT 415:london road motel, grey van')).toEqual({ npas: ['415'], text: 'london road motel, grey van' });
    expect(filed(w, 'REPORT ٤١٥:he hit me')).toEqual({ npas: ['415'], text: 'he hit me' });
  });

  it('leaves times, a number that is no area and a smiley as she wrote them', async () => {
    const w = await world();
    expect(filed(w, 'REPORT 10:30 he hit me')).toEqual({ npas: ['628'], text: '10:30 he hit me' });
    expect(filed(w, 'REPORT 415 at 10:30 he hit me')).toEqual({ npas: ['415'], text: 'at 10:30 he hit me' });
    expect(filed(w, 'REPORT 415 100:he took $100')).toEqual({ npas: ['415'], text: '100:he took $100' });
    expect(filed(w, 'REPORT 415 :( he hit me')).toEqual({ npas: ['415'], text: ':( he hit me' });
  });
});

describe('ALERT with a colon glued between the area code and the text', () => {
  it('goes to the code alone, the text without the colon', async () => {
    const w = await world();
    w.sms(MOD, 'ALERT 415:london grey van, knife');
    w.sms(MOD, 'ALERT 415\uFF1Agrey van');
    const alerts = [1, 2].map((id) => {
      const row = w.db.sqlite.prepare('SELECT npas FROM alerts WHERE id = ?').get(id) as { npas: string } | undefined;
      const body = openAlert(w.db, w.vault, id)?.body;
      return { npas: row?.npas, text: body && 'text' in body ? body.text : undefined };
    });
    expect(alerts).toEqual([
      { npas: '415', text: 'london grey van, knife' },
      { npas: '415', text: 'grey van' },
    ]);
  });
});

describe('a report led by a word starting with a colon', () => {
  it.each([
    ['REPORT 415 :D he seemed fine then hit me', ['415'], ':D he seemed fine then hit me'],
    ['REPORT 415 :P', ['415'], ':P'],
    ['REPORT :O he pulled a knife', ['628'], ':O he pulled a knife'],
    ['REPORT 415 :3 ok', ['415'], ':3 ok'],
    ['REPORT 628 415 :Ohio plates', ['415', '628'], ':Ohio plates'],
  ])('%s keeps the colon', async (message, npas, text) => {
    const w = await world();
    expect(filed(w, message)).toEqual({ npas, text });
  });

  it('keeps an ALERT text starting with a smiley', async () => {
    const w = await world();
    w.sms(MOD, 'ALERT 415 :O grey van, knife');
    const body = openAlert(w.db, w.vault, 1)?.body;
    expect(body && 'text' in body ? body.text : undefined).toBe(':O grey van, knife');
  });
});
