/** Issue 15 items 3 and 4: the store of Signal moderators' identities (and rotate-key over it), and the challenge on record. */
import fs from 'node:fs';
import path from 'node:path';
import { Db } from '../../src/store/db';
import { KeyRotation, rotationVersions } from '../../src/store/key-rotation';
import { migrate } from '../../src/store/migrate';
import {
  forgetFormerModerators,
  markReadmission,
  moderatorIdentityTrusted,
  noteReadmission,
  observeModeratorIdentity,
  readmitModerator,
  sentBeforeReadmission,
} from '../../src/store/moderator-identities';
import { claimSubmission, clearChallenge, markChallengeSubmitted, markChallengeTold, readChallenge, recordChallenge } from '../../src/store/signal-challenge';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const key = (fill: number) => new Uint8Array(Buffer.alloc(32, fill));
const MOD = '3f2e1d0c-9b8a-4765-a432-10fedcba9876';
const OTHER = '4a3b2c1d-0e9f-4876-b543-210fedcba987';
const FP1 = '05a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';
const FP2 = '05ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100';

describe('Signal moderators’ identities', () => {
  beforeAll(cryptoReady);

  function open(): { db: Db; file: string } {
    const file = path.join(tempDir(), 'heads-up.db');
    const db = new Db(file);
    migrate(db);
    return { db, file };
  }

  it('trusts the first identity, distrusts a changed one until re-admitted, and never trusts one not recorded', () => {
    const { db } = open();
    const vault = new Vault(key(1));
    expect(moderatorIdentityTrusted(db, vault, MOD)).toBe(false);
    expect(observeModeratorIdentity(db, vault, MOD, FP1, false, 1)).toBe('first');
    expect(observeModeratorIdentity(db, vault, MOD, FP1, false, 2)).toBe('same');
    expect(moderatorIdentityTrusted(db, vault, MOD)).toBe(true);
    expect(observeModeratorIdentity(db, vault, MOD, FP2, true, 3)).toBe('changed');
    expect(moderatorIdentityTrusted(db, vault, MOD)).toBe(false);
    // Told once: seeing it again (or the old one back) changes nothing until an operator acts.
    expect(observeModeratorIdentity(db, vault, MOD, FP2, true, 4)).toBe('still_changed');
    expect(observeModeratorIdentity(db, vault, MOD, FP1, false, 5)).toBe('still_changed');
    expect(moderatorIdentityTrusted(db, vault, MOD)).toBe(false);
    readmitModerator(db, vault, MOD, FP2, 6);
    expect(moderatorIdentityTrusted(db, vault, MOD)).toBe(true);
    expect(observeModeratorIdentity(db, vault, MOD, FP2, false, 7)).toBe('same');
    // A first sighting of a key signal-cli already marks untrusted is not trusted either.
    expect(observeModeratorIdentity(db, vault, OTHER, FP1, true, 8)).toBe('changed');
    expect(moderatorIdentityTrusted(db, vault, OTHER)).toBe(false);
    db.close();
  });

  it('says what was sent before the last re-admission (marked before the trust) and that she is to be told once per re-admission', () => {
    const { db } = open();
    const vault = new Vault(key(1));
    observeModeratorIdentity(db, vault, MOD, FP1, false, 1);
    // Never re-admitted: nothing is stale.
    expect(sentBeforeReadmission(db, vault, MOD, 0)).toBe(false);
    observeModeratorIdentity(db, vault, MOD, FP2, true, 5);
    // Marked, not trusted yet: what signal-cli releases at the trust already finds the time.
    markReadmission(db, vault, MOD, 100);
    expect(moderatorIdentityTrusted(db, vault, MOD)).toBe(false);
    expect([sentBeforeReadmission(db, vault, MOD, 99), sentBeforeReadmission(db, vault, MOD, 100)]).toEqual([true, false]);
    readmitModerator(db, vault, MOD, FP2, 100);
    expect([noteReadmission(db, vault, MOD), noteReadmission(db, vault, MOD)]).toEqual([true, false]);
    // Another change and re-admission: a later time, and she is told again.
    observeModeratorIdentity(db, vault, MOD, FP1, true, 200);
    markReadmission(db, vault, MOD, 300);
    readmitModerator(db, vault, MOD, FP1, 300);
    expect(sentBeforeReadmission(db, vault, MOD, 250)).toBe(true);
    expect(noteReadmission(db, vault, MOD)).toBe(true);
    // Someone else, never re-admitted, is unaffected.
    expect(sentBeforeReadmission(db, vault, OTHER, 0)).toBe(false);
    expect(noteReadmission(db, vault, OTHER)).toBe(false);
    db.close();
  });

  it('erases the records of moderators no longer listed, changed or trusted, and keeps those still listed', () => {
    const { db } = open();
    const vault = new Vault(key(1));
    const THIRD = '5b4c3d2e-1f0a-4987-8654-3210fedcba98';
    observeModeratorIdentity(db, vault, MOD, FP1, false, 1);
    observeModeratorIdentity(db, vault, OTHER, FP2, true, 2);
    observeModeratorIdentity(db, vault, THIRD, FP2, false, 3);
    expect(forgetFormerModerators(db, vault, [THIRD])).toBe(2);
    const count = () => (db.sqlite.prepare('SELECT count(*) AS n FROM moderator_identities').get() as { n: number }).n;
    expect(count()).toBe(1);
    expect(moderatorIdentityTrusted(db, vault, THIRD)).toBe(true);
    // Listed again later: recorded afresh, as a new moderator is.
    expect(observeModeratorIdentity(db, vault, MOD, FP2, false, 4)).toBe('first');
    expect(forgetFormerModerators(db, vault, [THIRD, MOD])).toBe(0);
    expect(forgetFormerModerators(db, vault, [])).toBe(2);
    expect(count()).toBe(0);
    db.close();
  });

  it('keeps neither the UUID nor the fingerprint in plaintext in the file', () => {
    const { db, file } = open();
    const vault = new Vault(key(1));
    observeModeratorIdentity(db, vault, MOD, FP1, false, 1);
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = fs.readFileSync(file).toString('latin1');
    expect(bytes).not.toContain(MOD);
    expect(bytes).not.toContain(FP1);
  });

  it('is carried over by rotate-key: re-sealed, found under the new key, still changed where it was', () => {
    const { db } = open();
    const oldVault = new Vault(key(1), 1);
    observeModeratorIdentity(db, oldVault, MOD, FP1, false, 1);
    observeModeratorIdentity(db, oldVault, OTHER, FP1, false, 1);
    observeModeratorIdentity(db, oldVault, OTHER, FP2, false, 2);
    const { from, to } = rotationVersions(db);
    const newVault = new Vault(key(2), to);
    new KeyRotation(db, new Vault(key(1), from), newVault, { batch: 1 }).run();
    expect(moderatorIdentityTrusted(db, newVault, MOD)).toBe(true);
    expect(observeModeratorIdentity(db, newVault, MOD, FP1, false, 3)).toBe('same');
    expect(moderatorIdentityTrusted(db, newVault, OTHER)).toBe(false);
    expect(observeModeratorIdentity(db, newVault, OTHER, FP2, false, 3)).toBe('still_changed');
    db.close();
  });
});

describe('the Signal challenge on record', () => {
  beforeAll(cryptoReady);

  it('tells once per challenge, reopens one a submitted captcha did not lift, and starts anew with a new token', () => {
    const db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    expect(recordChallenge(db, 'tok-1', 1)).toBe(true);
    markChallengeTold(db, 1);
    expect(recordChallenge(db, 'tok-1', 2)).toBe(false);
    markChallengeSubmitted(db, 'tok-1', 3);
    expect(recordChallenge(db, 'tok-1', 4)).toBe(false); // in flight before the resume
    expect(readChallenge(db)?.submittedAt).toBe(3);
    expect(claimSubmission(db, 5)).toBe(true);
    expect(claimSubmission(db, 6)).toBe(false);
    expect(recordChallenge(db, 'tok-1', 7)).toBe(false); // still refused after the resume: open again, told already
    expect(readChallenge(db)).toMatchObject({ token: 'tok-1', submittedAt: null, resumedAt: null, toldAt: 1 });
    markChallengeSubmitted(db, 'tok-1', 8);
    expect(claimSubmission(db, 9)).toBe(true);
    expect(recordChallenge(db, 'tok-2', 10)).toBe(true); // a new challenge
    clearChallenge(db);
    expect(readChallenge(db)).toBeNull();
    db.close();
  });
});
