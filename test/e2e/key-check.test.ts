import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startHarness, tempDir } from '../helpers/harness';

const OTHER_KEY = Buffer.alloc(32, 9).toString('base64');

function fingerprint(dir: string): string {
  const hash = createHash('sha256');
  for (const name of fs.readdirSync(dir).sort()) {
    if (!name.startsWith('heads-up.db')) continue;
    hash.update(name);
    hash.update(fs.readFileSync(path.join(dir, name)));
  }
  return hash.digest('hex');
}

describe('the master key check', () => {
  it('refuses to start under another key, naming HEADSUP_MASTER_KEY, and changes nothing', async () => {
    const dataDir = tempDir();
    const first = await startHarness({ dataDir });
    expect((await first.sms('+14155550160', 'JOIN')).message).toContain('415');
    await first.close();
    const before = fingerprint(dataDir);

    await expect(startHarness({ dataDir, env: { HEADSUP_MASTER_KEY: OTHER_KEY } })).rejects.toThrow(/HEADSUP_MASTER_KEY/);
    expect(fingerprint(dataDir)).toBe(before);

    // The right key still opens the line, and the member is still there.
    const again = await startHarness({ dataDir });
    expect((await again.sms('+14155550160', 'AREAS')).message).toContain('415');
    await again.close();
  });

  it('with the development key file gone, refuses to start, naming the file, and writes no new key over the line', async () => {
    const dataDir = tempDir();
    const first = await startHarness({ dataDir, env: { HEADSUP_MASTER_KEY: '' } });
    expect((await first.sms('+14155550161', 'JOIN')).message).toContain('415');
    await first.close();
    const keyFile = path.join(dataDir, 'master.key');
    const kept = fs.readFileSync(keyFile);
    fs.rmSync(keyFile);
    const before = fingerprint(dataDir);

    // A new key could never open the line: the operator must put the old one back.
    await expect(startHarness({ dataDir, env: { HEADSUP_MASTER_KEY: '' } })).rejects.toThrow(/master\.key is missing/);
    expect(fs.existsSync(keyFile)).toBe(false);
    expect(fingerprint(dataDir)).toBe(before);

    fs.writeFileSync(keyFile, kept, { mode: 0o600 });
    const again = await startHarness({ dataDir, env: { HEADSUP_MASTER_KEY: '' } });
    expect((await again.sms('+14155550161', 'AREAS')).message).toContain('415');
    await again.close();
  });
});
