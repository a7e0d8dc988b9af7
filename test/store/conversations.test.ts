/**
 * The conversation store: one sealed dialogue per sender, read back after a
 * restart, gone once it lapses. Real SQLite file, real crypto.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runRetention } from '../../src/jobs/retention';
import { conversationKey, endConversation, findConversation, lapsedConversations, saveConversation, type Conversation, type Topic } from '../../src/store/conversations';
import { Db } from '../../src/store/db';
import { memberIndex } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const T0 = Date.UTC(2026, 11, 2, 6);
const SENDER = { channel: 'signal' as const, address: '3f1b9a52-8c0d-4e6f-9a7b-1c2d3e4f5a60' };
const ASKING: Conversation = { topic: 'join-area', question: 'area', answers: { first: 'Londres, near the station' }, lang: 'es', expiresAt: T0 + 60_000 };
const DRAFT: Conversation = { topic: 'report', question: 'when', answers: { draft: '{"step":"when","categories":["violence"],"areas":["415"]}' }, lang: 'en', expiresAt: T0 + 30 * 60_000 };
const count = (db: Db) => (db.sqlite.prepare('SELECT count(*) AS n FROM conversations').get() as { n: number }).n;

describe('conversations', () => {
  let vault: Vault;
  let file: string;
  let db: Db;
  let key: Buffer;

  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(9));
    key = memberIndex(vault, SENDER);
  });
  beforeEach(() => {
    file = path.join(tempDir(), 'heads-up.db');
    db = new Db(file);
    migrate(db);
  });
  afterEach(() => db.close());
  // The key a conversation is kept under, as the table (and lapsedConversations) holds it.
  const stored = (memberKey: Buffer) => conversationKey(vault, memberKey);

  it('keeps one per sender: a second replaces the first', () => {
    saveConversation(db, vault, key, ASKING, T0);
    saveConversation(db, vault, key, { ...ASKING, answers: {}, lang: 'en' }, T0 + 1);
    expect(findConversation(db, vault, key, T0 + 2)).toEqual({ ...ASKING, answers: {}, lang: 'en' });
    expect(findConversation(db, vault, memberIndex(vault, { channel: 'sms', address: '+14155550100' }), T0 + 2)).toBeUndefined();
  });

  it('survives a restart, and is sealed in the file', () => {
    saveConversation(db, vault, key, ASKING, T0);
    db.close();
    db = new Db(file);
    expect(findConversation(db, vault, key, T0 + 1)).toEqual(ASKING);
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = fs.readFileSync(file);
    for (const needle of ['Londres', 'join-area', SENDER.address]) expect(bytes.includes(Buffer.from(needle))).toBe(false);
  });

  it('is gone once it lapses, from the look-up and from the table', () => {
    saveConversation(db, vault, key, ASKING, T0);
    expect(findConversation(db, vault, key, ASKING.expiresAt)).toBeUndefined();
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM conversations').get()).toEqual({ n: 0 });
  });

  it('is left by retention, however long lapsed: the report-draft job files or drops it, and tells the member', () => {
    saveConversation(db, vault, key, DRAFT, T0);
    // After a day the server was down, retention runs first at its start: the draft must still be there for the job.
    runRetention(db, 90, DRAFT.expiresAt + 86_400_000);
    expect(lapsedConversations(db, vault, DRAFT.expiresAt + 86_400_000, 10)).toEqual([{ key: stored(key), conversation: DRAFT }]);
  });

  it('ends on request', () => {
    saveConversation(db, vault, key, ASKING, T0);
    endConversation(db, vault, key);
    expect(findConversation(db, vault, key, T0 + 1)).toBeUndefined();
  });

  it('opens only under its own key (a state copied to another sender does not open there, and reads as none)', () => {
    saveConversation(db, vault, key, ASKING, T0);
    expect(findConversation(db, vault, key, T0 + 1)).toEqual(ASKING);
    const other = memberIndex(vault, { channel: 'sms', address: '+14155550100' });
    db.sqlite.prepare('UPDATE conversations SET sender_bidx = ?').run(stored(other));
    expect(findConversation(db, vault, other, T0 + 1)).toBeUndefined();
  });

  it('reads a sealed state that is not a conversation at all (JSON null) as none, open or lapsed', () => {
    saveConversation(db, vault, key, DRAFT, T0);
    const sealedNull = vault.seal('null', { table: 'conversations', column: 'state', row: stored(key).toString('hex') });
    db.sqlite.prepare('UPDATE conversations SET state_ct = ?').run(sealedNull);
    expect(findConversation(db, vault, key, T0 + 1)).toBeUndefined();
    expect(lapsedConversations(db, vault, DRAFT.expiresAt, 10)).toEqual([{ key: stored(key), conversation: null }]);
  });

  it('keeps a lapsed report draft for its job to file or drop (and tell the member): never erased by a look', () => {
    saveConversation(db, vault, key, DRAFT, T0);
    expect(findConversation(db, vault, key, DRAFT.expiresAt - 1)).toEqual(DRAFT);
    // Lapsed: no longer the open question, but still there for the job.
    expect(findConversation(db, vault, key, DRAFT.expiresAt)).toBeUndefined();
    expect(count(db)).toBe(1);
    expect(lapsedConversations(db, vault, DRAFT.expiresAt, 10)).toEqual([{ key: stored(key), conversation: DRAFT }]);
  });

  it('erases a lapsed question that no longer opens at the next look, without failing', () => {
    saveConversation(db, vault, key, ASKING, T0);
    const other = memberIndex(vault, { channel: 'sms', address: '+14155550100' });
    db.sqlite.prepare('UPDATE conversations SET sender_bidx = ?').run(stored(other));
    expect(findConversation(db, vault, other, ASKING.expiresAt)).toBeUndefined();
    expect(count(db)).toBe(0);
  });

  it('lists the lapsed conversations, opened, oldest first and a few at a time; not the open ones', () => {
    const keys = ['+14155550101', '+14155550102', '+14155550103'].map((address) => memberIndex(vault, { channel: 'sms', address }));
    saveConversation(db, vault, keys[0] as Buffer, { ...DRAFT, expiresAt: T0 + 3 }, T0);
    saveConversation(db, vault, keys[1] as Buffer, { ...ASKING, expiresAt: T0 + 1 }, T0);
    saveConversation(db, vault, keys[2] as Buffer, { ...DRAFT, expiresAt: T0 + 10 }, T0);
    expect(lapsedConversations(db, vault, T0, 10)).toEqual([]);
    expect(lapsedConversations(db, vault, T0 + 5, 10)).toEqual([
      { key: stored(keys[1] as Buffer), conversation: { ...ASKING, expiresAt: T0 + 1 } },
      { key: stored(keys[0] as Buffer), conversation: { ...DRAFT, expiresAt: T0 + 3 } },
    ]);
    expect(lapsedConversations(db, vault, T0 + 10, 1)).toEqual([{ key: stored(keys[1] as Buffer), conversation: { ...ASKING, expiresAt: T0 + 1 } }]);
    expect(lapsedConversations(db, vault, T0 + 10, 10)).toHaveLength(3);
  });

  it('treats a state it cannot read as none while open, and lists it as unreadable once lapsed, for the job to erase', () => {
    const odd = memberIndex(vault, { channel: 'sms', address: '+14155550104' });
    const moved = memberIndex(vault, { channel: 'sms', address: '+14155550105' });
    saveConversation(db, vault, key, { ...DRAFT, topic: 'survey' as Topic }, T0);
    saveConversation(db, vault, odd, { ...DRAFT, lang: 'xx' as Conversation['lang'] }, T0);
    saveConversation(db, vault, moved, DRAFT, T0);
    // A sealed state copied under another sender's key does not open there.
    const stranger = memberIndex(vault, { channel: 'sms', address: '+14155550106' });
    db.sqlite.prepare('UPDATE conversations SET sender_bidx = ? WHERE sender_bidx = ?').run(stored(stranger), stored(moved));
    expect(findConversation(db, vault, key, T0 + 1)).toBeUndefined();
    expect(findConversation(db, vault, odd, T0 + 1)).toBeUndefined();
    expect(findConversation(db, vault, stranger, T0 + 1)).toBeUndefined();
    // Lapsed, they are listed as unreadable, for the job to erase them like the others.
    const lapsed = lapsedConversations(db, vault, DRAFT.expiresAt, 10);
    expect(lapsed.map((l) => l.key.toString('hex')).sort()).toEqual([key, odd, stranger].map((k) => stored(k).toString('hex')).sort());
    expect(lapsed.map((l) => l.conversation)).toEqual([null, null, null]);
  });

  it("is kept under a key of its own, equal to no member row's index: a database read without the key cannot tell which member is mid-report", () => {
    db.sqlite.prepare("INSERT INTO members (address_bidx, address_ct, channel, key_version, created_at) VALUES (?, ?, 'signal', 1, ?)").run(key, Buffer.alloc(40, 1), T0);
    saveConversation(db, vault, key, DRAFT, T0);
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM conversations c JOIN members m ON m.address_bidx = c.sender_bidx').get()).toEqual({ n: 0 });
    expect(findConversation(db, vault, key, T0 + 1)).toEqual(DRAFT);
    endConversation(db, vault, key);
    expect(count(db)).toBe(0);
  });

  it('ends one written under her member index before conversations had a key of their own (her DELETE at the upgrade)', () => {
    saveConversation(db, vault, key, DRAFT, T0);
    db.sqlite.prepare('UPDATE conversations SET sender_bidx = ?').run(key);
    endConversation(db, vault, key);
    expect(count(db)).toBe(0);
  });
});
