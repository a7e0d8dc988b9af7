/**
 * Conversations: a sender in the middle of a short dialogue. One per sender
 * (keyed by an index of their member index, so a sender with no row yet can
 * be asked a question too), sealed, with an expiry. An expired
 * conversation reads as none and is erased on the next look or by the report-drafts job (every minute).
 * The expiry follows a step of the wall clock back (conversationsClockSteppedBack).
 */
import type { Lang } from '../domain/lang';
import { isLang } from '../domain/lang';
import type { Db } from './db';
import type { Vault } from './vault';

/** The dialogues the bot can hold; each names the question it waits on. */
export type Topic = 'join-area' | 'report';

/** What is sealed for one open dialogue. */
export interface Conversation {
  topic: Topic;
  /** The question the next message answers. */
  question: string;
  /** Answers given so far, by question. */
  answers: Record<string, string>;
  lang: Lang;
  /** When it lapses if not answered (ms since the epoch). */
  expiresAt: number;
}

const TOPICS: ReadonlySet<string> = new Set<Topic>(['join-area', 'report']);
const slot = (key: Buffer) => ({ table: 'conversations', column: 'state', row: key.toString('hex') });
const MINUTE_MS = 60_000;

/**
 * The key a sender's conversation is kept under: an index of her member index, of a purpose of its own,
 * so that a database read without the key cannot tell which member row is in the middle of a report.
 */
export function conversationKey(vault: Vault, memberKey: Buffer): Buffer {
  return vault.index('conversation', memberKey.toString('hex'));
}

/** The open conversation of a sender (by their member blind index), or undefined when none or lapsed. */
export function findConversation(db: Db, vault: Vault, memberKey: Buffer, now: number): Conversation | undefined {
  const senderKey = conversationKey(vault, memberKey);
  const row = storedUnder(db, senderKey) ?? movedFromMemberIndex(db, vault, memberKey, senderKey, now);
  if (!row) return undefined;
  if (row.expires_at <= now) {
    // A lapsed report draft is filed or dropped by its job (jobs/report-drafts.ts), which tells the member: never lost silently.
    if (opened(vault, senderKey, row)?.topic !== 'report') dropConversation(db, senderKey);
    return undefined;
  }
  return opened(vault, senderKey, row) ?? undefined;
}

type StoredRow = { state_ct: Buffer; key_version: number; expires_at: number };

const storedUnder = (db: Db, key: Buffer) =>
  db.stmt('SELECT state_ct, key_version, expires_at FROM conversations WHERE sender_bidx = ?').get(key) as StoredRow | undefined;

/**
 * One written before d13533d, under her member index itself, moved to the key
 * of its own purpose (expiry kept): left there, her next answer to a guided
 * report found nothing, and the draft was filed at its lapse beside the one
 * she started again. One that does not open is left for the drafts job.
 */
function movedFromMemberIndex(db: Db, vault: Vault, memberKey: Buffer, senderKey: Buffer, now: number): StoredRow | undefined {
  const former = storedUnder(db, memberKey);
  const conversation = former && opened(vault, memberKey, former);
  if (!conversation) return undefined;
  db.transaction(() => {
    saveConversation(db, vault, memberKey, conversation, now);
    dropConversation(db, memberKey);
  });
  return storedUnder(db, senderKey);
}

/** A stored conversation, or null when it does not open or is not one this module writes (treated as none rather than trusted). */
function opened(vault: Vault, senderKey: Buffer, row: StoredRow): Conversation | null {
  let state: Partial<Conversation>;
  try {
    state = JSON.parse(vault.open(row.state_ct, slot(senderKey), row.key_version)) as Partial<Conversation>;
  } catch {
    return null;
  }
  if (!state?.topic || !TOPICS.has(state.topic) || typeof state.question !== 'string' || !isLang(state.lang)) return null;
  return { topic: state.topic, question: state.question, answers: state.answers ?? {}, lang: state.lang, expiresAt: row.expires_at };
}

/**
 * Opens (or replaces) the sender's conversation (by their member blind index). When it was written is kept
 * to the minute (the clock-step check needs no more); the expiry is kept as the draft job reads it.
 */
export function saveConversation(db: Db, vault: Vault, memberKey: Buffer, conversation: Conversation, now: number): void {
  const senderKey = conversationKey(vault, memberKey);
  const { topic, question, answers, lang } = conversation;
  const updatedAt = Math.floor(now / MINUTE_MS) * MINUTE_MS;
  db.stmt(
    'INSERT OR REPLACE INTO conversations (sender_bidx, state_ct, key_version, expires_at, updated_at) VALUES (?, ?, ?, ?, ?)',
  ).run(senderKey, vault.seal(JSON.stringify({ topic, question, answers, lang }), slot(senderKey)), vault.keyVersion, conversation.expiresAt, updatedAt);
}

/**
 * Ends the sender's conversation (by their member blind index), if any; one
 * written before conversations had a key of their own (under the member
 * index itself, until d13533d) too, so that her DELETE erases a draft open
 * at the upgrade.
 */
export function endConversation(db: Db, vault: Vault, memberKey: Buffer): void {
  dropConversation(db, conversationKey(vault, memberKey));
  dropConversation(db, memberKey);
}

/** Erases a conversation by the key it is kept under (as lapsedConversations returns it). */
export function dropConversation(db: Db, key: Buffer): void {
  db.stmt('DELETE FROM conversations WHERE sender_bidx = ?').run(key);
}

/**
 * Every lapsed conversation (or `only` that sender's, by their member blind
 * index), opened (a few at a time: a lapsed report draft is filed or
 * dropped), with the key it is kept under (dropConversation); null for one
 * that will not open, which its caller erases like the others, so it cannot
 * hold back those behind it.
 */
export function lapsedConversations(db: Db, vault: Vault, now: number, limit: number, onlyMember: Buffer | null = null): Array<{ key: Buffer; conversation: Conversation | null }> {
  const only = onlyMember === null ? null : conversationKey(vault, onlyMember);
  const rows = db
    .stmt('SELECT sender_bidx, state_ct, key_version, expires_at FROM conversations WHERE expires_at <= ? AND (? IS NULL OR sender_bidx = ?) ORDER BY expires_at LIMIT +?')
    .all(now, only, only, limit) as Array<{
    sender_bidx: Buffer;
    state_ct: Buffer;
    key_version: number;
    expires_at: number;
  }>;
  return rows.map((r) => ({ key: r.sender_bidx, conversation: opened(vault, r.sender_bidx, r) }));
}

/**
 * The sender's report draft that has lapsed and that its job (every minute)
 * has not filed yet, or undefined: until then it is still hers to drop.
 */
export function lapsedDraft(db: Db, vault: Vault, senderKey: Buffer, now: number): Conversation | undefined {
  const conversation = lapsedConversations(db, vault, now, 1, senderKey)[0]?.conversation;
  return conversation?.topic === 'report' ? conversation : undefined;
}

/** The latest time the conversations hold (0 for none): the drafts job started after the clock was stepped back compares against it. */
export function latestConversationTime(db: Db): number {
  return (db.stmt('SELECT max(updated_at) AS t FROM conversations').get() as { t: number | null }).t ?? 0;
}

/**
 * A wall clock stepped back by `stepMs` (see util/clock-follower.ts): the
 * expiry of every open conversation, written by the old clock, moves back
 * by as much, or a draft would lapse (and be filed) that much late. The
 * times written by the old clock no longer read as ahead of this one: a
 * restart must not take the same step again. Returns how many moved.
 */
export function conversationsClockSteppedBack(db: Db, stepMs: number, now: number): number {
  db.stmt('UPDATE conversations SET updated_at = @now WHERE updated_at > @now').run({ now });
  return db.stmt('UPDATE conversations SET expires_at = expires_at - @step WHERE expires_at > @now').run({ step: stepMs, now }).changes;
}
