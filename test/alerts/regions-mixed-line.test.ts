/**
 * A line that keeps the North American area codes and adds a few areas of
 * its own (AREAS_FILE with "northAmerica": true) has hundreds of areas, too
 * many to list: a member asked which area, or told a word names none, is
 * given an example of each kind ("e.g. LDN / 415"), not offered the line's
 * own areas as if they were all, nor told only that 3 digits work.
 */
import fs from 'node:fs';
import path from 'node:path';
import { catalog } from '../../src/bot/catalog';
import { Regions } from '../../src/alerts/regions';
import { botWorld } from '../helpers/bot-world';
import { tempDir } from '../helpers/temp-dir';

const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const t = catalog('en');

function mixedLine(): Regions {
  const file = path.join(tempDir(), 'areas.json');
  fs.writeFileSync(file, JSON.stringify({ northAmerica: true, areas: [{ code: 'LDN', names: ['london'], prefixes: ['+4420'] }, { code: 'PAR', names: ['paris'], prefixes: ['+331'] }] }));
  return Regions.forLine(file);
}

describe('a line of North American codes plus two areas of its own', () => {
  it('asks a member with a hidden number for her area as a North American line does', async () => {
    const w = await botWorld({ regions: mixedLine() });
    const asked = w.bot.handle({ sender: { channel: 'signal', address: UUID }, text: 'JOIN', providerId: 'sig:1' }).reply;
    expect(asked).toBe(t.joinWhichAreaNamed('LDN / 415'));
    // ...and 415, as the question suggests, is an area of this line.
    expect(w.bot.handle({ sender: { channel: 'signal', address: UUID }, text: '415', providerId: 'sig:2' }).reply).toBe(t.joined(['415']));
  });

  it('tells a member who mistyped an area code how to write one, not that the line has only its own two', async () => {
    const w = await botWorld({ regions: mixedLine() });
    expect(w.sms('+14155550101', 'JOIN 4l5').reply).toBe(t.unknownAreaNamed('4L5', 'LDN / 415'));
  });

  it('shows a member of its own areas who misspells hers that they exist', async () => {
    const w = await botWorld({ regions: mixedLine() });
    const reply = w.sms('+447700900123', 'JOIN londn').reply ?? '';
    expect(reply).not.toMatch(/Use 3 digits/);
    expect(reply).toMatch(/LDN/);
  });
});
