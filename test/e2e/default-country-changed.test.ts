/**
 * DEFAULT_COUNTRY corrected after alerts were approved: CHECK must still find
 * what they name, read the way the line now reads numbers.
 */
import { MOD, restartedLine, type RestartedLine } from '../helpers/line-restarts';

const ROSA = '+442071234567';
const UK_AREAS = [{ code: 'LDN', names: ['london'], prefixes: ['+4420'] }];

describe('DEFAULT_COUNTRY changed between starts', () => {
  let line: RestartedLine;
  beforeEach(async () => {
    line = await restartedLine();
  });
  afterEach(async () => {
    await line.close();
  });

  it('warns at start when AREAS_FILE is of one country and DEFAULT_COUNTRY of another', async () => {
    line.writeAreas(UK_AREAS);
    await line.start({ AREAS_FILE: line.areasFile });
    const warned = line.warnings().filter((m) => m.includes('DEFAULT_COUNTRY'));
    expect(warned).toHaveLength(1);
    expect(warned[0]).toContain('AREAS_FILE');
    expect(warned[0]).toContain('+44');
    expect(warned[0]).toContain('GB');
    await line.start({ AREAS_FILE: line.areasFile, DEFAULT_COUNTRY: 'GB' });
    expect(line.warnings().filter((m) => m.includes('DEFAULT_COUNTRY'))).toEqual([]);
  }, 30_000);

  it('re-indexes approved alerts under the new country, so CHECK finds their national numbers', async () => {
    line.writeAreas(UK_AREAS);
    let h = await line.start({ AREAS_FILE: line.areasFile });
    await h.sms(ROSA, 'JOIN');
    // 07911 123456 reads as no US number; 2079460123 reads as a US one (Maine) under US, a London one under GB.
    expect((await h.sms(MOD, 'ALERT LDN grey van, driver called from 07911 123456 then 2079460123')).message).toContain('#');
    expect((await h.sms(ROSA, 'CHECK +1 207 946 0123')).message).toContain('in 1 alert');
    h = await line.start({ AREAS_FILE: line.areasFile, DEFAULT_COUNTRY: 'GB' });
    expect((await h.sms(ROSA, 'CHECK 07911 123456')).message).toContain('in 1 alert');
    expect((await h.sms(ROSA, 'CHECK +44 7911 123456')).message).toContain('in 1 alert');
    expect((await h.sms(ROSA, 'CHECK 020 7946 0123')).message).toContain('in 1 alert');
    // The US reading was a misreading: an innocent number CHECK no longer flags.
    expect((await h.sms(ROSA, 'CHECK +1 207 946 0123')).message).toContain('no alerts name that');
    const logged = h.logs.join('\n');
    expect(logged).toContain('"reindexed":1');
    // The operator sees which countries: the logger redacts fields named from/to (Twilio's numbers).
    expect(logged).toMatch(/"was":"US","now":"GB"/);
    expect(logged).not.toMatch(/7911|9460123|2071234567/);
  }, 30_000);

  it('re-indexes nothing on a restart under the same country', async () => {
    line.writeAreas(UK_AREAS);
    let h = await line.start({ AREAS_FILE: line.areasFile, DEFAULT_COUNTRY: 'GB' });
    await h.sms(ROSA, 'JOIN');
    await h.sms(MOD, 'ALERT LDN grey van, driver called from 07911 123456');
    h = await line.start({ AREAS_FILE: line.areasFile, DEFAULT_COUNTRY: 'GB' });
    expect(h.logs.join('\n')).not.toContain('reindexed');
    expect((await h.sms(ROSA, 'CHECK 07911 123456')).message).toContain('in 1 alert');
  }, 30_000);
});
