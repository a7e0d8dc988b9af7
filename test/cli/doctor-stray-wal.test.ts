/**
 * The write-ahead log a restore kept aside (no database was beside it) holds
 * the old line's pages: doctor names it after the restore, as it names a
 * .before-restore file, until the operator deletes it. So is the staged
 * copy a restore killed before its swap left (heads-up.db.restoring): a
 * whole backup, with what retention has erased since, that nothing else
 * named or removed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runDoctor } from '../../src/cli/doctor';
import { latestMigration } from '../../src/cli/line';
import { backupDatabase } from '../../src/store/backup';
import { Db } from '../../src/store/db';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { restoreDatabase } from '../../src/store/restore';
import { cryptoReady, Vault } from '../../src/store/vault';
import { leaveOnlyWal } from '../helpers/orphan-wal';
import { tempDir } from '../helpers/temp-dir';

const KEY = Buffer.alloc(32, 7);
const vault = () => new Vault(new Uint8Array(KEY));

describe('the WAL a restore kept aside', () => {
  beforeAll(cryptoReady);

  it('is named by doctor after the restore, as a .before-restore file is', async () => {
    const from = path.join(tempDir(), 'heads-up.db');
    const line = new Db(from);
    migrate(line);
    line.transaction(() => ensureMember(line, vault(), { channel: 'sms', address: '+14152010000', phone: '+14152010000' }, 'en', Date.now()));
    line.close();
    const backup = path.join(tempDir(), 'line.db');
    await backupDatabase(from, backup);

    const dataDir = tempDir();
    const target = path.join(dataDir, 'heads-up.db');
    leaveOnlyWal(target);

    const result = await restoreDatabase(backup, target, vault(), latestMigration());
    expect(result.setAside).toHaveLength(1);

    const checks = await runDoctor({ NODE_ENV: 'test', DATA_DIR: dataDir, HEADSUP_MASTER_KEY: KEY.toString('base64'), PUBLIC_URL: 'https://headsup.example.org' });
    const said = checks.map((c) => `${c.ok ? 'OK' : 'FAIL'} ${c.name}: ${c.detail}`).join('\n');
    expect(fs.existsSync(result.setAside[0] as string)).toBe(true);
    expect(said).toContain(path.basename(result.setAside[0] as string));
  });

  it('names the log of another database an earlier run left as heads-up.db.before-restore-wal, which the restore kept alone', async () => {
    const from = path.join(tempDir(), 'heads-up.db');
    const line = new Db(from);
    migrate(line);
    line.close();
    const backup = path.join(tempDir(), 'line.db');
    await backupDatabase(from, backup);
    const dataDir = tempDir();
    const target = path.join(dataDir, 'heads-up.db');
    const live = new Db(target);
    migrate(live);
    live.close();
    fs.writeFileSync(`${target}.before-restore-wal`, Buffer.alloc(0), { mode: 0o600 });

    const result = await restoreDatabase(backup, target, vault(), latestMigration());
    expect(result.keptAside).toEqual([expect.stringMatching(/\.before-restore\.kept-[^/]*-wal$/)]);
    expect(fs.existsSync(result.keptAside[0] as string)).toBe(true);

    const checks = await runDoctor({ NODE_ENV: 'test', DATA_DIR: dataDir, HEADSUP_MASTER_KEY: KEY.toString('base64'), PUBLIC_URL: 'https://headsup.example.org' });
    const said = checks.map((c) => `${c.ok ? 'OK' : 'FAIL'} ${c.name}: ${c.detail}`).join('\n');
    expect(said).toContain(`${path.basename(result.keptAside[0] as string)} was kept aside`);
  });

  it('names the staged copy a restore killed before its swap left', async () => {
    const dataDir = tempDir();
    const target = path.join(dataDir, 'heads-up.db');
    const line = new Db(target);
    migrate(line);
    line.close();
    // What restoreDatabase stages before the swap: the backup, copied whole.
    await backupDatabase(target, `${target}.restoring`);
    fs.writeFileSync(`${target}.restoring-wal`, Buffer.alloc(0), { mode: 0o600 });

    const checks = await runDoctor({ NODE_ENV: 'test', DATA_DIR: dataDir, HEADSUP_MASTER_KEY: KEY.toString('base64'), PUBLIC_URL: 'https://headsup.example.org' });
    const failed = checks.filter((c) => !c.ok).map((c) => c.detail);
    expect(failed.filter((d) => d.includes(`${target}.restoring `))).toHaveLength(1);
    expect(failed.filter((d) => d.includes(`${target}.restoring-wal `))).toHaveLength(1);
  });

  it('names it on an empty DATA_DIR too (a restore onto a new machine killed before its swap)', async () => {
    const from = path.join(tempDir(), 'heads-up.db');
    const line = new Db(from);
    migrate(line);
    line.close();
    const dataDir = tempDir();
    const target = path.join(dataDir, 'heads-up.db');
    await backupDatabase(from, `${target}.restoring`);

    const checks = await runDoctor({ NODE_ENV: 'test', DATA_DIR: dataDir, HEADSUP_MASTER_KEY: KEY.toString('base64'), PUBLIC_URL: 'https://headsup.example.org' });
    const failed = checks.filter((c) => !c.ok).map((c) => c.detail);
    expect(failed.filter((d) => d.includes(`${target}.restoring `))).toHaveLength(1);
    expect(failed.filter((d) => d.startsWith(`no database at ${target}`))).toHaveLength(1);
  });
});
