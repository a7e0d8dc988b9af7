/**
 * A restore from the rescue copy a running server wrote (its database removed
 * while it ran): that copy is the line now. Left beside it, weeks later, with
 * the database lost while the line is stopped, the start named it as the
 * newest copy of the line: a weeks-old line. Found by a hostile review.
 */
import fs from 'node:fs';
import path from 'node:path';
import { latestMigration } from '../../src/cli/line';
import { Db } from '../../src/store/db';
import { lineCopyProblem } from '../../src/store/kept-aside';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { writeRescueCopy } from '../../src/store/rescue-copy';
import { restoreDatabase } from '../../src/store/restore';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const vault = () => new Vault(new Uint8Array(Buffer.alloc(32, 7)));
const join = (db: Db, phone: string) => ensureMember(db, vault(), { channel: 'sms', address: phone, phone }, 'en', Date.now());

beforeAll(cryptoReady);

it('deletes the rescue copy it restored from, so that it is never later named as the line', async () => {
  const dir = tempDir();
  const target = path.join(dir, 'heads-up.db');
  const db = new Db(target);
  migrate(db);
  join(db, '+14155550101');
  // Removed while the server runs: it writes its rescue copy from its open connection.
  fs.rmSync(target);
  const rescue = path.join(dir, await writeRescueCopy(db.sqlite, Date.now()));
  db.close();
  for (const f of ['', '-wal', '-shm']) fs.rmSync(`${target}${f}`, { force: true });

  const result = await restoreDatabase(rescue, target, vault(), latestMigration());

  expect({ deleted: result.rescueDeleted, left: fs.readdirSync(dir).filter((f) => f.includes('rescued')) }).toEqual({ deleted: rescue, left: [] });
  // The line runs on; then its database is lost while it is stopped: nothing weeks old is offered as the line.
  const again = new Db(target);
  join(again, '+14155550102');
  again.close();
  for (const f of ['', '-wal', '-shm']) fs.rmSync(`${target}${f}`, { force: true });
  expect(lineCopyProblem(target)).toBeNull();
});

it('keeps a rescue copy it did not restore from', async () => {
  const dir = tempDir();
  const target = path.join(dir, 'heads-up.db');
  const db = new Db(target);
  migrate(db);
  join(db, '+14155550101');
  const rescue = path.join(dir, await writeRescueCopy(db.sqlite, Date.now()));
  const backup = path.join(tempDir(), 'line.db');
  await db.sqlite.backup(backup);
  db.close();

  const result = await restoreDatabase(backup, target, vault(), latestMigration());

  expect({ deleted: result.rescueDeleted, kept: fs.existsSync(rescue) }).toEqual({ deleted: null, kept: true });
});
