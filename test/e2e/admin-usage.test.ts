import fs from 'node:fs';
import path from 'node:path';
import { runAdminCli } from '../helpers/admin-cli';
import { tempDir, TEST_MASTER_KEY } from '../helpers/harness';
import { numbersIn, seedMembers } from '../helpers/seed';

// The tests share nothing a command writes, so they run at once: each command is a process that
// spends most of a second loading its modules, while jest (in band) waits on it.
describe('the admin command line, used wrongly', () => {
  const env = { DATA_DIR: tempDir(), HEADSUP_MASTER_KEY: TEST_MASTER_KEY };

  it.concurrent('prints the usage and exits 2 with no command', async () => {
    const r = await runAdminCli([], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('usage: heads-up COMMAND');
  });

  it.concurrent('prints the usage and exits 2 for an unknown command, naming it', async () => {
    const r = await runAdminCli(['frobnicate'], env);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('heads-up: unknown command: frobnicate');
    expect(r.stderr).toContain('backup FILE');
  });

  it.concurrent.each([['constructor'], ['toString'], ['hasOwnProperty']])('names %s, a word every object answers to, as an unknown command (it crashed)', async (word) => {
    const r = await runAdminCli([word], env);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`heads-up: unknown command: ${word}`);
  });

  it.concurrent('refuses a member command: the command line speaks for moderators only', async () => {
    const r = await runAdminCli(['JOIN', '415'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command: JOIN');
  });

  it.concurrent('exits 2 when an operator command gets the wrong arguments', async () => {
    const none = await runAdminCli(['backup'], env);
    expect(none.code).toBe(2);
    expect(none.stderr.split('\n')[0]).toBe('heads-up: backup takes FILE');
    const extra = await runAdminCli(['purge', 'now'], env);
    expect(extra.code).toBe(2);
    expect(extra.stderr.split('\n')[0]).toBe('heads-up: purge takes no arguments');
  });

  it.concurrent('exits 2 when a moderator command lacks its argument, saying what is missing', async () => {
    const r = await runAdminCli(['APPROVE'], env);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(/^heads-up: .*APPROVE K7Q2/);
  });

  it.concurrent('refuses a moderator command where DATA_DIR holds no line, naming it, and creates neither a database nor a key', async () => {
    // A tired volunteer in the wrong directory: "Nothing pending." from a new empty line would be a lie.
    const wrong = path.join(tempDir(), 'data');
    const file = path.join(wrong, 'heads-up.db');
    const dev = await runAdminCli(['PENDING'], { DATA_DIR: wrong });
    expect(dev.code).toBe(1);
    expect(dev.stderr).toBe(`heads-up: no database at ${file}: check DATA_DIR`);
    expect(dev.stdout).toBe('');
    const keyed = await runAdminCli(['STATS'], { DATA_DIR: wrong, HEADSUP_MASTER_KEY: TEST_MASTER_KEY });
    expect(keyed.code).toBe(1);
    expect(keyed.stderr).toBe(`heads-up: no database at ${file}: check DATA_DIR`);
    const malformed = await runAdminCli(['APPROVE'], { DATA_DIR: wrong });
    expect(malformed.code).toBe(2);
    expect(fs.existsSync(wrong)).toBe(false);
  });

  it.concurrent('prints the usage on stdout and exits 0 when asked for help', async () => {
    const r = await runAdminCli(['--help'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('rotate-key');
  });

  it.concurrent('prints the usage and does nothing when a command is followed by --help or -h', async () => {
    const dataDir = tempDir();
    await seedMembers(dataDir, '415', numbersIn('415', 2));
    const line = { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY };
    // Relative to the working directory the command runs in: a backup named --help would land beside .env.
    const stray = path.resolve(__dirname, '../..', '--help');
    const before = fs.readFileSync(path.join(dataDir, 'heads-up.db'));
    const runs = [];
    for (const args of [['backup', '--help'], ['restore', '-h'], ['doctor', '--help'], ['APPROVE', '--help']]) {
      runs.push({ args, r: await runAdminCli(args, line), made: fs.existsSync(stray) });
      fs.rmSync(stray, { force: true });
    }
    for (const { r, made } of runs) {
      expect(made).toBe(false);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('usage: heads-up COMMAND');
    }
    expect(fs.readFileSync(path.join(dataDir, 'heads-up.db')).equals(before)).toBe(true);
    // Any other option is wrong use, not a file name.
    const option = await runAdminCli(['backup', '-o'], line);
    const madeOption = fs.existsSync(path.resolve(__dirname, '../..', '-o'));
    fs.rmSync(path.resolve(__dirname, '../..', '-o'), { force: true });
    expect(madeOption).toBe(false);
    expect(option.code).toBe(2);
    expect(option.stderr.split('\n')[0]).toBe('heads-up: unknown option -o (a file whose name starts with - is written ./-o)');
  });

  it.concurrent('reads a relative FILE from the folder npm was run in (INIT_CWD), not the project folder npm runs the command in', async () => {
    const dataDir = tempDir();
    await seedMembers(dataDir, '415', numbersIn('415', 2));
    const operator = tempDir();
    const stray = path.resolve(__dirname, '../..', 'nightly-init-cwd.db');
    const backup = await runAdminCli(['backup', 'nightly-init-cwd.db'], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY, INIT_CWD: operator });
    const madeStray = fs.existsSync(stray);
    fs.rmSync(stray, { force: true });
    expect(madeStray).toBe(false);
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain(`backup: ${path.join(operator, 'nightly-init-cwd.db')} (`);
    expect(fs.existsSync(path.join(operator, 'nightly-init-cwd.db'))).toBe(true);
    const fresh = path.join(tempDir(), 'data');
    const restore = await runAdminCli(['restore', 'nightly-init-cwd.db'], { DATA_DIR: fresh, HEADSUP_MASTER_KEY: TEST_MASTER_KEY, INIT_CWD: operator });
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain(`now holds the backup ${path.join(operator, 'nightly-init-cwd.db')}: 2 members`);
  });

  it.concurrent('fails with one line naming the variable when the configuration is wrong', async () => {
    const r = await runAdminCli(['PENDING'], { ...env, PORT: 'eighty' });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('heads-up: configuration error: PORT: expected a whole number from 0 to 65535');
    expect(r.stdout).toBe('');
  });
});
