/**
 * A colon right after the areas ends them wherever areas lead words: after the line's own codes and names
 * ("REPORT LON:he hit me", "ALERT LON:grey van") and in a guided report's "where" answer ("415: Motel 6",
 * "415:Motel 6"). The word was read whole: the report went to her own area with "LON:he" in its text, the
 * alert was refused for naming no area, and the "where" answer's area was lost (its colon was kept on the
 * code, spaced or glued). A time ("10:30pm") stays as written. Real SQLite and crypto, through the bot.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Regions } from '../../src/alerts/regions';
import { answerDraft, newDraft, type Draft } from '../../src/bot/report-dialogue';
import { openAlert } from '../../src/store/alerts';
import { findReport } from '../../src/store/reports';
import type { Sender } from '../../src/phone/identity';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { tempDir } from '../helpers/temp-dir';

const ROSE = '+16285550110';
const MOD = '+14155550199';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

function mixedLine(): Regions {
  const file = path.join(tempDir(), 'areas.json');
  fs.writeFileSync(file, JSON.stringify({ northAmerica: true, areas: [{ code: 'LON', names: ['London'] }, { code: 'MAD', names: ['Madrid'] }] }));
  return Regions.forLine(file, 'US');
}

async function world(): Promise<BotWorld> {
  const w = await botWorld({ regions: mixedLine(), moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
  w.sms(ROSE, 'JOIN 628');
  w.sms('+14155550101', 'JOIN LON');
  return w;
}

function filed(w: BotWorld, text: string): { npas?: string[]; text?: string } {
  const reply = w.sms(ROSE, text).reply ?? '';
  const report = findReport(w.db, w.vault, /#([A-Z0-9]{4,6})/.exec(reply)?.[1] ?? 'none');
  return { npas: report?.npas, text: report?.text };
}

describe("a colon glued after the line's own codes", () => {
  it('ends the areas of a REPORT', async () => {
    const w = await world();
    expect(filed(w, 'REPORT LON:he hit me')).toEqual({ npas: ['LON'], text: 'he hit me' });
    expect(filed(w, 'REPORT MAD\uFF1ALeón me pegó')).toEqual({ npas: ['MAD'], text: 'León me pegó' });
    expect(filed(w, 'REPORT london:he hit me')).toEqual({ npas: ['LON'], text: 'he hit me' });
    expect(filed(w, 'REPORT 415 LON:he hit me')).toEqual({ npas: ['415', 'LON'], text: 'he hit me' });
  });

  it('leaves a time after the code as written', async () => {
    const w = await world();
    expect(filed(w, 'REPORT LON 10:30pm he hit me')).toEqual({ npas: ['LON'], text: '10:30pm he hit me' });
    expect(filed(w, 'REPORT LON at 10:30 he hit me')).toEqual({ npas: ['LON'], text: 'at 10:30 he hit me' });
  });

  it('ends the areas of an ALERT', async () => {
    const w = await world();
    w.sms(MOD, 'ALERT LON:grey van, knife');
    const row = w.db.sqlite.prepare('SELECT npas FROM alerts WHERE id = 1').get() as { npas: string } | undefined;
    const body = openAlert(w.db, w.vault, 1)?.body;
    expect({ npas: row?.npas, text: body && 'text' in body ? body.text : undefined }).toEqual({ npas: 'LON', text: 'grey van, knife' });
  });
});

describe('a colon after the areas of a "where" answer', () => {
  const regions = mixedLine();
  const where = (answer: string) => {
    const next = answerDraft({ ...newDraft([]), step: 'where' } as Draft, answer, (words) => regions.areaWords(words), true);
    return next.kind === 'ask' ? { areas: next.draft.areas, where: next.draft.where } : next.kind;
  };

  it.each([
    ['415: Motel 6', ['415'], 'Motel 6'],
    ['415:Motel 6', ['415'], 'Motel 6'],
    ['415\uFF1AMotel 6', ['415'], 'Motel 6'],
    ['LON: Baker St', ['LON'], 'Baker St'],
    ['london:Baker St', ['london'], 'Baker St'],
    ['415 Motel 6', ['415'], 'Motel 6'],
  ])('%j gives the areas %j and the place %j', (answer, areas, place) => {
    expect(where(answer)).toEqual({ areas, where: place });
  });

  it.each([['10:30pm near the pier'], ['Motel 6: room 12']])('%j names no area and is the place as written', (answer) => {
    expect(where(answer)).toEqual({ areas: [], where: answer });
  });
});
