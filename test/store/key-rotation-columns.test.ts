import path from 'node:path';
import { Db } from '../../src/store/db';
import { INDEX_COLUMNS, SEALED_COLUMNS } from '../../src/store/key-rotation-columns';
import { migrate } from '../../src/store/migrate';
import { tempDir } from '../helpers/temp-dir';

describe('rotate-key coverage', () => {
  it('knows every sealed column and every blind-index column the migrations create', () => {
    const db = new Db(path.join(tempDir(), 'schema.db'));
    try {
      migrate(db);
      const tables = (db.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string }>).map(
        (t) => t.name,
      );
      const sealed: string[] = [];
      const indexes: string[] = [];
      for (const table of tables) {
        for (const { name } of db.sqlite.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>) {
          if (name.endsWith('_ct')) sealed.push(`${table}.${name.slice(0, -3)}`);
          if (name.endsWith('_bidx')) indexes.push(`${table}.${name}`);
        }
      }
      // A new sealed or indexed column must be added to rotate-key (src/store/key-rotation.ts) before it ships.
      expect(sealed.sort()).toEqual(SEALED_COLUMNS.map((c) => `${c.table}.${c.column}`).sort());
      expect(indexes.sort()).toEqual(INDEX_COLUMNS.map((c) => `${c.table}.${c.column}`).sort());
      // And every sealed column records the key version it was sealed under.
      for (const { table } of SEALED_COLUMNS) {
        const cols = (db.sqlite.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name);
        expect({ table, hasVersion: cols.includes('key_version') }).toEqual({ table, hasVersion: true });
      }
    } finally {
      db.close();
    }
  });
});
