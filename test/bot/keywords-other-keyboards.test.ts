/**
 * Keywords as phones and "fancy text" apps write them: STOP in small capitals (ꜱᴛᴏᴘ) or negative squared or
 * circled letters (🆂🆃🅾🅿, 🅢🅣🅞🅟) unsubscribes her, where before she got "didn't understand" and stayed
 * subscribed; a fullwidth colon or comma or a Unicode dash glued to the keyword ("JOIN：415", "JOIN–415")
 * separates as ":" and "-" do; "GIEẞEN" is the area Gießen. Spaced-out letters ("S T O P") are not read: they
 * could be part of any text. Found by the unicode hunt. Real SQLite and crypto, through the bot.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Regions } from '../../src/alerts/regions';
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { findMember } from '../../src/store/members';
import { findReport } from '../../src/store/reports';
import { listAreas } from '../../src/store/subscriptions';
import { botWorld } from '../helpers/bot-world';
import { tempDir } from '../helpers/temp-dir';

const HER = '+14155550100';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

describe('STOP in fancy letters', () => {
  it.each([['ꜱᴛᴏᴘ'], ['🆂🆃🅾🅿'], ['🅢🅣🅞🅟'], ['ꜱᴛᴏᴘ 🛑']])('%j unsubscribes her', async (text) => {
    const w = await botWorld();
    w.sms(HER, 'JOIN 415');
    const stopped = w.sms(HER, text).reply;
    expect(stopped).toBe(w.sms('+14155550101', 'STOP').reply);
    expect(listAreas(w.db, findMember(w.db, w.vault, sms(HER))?.id as number)).toEqual([]);
  });

  it('"S T O P" spaced out is not read as STOP: she stays subscribed', async () => {
    const w = await botWorld();
    w.sms(HER, 'JOIN 415');
    w.sms(HER, 'S T O P');
    expect(listAreas(w.db, findMember(w.db, w.vault, sms(HER))?.id as number)).toEqual(['415']);
  });

  it('JOIN in small capitals joins', async () => {
    const w = await botWorld();
    w.sms(HER, 'ᴊᴏɪɴ 628');
    expect(listAreas(w.db, findMember(w.db, w.vault, sms(HER))?.id as number)).toEqual(['628']);
  });
});

describe('a mark of another keyboard glued to the keyword', () => {
  it.each([['JOIN\uFF1A628'], ['JOIN\uFF0C628'], ['JOIN\u2013628'], ['JOIN\u2010628'], ['JOIN\uFF0D628'], ['JOIN\u060C628']])('%j joins 628', async (text) => {
    const w = await botWorld();
    w.sms(HER, text);
    expect(listAreas(w.db, findMember(w.db, w.vault, sms(HER))?.id as number)).toEqual(['628']);
  });

  it('"REPORT：628 he hit me" is filed for 628, the text as written', async () => {
    const w = await botWorld();
    const reply = w.sms(HER, 'REPORT\uFF1A628 he hit me').reply ?? '';
    const report = findReport(w.db, w.vault, /#([A-Z0-9]{4,6})/.exec(reply)?.[1] ?? 'none');
    expect({ npas: report?.npas, text: report?.text }).toEqual({ npas: ['628'], text: 'he hit me' });
  });
});

describe('capital ẞ in an area name', () => {
  it.each([['JOIN GIEẞEN'], ['JOIN gieẞen'], ['JOIN Gießen'], ['JOIN GIESSEN']])('%j joins Gießen', async (text) => {
    const file = path.join(tempDir(), 'areas.json');
    fs.writeFileSync(file, JSON.stringify({ areas: [{ code: 'GIE', names: ['Gießen'] }, { code: 'BER', names: ['Berlin'] }] }));
    const w = await botWorld({ regions: Regions.forLine(file, 'DE') });
    expect(w.sms('+4964112345678', text).reply).toBe(catalog('en').joined(['GIE']));
  });
});

describe('capital ẞ in the areas file', () => {
  it.each([['JOIN Gießen'], ['JOIN GIESSEN'], ['JOIN gieẞen']])('%j joins the area the file spells GIEẞEN', async (text) => {
    const file = path.join(tempDir(), 'areas.json');
    fs.writeFileSync(file, JSON.stringify({ areas: [{ code: 'GIE', names: ['GIEẞEN'] }, { code: 'BER', names: ['Berlin'] }] }));
    const w = await botWorld({ regions: Regions.forLine(file, 'DE') });
    expect(w.sms('+4964112345678', text).reply).toBe(catalog('en').joined(['GIE']));
  });
});
