/** The outcome writer over a real SQLite file: one write per event-loop turn, and nothing dropped while the database is busy. */
import path from 'node:path';
import Database from 'better-sqlite3';
import { createLogger } from '../../src/log/logger';
import { OutcomeWriter } from '../../src/outbox/outcome-writer';
import { Db } from '../../src/store/db';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { claimLane, enqueueMessage } from '../../src/store/outbox';
import { listAreas, subscribe } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';
import { waitFor } from '../helpers/wait-for';

const T0 = 1_800_000_000_000;

describe('the outcome writer', () => {
  let file: string;
  let db: Db;
  let vault: Vault;
  let member: number;
  let logs: string[];

  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(5));
  });
  beforeEach(() => {
    file = path.join(tempDir(), 'heads-up.db');
    db = new Db(file);
    migrate(db);
    logs = [];
    member = ensureMember(db, vault, { channel: 'sms', address: '+14155550100', phone: '+14155550100' }, 'en', T0).id;
    subscribe(db, member, ['415'], T0);
  });
  afterEach(() => db.close());

  const writer = () => new OutcomeWriter(db, createLogger('debug', { write: (l: string) => void logs.push(l) }), () => T0 + 1);
  const state = (id: number) => (db.sqlite.prepare('SELECT state, provider_id, error FROM outbox WHERE id = ?').get(id) as { state: string; provider_id: string | null; error: string | null });
  function claimed(n: number): number[] {
    const ids = Array.from({ length: n }, (_, i) => enqueueMessage(db, vault, member, `m${i}`, T0));
    claimLane(db, 'sms', T0, n, T0 + 60_000);
    return ids;
  }

  it('writes what was added in one turn at its end, and calls each done once it is written', async () => {
    const [a, b] = claimed(2) as [number, number];
    const w = writer();
    const done: number[] = [];
    w.add({ outcome: { id: a, kind: 'sent', providerId: 'SMa' }, done: () => done.push(a) });
    w.add({ outcome: { id: b, kind: 'failed', error: 'rejected:21602' }, done: () => done.push(b) });
    expect(state(a).state).toBe('pending');
    await new Promise((r) => setImmediate(r));
    expect(state(a)).toMatchObject({ state: 'sent', provider_id: 'SMa' });
    expect(state(b)).toMatchObject({ state: 'failed', error: 'rejected:21602' });
    expect(done).toEqual([a, b]);
  });

  it('marks and unsubscribes the member an outcome says will refuse every message', () => {
    const [a] = claimed(1) as [number];
    const w = writer();
    w.add({ outcome: { id: a, kind: 'failed', error: 'stopped:21610' }, mark: { memberId: member, status: 'stopped' } });
    expect(w.flush()).toBe(true);
    expect((db.sqlite.prepare('SELECT status FROM members WHERE id = ?').get(member) as { status: string }).status).toBe('stopped');
    expect(listAreas(db, member)).toEqual([]);
  });

  it('leaves alone the member who now has the id of one erased while her send was in flight (ids are reused)', () => {
    const [a] = claimed(1) as [number];
    db.sqlite.prepare('DELETE FROM members WHERE id = ?').run(member);
    const next = ensureMember(db, vault, { channel: 'sms', address: '+14155550177', phone: '+14155550177' }, 'en', T0).id;
    subscribe(db, next, ['415'], T0);
    expect(next).toBe(member);
    const w = writer();
    w.add({ outcome: { id: a, kind: 'failed', error: 'stopped:21610' }, mark: { memberId: member, status: 'stopped' } });
    expect(w.flush()).toBe(true);
    expect((db.sqlite.prepare('SELECT status FROM members WHERE id = ?').get(next) as { status: string }).status).toBe('active');
    expect(listAreas(db, next)).toEqual(['415']);
  });

  it('keeps outcomes while the database is busy, tries again after a pause rather than at each new outcome, and writes them in order once it is free', async () => {
    const [a, b] = claimed(2) as [number, number];
    db.sqlite.pragma('busy_timeout = 5');
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    const w = writer();
    const done: number[] = [];
    const failures = () => logs.filter((l) => l.includes('"job":"recording send outcomes"') && l.includes('"level":50'));
    try {
      w.add({ outcome: { id: a, kind: 'sent', providerId: 'SMa' }, done: () => done.push(a) });
      await new Promise((r) => setImmediate(r));
      expect(failures()).toHaveLength(1);
      // Added while a retry is scheduled: joins it rather than trying (and blocking on the lock) again at once.
      w.add({ outcome: { id: b, kind: 'sent', providerId: 'SMb' }, done: () => done.push(b) });
      await new Promise((r) => setImmediate(r));
      expect(failures()).toHaveLength(1);
      expect(done).toEqual([]);
    } finally {
      other.exec('COMMIT');
      other.close();
    }
    // The retry comes by itself, a moment later.
    await waitFor(() => done.length === 2, 1_000, 'both written');
    expect(done).toEqual([a, b]);
    expect([state(a).state, state(b).state]).toEqual(['sent', 'sent']);
  });

  it('refused at every try (a full disk, a held lock), logs one error line, not one a try: the log may sit on that full disk', () => {
    const [a] = claimed(1) as [number];
    db.sqlite.pragma('busy_timeout = 1');
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    const w = writer();
    try {
      w.add({ outcome: { id: a, kind: 'sent', providerId: 'SMa' } });
      const tries = Array.from({ length: 20 }, () => w.flush());
      expect(tries.every((wrote) => !wrote)).toBe(true);
    } finally {
      other.exec('COMMIT');
      other.close();
    }
    expect(logs.filter((l) => l.includes('"level":50'))).toHaveLength(1);
    expect(w.flush()).toBe(true);
    expect(state(a).state).toBe('sent');
  });

  it('writes on demand, and says whether it reached the database', () => {
    const [a] = claimed(1) as [number];
    const w = writer();
    w.add({ outcome: { id: a, kind: 'retry', dueAt: T0 + 5_000, error: 'server:500' } });
    expect(w.flush()).toBe(true);
    expect(state(a)).toMatchObject({ state: 'pending', error: 'server:500' });
  });

  it('has nothing to do when nothing was added', () => {
    expect(writer().flush()).toBe(true);
  });
});
