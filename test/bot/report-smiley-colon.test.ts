/**
 * A word the sender wrote starting with a colon (a smiley ":D", ":P", ":3", or ":Ohio") keeps it: only a colon
 * the parser split off an area code ("415:he hit me") is dropped. Every first word glued to a colon lost it, so
 * "REPORT 415 :D he seemed fine" was filed as "D he seemed fine". Real SQLite and crypto, through the bot.
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

  it('still drops the colon split off an area code', async () => {
    const w = await world();
    expect(filed(w, 'REPORT 415:he hit me')).toEqual({ npas: ['415'], text: 'he hit me' });
  });

  it('keeps an ALERT text starting with a smiley', async () => {
    const w = await world();
    w.sms(MOD, 'ALERT 415 :O grey van, knife');
    const body = openAlert(w.db, w.vault, 1)?.body;
    expect(body && 'text' in body ? body.text : undefined).toBe(':O grey van, knife');
  });
});
