/**
 * Encryption at rest. XChaCha20-Poly1305 with a random nonce; the associated
 * data binds each ciphertext to its table, column, row and key version, so a
 * ciphertext copied to another row or column fails to open. Blind indexes
 * are keyed BLAKE2b over a canonical string, for exact look-ups without
 * storing the plaintext. All keys derive from the master key, which never
 * enters the database.
 */
import { randomFillSync } from 'node:crypto';
import sodium from 'libsodium-wrappers';

/** Where a ciphertext lives; part of its associated data. */
export interface Slot {
  table: string;
  column: string;
  row: number | bigint | string;
}

/** What a blind index is for: values of different purposes never match. */
export type IndexPurpose =
  | 'member'
  | 'reporter'
  | 'screen'
  | 'inbound'
  | 'sender'
  // The inbound log's sender column: not 'sender', so its rows cannot be joined to the limit counts.
  | 'replies'
  | 'link'
  // A conversation's key, an index of her member index: not 'member', so an open one cannot be tied to her member row.
  | 'conversation'
  | 'keycheck'
  | 'moderator'
  // Buddies (issue 13): a number as a buddy (buddy_numbers, buddy_stops), of no member.
  | 'buddy'
  // A member's link to a number (buddies): of the member and the number, so two members' links to one number differ.
  | 'buddy-link'
  // A buddy's DECLINE (buddy_declines): of the member and the number, like a link; not 'buddy-link', so it cannot be joined to one.
  | 'declined'
  // Screening by identifier kind (issue 11); phone numbers keep 'screen'.
  | 'screen-plate'
  | 'screen-email'
  | 'screen-handle'
  | 'screen-link'
  // A sender's last message and its answer (repeat-marks.ts), known again without its words.
  | 'repeat';

const KDF_CONTEXT = 'headsup1';
const SUBKEY_ENC = 1;
const SUBKEY_INDEX = 2;
const NONCE_BYTES = 24;
/** What seal() adds around the plaintext: the nonce and the tag. */
export const SEAL_OVERHEAD = NONCE_BYTES + 16;
const INDEX_BYTES = 16;

// Nonces come from Node's CSPRNG, drawn a few kilobytes at a time: libsodium.js's
// randombytes_buf asks Node for 4 bytes at a time, and one system call per
// nonce is most of the cost of sealing a short value. Nonces are not secret.
const NONCE_POOL_BYTES = NONCE_BYTES * 512;
let noncePool = Buffer.alloc(0);
let noncePoolOffset = 0;

function nextNonce(): Uint8Array {
  // Stryker disable next-line EqualityOperator: refilling one nonce early wastes 24 random bytes; nonces stay fresh and random
  if (noncePoolOffset + NONCE_BYTES > noncePool.length) {
    noncePool = randomFillSync(Buffer.allocUnsafe(NONCE_POOL_BYTES));
    noncePoolOffset = 0;
  }
  const nonce = noncePool.subarray(noncePoolOffset, noncePoolOffset + NONCE_BYTES);
  noncePoolOffset += NONCE_BYTES;
  return nonce;
}

/** UTF-8 bytes of a string. Node's encoder is several times faster than libsodium.js's TextEncoder for short strings. */
function utf8(s: string): Uint8Array {
  return Buffer.from(s, 'utf8');
}

/**
 * libsodium's ISO/IEC 7816-4 padding (sodium_pad, which sodium.unpad takes
 * off): 0x80, then zeros up to the next multiple of `block`. Written here
 * because libsodium.js's pad copies through the WebAssembly heap: a third
 * of the cost of sealing an inbound log's reply.
 */
function pad(bytes: Uint8Array, block: number): Uint8Array {
  const padded = new Uint8Array(bytes.length + block - (bytes.length % block));
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  return padded;
}

/** The string UTF-8 bytes spell. */
function text(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/** Ready libsodium; call once before constructing a Vault. */
export async function cryptoReady(): Promise<void> {
  await sodium.ready;
}

/** Encrypts and decrypts column values and computes blind indexes. */
export class Vault {
  private readonly encKeys = new Map<number, Uint8Array>();
  private readonly indexKey: Uint8Array;

  /**
   * `keyVersion` is the version of this master key: 1 for the line's first
   * key, one more at each rotate-key (the database records it). Ciphertexts
   * carry it in their row and their associated data.
   */
  constructor(
    masterKey: Uint8Array,
    readonly keyVersion = 1,
  ) {
    if (masterKey.length !== 32) throw new Error('master key must be 32 bytes');
    if (!Number.isInteger(keyVersion) || keyVersion < 1) throw new Error('key version must be a positive integer');
    this.encKeys.set(keyVersion, sodium.crypto_kdf_derive_from_key(32, SUBKEY_ENC, KDF_CONTEXT, masterKey));
    this.indexKey = sodium.crypto_kdf_derive_from_key(32, SUBKEY_INDEX, KDF_CONTEXT, masterKey);
  }

  private key(version: number): Uint8Array {
    const k = this.encKeys.get(version);
    if (!k) throw new Error(`no key for version ${version}`);
    return k;
  }

  private static aad(slot: Slot, version: number): Uint8Array {
    return utf8(`${slot.table}|${slot.column}|${String(slot.row)}|v${version}`);
  }

  /** Encrypts a string for one column of one row. Returns nonce ‖ ciphertext. */
  seal(plaintext: string, slot: Slot): Buffer {
    return this.sealBytes(utf8(plaintext), slot);
  }

  /**
   * Like seal, with the plaintext first padded to a multiple of `block` bytes
   * (libsodium's ISO/IEC 7816-4 padding), so the ciphertext's length tells
   * only which multiple, not which text.
   */
  sealPadded(plaintext: string, slot: Slot, block: number): Buffer {
    return this.sealBytes(pad(utf8(plaintext), block), slot);
  }

  /** Decrypts what seal() wrote for the same slot and key version; throws if anything differs. */
  open(sealed: Uint8Array, slot: Slot, version: number): string {
    return text(this.openBytes(sealed, slot, version));
  }

  /** Decrypts what sealPadded() wrote with the same block size; throws if anything differs. */
  openPadded(sealed: Uint8Array, slot: Slot, version: number, block: number): string {
    return text(sodium.unpad(this.openBytes(sealed, slot, version), block));
  }

  private sealBytes(plaintext: Uint8Array, slot: Slot): Buffer {
    const nonce = nextNonce();
    const ct = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, Vault.aad(slot, this.keyVersion), null, nonce, this.key(this.keyVersion));
    const out = Buffer.allocUnsafe(NONCE_BYTES + ct.length);
    out.set(nonce, 0);
    out.set(ct, NONCE_BYTES);
    return out;
  }

  private openBytes(sealed: Uint8Array, slot: Slot, version: number): Uint8Array {
    if (sealed.length < NONCE_BYTES + 16) throw new Error('ciphertext too short');
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, sealed.subarray(NONCE_BYTES), Vault.aad(slot, version), sealed.subarray(0, NONCE_BYTES), this.key(version));
  }

  /** A keyed blind index of a canonical string, separated by purpose. */
  index(purpose: IndexPurpose, canonical: string): Buffer {
    return Buffer.from(sodium.crypto_generichash(INDEX_BYTES, utf8(`${purpose}\u0000${canonical}`), this.indexKey));
  }
}
