/**
 * REJECT at the command line while a read snapshot (a nightly backup of a
 * large line) is held past the busy timeout: the command's WAL truncation
 * is held back at its close, and it leaves the erase for the running
 * server, which finishes it at its next checkpoint once the reader is gone.
 * The server had no way to know: the rejected report's sealed notice
 * stayed in the WAL it keeps. The same REJECT over SMS is the control.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Sender } from '../../src/phone/identity';
import { Db } from '../../src/store/db';
import { findMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { cryptoReady, Vault } from '../../src/store/vault';
import { runAdminCli } from '../helpers/admin-cli';
import { newBot } from '../helpers/bot-world';
import { refOf, tempDir, TEST_MASTER_KEY } from '../helpers/harness';

const MOD = '+14155550199';
const REPORTER = '+14155550105';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

/**
 * A line whose report waits with the moderators, its notice sealed in the WAL; a backup's snapshot held a
 * little past the busy timeout while `reject` runs; then the server's checkpoint ticks. Whether the notice's
 * sealed bytes are still in the WAL after.
 */
async function rejectedUnderSnapshot(reject: (ref: string, dataDir: string, say: (from: string, text: string) => string | null) => Promise<void>): Promise<boolean> {
  await cryptoReady();
  const dataDir = tempDir();
  const file = path.join(dataDir, 'heads-up.db');
  const db = new Db(file);
  migrate(db);
  const vault = new Vault(new Uint8Array(Buffer.from(TEST_MASTER_KEY, 'base64')));
  const bot = newBot(db, vault, { now: Date.now() }, { moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
  let n = 0;
  const say = (from: string, text: string) => bot.handle({ sender: sms(from), text, providerId: `SMrv${++n}` }).reply;
  // A server that has been running: its own pending erase (from opening) is done.
  db.eraseSoon();
  await new Promise((r) => setTimeout(r, 50));
  say(REPORTER, 'JOIN 415');
  const ref = refOf(say(REPORTER, 'REPORT grey van took my phone'));
  const moderator = findMember(db, vault, sms(MOD))!;
  const row = db.sqlite.prepare('SELECT body_ct FROM outbox WHERE member_id = ?').get(moderator.id) as { body_ct: Buffer };
  const sealed = row.body_ct.subarray(0, 32);
  const wal = `${file}-wal`;
  expect(fs.readFileSync(wal).includes(sealed)).toBe(true);
  const reader = new Database(file, { readonly: true });
  reader.exec('BEGIN');
  reader.prepare('SELECT count(*) FROM members').get();
  await reject(ref, dataDir, say);
  reader.exec('COMMIT');
  reader.close();
  // The server's checkpoint ticks run on.
  const stop = db.checkpointEvery(100);
  await new Promise((res) => setTimeout(res, 1_000));
  stop();
  const held = fs.existsSync(wal) && fs.readFileSync(wal).includes(sealed);
  db.close();
  return held;
}

describe('REJECT while a backup holds a read snapshot', () => {
  it('at the command line: no copy of the erased notice stays in the WAL once the snapshot ends and the server checkpoints', async () => {
    const held = await rejectedUnderSnapshot(async (ref, dataDir) => {
      const r = await runAdminCli(['REJECT', ref], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY });
      expect(r.code).toBe(0);
    });
    expect(held).toBe(false);
  }, 90_000);

  it('(control) from a moderator over SMS: the same', async () => {
    const held = await rejectedUnderSnapshot(async (ref, _dataDir, say) => void say(MOD, `REJECT ${ref}`));
    expect(held).toBe(false);
  }, 90_000);
});
