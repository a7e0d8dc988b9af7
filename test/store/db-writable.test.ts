/**
 * Db.writable, what /readyz's database check asks after a trivial read: a
 * full disk still answers reads, so whether writes go through is learnt
 * from the transactions refused and from a write of its own, made the first
 * time and then only while writes are refused, at most every
 * WRITE_CHECK_EVERY_MS (the probe may come every second). Real SQLite file;
 * the full disk is emulated (test/helpers/full-disk.ts).
 */
import { checkDatabase } from '../../src/http/health-routes';
import { WRITE_CHECK_EVERY_MS, type Db } from '../../src/store/db';
import { fillDisk, freeDisk } from '../helpers/full-disk';
import { migratedDb } from '../helpers/migrated-db';

let db: Db;
beforeEach(() => {
  db = migratedDb().db;
});
afterEach(() => db.close());

const checkRows = () => (db.stmt('SELECT count(*) AS n FROM write_check').get() as { n: number }).n;
/** A write needing pages the full disk has not got (a message, a report). */
const bigWrite = () => db.transaction(() => db.stmt('INSERT INTO full_disk_filler VALUES (randomblob(5000))').run());

it('on a healthy disk: yes, checked by one write of its own, which leaves no row, and not again', () => {
  const before = db.totalChanges();
  expect(db.writable(0)).toBe(true);
  const afterCheck = db.totalChanges();
  expect(afterCheck).toBeGreaterThan(before);
  expect(checkRows()).toBe(0);
  expect(db.writable(60 * WRITE_CHECK_EVERY_MS)).toBe(true);
  expect(db.totalChanges()).toBe(afterCheck);
});

it('on a disk already full when first asked: no (reads answer all the same)', () => {
  fillDisk(db);
  expect(db.ping()).toBe(true);
  expect(db.writable(0)).toBe(false);
  expect(checkDatabase(db, 0)).toBe('writes_failing');
});

it('no once a transaction is refused; tries a write again at most every few seconds, yes once one goes through', () => {
  expect(db.writable(0)).toBe(true);
  fillDisk(db);
  expect(bigWrite).toThrow(expect.objectContaining({ code: 'SQLITE_FULL' }));
  expect(db.writable(WRITE_CHECK_EVERY_MS - 1)).toBe(false);
  // Still full at its try.
  expect(db.writable(WRITE_CHECK_EVERY_MS)).toBe(false);
  freeDisk(db);
  // Its last try stands for a few seconds, then it tries again.
  expect(db.writable(2 * WRITE_CHECK_EVERY_MS - 1)).toBe(false);
  expect(db.writable(2 * WRITE_CHECK_EVERY_MS)).toBe(true);
  expect(checkDatabase(db, 2 * WRITE_CHECK_EVERY_MS)).toBe('ready');
  expect(checkRows()).toBe(0);
});

it('a database that does not answer is no_answer, not a 500', () => {
  db.close();
  expect(checkDatabase(db, 0)).toBe('no_answer');
});

it('a clock stepped back does not hold its no: it tries a write again at once', () => {
  fillDisk(db);
  expect(db.writable(10 * WRITE_CHECK_EVERY_MS)).toBe(false);
  freeDisk(db);
  expect(db.writable(9 * WRITE_CHECK_EVERY_MS)).toBe(true);
});
