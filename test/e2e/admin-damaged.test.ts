/**
 * Admin commands, and the server's start, on a damaged database: one line
 * that names the damage and the way out (doctor, then restore), not
 * SQLite's "file is not a database".
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runAdminCli } from '../helpers/admin-cli';
import { builtScript } from '../helpers/built-src';
import { tempDir, TEST_MASTER_KEY } from '../helpers/harness';
import { numbersIn, seedMembers } from '../helpers/seed';

const DAMAGED = 'the database is damaged: run npm run admin -- doctor (heads-up doctor in the image), then restore the latest backup (npm run admin -- restore FILE (heads-up restore FILE in the image))';
const NEW_KEY = Buffer.alloc(32, 9).toString('base64');

describe('a damaged database', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = tempDir();
    await seedMembers(dataDir, '917', numbersIn('917', 3));
    // A failing disk wrote over the header: SQLite no longer reads the file as a database.
    const fd = fs.openSync(path.join(dataDir, 'heads-up.db'), 'r+');
    fs.writeSync(fd, Buffer.alloc(100, 0xa5), 0, 100, 0);
    fs.closeSync(fd);
  });

  const env = () => ({ DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY, HEADSUP_NEW_MASTER_KEY: NEW_KEY });

  it('a moderator command, purge and rotate-key say so in one line, with what to do, and exit 1', async () => {
    for (const args of [['PENDING'], ['purge'], ['rotate-key']]) {
      const r = await runAdminCli(args, env());
      expect({ args, code: r.code, stderr: r.stderr, stdout: r.stdout }).toEqual({ args, code: 1, stderr: `heads-up: ${DAMAGED}`, stdout: '' });
    }
  });

  it('the server does not start, and its first line says why and what to do', async () => {
    const proc = spawn(process.execPath, [builtScript('src/main.ts')], {
      cwd: path.resolve(__dirname, '../..'),
      env: { PATH: process.env.PATH ?? '', ...env(), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'fatal' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => proc.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr.split('\n')[0]).toBe('heads-up: start-up failed: SQLITE_NOTADB (the database is damaged: run npm run admin -- doctor (heads-up doctor in the image), then restore the latest backup)');
  }, 30_000);

  it('the server\'s start prints that one line and logs one fatal line with its code, no stack, at the default log level', async () => {
    const proc = spawn(process.execPath, [builtScript('src/main.ts')], {
      cwd: path.resolve(__dirname, '../..'),
      env: { PATH: process.env.PATH ?? '', ...env(), PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => proc.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toBe('heads-up: start-up failed: SQLITE_NOTADB (the database is damaged: run npm run admin -- doctor (heads-up doctor in the image), then restore the latest backup)\n');
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([expect.objectContaining({ level: 60, msg: 'start-up failed', cause: 'database-damaged', code: 'SQLITE_NOTADB' })]);
    expect(lines[0]).not.toHaveProperty('err');
  }, 30_000);
});
