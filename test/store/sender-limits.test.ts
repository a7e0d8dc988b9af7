/**
 * The one per-sender limiter: the same fixed, clock-aligned windows for every
 * kind; message counts in memory (bounded), the other kinds in the database
 * so a restart does not reset them; DELETE forgets neither before its window ends. Real SQLite file.
 */
import path from 'node:path';
import { Db } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { LONGEST_WINDOW_MS, SenderLimits } from '../../src/store/sender-limits';
import { tempDir } from '../helpers/temp-dir';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 11, 2, 6); // on the hour
const A = Buffer.alloc(16, 0xa1);
const B = Buffer.alloc(16, 0xb2);
const takes = (l: SenderLimits, key: Buffer, kind: 'message' | 'report', n: number, now: number) =>
  Array.from({ length: n }, () => l.take(key, kind, { max: 2, windowMs: HOUR }, now));

describe('SenderLimits', () => {
  let file: string;
  let db: Db;

  beforeEach(() => {
    file = path.join(tempDir(), 'line.db');
    db = new Db(file);
    migrate(db);
  });
  afterEach(() => db.close());

  it.each(['message', 'report'] as const)('%s: max per clock-aligned window, then refused until the next one; senders apart', (kind) => {
    const l = new SenderLimits(db);
    expect(takes(l, A, kind, 3, T0 + 10)).toEqual([true, true, false]);
    expect(l.take(B, kind, { max: 2, windowMs: HOUR }, T0 + 20)).toBe(true);
    // Still the same hour: refusals were not counted, and do not end early either.
    expect(takes(l, A, kind, 1, T0 + HOUR - 1)).toEqual([false]);
    // The next hour starts on the hour, not an hour after the first message.
    expect(takes(l, A, kind, 3, T0 + HOUR)).toEqual([true, true, false]);
  });

  it.each(['message', 'report'] as const)('%s: a take whose transaction, or savepoint, is undone is given back (the message was not answered)', (kind) => {
    const l = new SenderLimits(db);
    const refused = new Error('database or disk is full');
    // A Signal message a full disk refuses is offered again and again: each offer is undone, none counts.
    for (let offer = 0; offer < 5; offer++) {
      expect(() =>
        db.transaction(() => {
          expect(takes(l, A, kind, 1, T0 + offer)).toEqual([true]);
          throw refused;
        }),
      ).toThrow(refused);
    }
    db.transaction(() => {
      expect(() => db.savepoint(() => (takes(l, A, kind, 1, T0 + 10), (() => { throw refused; })()))).toThrow(refused);
    });
    expect(db.transaction(() => takes(l, A, kind, 3, T0 + 20))).toEqual([true, true, false]);
  });

  it.each(['message', 'report'] as const)('%s: reached says whether the window is used up, counting nothing', (kind) => {
    const l = new SenderLimits(db);
    const limit = { max: 2, windowMs: HOUR };
    expect(l.reached(A, kind, limit, T0)).toBe(false);
    expect(takes(l, A, kind, 1, T0)).toEqual([true]);
    expect([l.reached(A, kind, limit, T0 + 1), l.reached(A, kind, limit, T0 + 2)]).toEqual([false, false]);
    expect(takes(l, A, kind, 1, T0 + 3)).toEqual([true]);
    expect(l.reached(A, kind, limit, T0 + 4)).toBe(true);
    expect(l.reached(B, kind, limit, T0 + 4)).toBe(false);
    expect(l.reached(A, kind, limit, T0 + HOUR)).toBe(false);
  });

  it.each(['message', 'report'] as const)('%s: takes several at once only when as many remain, else counts none', (kind) => {
    const l = new SenderLimits(db);
    const limit = { max: 5, windowMs: HOUR };
    expect(l.take(A, kind, limit, T0, 3)).toBe(true);
    // Two left: three are refused and nothing is counted, so the two stay hers.
    expect(l.take(A, kind, limit, T0 + 1, 3)).toBe(false);
    expect(l.take(A, kind, limit, T0 + 2, 2)).toBe(true);
    expect(l.take(A, kind, limit, T0 + 3)).toBe(false);
    // A new window: more than the limit at once is refused too.
    expect(l.take(B, kind, limit, T0 + 4, 6)).toBe(false);
    expect(l.take(B, kind, limit, T0 + 5, 5)).toBe(true);
  });

  it('keeps counts of reports across a restart; message counts start again', () => {
    takes(new SenderLimits(db), A, 'report', 2, T0);
    takes(new SenderLimits(db), A, 'message', 2, T0);
    db.close();
    db = new Db(file);
    const after = new SenderLimits(db);
    expect(after.take(A, 'report', { max: 2, windowMs: HOUR }, T0 + 5)).toBe(false);
    expect(after.take(A, 'message', { max: 2, windowMs: HOUR }, T0 + 5)).toBe(true);
  });

  it('forgets a sender’s stored counts whose window has ended (DELETE), and only theirs; current windows run out, in memory and stored', () => {
    const l = new SenderLimits(db);
    const DAY = 24 * HOUR;
    const stored = () => (db.sqlite.prepare('SELECT count(*) AS n FROM sender_limits WHERE sender_bidx = ?').get(A) as { n: number }).n;
    for (const key of [A, B]) {
      takes(l, key, 'report', 2, T0);
      takes(l, key, 'message', 2, T0);
    }
    l.take(A, 'check', { max: 2, windowMs: DAY }, T0 - DAY);
    expect(stored()).toBe(2);
    l.forget(A, T0 + 1);
    // The day-old window is gone; the current one still counts, so DELETE resets nothing.
    expect(stored()).toBe(1);
    expect(takes(l, A, 'report', 1, T0 + 1)).toEqual([false]);
    expect(takes(l, A, 'message', 1, T0 + 1)).toEqual([false]);
    expect(takes(l, A, 'report', 1, T0 + HOUR)).toEqual([true]);
    expect(takes(l, A, 'message', 1, T0 + HOUR)).toEqual([true]);
    expect(takes(l, B, 'report', 1, T0 + 1)).toEqual([false]);
    // Once the longest day has passed (25 hours, the clocks going back), it has ended too.
    l.forget(A, T0 + HOUR + LONGEST_WINDOW_MS);
    expect(stored()).toBe(0);
  });

  it('remembers a bounded number of senders in memory: ended windows go first, then the oldest', () => {
    const l = new SenderLimits(db, 100);
    const key = (i: number) => Buffer.from(i.toString(16).padStart(32, '0'), 'hex');
    const limit = { max: 1, windowMs: 1_000_000 };
    for (let i = 0; i < 1000; i++) l.take(key(i), 'message', limit, T0);
    // The earliest senders were forgotten to make room, so they may send again.
    expect(l.take(key(0), 'message', limit, T0)).toBe(true);
    // A recent one is still remembered.
    expect(l.take(key(999), 'message', limit, T0)).toBe(false);
  });

  const sender = (i: number) => Buffer.from(i.toString(16).padStart(32, '0'), 'hex');
  const once = { max: 1, windowMs: HOUR };

  it('full of live windows, a new sender makes room by forgetting the oldest tenth, and no more', () => {
    const l = new SenderLimits(db, 20);
    for (let i = 0; i < 20; i++) expect(l.take(sender(i), 'message', once, T0)).toBe(true);

    expect(l.take(sender(20), 'message', once, T0 + 1)).toBe(true);

    // Senders 2 to 20 are still at their limit…
    expect(Array.from({ length: 19 }, (_, i) => l.take(sender(i + 2), 'message', once, T0 + 2))).toEqual(Array(19).fill(false));
    // …senders 0 and 1, the oldest tenth, were forgotten and may send again.
    expect([l.take(sender(0), 'message', once, T0 + 3), l.take(sender(1), 'message', once, T0 + 3)]).toEqual([true, true]);
  });

  it('full, with some windows over, forgets only those: every sender still in the window stays counted', () => {
    const l = new SenderLimits(db, 10);
    for (let i = 0; i < 10; i++) l.take(sender(i), 'message', once, T0);
    // The next hour: half of them write again (and reach their limit); the other half's windows are over.
    for (let i = 0; i < 5; i++) expect(l.take(sender(i), 'message', once, T0 + HOUR)).toBe(true);

    expect(l.take(sender(10), 'message', once, T0 + HOUR + 1)).toBe(true);

    expect(Array.from({ length: 5 }, (_, i) => l.take(sender(i), 'message', once, T0 + HOUR + 2))).toEqual(Array(5).fill(false));
    expect(l.take(sender(10), 'message', once, T0 + HOUR + 2)).toBe(false);
  });
});
