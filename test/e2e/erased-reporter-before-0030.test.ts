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
import { cryptoReady, Vault } from '../../src/store/vault';
import { startHarness, TEST_MASTER_KEY } from '../helpers/harness';
import { tempDir } from '../helpers/temp-dir';

/**
 * A report as that schema held it, written by SQL: today's createReport reads tables later
 * migrations add (a reference is unique across them), which the old schema has not.
 */
function oldReport(db: Db, vault: Vault, ref: string, text: string, reporter: string, now: number): { id: number } {
  const id = db.nextId('reports');
  db.sqlite
    .prepare('INSERT INTO reports (id, ref, npas, text_ct, key_version, reporter_bidx, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(id, ref, '415', vault.seal(text, { table: 'reports', column: 'text', row: id }), vault.keyVersion, vault.index('reporter', `sms:${reporter}`), now);
  return { id };
}

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
    const kept = oldReport(db, vault, 'KEPT', 'grey van', '+14155550100', now);
    const erased = oldReport(db, vault, 'GONE', 'blue sedan', '+14155550142', now);
    // What DELETE did to her reports before 0030.
    db.sqlite.prepare('UPDATE reports SET reporter_bidx = NULL, phone_reporter_bidx = NULL WHERE id = ?').run(erased.id);
    // One of hers rejected, then discarded (a purge run before the upgraded server first started): no text to tell it by.
    const rejected = oldReport(db, vault, 'REJD', 'junk', '+14155550142', now);
    db.sqlite.prepare("UPDATE reports SET status = 'rejected', text_ct = NULL, reporter_bidx = NULL WHERE id = ?").run(rejected.id);
    ids = [kept.id, erased.id, rejected.id];
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
