import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Sender } from '../../src/phone/identity';
import { Db } from '../../src/store/db';
import { findMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { openBody } from '../../src/store/outbox';
import { cryptoReady, Vault } from '../../src/store/vault';
import type { FakeTwilio } from '../fakes/fake-twilio';
import { runAdminCli } from '../helpers/admin-cli';
import { newBot } from '../helpers/bot-world';
import { builtScript } from '../helpers/built-src';
import { refOf, startTwilioLine, tempDir, TEST_MASTER_KEY, waitFor, type Harness } from '../helpers/harness';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const MOD = '+14155550199';
const REPORTER = '+14155550105';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

interface OpenLine {
  dataDir: string;
  file: string;
  db: Db;
  vault: Vault;
  env: Record<string, string>;
  /** A message to the line, as the running server would handle it; returns the reply. */
  say(from: string, text: string): string | null;
}

/** A line on disk under the test key, its connection left open as a running server's is. */
async function openLine(): Promise<OpenLine> {
  await cryptoReady();
  const dataDir = tempDir();
  const file = path.join(dataDir, 'heads-up.db');
  const db = new Db(file);
  migrate(db);
  const vault = new Vault(new Uint8Array(Buffer.from(TEST_MASTER_KEY, 'base64')));
  const bot = newBot(db, vault, { now: Date.now() }, { moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
  let n = 0;
  const env = { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY };
  return { dataDir, file, db, vault, env, say: (from, text) => bot.handle({ sender: sms(from), text, providerId: `SMadmin${++n}` }).reply };
}

describe('the admin command line', () => {
  let fake: FakeTwilio;
  let h: Harness;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    // The server looks for alerts approved at the command line every 200 ms (5 s in production).
    ({ fake, h, stop } = await startTwilioLine({ env: { SEND_RATE: '100' }, plannerWatchMs: 200 }));
  });
  afterAll(() => stop());

  async function admin(...args: string[]): Promise<string> {
    const { stdout } = await run(process.execPath, [builtScript('src/cli/admin.ts'), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: h.dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY },
      timeout: 20_000,
    });
    return stdout.trim();
  }

  it('lists pending reports and approves one, and the running server sends the alert', async () => {
    await h.sms('+19175550111', 'JOIN 917');
    const reply = await h.sms('+19175550112', 'REPORT 917 tall man, silver sedan, no condom');
    const ref = /#([A-Z0-9]{4,6})/.exec(reply.message ?? '')?.[1] as string;
    expect(await admin('PENDING')).toContain(`#${ref}`);
    expect(await admin('APPROVE', ref)).toContain('approved');
    await waitFor(() => fake.to('+19175550111').length === 1, 15_000, 'alert sent by the server');
    expect(fake.to('+19175550111')[0]!.body).toContain('silver sedan');
  });
});

describe('a moderator command at the command line that fails', () => {
  it('prints the reply as its one line and exits 1, as a failure does', async () => {
    const line = await openLine();
    line.say(REPORTER, 'JOIN 415');
    const ref = refOf(line.say(REPORTER, 'REPORT grey van took my phone'));
    expect((await runAdminCli(['REJECT', ref], line.env)).code).toBe(0);
    const again = await runAdminCli(['APPROVE', ref], line.env);
    const unknown = await runAdminCli(['APPROVE', 'ZZZZ'], line.env);
    const badArea = await runAdminCli(['ALERT', '999', 'grey', 'van'], line.env);
    line.db.close();
    for (const r of [again, unknown, badArea]) expect(r.stdout + r.stderr).not.toContain('\n');
    expect(again.stdout + again.stderr).toContain('already decided');
    expect(unknown.stdout + unknown.stderr).toContain('#ZZZZ');
    expect(badArea.stdout + badArea.stderr).toContain('999');
    expect({ again: again.code, unknown: unknown.code, badArea: badArea.code }).toEqual({ again: 1, unknown: 1, badArea: 1 });
    // Four command-line runs one after the other, each a process of its own: on a loaded machine, more than jest's 30 s.
  }, 120_000);
});

describe('REJECT and EDIT at the command line while the server has the database open', () => {
  for (const decide of ['REJECT', 'EDIT']) {
    it(`${decide} leaves no copy of the erased notice in the WAL, as the same command over SMS does`, async () => {
      const line = await openLine();
      line.say(REPORTER, 'JOIN 415');
      const ref = refOf(line.say(REPORTER, 'REPORT grey van took my phone'));
      const moderator = findMember(line.db, line.vault, sms(MOD))!;
      const row = line.db.sqlite.prepare('SELECT body_ct FROM outbox WHERE member_id = ?').get(moderator.id) as { body_ct: Buffer };
      const sealed = row.body_ct.subarray(0, 32);
      const heldIn = () => [line.file, `${line.file}-wal`].filter((f) => fs.existsSync(f) && fs.readFileSync(f).includes(sealed));
      expect(heldIn()).toContain(`${line.file}-wal`);
      const r = await runAdminCli(decide === 'EDIT' ? ['EDIT', ref, 'grey', 'van'] : ['REJECT', ref], line.env);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`#${ref}`);
      // The notice is gone from the table, and from the WAL the server keeps open.
      expect(line.db.sqlite.prepare('SELECT count(*) AS n FROM outbox WHERE member_id = ? AND body_ct IS NOT NULL').get(moderator.id)).toEqual({ n: 0 });
      const held = heldIn();
      line.db.close();
      expect(held).toEqual([]);
    });
  }
});

describe('EDIT at the command line', () => {
  it('sends each moderator a notice of the edited text in place of the one it withdraws', async () => {
    const line = await openLine();
    line.say(REPORTER, 'JOIN 415');
    const ref = refOf(line.say(REPORTER, 'REPORT grey van took my phone'));
    const r = await runAdminCli(['EDIT', ref, 'grey', 'van,', 'took', 'my', 'phone'], { ...line.env, MODERATORS: MOD });
    expect(r.code).toBe(0);
    const moderator = findMember(line.db, line.vault, sms(MOD))!;
    const rows = line.db.sqlite.prepare('SELECT id, body_ct, key_version FROM outbox WHERE member_id = ? AND body_ct IS NOT NULL').all(moderator.id) as Array<{
      id: number;
      body_ct: Buffer;
      key_version: number;
    }>;
    const notices = rows.map((row) => openBody(line.vault, row));
    line.db.close();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(`#${ref} was edited`);
    expect(notices[0]).toContain('Heads Up alert (415): grey van, took my phone -- STOP to end');
  });
});
