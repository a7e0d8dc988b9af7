/**
 * A conversation open at the upgrade to d13533d, kept under her member index
 * itself: her next message found nothing under the new key, so her answer
 * to a guided report's question got "didn't understand", and should she
 * start again, the draft left behind was filed too when it lapsed (the
 * moderators got her report twice). Real SQLite file, real crypto.
 */
import path from 'node:path';
import { endConversation, findConversation, lapsedConversations, saveConversation, type Conversation } from '../../src/store/conversations';
import { Db } from '../../src/store/db';
import { memberIndex } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const T0 = Date.UTC(2026, 11, 6, 20);
const SENDER = { channel: 'sms' as const, address: '+14155550100' };
const DRAFT: Conversation = { topic: 'report', question: 'when', answers: { draft: '{"step":"when","categories":["violence"],"areas":["415"]}' }, lang: 'en', expiresAt: T0 + 30 * 60_000 };
const count = (db: Db) => (db.sqlite.prepare('SELECT count(*) AS n FROM conversations').get() as { n: number }).n;

describe('a conversation written before conversations had a key of their own', () => {
  let vault: Vault;
  let db: Db;
  let key: Buffer;

  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(9));
    key = memberIndex(vault, SENDER);
  });
  beforeEach(() => {
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    // As the version before d13533d saved it: under her member index, sealed for that row.
    const { topic, question, answers, lang } = DRAFT;
    const sealed = vault.seal(JSON.stringify({ topic, question, answers, lang }), { table: 'conversations', column: 'state', row: key.toString('hex') });
    db.sqlite.prepare('INSERT INTO conversations (sender_bidx, state_ct, key_version, expires_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(key, sealed, vault.keyVersion, DRAFT.expiresAt, T0);
  });
  afterEach(() => db.close());

  it('is found by her next message, with its answers and expiry', () => {
    expect(findConversation(db, vault, key, T0 + 60_000)).toEqual(DRAFT);
    expect(findConversation(db, vault, key, T0 + 120_000)).toEqual(DRAFT);
  });

  it('is kept once, under the new key: her next step replaces it, and nothing is left to be filed again at its lapse', () => {
    findConversation(db, vault, key, T0 + 60_000);
    saveConversation(db, vault, key, { ...DRAFT, question: 'where', expiresAt: T0 + 31 * 60_000 }, T0 + 60_000);
    expect(count(db)).toBe(1);
    const lapsed = lapsedConversations(db, vault, T0 + 60 * 60_000, 10);
    expect(lapsed.map((l) => l.conversation?.question)).toEqual(['where']);
  });

  it('is gone with her DELETE once moved', () => {
    findConversation(db, vault, key, T0 + 60_000);
    endConversation(db, vault, key);
    expect(count(db)).toBe(0);
  });
});
