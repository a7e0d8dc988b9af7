/**
 * Provider tasks at rest: the message ids are sealed to their row, survive
 * a key rotation under the new key, and leave with their row; a batch is
 * one row; a row written before batches (one bare id) still reads.
 */
import path from 'node:path';
import { Db } from '../../src/store/db';
import { KeyRotation, rotationVersions } from '../../src/store/key-rotation';
import { migrate } from '../../src/store/migrate';
import { claimProviderTasks, countProviderTasks, enqueueProviderTask, finishProviderTask, retryProviderTask } from '../../src/store/provider-tasks';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const key = (fill: number) => new Uint8Array(Buffer.alloc(32, fill));
const SID = `SM${'0123456789abcdef'.repeat(2)}`;

/** A fresh database with its migrations, closed after `test`. */
function withDb(test: (db: Db, vault: Vault, now: number) => void): void {
  const db = new Db(path.join(tempDir(), 'heads-up.db'));
  try {
    migrate(db);
    test(db, new Vault(key(1), 1), Date.now());
  } finally {
    db.close();
  }
}

describe('provider tasks at rest', () => {
  beforeAll(cryptoReady);

  it('seals the message id, re-seals it under a new key, and ignores anything that is not a message id', () => {
    withDb((db, vault, now) => {
      expect(enqueueProviderTask(db, vault, 'delete', [SID], now)).not.toBeNull();
      // Not a Messages/{Sid} id (it would go into a URL path): not stored.
      expect(enqueueProviderTask(db, vault, 'delete', ['../../Calls/CA1.json'], now)).toBeNull();
      expect(enqueueProviderTask(db, vault, 'redact', ['x:1', ''], now)).toBeNull();
      expect(countProviderTasks(db)).toBe(1);
      const raw = db.sqlite.prepare('SELECT sid_ct FROM provider_tasks').get() as { sid_ct: Buffer };
      expect(raw.sid_ct.includes(Buffer.from(SID))).toBe(false);

      const { from, to } = rotationVersions(db);
      const newVault = new Vault(key(2), to);
      new KeyRotation(db, new Vault(key(1), from), newVault, { batch: 1 }).run();
      const [task] = claimProviderTasks(db, newVault, now, 5, now + 60_000);
      expect(task).toEqual({ id: expect.any(Number), kind: 'delete', sids: [SID], attempts: 1 });
      // Leased: not claimed again before its lease ends.
      expect(claimProviderTasks(db, newVault, now + 1, 5, now + 60_000)).toEqual([]);
      finishProviderTask(db, task!.id);
      expect(countProviderTasks(db)).toBe(0);
    });
  });

  it('takes only whole message ids: SM or MM and 32 hex digits, nothing before or after', () => {
    withDb((db, vault, now) => {
      const mms = `MM${'ABCDEF0123456789'.repeat(2)}`;
      // Each would put more than a message id into the Messages/{Sid} path.
      for (const bad of [`../${SID}`, `x${SID}`, `${SID}/Media`, `${SID}0`, `${SID}.json`, `SM${'0123456789abcdeg'.repeat(2)}`, `CA${SID.slice(2)}`]) {
        expect(enqueueProviderTask(db, vault, 'redact', [bad], now)).toBeNull();
      }
      expect(countProviderTasks(db)).toBe(0);
      const id = enqueueProviderTask(db, vault, 'delete', [mms, `${SID}/../Calls`, SID], now);
      expect(claimProviderTasks(db, vault, now, 10, now + 60_000)).toEqual([{ id, kind: 'delete', sids: [mms, SID], attempts: 1 }]);
    });
  });

  it('queues a batch as one row, leaving out what is not a message id, after every row before it, never reusing an id that was deleted', () => {
    withDb((db, vault, now) => {
      const first = enqueueProviderTask(db, vault, 'redact', [SID], now) as number;
      finishProviderTask(db, first);
      const sids = [1, 2, 3].map((n) => `SM${String(n).repeat(32)}`);
      const id = enqueueProviderTask(db, vault, 'delete', [sids[0]!, 'not-a-sid', sids[1]!, sids[2]!], now);
      expect(id).toBe(first + 1);
      expect(countProviderTasks(db)).toBe(1);
      const raw = db.sqlite.prepare('SELECT sid_ct FROM provider_tasks').get() as { sid_ct: Buffer };
      for (const s of sids) expect(raw.sid_ct.includes(Buffer.from(s))).toBe(false);
      expect(claimProviderTasks(db, vault, now, 10, now + 60_000)).toEqual([{ id: first + 1, kind: 'delete', sids, attempts: 1 }]);
      expect(enqueueProviderTask(db, vault, 'delete', [SID], now)).toBe(first + 2);
    });
  });

  it('keeps only the ids still owed when a task is tried again, with its tries and due time', () => {
    withDb((db, vault, now) => {
      const sids = [4, 5, 6].map((n) => `SM${String(n).repeat(32)}`);
      const id = enqueueProviderTask(db, vault, 'delete', sids, now, 2) as number;
      const [task] = claimProviderTasks(db, vault, now, 1, now + 60_000);
      expect(task).toEqual({ id, kind: 'delete', sids, attempts: 3 });
      retryProviderTask(db, vault, id, [sids[1]!], 3, now + 5_000);
      expect(claimProviderTasks(db, vault, now + 4_999, 1, now + 60_000)).toEqual([]);
      expect(claimProviderTasks(db, vault, now + 5_000, 1, now + 60_000)).toEqual([{ id, kind: 'delete', sids: [sids[1]], attempts: 4 }]);
    });
  });

  it('reads a row written before batches (one bare id), and drops a row whose list holds anything but message ids', () => {
    withDb((db, vault, now) => {
      const insert = db.sqlite.prepare('INSERT INTO provider_tasks (id, kind, sid_ct, key_version, due_at) VALUES (?, ?, ?, ?, ?)');
      insert.run(1, 'redact', vault.seal(SID, { table: 'provider_tasks', column: 'sid', row: 1 }), 1, now);
      insert.run(2, 'delete', vault.seal(JSON.stringify([SID, '../Calls']), { table: 'provider_tasks', column: 'sid', row: 2 }), 1, now);
      // A list nested in the list is not a message id either, though it prints as one.
      insert.run(3, 'delete', vault.seal(JSON.stringify([[SID]]), { table: 'provider_tasks', column: 'sid', row: 3 }), 1, now);
      expect(claimProviderTasks(db, vault, now, 10, now + 60_000)).toEqual([{ id: 1, kind: 'redact', sids: [SID], attempts: 1 }]);
      expect(countProviderTasks(db)).toBe(1);
    });
  });
});
