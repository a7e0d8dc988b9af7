/**
 * A stop while the database refuses the record of sends the provider took
 * (a full disk; here another connection holds the write lock, the same
 * refusal to the writer): the stop keeps trying within its window, for a
 * send taken but not recorded is sent again at the next start, a second
 * copy to every member. Given up, it says how many, with counts only.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { DEFAULT_DISPATCHER, Dispatcher } from '../../src/outbox/dispatcher';
import { Db } from '../../src/store/db';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { enqueueMessage } from '../../src/store/outbox';
import { cryptoReady, Vault } from '../../src/store/vault';
import { collectingLogger } from '../helpers/collecting-logger';
import { FakeSender, settle } from '../helpers/fake-sender';
import { tempDir } from '../helpers/temp-dir';

const T0 = 1_800_000_000_000;

describe('a stop while the record of sends is refused', () => {
  let file: string;
  let db: Db;
  let vault: Vault;

  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(5));
  });
  beforeEach(() => {
    file = path.join(tempDir(), 'heads-up.db');
    db = new Db(file);
    migrate(db);
  });
  afterEach(() => db.close());

  /** A send in flight answered while another connection holds the write lock: its outcome cannot be written. */
  async function sentButUnrecorded(stopFlushMs: number) {
    const logs = collectingLogger();
    const member = ensureMember(db, vault, { channel: 'sms', address: '+14155550100', phone: '+14155550100' }, 'en', T0).id;
    const id = enqueueMessage(db, vault, member, 'grey van', T0);
    const sender = new FakeSender([], true);
    const d = new Dispatcher(db, vault, new Map([['sms', sender]]), logs.log, { ...DEFAULT_DISPATCHER, pollMs: 3_600_000, stopFlushMs }, undefined, () => T0);
    d.start();
    await settle();
    expect(sender.calls).toHaveLength(1);
    db.sqlite.pragma('busy_timeout = 5');
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    sender.answer({ providerId: 'SMtaken' });
    await settle();
    const release = () => {
      if (other.inTransaction) other.exec('COMMIT');
      other.close();
    };
    return { d, id, logs, release };
  }

  const state = (id: number) => db.sqlite.prepare('SELECT state, provider_id FROM outbox WHERE id = ?').get(id);

  it('keeps trying within its window, and records the send once the database takes writes again', async () => {
    const { d, id, release } = await sentButUnrecorded(20_000);
    expect(state(id)).toEqual({ state: 'pending', provider_id: null });
    const stopping = d.stop();
    // Freed while the stop waits (the operator freeing space, another program letting go).
    setTimeout(release, 300);
    await stopping;
    expect(state(id)).toEqual({ state: 'sent', provider_id: 'SMtaken' });
  });

  it('given up at the end of its window, logs one error saying how many sends go again at the next start, counts only', async () => {
    const { d, logs, release } = await sentButUnrecorded(50);
    try {
      await d.stop();
    } finally {
      release();
    }
    const told = logs.lines.filter((l) => l.msg.includes('will be sent again at the next start'));
    expect(told).toEqual([expect.objectContaining({ level: 50, sent: 1, outcomes: 1 })]);
    expect(told[0]!.msg).toMatch(/^1 messages already sent could not be recorded/);
    expect(logs.raw.join('\n')).not.toContain('5550100');
  });

  it("gives up at the shutdown's deadline when parts closed before it used most of the stop, and still logs its error line", async () => {
    // Its own window far longer than the test: only the shutdown's deadline can end the retry (found by a hostile review).
    const { d, logs, release } = await sentButUnrecorded(600_000);
    d.stopBy(performance.now() + 300);
    // A part closed before the dispatcher (a Signal receive in flight) takes most of the time left.
    await new Promise((resolve) => setTimeout(resolve, 200));
    try {
      await d.stop();
    } finally {
      release();
    }
    const told = logs.lines.filter((l) => l.msg.includes('will be sent again at the next start'));
    expect(told).toEqual([expect.objectContaining({ level: 50, sent: 1, outcomes: 1 })]);
  });
});
