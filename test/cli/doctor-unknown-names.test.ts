/** A misspelled setting (RETENTION_DAY for RETENTION_DAYS) was ignored, and doctor said every variable was valid. */
import { formatCheck, runDoctor } from '../../src/cli/doctor';
import { tempDir } from '../helpers/temp-dir';

const env = (extra: Record<string, string> = {}) => ({ NODE_ENV: 'test', DATA_DIR: tempDir(), HEADSUP_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'), ...extra });

describe('doctor on names the line does not read', () => {
  it('warns of RETENTION_DAY, naming RETENTION_DAYS, never its value', async () => {
    // A value no other line of doctor's can hold by chance (its disk line's MiB or a temporary folder's name could hold "30").
    const lines = (await runDoctor(env({ RETENTION_DAY: 'thirty-days-qzx' }))).map(formatCheck);
    expect(lines).toContain('WARN configuration: RETENTION_DAY is not a Heads Up setting (RETENTION_DAYS?)');
    expect(lines.join('\n')).not.toContain('qzx');
  });

  it('warns of nothing when every name is known', async () => {
    const results = await runDoctor(env({ RETENTION_DAYS: '30', HEADSUP_ROTATE_BATCH: '5' }));
    expect(results.filter((r) => r.name === 'configuration')).toEqual([{ name: 'configuration', ok: true, detail: 'every variable is valid' }]);
  });
});
