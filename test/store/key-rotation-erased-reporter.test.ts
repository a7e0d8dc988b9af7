/**
 * An erased reporter's link is an index no one has, keyed to its report
 * (store/reports.ts): rotate-key keeps it one, under the new key, rather than
 * erasing it to NULL, which would single out, in a database seized after a
 * rotation, the reports of those who erased themselves before it.
 */
import path from 'node:path';
import { Db } from '../../src/store/db';
import { KeyRotation, rotationVersions } from '../../src/store/key-rotation';
import { migrate } from '../../src/store/migrate';
import { createReport, forgetReporter, reportersOf } from '../../src/store/reports';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const key = (fill: number) => new Uint8Array(Buffer.alloc(32, fill));

describe('rotate-key and the link of a reporter who erased herself', () => {
  beforeAll(cryptoReady);

  it('keeps it an index no one has, under the new key: BLOCK still finds no one, and it is not NULL', () => {
    const db = new Db(path.join(tempDir(), 'heads-up.db'));
    const oldVault = new Vault(key(1), 1);
    const now = Date.now();
    migrate(db);
    const her = oldVault.index('reporter', 'sms:+14155550123');
    const { ref } = createReport(db, oldVault, { npas: ['415'], text: 'grey van', reporterKey: her, phoneReporterKey: oldVault.index('reporter', 'sms:+14155550124') }, now);
    forgetReporter(db, oldVault, her);
    expect(reportersOf(db, oldVault, ref)).toEqual([]);

    const { from, to } = rotationVersions(db);
    const newVault = new Vault(key(2), to);
    new KeyRotation(db, new Vault(key(1), from), newVault, { batch: 1 }).run();

    expect(reportersOf(db, newVault, ref)).toEqual([]);
    expect(db.sqlite.prepare('SELECT length(reporter_bidx) AS own, length(phone_reporter_bidx) AS phone FROM reports').get()).toEqual({ own: 16, phone: 16 });
    db.close();
  });
});
