/**
 * The master key check, in the order the server runs it: verify (before
 * migrating), migrate, record. Started with another key, the line refuses
 * to start, names HEADSUP_MASTER_KEY, and changes nothing; with its own key
 * it starts, however often; a database with no check recorded yet is
 * checked by a few sealed members (one must open), or (nothing sealed yet) let through once and
 * checked from then on.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../../src/config/config-error';
import { Db } from '../../src/store/db';
import { recordKey, verifyKey } from '../../src/store/key-check';
import { migrate } from '../../src/store/migrate';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const keyOf = (fill: number) => new Vault(new Uint8Array(32).fill(fill));

/** What the server does at start: refuse a wrong key before writing anything, then migrate and record the check. */
function start(file: string, vault: Vault): void {
  const db = new Db(file);
  try {
    verifyKey(db, vault);
    migrate(db);
    recordKey(db, vault);
  } finally {
    db.close();
  }
}

/** The error a start throws, if any. */
function startError(file: string, vault: Vault): unknown {
  try {
    start(file, vault);
    return undefined;
  } catch (err) {
    return err;
  }
}

/** A fingerprint of the database file and its WAL, byte for byte. */
function fingerprint(file: string): string {
  const hash = createHash('sha256');
  for (const f of [file, `${file}-wal`, `${file}-shm`]) hash.update(fs.existsSync(f) ? fs.readFileSync(f) : 'absent');
  return hash.digest('hex');
}

describe('the master key check', () => {
  beforeAll(cryptoReady);

  it('starts again with the key the database was written with', () => {
    const file = path.join(tempDir(), 'heads-up.db');
    start(file, keyOf(7));
    expect(startError(file, keyOf(7))).toBeUndefined();
    expect(startError(file, keyOf(7))).toBeUndefined();
  });

  it('refuses another key, naming HEADSUP_MASTER_KEY and saying nothing was changed, and changes nothing', () => {
    const file = path.join(tempDir(), 'heads-up.db');
    start(file, keyOf(7));
    const before = fingerprint(file);

    const err = startError(file, keyOf(9));
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).variable).toBe('HEADSUP_MASTER_KEY');
    expect((err as Error).message).toMatch(/^HEADSUP_MASTER_KEY: this is not the key the database in DATA_DIR was written with; .*the key it was written with or, if rotate-key has finished, with the new key it was given.*nothing was changed/);
    expect(fingerprint(file)).toBe(before);
    // Refused again: the wrong key recorded nothing of its own.
    expect(startError(file, keyOf(9))).toBeInstanceOf(ConfigError);
    expect(startError(file, keyOf(7))).toBeUndefined();
  });

  it('lets a database from before the key check through, before migrating it, and then holds it to that key', () => {
    const file = path.join(tempDir(), 'heads-up.db');
    // Not migrated yet: there is no check to compare with, and verifying creates none.
    const db = new Db(file);
    expect(() => verifyKey(db, keyOf(9))).not.toThrow();
    expect(db.sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'key_check'").get()).toEqual({ n: 0 });
    db.close();

    start(file, keyOf(7));
    expect(startError(file, keyOf(9))).toBeInstanceOf(ConfigError);
    expect(startError(file, keyOf(7))).toBeUndefined();
  });

  it('lets a migrated database with no check and nothing sealed yet through once, and records the key of that start', () => {
    const file = path.join(tempDir(), 'heads-up.db');
    const db = new Db(file);
    migrate(db);
    expect(() => verifyKey(db, keyOf(9))).not.toThrow();
    db.close();
    start(file, keyOf(9));
    expect(startError(file, keyOf(7))).toBeInstanceOf(ConfigError);
    expect(startError(file, keyOf(9))).toBeUndefined();
  });

  it('refuses another key on a database with no check yet but a sealed member, and records nothing', () => {
    const file = path.join(tempDir(), 'heads-up.db');
    const db = new Db(file);
    migrate(db);
    db.sqlite.prepare('DELETE FROM key_check').run();
    db.sqlite
      .prepare("INSERT INTO members (id, channel, address_bidx, address_ct, key_version, created_at) VALUES (1, 'sms', ?, ?, 1, 0)")
      .run(keyOf(7).index('member', 'sms:+14155550160'), keyOf(7).seal('+14155550160', { table: 'members', column: 'address', row: 1 }));
    db.close();
    expect(startError(file, keyOf(9))).toBeInstanceOf(ConfigError);
    expect(startError(file, keyOf(7))).toBeUndefined();
    expect(startError(file, keyOf(9))).toBeInstanceOf(ConfigError);
  });

  it('accepts a database whose check an earlier release recorded: the check of a key never changes between releases', () => {
    const file = path.join(tempDir(), 'heads-up.db');
    const db = new Db(file);
    migrate(db);
    // The check as recorded for the key of 32 bytes of 7 (what every release since the check writes).
    db.sqlite.prepare('INSERT INTO key_check (id, value) VALUES (1, ?)').run(Buffer.from('861ee3f329c4182a63eac0f4afafc304', 'hex'));
    db.close();
    expect(startError(file, keyOf(7))).toBeUndefined();
    expect(startError(file, keyOf(9))).toBeInstanceOf(ConfigError);
  });

  it('lets the right key through when the first member address is damaged and the others open', () => {
    const older = tempDir();
    const migrations = path.resolve(__dirname, '../../migrations');
    for (const f of fs.readdirSync(migrations)) if (f < '0006') fs.copyFileSync(path.join(migrations, f), path.join(older, f));
    const db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db, older);
    const right = new Vault(new Uint8Array(32).fill(7));
    const insert = db.sqlite.prepare("INSERT INTO members (id, channel, address_bidx, address_ct, key_version, created_at) VALUES (?, 'sms', ?, ?, 1, 0)");
    for (let id = 1; id <= 50; id++) {
      const address = `+1415555${String(1000 + id)}`;
      insert.run(id, right.index('member', `sms:${address}`), right.seal(address, { table: 'members', column: 'address', row: id }));
    }
    // One byte of the first member's ciphertext damaged (a bad sector, a partial write).
    const row = db.sqlite.prepare('SELECT address_ct FROM members WHERE id = 1').get() as { address_ct: Buffer };
    const damaged = Buffer.from(row.address_ct);
    damaged[damaged.length - 1] = (damaged[damaged.length - 1] as number) ^ 0xff;
    db.sqlite.prepare('UPDATE members SET address_ct = ? WHERE id = 1').run(damaged);
    try {
      expect(() => verifyKey(db, right)).not.toThrow();
      // Another key still opens none of them.
      expect(() => verifyKey(db, new Vault(new Uint8Array(32).fill(8)))).toThrow(ConfigError);
    } finally {
      db.close();
    }
  });
});
