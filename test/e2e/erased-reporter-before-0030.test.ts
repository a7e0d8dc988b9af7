/**
 * A DELETE made before migration 0030 left NULL where the reporter's link
 * was: seized, the upgraded database would still single out the reports of
 * those who erased themselves. Making it an index no one has needs the key,
 * so the server does it as it starts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { databaseFile, Db } from '../../src/store/db';
import { findProjectDir } from '../../src/store/find-up';
import { migrate } from '../../src/store/migrate';
import { createReport } from '../../src/store/reports';
import { cryptoReady, Vault } from '../../src/store/vault';
import { startHarness, TEST_MASTER_KEY } from '../helpers/harness';
import { tempDir } from '../helpers/temp-dir';

it('leaves no report without a reporter link once a server has started on a database erased before 0030', async () => {
  await cryptoReady();
  const vault = new Vault(Buffer.from(TEST_MASTER_KEY, 'base64'));
  const oldMigrations = tempDir();
  const all = findProjectDir('migrations');
  for (const f of fs.readdirSync(all).filter((f) => f < '0030')) fs.copyFileSync(path.join(all, f), path.join(oldMigrations, f));
  const dataDir = tempDir();
  const now = Date.now();
  const db = new Db(databaseFile(dataDir));
  let ids: number[];
  try {
    migrate(db, oldMigrations);
    const kept = createReport(db, vault, { npas: ['415'], text: 'grey van', reporterKey: vault.index('reporter', 'sms:+14155550100') }, now);
    const erased = createReport(db, vault, { npas: ['415'], text: 'blue sedan', reporterKey: vault.index('reporter', 'sms:+14155550142') }, now);
    // What DELETE did to her reports before 0030.
    db.sqlite.prepare('UPDATE reports SET reporter_bidx = NULL, phone_reporter_bidx = NULL WHERE id = ?').run(erased.id);
    ids = [kept.id, erased.id];
  } finally {
    db.close();
  }
  const h = await startHarness({ dataDir });
  try {
    const links = h.server.db.sqlite.prepare('SELECT id, length(reporter_bidx) AS n FROM reports ORDER BY id').all();
    expect(links).toEqual(ids.map((id) => ({ id, n: 16 })));
  } finally {
    await h.close();
  }
});
