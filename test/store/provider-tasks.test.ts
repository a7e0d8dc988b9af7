/**
 * Provider tasks at rest: the message id is sealed to its row, survives a
 * key rotation under the new key, and leaves with its row.
 */
import path from 'node:path';
import { Db } from '../../src/store/db';
import { KeyRotation, rotationVersions } from '../../src/store/key-rotation';
import { migrate } from '../../src/store/migrate';
import { claimProviderTasks, countProviderTasks, enqueueProviderTask, enqueueProviderTasks, finishProviderTask } from '../../src/store/provider-tasks';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/harness';

const key = (fill: number) => new Uint8Array(Buffer.alloc(32, fill));
const SID = `SM${'0123456789abcdef'.repeat(2)}`;

describe('provider tasks at rest', () => {
  beforeAll(cryptoReady);

  it('seals the message id, re-seals it under a new key, and ignores anything that is not a message id', () => {
    const db = new Db(path.join(tempDir(), 'heads-up.db'));
    try {
      migrate(db);
      const oldVault = new Vault(key(1), 1);
      const now = Date.now();
      expect(enqueueProviderTask(db, oldVault, 'delete', SID, now)).not.toBeNull();
      // Not a Messages/{Sid} id (it would go into a URL path): not stored.
      expect(enqueueProviderTask(db, oldVault, 'delete', '../../Calls/CA1.json', now)).toBeNull();
      expect(enqueueProviderTask(db, oldVault, 'redact', 'x:1', now)).toBeNull();
      expect(countProviderTasks(db)).toBe(1);
      const raw = db.sqlite.prepare('SELECT sid_ct FROM provider_tasks').get() as { sid_ct: Buffer };
      expect(raw.sid_ct.includes(Buffer.from(SID))).toBe(false);

      const { from, to } = rotationVersions(db);
      const newVault = new Vault(key(2), to);
      new KeyRotation(db, new Vault(key(1), from), newVault, { batch: 1 }).run();
      const [task] = claimProviderTasks(db, newVault, now, 5, now + 60_000);
      expect(task).toMatchObject({ kind: 'delete', sid: SID, attempts: 1 });
      // Leased: not claimed again before its lease ends.
      expect(claimProviderTasks(db, newVault, now + 1, 5, now + 60_000)).toEqual([]);
      finishProviderTask(db, task!.id);
      expect(countProviderTasks(db)).toBe(0);
    } finally {
      db.close();
    }
  });

  it('queues a batch in one go: each id on its own row, after every row before it, never reusing an id that was deleted', () => {
    const db = new Db(path.join(tempDir(), 'heads-up.db'));
    try {
      migrate(db);
      const vault = new Vault(key(1), 1);
      const now = Date.now();
      const first = enqueueProviderTask(db, vault, 'redact', SID, now) as number;
      finishProviderTask(db, first);
      const sids = [1, 2, 3].map((n) => `SM${String(n).repeat(32)}`);
      const ids = enqueueProviderTasks(db, vault, 'delete', [sids[0]!, 'not-a-sid', sids[1]!, sids[2]!], now);
      expect(ids).toEqual([first + 1, first + 2, first + 3]);
      const claimed = claimProviderTasks(db, vault, now, 10, now + 60_000);
      expect(claimed.map((t) => [t.id, t.sid])).toEqual(ids.map((id, i) => [id, sids[i]]));
      expect(enqueueProviderTask(db, vault, 'delete', SID, now)).toBe(first + 4);
    } finally {
      db.close();
    }
  });
});
