/**
 * An AREAS_FILE code or name that is a command word other than LEAVE's ALL
 * words (OK for Oklahoma; the old code OK a rename keeps as a name) starts
 * the line, warning of it, and doctor warns in the same words: refused, a
 * line upgraded with such an area would have stayed down, or its members
 * lost their area.
 */
import fs from 'node:fs';
import path from 'node:path';
import { formatCheck, runDoctor } from '../../src/cli/doctor';
import { tempDir } from '../helpers/harness';
import { restartedLine, type RestartedLine } from '../helpers/line-restarts';

const ROSA = '+14055550123';
const MAN = { code: 'MAN', names: ['manchester'], prefixes: ['+44161'] };

describe('AREAS_FILE with a command word for an area', () => {
  let line: RestartedLine;
  beforeEach(async () => {
    line = await restartedLine();
  });
  afterEach(async () => {
    await line.close();
  });

  it('starts with the code OK, warning of it, and moves its members when a rename keeps OK as a name', async () => {
    line.writeAreas([{ code: 'OK', names: ['oklahoma'], prefixes: ['+1405'] }, MAN]);
    let h = await line.start({ AREAS_FILE: line.areasFile });
    expect(line.warnings().filter((m) => m.includes('AREAS_FILE'))).toEqual([
      `AREAS_FILE ${line.areasFile}: entry 1 (OK): the code OK is also the keyword OK (ok): a member who answers the area question with it gets that command, not the area`,
    ]);
    expect((await h.sms(ROSA, 'JOIN oklahoma')).message).toContain('OK');
    line.writeAreas([{ code: 'OKL', names: ['OK', 'oklahoma'], prefixes: ['+1405'] }, MAN]);
    h = await line.start({ AREAS_FILE: line.areasFile });
    expect(line.warnings().filter((m) => m.includes('AREAS_FILE'))).toEqual([
      `AREAS_FILE ${line.areasFile}: entry 1 (OKL): the name "OK" is also the keyword OK (ok): a member who answers the area question with it gets that command, not the area`,
    ]);
    expect((await h.sms(ROSA, 'AREAS')).message).toContain('OKL');
  }, 30_000);
});

describe('doctor on AREAS_FILE with a command word for an area', () => {
  it('warns in the start\'s words', async () => {
    const file = path.join(tempDir(), 'areas.json');
    fs.writeFileSync(file, JSON.stringify({ areas: [{ code: 'OK', names: ['oklahoma'] }, { code: 'ALT', names: ['Alta'] }] }));
    const env = { NODE_ENV: 'test', DATA_DIR: tempDir(), HEADSUP_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'), AREAS_FILE: file, DEFAULT_COUNTRY: 'US' };
    const lines = (await runDoctor(env)).map(formatCheck).filter((l) => l.includes('AREAS_FILE'));
    expect(lines).toEqual([
      `WARN configuration: AREAS_FILE ${file}: entry 1 (OK): the code OK is also the keyword OK (ok): a member who answers the area question with it gets that command, not the area`,
      `WARN configuration: AREAS_FILE ${file}: entry 2 (ALT): the name "Alta" is also the keyword ALTA (join): a member who answers the area question with it gets that command, not the area`,
    ]);
  });
});
