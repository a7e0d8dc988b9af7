/**
 * rotate-key refused on a damaged value says "Nothing was changed and the
 * line still runs under the current key": the guided reports in progress it
 * settles before a rotation (rotate-key-drafts.test.ts) must then be left as
 * they were, not filed for a rotation that never happened.
 */
import path from 'node:path';
import { catalog } from '../../src/bot/catalog';
import { rotateKeyCommand } from '../../src/cli/rotate-key-command';
import { Db } from '../../src/store/db';
import { startHarness, TEST_MASTER_KEY } from '../helpers/harness';

const ROSA = '+14155550101';
const MIA = '+14155550102';
const MOD = '+14155550199';
const NEW_KEY = Buffer.alloc(32, 11).toString('base64');
const t = catalog('en');

it('rotate-key refused (a damaged value) leaves a guided report in progress as it was', async () => {
  const h = await startHarness({ env: { MODERATORS: MOD } });
  const { dataDir } = h;
  try {
    await h.sms(ROSA, 'JOIN 415');
    await h.sms(MIA, 'JOIN 415');
    await h.sms(MIA, 'BUDDY +14155550177 Mia');
    expect((await h.sms(ROSA, 'REPORT')).message).toBe(t.reportAsk('what'));
    expect((await h.sms(ROSA, '1 5')).message).toBe(t.reportAsk('when'));
    expect((await h.sms(ROSA, 'an hour ago')).message).toBe(t.reportAsk('where'));
  } finally {
    await h.close();
  }
  // One value the server steps around no longer opens (test/store/key-rotation-damaged.test.ts).
  let db = new Db(path.join(dataDir, 'heads-up.db'));
  db.sqlite.prepare('UPDATE buddies SET name_ct = randomblob(60)').run();
  db.close();
  await expect(
    rotateKeyCommand({ DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY, HEADSUP_NEW_MASTER_KEY: NEW_KEY, MODERATORS: MOD }, () => undefined),
  ).rejects.toThrow(/Nothing was changed and the line still runs under the current key/);
  db = new Db(path.join(dataDir, 'heads-up.db'));
  try {
    const reports = (db.sqlite.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n;
    const drafts = (db.sqlite.prepare('SELECT count(*) AS n FROM conversations').get() as { n: number }).n;
    expect({ reports, drafts }).toEqual({ reports: 0, drafts: 1 });
  } finally {
    db.close();
  }
}, 60_000);
