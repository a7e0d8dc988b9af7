import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Db } from '../../src/store/db';
import { keyOpens } from '../../src/store/key-state';
import { migrate } from '../../src/store/migrate';
import { cryptoReady, Vault } from '../../src/store/vault';
import { startHarness, tempDir, TEST_MASTER_KEY } from '../helpers/harness';

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
  beforeAll(cryptoReady);

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

  it("on a development key file, logs one warning naming the variable, never the key file's path", async () => {
    const dataDir = tempDir();
    const h = await startHarness({ dataDir, env: { HEADSUP_MASTER_KEY: '' } });
    await h.close();
    const warnings = h.logs.filter((l) => l.includes('development key file'));
    expect(warnings.map((l) => ({ names: l.includes('HEADSUP_MASTER_KEY'), path: l.includes(dataDir) }))).toEqual([{ names: true, path: false }]);
  });

  it('with the development key file holding another key, refuses to start naming the file, not an unset HEADSUP_MASTER_KEY', async () => {
    const dataDir = tempDir();
    const first = await startHarness({ dataDir, env: { HEADSUP_MASTER_KEY: '' } });
    await first.close();
    const keyFile = path.join(dataDir, 'master.key');
    fs.writeFileSync(keyFile, `${OTHER_KEY}\n`, { mode: 0o600 });
    const before = fingerprint(dataDir);
    await expect(startHarness({ dataDir, env: { HEADSUP_MASTER_KEY: '' } })).rejects.toThrow(`HEADSUP_MASTER_KEY: not set, so the development key file ${keyFile} was read`);
    expect(fingerprint(dataDir)).toBe(before);
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
    await expect(startHarness({ dataDir, env: { HEADSUP_MASTER_KEY: '' } })).rejects.toThrow(/there is no \S*master\.key: .*put that file back/);
    expect(fs.existsSync(keyFile)).toBe(false);
    expect(fingerprint(dataDir)).toBe(before);

    fs.writeFileSync(keyFile, kept, { mode: 0o600 });
    const again = await startHarness({ dataDir, env: { HEADSUP_MASTER_KEY: '' } });
    expect((await again.sms('+14155550161', 'AREAS')).message).toContain('415');
    await again.close();
  });

  it('refuses another key on a database from before the key check (migration 0006), and records nothing: the right key still opens it', async () => {
    // The schema as a release before the key check left it, with one member sealed under the line's key.
    const older = tempDir();
    const migrations = path.resolve(__dirname, '../../migrations');
    for (const f of fs.readdirSync(migrations)) if (f < '0006') fs.copyFileSync(path.join(migrations, f), path.join(older, f));
    const dataDir = tempDir();
    const db = new Db(path.join(dataDir, 'heads-up.db'));
    migrate(db, older);
    const right = new Vault(new Uint8Array(Buffer.from(TEST_MASTER_KEY, 'base64')));
    db.sqlite
      .prepare("INSERT INTO members (id, channel, address_bidx, address_ct, key_version, created_at) VALUES (1, 'sms', ?, ?, 1, 0)")
      .run(right.index('member', 'sms:+14155550160'), right.seal('+14155550160', { table: 'members', column: 'address', row: 1 }));
    db.sqlite.prepare('INSERT INTO subscriptions (member_id, npa, created_at) VALUES (1, ?, 0)').run('415');
    // doctor and restore know this key does not open it (one sealed member, opened at its key version).
    expect(keyOpens(db.sqlite, new Vault(new Uint8Array(Buffer.from(OTHER_KEY, 'base64'))))).toBe('mismatch');
    db.close();
    const before = fingerprint(dataDir);

    // Closed if it starts after all, so that the failure is reported rather than the test left hanging.
    const refused = await startHarness({ dataDir, env: { HEADSUP_MASTER_KEY: OTHER_KEY } }).then(
      (wrong) => wrong.close(),
      (err: unknown) => err,
    );
    expect(String(refused)).toMatch(/HEADSUP_MASTER_KEY/);
    // Not migrated, no check recorded.
    expect(fingerprint(dataDir)).toBe(before);

    const again = await startHarness({ dataDir });
    try {
      expect((await again.sms('+14155550160', 'AREAS')).message).toContain('415');
    } finally {
      await again.close();
    }
  });
});
