/** A UK line's AREAS_FILE with DEFAULT_COUNTRY left at US: the start warns, and doctor must say so too. */
import fs from 'node:fs';
import path from 'node:path';
import { formatCheck, runDoctor } from '../../src/cli/doctor';
import { tempDir } from '../helpers/temp-dir';

function env(extra: Record<string, string>): Record<string, string> {
  const file = path.join(tempDir(), 'areas.json');
  fs.writeFileSync(file, JSON.stringify({ areas: [{ code: 'LDN', names: ['london'], prefixes: ['+4420'] }] }));
  return { NODE_ENV: 'test', DATA_DIR: tempDir(), HEADSUP_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'), AREAS_FILE: file, ...extra };
}

describe('doctor on DEFAULT_COUNTRY against AREAS_FILE', () => {
  it('warns, naming both, when the prefixes are of another country', async () => {
    const lines = (await runDoctor(env({}))).map(formatCheck).filter((l) => l.includes('DEFAULT_COUNTRY'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^WARN configuration: DEFAULT_COUNTRY is US \(\+1\) but all of AREAS_FILE's prefixes are \+44 numbers/);
  });

  it('warns of nothing when they agree', async () => {
    const results = await runDoctor(env({ DEFAULT_COUNTRY: 'GB' }));
    expect(results.filter((r) => r.name === 'configuration')).toEqual([{ name: 'configuration', ok: true, detail: 'every variable is valid' }]);
  });
});
