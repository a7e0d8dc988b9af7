/**
 * "JOIN 415 and 628" joins both: the word between two areas is skipped when
 * it names no area itself. On a line whose AREAS_FILE has an area coded "E"
 * (East London's postcode area) or named with the word ("brighton and
 * hove"), those areas are still joined by what members type.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Regions } from '../../src/alerts/regions';
import { findMember } from '../../src/store/members';
import { listAreas } from '../../src/store/subscriptions';
import { botWorld } from '../helpers/bot-world';
import { tempDir } from '../helpers/temp-dir';

const ROSE = '+447700900131';

function line(): Regions {
  const file = path.join(tempDir(), 'areas.json');
  fs.writeFileSync(
    file,
    JSON.stringify({
      northAmerica: false,
      areas: [
        { code: 'E', names: ['east london'], prefixes: ['+44208'] },
        { code: 'N', names: ['north london'], prefixes: ['+44207'] },
        { code: 'BNH', names: ['brighton and hove'], prefixes: ['+441273'] },
      ],
    }),
  );
  return Regions.forLine(file, 'GB');
}

describe('areas whose code or name is a word that joins two areas', () => {
  it.each([
    ['JOIN E', ['E']],
    ['JOIN N E', ['E', 'N']],
    ['JOIN brighton and hove', ['BNH']],
    ['JOIN N and E', ['E', 'N']],
  ])('%j joins %j', async (text, areas) => {
    const w = await botWorld({ regions: line() });
    w.sms(ROSE, text);
    const member = findMember(w.db, w.vault, { channel: 'sms', address: ROSE });
    expect(listAreas(w.db, member?.id as number)).toEqual(areas);
    w.db.close();
  });
});

describe('"and" between two areas on a North American line', () => {
  it.each([['JOIN 415 and 628'], ['UNIRSE 415 y 628'], ['JOIN 415 & 628']])('%j joins both', async (text) => {
    const w = await botWorld();
    w.sms('+14155550131', text);
    const member = findMember(w.db, w.vault, { channel: 'sms', address: '+14155550131' });
    expect(listAreas(w.db, member?.id as number)).toEqual(['415', '628']);
    w.db.close();
  });

  it('answers the join question "415 and 628" with both', async () => {
    const w = await botWorld();
    const abroad = '+442079460123';
    w.sms(abroad, 'JOIN');
    w.sms(abroad, '415 and 628');
    const member = findMember(w.db, w.vault, { channel: 'sms', address: abroad });
    expect(listAreas(w.db, member?.id as number)).toEqual(['415', '628']);
    w.db.close();
  });
});
