import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../../src/config/env';
import { loadMasterKey } from '../../src/store/master-key';
import { cryptoReady, Vault, type Slot } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const KEY_A = new Uint8Array(32).fill(1);
const KEY_B = new Uint8Array(32).fill(2);
const SLOT: Slot = { table: 'reports', column: 'text', row: 7 };
const SECRET = 'grey van, number 415-555-0100, said his name was Rick';

describe('Vault', () => {
  let vault: Vault;
  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(KEY_A);
  });

  describe('seal and open', () => {
    it('opens what it sealed, for the same slot and key version', () => {
      const sealed = vault.seal(SECRET, SLOT);
      expect(vault.open(sealed, SLOT, vault.keyVersion)).toBe(SECRET);
    });

    it('round-trips text outside ASCII and the empty string', () => {
      for (const text of ['', 'él me golpeó 🙂', '\u0000nul']) {
        expect(vault.open(vault.seal(text, SLOT), SLOT, 1)).toBe(text);
      }
    });

    it('does not contain the plaintext', () => {
      const sealed = vault.seal(SECRET, SLOT);
      expect(sealed.includes(Buffer.from('415-555-0100'))).toBe(false);
      expect(sealed.includes(Buffer.from('Rick'))).toBe(false);
    });

    it('uses a fresh nonce each time, so equal texts seal differently', () => {
      const a = vault.seal(SECRET, SLOT);
      const b = vault.seal(SECRET, SLOT);
      expect(a.subarray(0, 24).equals(b.subarray(0, 24))).toBe(false);
      expect(a.equals(b)).toBe(false);
    });

    it.each<[string, Slot]>([
      ['another row', { ...SLOT, row: 8 }],
      ['the same row number as a string that differs', { ...SLOT, row: '07' }],
      ['another column', { ...SLOT, column: 'address' }],
      ['another table', { ...SLOT, table: 'alerts' }],
    ])('refuses to open a ciphertext moved to %s', (_where, other) => {
      const sealed = vault.seal(SECRET, SLOT);
      expect(() => vault.open(sealed, other, 1)).toThrow();
    });

    it('refuses to open a ciphertext under another key version', () => {
      const sealed = vault.seal(SECRET, SLOT);
      expect(() => vault.open(sealed, SLOT, 2)).toThrow();
      expect(() => vault.open(sealed, SLOT, 0)).toThrow();
    });

    it('refuses to open a ciphertext sealed under another master key', () => {
      const sealed = new Vault(KEY_B).seal(SECRET, SLOT);
      expect(() => vault.open(sealed, SLOT, 1)).toThrow();
    });

    it('refuses a ciphertext with any single bit flipped', () => {
      const sealed = vault.seal(SECRET, SLOT);
      for (let i = 0; i < sealed.length; i++) {
        const tampered = Buffer.from(sealed);
        tampered[i] = (tampered[i] as number) ^ 0x01;
        expect(() => vault.open(tampered, SLOT, 1)).toThrow();
      }
    });

    it('refuses a truncated or extended ciphertext', () => {
      const sealed = vault.seal(SECRET, SLOT);
      expect(() => vault.open(sealed.subarray(0, sealed.length - 1), SLOT, 1)).toThrow();
      expect(() => vault.open(sealed.subarray(0, 10), SLOT, 1)).toThrow();
      expect(() => vault.open(Buffer.concat([sealed, Buffer.from([0])]), SLOT, 1)).toThrow();
    });

    it('pads as libsodium does: opened by its unpad, sealed to the next multiple of the block, one byte of padding at least', () => {
      for (const length of [0, 1, 510, 511, 512, 513, 1023, 1024]) {
        const text = 'é'.repeat(Math.floor(length / 2)) + 'x'.repeat(length % 2);
        const sealed = vault.sealPadded(text, SLOT, 512);
        // The nonce (24 bytes) and the tag (16) around the padded text.
        expect(sealed.length - 40).toBe((Math.floor(length / 512) + 1) * 512);
        expect(vault.openPadded(sealed, SLOT, 1, 512)).toBe(text);
      }
    });

    it('refuses a master key that is not 32 bytes', () => {
      expect(() => new Vault(new Uint8Array(31))).toThrow();
      expect(() => new Vault(new Uint8Array(33))).toThrow();
    });
  });

  describe('blind index', () => {
    it('is deterministic for the same purpose and value', () => {
      expect(vault.index('member', 'sms:+14155550100').equals(vault.index('member', 'sms:+14155550100'))).toBe(true);
      expect(new Vault(KEY_A).index('member', 'sms:+14155550100').equals(vault.index('member', 'sms:+14155550100'))).toBe(true);
    });

    it('differs across values', () => {
      expect(vault.index('member', 'sms:+14155550100').equals(vault.index('member', 'sms:+14155550101'))).toBe(false);
    });

    it('differs across purposes for the same value', () => {
      const purposes = ['member', 'reporter', 'screen', 'inbound', 'sender'] as const;
      const hex = purposes.map((p) => vault.index(p, 'sms:+14155550100').toString('hex'));
      expect(new Set(hex).size).toBe(purposes.length);
    });

    it('differs across master keys', () => {
      expect(new Vault(KEY_B).index('member', 'sms:+14155550100').equals(vault.index('member', 'sms:+14155550100'))).toBe(false);
    });

    it('does not contain the value and has a fixed length', () => {
      const idx = vault.index('screen', '+14155550100');
      expect(idx.length).toBe(16);
      expect(idx.toString('latin1')).not.toContain('4155550100');
    });
  });
});

describe('loadMasterKey', () => {
  beforeAll(async () => {
    await cryptoReady();
  });

  it('generates a key file with mode 0600 when none is configured', () => {
    const dir = path.join(tempDir(), 'data');
    const loaded = loadMasterKey(undefined, dir);
    expect(loaded).toMatchObject({ source: 'file', generated: true });
    expect(loaded.key.length).toBe(32);
    const file = path.join(dir, 'master.key');
    expect(loaded.file).toBe(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64').equals(Buffer.from(loaded.key))).toBe(true);
  });

  it('reuses the generated key on the next load', () => {
    const dir = tempDir();
    const first = loadMasterKey(undefined, dir);
    const second = loadMasterKey(undefined, dir);
    expect(second).toMatchObject({ source: 'file', generated: false });
    expect(Buffer.from(second.key).equals(Buffer.from(first.key))).toBe(true);
  });

  it('reads a key with stray spaces or in quotes (docker run --env-file keeps them): base64 has neither', () => {
    const b64 = Buffer.alloc(32, 9).toString('base64');
    for (const given of [`"${b64}"`, `'${b64}'`, ` ${b64}\r`, `" ${b64} "`]) {
      expect(Buffer.from(loadMasterKey(given, tempDir()).key).equals(Buffer.alloc(32, 9))).toBe(true);
    }
    expect(() => loadMasterKey(`"${b64}'`, tempDir())).toThrow(ConfigError);
  });

  it('prefers HEADSUP_MASTER_KEY and writes no file then', () => {
    const dir = tempDir();
    const b64 = Buffer.alloc(32, 9).toString('base64');
    const loaded = loadMasterKey(b64, dir);
    expect(loaded).toMatchObject({ source: 'env', generated: false });
    expect(Buffer.from(loaded.key).equals(Buffer.alloc(32, 9))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'master.key'))).toBe(false);
  });

  it.each([
    ['not base64', 'this is not base64!!'],
    ['16 bytes', Buffer.alloc(16, 1).toString('base64')],
    ['33 bytes', Buffer.alloc(33, 1).toString('base64')],
    ['hex instead of base64', Buffer.alloc(32, 1).toString('hex')],
  ])('refuses a HEADSUP_MASTER_KEY that is %s, naming the variable', (_what, value) => {
    let caught: unknown;
    try {
      loadMasterKey(value, tempDir());
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).variable).toBe('HEADSUP_MASTER_KEY');
    expect((caught as Error).message).toContain('HEADSUP_MASTER_KEY');
    expect((caught as Error).message).toMatch(/base64 of exactly 32/);
    expect((caught as Error).message).not.toContain(value);
  });

  it('refuses a damaged key file rather than replace it', () => {
    const dir = tempDir();
    const file = path.join(dir, 'master.key');
    fs.writeFileSync(file, 'short\n', { mode: 0o600 });
    expect(() => loadMasterKey(undefined, dir)).toThrow(ConfigError);
    expect(() => loadMasterKey(undefined, dir)).toThrow(/HEADSUP_MASTER_KEY/);
    expect(fs.readFileSync(file, 'utf8')).toBe('short\n');
  });
});

describe('Vault refuses what it cannot use', () => {
  beforeAll(cryptoReady);

  it('refuses a master key that is not 32 bytes, and a key version that is not a positive integer', () => {
    expect(() => new Vault(new Uint8Array(31))).toThrow('master key must be 32 bytes');
    expect(() => new Vault(new Uint8Array(33))).toThrow('master key must be 32 bytes');
    for (const version of [0, -1, 1.5]) expect(() => new Vault(KEY_A, version)).toThrow('key version must be a positive integer');
    expect(new Vault(KEY_A, 2).keyVersion).toBe(2);
  });

  it('refuses a ciphertext shorter than a nonce and a tag before trying to open it, and a version it has no key for', () => {
    const v = new Vault(KEY_A);
    expect(() => v.open(Buffer.alloc(39), SLOT, 1)).toThrow('ciphertext too short');
    expect(() => v.open(v.seal(SECRET, SLOT), SLOT, 7)).toThrow('no key for version 7');
  });
});
