import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { Db } from '../../src/store/db';
import { recordKey } from '../../src/store/key-check';
import { SEALED_COLUMNS } from '../../src/store/key-rotation-columns';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { cryptoReady, Vault } from '../../src/store/vault';
import { FakeTwilio } from '../fakes/fake-twilio';
import { runAdminCli } from '../helpers/admin-cli';
import { builtScript } from '../helpers/built-src';
import { ACCOUNT_SID, AUTH_TOKEN, FROM_NUMBER, startHarness, tempDir, TEST_MASTER_KEY, waitFor, type Harness } from '../helpers/harness';
import { numbersIn, seedMembers } from '../helpers/seed';

const NEW_KEY = Buffer.alloc(32, 11).toString('base64');
const ROOT = path.resolve(__dirname, '../..');

const refOf = (text: string | null) => /#([A-Z0-9]{4,6})/.exec(text ?? '')?.[1] as string;

/** Every sealed value in the database opens under `vault` (by its row's version), and none under `other`. */
function sealedUnder(file: string, vault: Vault, other: Vault): { opened: number; otherOpened: number } {
  const db = new Database(file, { readonly: true });
  let opened = 0;
  let otherOpened = 0;
  try {
    for (const { table, column } of SEALED_COLUMNS) {
      const rows = db.prepare(`SELECT * FROM ${table} WHERE ${column}_ct IS NOT NULL`).all() as Array<Record<string, unknown>>;
      for (const r of rows) {
        const row =
          table === 'inbound_messages'
            ? (r.provider_bidx as Buffer).toString('hex')
            : table === 'screening'
              ? `${r.alert_id as number}:${(r.number_bidx as Buffer).toString('hex')}`
              : table === 'report_identifiers'
                ? `${r.report_id as number}:${(r.id_bidx as Buffer).toString('hex')}`
                : table === 'blocked_senders'
                  ? (r.reporter_bidx as Buffer).toString('hex')
                  : (r.id as number);
        const slot = { table, column, row };
        const ct = r[`${column}_ct`] as Buffer;
        const version = r.key_version as number;
        try {
          vault.open(ct, slot, version);
          opened++;
        } catch {
          // counted below as not opened
        }
        try {
          other.open(ct, slot, version === vault.keyVersion ? other.keyVersion : version);
          otherOpened++;
        } catch {
          // the old key must open nothing
        }
      }
    }
  } finally {
    db.close();
  }
  return { opened, otherOpened };
}

describe('rotate-key', () => {
  let fake: FakeTwilio;

  beforeAll(async () => {
    await cryptoReady();
    fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    await fake.start();
  });

  afterAll(async () => {
    await fake.stop();
  });

  it('re-keys a whole line: members, reports, alerts, screening, blocks and notices work under the new key only', async () => {
    const moderator = '+19175550100';
    const env = { MODERATORS: moderator, SEND_RATE: '100' };
    let h: Harness = await startHarness({ twilioApiBaseUrl: fake.url, env });
    const dataDir = h.dataDir;
    // Closed in finally: a failed assertion here would leave the server running and jest waiting on it.
    let memberReport: string;
    try {
      await h.sms('+19175550101', 'JOIN 917');
      await h.sms('+19175550102', 'JOIN 917');
      // A member reports (their link survives), and two outsiders report (their links cannot).
      memberReport = refOf((await h.sms('+19175550102', 'REPORT 917 man in red truck')).message);
      const outsiderReport = refOf((await h.sms('+19175550103', 'REPORT 917 client +1 212 555 0199 hit me')).message);
      const blockedOutsider = refOf((await h.sms('+19175550104', 'REPORT 917 spam spam')).message);
      // The moderator's decisions before the rotation are its set-up: taken in the server (as the guided report's below), not by an admin process each.
      expect(h.server.bot.operate(`APPROVE ${outsiderReport}`)).toEqual({ reply: expect.stringContaining('approved'), failed: false });
      expect(h.server.bot.operate(`BLOCK ${blockedOutsider}`)).toEqual({ reply: expect.stringContaining('is blocked'), failed: false });
      // A member who reports and gets blocked stays blocked after the rotation.
      await h.sms('+19175550105', 'JOIN 917');
      const blockedMember = refOf((await h.sms('+19175550105', 'REPORT 917 more spam')).message);
      expect(h.server.bot.operate(`BLOCK ${blockedMember}`)).toEqual({ reply: expect.stringContaining('is blocked'), failed: false });
      // A guided report naming a plate, approved (issue 11): its screening entry must survive the rotation.
      for (const answer of ['REPORT', '1', 'SKIP', 'SKIP', 'SKIP', 'grey van plate 9XYZ 321', 'DONE']) await h.sms('+19175550101', answer);
      const guided = (db0: () => Database.Database) => {
        const d = db0();
        try {
          return (d.prepare("SELECT ref FROM reports WHERE fields_ct IS NOT NULL").get() as { ref: string }).ref;
        } finally {
          d.close();
        }
      };
      const guidedRef = guided(() => new Database(path.join(dataDir, 'heads-up.db'), { readonly: true }));
      expect(h.server.bot.operate(`APPROVE ${guidedRef}`).reply).toContain('approved');
      // And a pending guided report naming another plate: a later report naming it must still match.
      for (const answer of ['REPORT', '7', 'SKIP', 'SKIP', 'SKIP', 'white truck plate 4QRS 555', 'DONE']) await h.sms('+19175550102', answer);
      await waitFor(() => fake.to('+19175550101').length === 2, 15_000, 'the alerts');
      expect((await h.sms('+19175550101', 'CHECK 212-555-0199')).message).not.toContain('no alerts');
      expect((await h.sms('+19175550101', 'CHECK 9xyz-321')).message).toContain('that plate is in 1 alert');

      // Refused while the server runs.
      const busy = await runAdminCli(['rotate-key'], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY, HEADSUP_NEW_MASTER_KEY: NEW_KEY });
      expect(busy.code).toBe(1);
      expect(busy.stderr).toBe('heads-up: the database is in use by another Heads Up process (a running server: stop it; a restore or rotate-key: let it finish; a backup or doctor still at work: try again in a moment), then run this again');
    } finally {
      await h.close();
    }

    const twilio = { TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_FROM_NUMBER: FROM_NUMBER };
    const r = await runAdminCli(['rotate-key'], { ...twilio, DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY, HEADSUP_NEW_MASTER_KEY: NEW_KEY, HEADSUP_ROTATE_BATCH: '2' });
    expect(r.stderr).toContain('rotate-key: members');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('every value is now sealed under key version 2');
    // The outsider's report link and the blocked outsider cannot be recomputed: erased, and said so.
    expect(r.stdout).toContain('2 reporter links, 1 block,');
    expect(r.stdout).toMatch(/[1-9]\d* handled message ids/);
    expect(r.stdout).toContain('rotate TWILIO_AUTH_TOKEN too');

    const oldVault = new Vault(new Uint8Array(Buffer.from(TEST_MASTER_KEY, 'base64')), 1);
    const newVault = new Vault(new Uint8Array(Buffer.from(NEW_KEY, 'base64')), 2);
    const file = path.join(dataDir, 'heads-up.db');
    const sealed = sealedUnder(file, newVault, oldVault);
    expect(sealed.opened).toBeGreaterThan(8);
    expect(sealed.otherOpened).toBe(0);
    const db = new Database(file, { readonly: true });
    try {
      for (const { table, column } of SEALED_COLUMNS) {
        const old = db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${column}_ct IS NOT NULL AND key_version <> 2`).get() as { n: number };
        expect({ table, left: old.n }).toEqual({ table, left: 0 });
      }
    } finally {
      db.close();
    }

    // The old key no longer opens the line: the server refuses it, naming the variable.
    await expect(startHarness({ twilioApiBaseUrl: fake.url, env, dataDir })).rejects.toThrow('HEADSUP_MASTER_KEY: this is not the key');
    // Alerts approved at the command line (below) looked for every 200 ms (5 s in production).
    h = await startHarness({ twilioApiBaseUrl: fake.url, env: { ...env, HEADSUP_MASTER_KEY: NEW_KEY }, dataDir, plannerWatchMs: 200 });
    try {
      // Members are found by their new index: no duplicate, areas kept.
      expect((await h.sms('+19175550101', 'AREAS')).message).toContain('917');
      const members = new Database(file, { readonly: true });
      // Three members and the moderator (notices reach them through a member row); outsiders have none.
      expect((members.prepare('SELECT count(*) AS n FROM members').get() as { n: number }).n).toBe(4);
      members.close();
      // Screening recomputed from the alert's text, and from the sealed value of each identifier.
      expect((await h.sms('+19175550101', 'CHECK 212-555-0199')).message).not.toContain('no alerts');
      expect((await h.sms('+19175550101', 'CHECK 9XYZ321')).message).toContain('that plate is in 1 alert');
      // A pending report's identifiers were re-indexed under the new key: a new report naming the same plate finds it.
      // (Its notice is past this period's notice cap, so the index is read directly.)
      refOf((await h.sms('+19175550101', 'REPORT 917 the white truck again, plate 4QRS555')).message);
      const ids = new Database(file, { readonly: true });
      const plateIndex = newVault.index('screen-plate', '4QRS555');
      expect((ids.prepare('SELECT count(*) AS n FROM report_identifiers WHERE id_bidx = ?').get(plateIndex) as { n: number }).n).toBe(2);
      ids.close();
      // Report text re-sealed: approving it sends its text; the member's link was recomputed, so BLOCK finds them.
      const approved = await runAdminCli(['APPROVE', memberReport], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: NEW_KEY });
      expect(approved.stdout).toContain('approved');
      await waitFor(() => fake.to('+19175550101').some((m) => m.body.includes('man in red truck')), 15_000, 'the second alert');
      const block = await runAdminCli(['BLOCK', memberReport], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: NEW_KEY });
      expect(block.stdout).toContain('is blocked');
      expect((await h.sms('+19175550102', 'AREAS')).message).toBeNull();
      // The member blocked before the rotation is still blocked.
      expect((await h.sms('+19175550105', 'AREAS')).message).toBeNull();
    } finally {
      await h.close();
    }
  // Three servers and two admin processes one after the other: slow on a loaded machine.
  }, 90_000);

  it('resumes after being killed half-way, and the server refuses to start in between', async () => {
    const dataDir = tempDir();
    const numbers = numbersIn('646', 4000);
    await seedMembers(dataDir, '646', numbers);
    const env = { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY, HEADSUP_NEW_MASTER_KEY: NEW_KEY, HEADSUP_ROTATE_BATCH: '5' };
    // Killed (SIGKILL) as soon as it reports a tenth of the members done.
    const proc = spawn(process.execPath, [builtScript('src/cli/admin.ts'), 'rotate-key'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    proc.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (/members \d+\/4000 \(1\d%\)/.test(err)) proc.kill('SIGKILL');
    });
    const killedBy = await new Promise<NodeJS.Signals | null>((resolve) => proc.on('exit', (_code, signal) => resolve(signal)));
    expect(killedBy).toBe('SIGKILL');

    const file = path.join(dataDir, 'heads-up.db');
    const mid = new Database(file, { readonly: true });
    const state = mid.prepare('SELECT step, cursor FROM key_rotation').get() as { step: string; cursor: number };
    const versions = mid.prepare('SELECT key_version, count(*) AS n FROM members GROUP BY key_version ORDER BY key_version').all();
    mid.close();
    expect(state.step).toBe('members');
    expect(state.cursor).toBeGreaterThan(0);
    expect(state.cursor).toBeLessThan(4000);
    expect(versions).toHaveLength(2);

    await expect(startHarness({ dataDir, twilio: false })).rejects.toThrow('a key rotation was interrupted');
    await expect(startHarness({ dataDir, twilio: false, env: { HEADSUP_MASTER_KEY: NEW_KEY } })).rejects.toThrow('a key rotation was interrupted');
    const pending = await runAdminCli(['PENDING'], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY });
    expect(pending.code).toBe(1);
    expect(pending.stderr).toContain('a key rotation was interrupted');

    // Resumed with another new key: refused, nothing changes.
    const other = await runAdminCli(['rotate-key'], { ...env, HEADSUP_NEW_MASTER_KEY: Buffer.alloc(32, 12).toString('base64') });
    expect(other.code).toBe(1);
    expect(other.stderr).toBe('heads-up: an interrupted rotation to another key is under way: run rotate-key again with the HEADSUP_NEW_MASTER_KEY it started with');

    // The operator set HEADSUP_MASTER_KEY to the new key too early: told the old one is still needed.
    const early = await runAdminCli(['rotate-key'], { ...env, HEADSUP_MASTER_KEY: NEW_KEY });
    expect(early.code).toBe(1);
    expect(early.stderr).toBe(
      'heads-up: the rotation to this key was interrupted and needs the old key to finish: set HEADSUP_MASTER_KEY back to the old key, keep HEADSUP_NEW_MASTER_KEY, and run rotate-key again',
    );

    const again = await runAdminCli(['rotate-key'], { ...env, HEADSUP_ROTATE_BATCH: '500' });
    expect(again.code).toBe(0);
    const after = new Database(file, { readonly: true });
    expect(after.prepare('SELECT key_version, count(*) AS n FROM members GROUP BY key_version').all()).toEqual([{ key_version: 2, n: 4000 }]);
    expect(after.prepare('SELECT count(*) AS n FROM key_rotation').get()).toEqual({ n: 0 });
    expect(after.prepare('SELECT count(*) AS n FROM key_rotation_map').get()).toEqual({ n: 0 });
    after.close();

    const h = await startHarness({ dataDir, twilio: true, env: { HEADSUP_MASTER_KEY: NEW_KEY } });
    try {
      // Members on both sides of the interruption are found under the new key.
      expect((await h.sms(numbers[0] as string, 'AREAS')).message).toContain('646');
      expect((await h.sms(numbers[3999] as string, 'AREAS')).message).toContain('646');
    } finally {
      await h.close();
    }
    const count = new Database(file, { readonly: true });
    expect((count.prepare('SELECT count(*) AS n FROM members').get() as { n: number }).n).toBe(4000);
    count.close();
  });

  it('replaces a development key file with the new key', async () => {
    const dataDir = tempDir();
    // No HEADSUP_MASTER_KEY: the server generates DATA_DIR/master.key.
    const dev = await startHarness({ dataDir, twilio: true, env: { HEADSUP_MASTER_KEY: '' } });
    await dev.sms('+16465550140', 'JOIN 646');
    await dev.close();
    const keyFile = path.join(dataDir, 'master.key');
    const before = fs.readFileSync(keyFile, 'utf8');
    const r = await runAdminCli(['rotate-key'], { DATA_DIR: dataDir, HEADSUP_NEW_MASTER_KEY: NEW_KEY });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`rotate-key: ${keyFile} now holds the new key.`);
    expect(fs.readFileSync(keyFile, 'utf8').trim()).toBe(NEW_KEY);
    expect(fs.readFileSync(keyFile, 'utf8')).not.toBe(before);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const h = await startHarness({ dataDir, twilio: true, env: { HEADSUP_MASTER_KEY: '' } });
    try {
      expect((await h.sms('+16465550140', 'AREAS')).message).toContain('646');
    } finally {
      await h.close();
    }
  });

  it('finishes the job when run again after being stopped between the last commit and replacing the development key file', async () => {
    const dataDir = tempDir();
    await seedMembers(dataDir, '646', numbersIn('646', 3));
    const keyFile = path.join(dataDir, 'master.key');
    fs.writeFileSync(keyFile, `${TEST_MASTER_KEY}\n`, { mode: 0o600 });
    expect((await runAdminCli(['rotate-key'], { DATA_DIR: dataDir, HEADSUP_NEW_MASTER_KEY: NEW_KEY })).code).toBe(0);
    // What a kill (or Ctrl-C during the final checkpoint) leaves: the line sealed under the new key, the file still holding the old one.
    fs.writeFileSync(keyFile, `${TEST_MASTER_KEY}\n`, { mode: 0o600 });
    // Killed between writing the new key file and renaming it: its copy of the key was left beside the database.
    fs.writeFileSync(path.join(dataDir, '.master.key.4242'), `${NEW_KEY}\n`, { mode: 0o600 });
    const again = await runAdminCli(['rotate-key'], { DATA_DIR: dataDir, HEADSUP_NEW_MASTER_KEY: NEW_KEY });
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`rotate-key: the line was already sealed under HEADSUP_NEW_MASTER_KEY; ${keyFile} now holds the new key.`);
    expect(fs.readFileSync(keyFile, 'utf8').trim()).toBe(NEW_KEY);
    expect(fs.readdirSync(dataDir).filter((f) => f.includes('key'))).toEqual(['master.key']);
    expect((await runAdminCli(['STATS'], { DATA_DIR: dataDir })).code).toBe(0);
    // With the key in the environment, the same run says what is left to do.
    const env = await runAdminCli(['rotate-key'], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY, HEADSUP_NEW_MASTER_KEY: NEW_KEY });
    expect(env.code).toBe(0);
    expect(env.stdout).toBe('rotate-key: the line was already sealed under HEADSUP_NEW_MASTER_KEY: set HEADSUP_MASTER_KEY to it (and remove HEADSUP_NEW_MASTER_KEY) before starting the server.');
  });

  it('killed during its final checkpoint: the start names the way out, and a run again finishes it', async () => {
    const dataDir = tempDir();
    const numbers = numbersIn('646', 3);
    await seedMembers(dataDir, '646', numbers);
    const keyFile = path.join(dataDir, 'master.key');
    fs.writeFileSync(keyFile, `${TEST_MASTER_KEY}\n`, { mode: 0o600 });
    const env = { DATA_DIR: dataDir, HEADSUP_NEW_MASTER_KEY: NEW_KEY };
    const killed = await runAdminCli(['rotate-key'], { ...env, NODE_OPTIONS: `--require ${path.join(__dirname, 'kill-at-wal-truncate.cjs')}` });
    expect(killed.code).toBeNull();
    // The key file is replaced only once the line under the new key is on the disk: a power cut there keeps the old key.
    expect(fs.readFileSync(keyFile, 'utf8').trim()).toBe(TEST_MASTER_KEY);
    await expect(startHarness({ dataDir, twilio: false, env: { HEADSUP_MASTER_KEY: '' } })).rejects.toThrow(
      'if rotate-key was stopped as it finished, run it again with the same HEADSUP_NEW_MASTER_KEY',
    );
    const doctor = await runAdminCli(['doctor'], { DATA_DIR: dataDir });
    expect(doctor.stdout).toContain('if rotate-key was stopped as it finished, run it again with the same HEADSUP_NEW_MASTER_KEY');
    expect((await runAdminCli(['rotate-key'], env)).code).toBe(0);
    const h = await startHarness({ dataDir, twilio: true, env: { HEADSUP_MASTER_KEY: '' } });
    try {
      expect((await h.sms(numbers[0] as string, 'AREAS')).message).toContain('646');
    } finally {
      await h.close();
    }
  });

  it('takes both keys in quotes, as an env file passed to docker run --env-file gives them', async () => {
    const dataDir = tempDir();
    await seedMembers(dataDir, '646', numbersIn('646', 3));
    const r = await runAdminCli(['rotate-key'], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: `"${TEST_MASTER_KEY}"`, HEADSUP_NEW_MASTER_KEY: `'${NEW_KEY}'` });
    expect(r.stderr).not.toContain('heads-up:');
    expect(r.code).toBe(0);
    const stats = await runAdminCli(['STATS'], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: `"${NEW_KEY}"` });
    expect(stats.code).toBe(0);
    expect(stats.stdout).toContain('Members: 3 in all; 646:3.');
  });

  it('refuses a line holding a damaged value before it starts, naming the value: the server still starts under the current key', async () => {
    const dataDir = tempDir();
    await seedMembers(dataDir, '646', numbersIn('646', 3));
    const db = new Database(path.join(dataDir, 'heads-up.db'));
    db.prepare('UPDATE members SET address_ct = randomblob(60) WHERE id = 2').run();
    db.close();
    const r = await runAdminCli(['rotate-key'], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY, HEADSUP_NEW_MASTER_KEY: NEW_KEY });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'heads-up: 1 sealed value does not open with the current key (damaged): members.address, row 2. ' +
        'Nothing was changed and the line still runs under the current key. To rotate, restore a backup from before the damage (npm run admin -- restore FILE (heads-up restore FILE in the image)), then run rotate-key again',
    );
    const h = await startHarness({ dataDir, twilio: true });
    try {
      expect((await h.sms(numbersIn('646', 1)[0] as string, 'AREAS')).message).toContain('646');
    } finally {
      await h.close();
    }
  });

  it('refuses a new key that is the current key, a missing one and a malformed one', async () => {
    const dataDir = tempDir();
    await seedMembers(dataDir, '646', numbersIn('646', 3));
    const base = { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY };
    const same = await runAdminCli(['rotate-key'], { ...base, HEADSUP_NEW_MASTER_KEY: TEST_MASTER_KEY });
    expect(same.stderr).toBe('heads-up: HEADSUP_NEW_MASTER_KEY is the current key: generate a new one (openssl rand -base64 32)');
    const missing = await runAdminCli(['rotate-key'], base);
    expect(missing.stderr).toBe(
      'heads-up: HEADSUP_NEW_MASTER_KEY is not set: to finish an interrupted rotation, set it to the key that rotation started with; to start one, write a new key to a file you keep (openssl rand -base64 32 > new.key) and set it from that file',
    );
    const short = await runAdminCli(['rotate-key'], { ...base, HEADSUP_NEW_MASTER_KEY: 'c2hvcnQ=' });
    expect(short.stderr).toBe('heads-up: HEADSUP_NEW_MASTER_KEY: expected base64 of exactly 32 random bytes (openssl rand -base64 32)');
    const wrongOld = await runAdminCli(['rotate-key'], { ...base, HEADSUP_MASTER_KEY: Buffer.alloc(32, 13).toString('base64'), HEADSUP_NEW_MASTER_KEY: NEW_KEY });
    expect(wrongOld.stderr).toBe('heads-up: HEADSUP_MASTER_KEY does not open this database: set it to the current key');
    for (const r of [same, missing, short, wrongOld]) expect(r.code).toBe(1);
  });

  // rotate-key migrated the database before checking HEADSUP_MASTER_KEY: another line's key upgraded its schema, then was refused.
  it('under another key, stops naming HEADSUP_MASTER_KEY before writing anything: no migration is applied', async () => {
    // A line at the schema before 0024 (upgraded, not yet started), under the test key.
    const older = tempDir();
    for (const f of fs.readdirSync(path.join(ROOT, 'migrations'))) if (f < '0024') fs.copyFileSync(path.join(ROOT, 'migrations', f), path.join(older, f));
    const dataDir = tempDir();
    const db = new Db(path.join(dataDir, 'heads-up.db'));
    migrate(db, older);
    const vault = new Vault(Buffer.from(TEST_MASTER_KEY, 'base64'));
    ensureMember(db, vault, { channel: 'sms', address: numbersIn('646', 1)[0] as string }, 'en', Date.now());
    recordKey(db, vault);
    db.close();
    const r = await runAdminCli(['rotate-key'], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: Buffer.alloc(32, 13).toString('base64'), HEADSUP_NEW_MASTER_KEY: NEW_KEY });
    const after = new Database(path.join(dataDir, 'heads-up.db'), { readonly: true });
    const schema = (after.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number }).v;
    after.close();
    expect({ code: r.code, stderr: r.stderr, schema }).toEqual({ code: 1, stderr: 'heads-up: HEADSUP_MASTER_KEY does not open this database: set it to the current key', schema: 23 });
  });
});
