/**
 * How much one lane sends, and in what order: never more in flight than its
 * window, claims in small groups when the window holds it back, stops
 * claiming when outcomes are not being written, at most SEND_RATE a second,
 * and a notice ahead of the fan-out queued before it. A real SQLite file, a
 * fake sender whose answers the test gives, and a clock the test moves; the
 * lane polls once an hour, so it moves only when something wakes it.
 */
import path from 'node:path';
import { createLogger } from '../../src/log/logger';
import type { DispatcherOptions } from '../../src/outbox/dispatcher';
import type { Lane } from '../../src/outbox/lane';
import { OutcomeWriter, type Recorded } from '../../src/outbox/outcome-writer';
import { createAlert, planNextRange } from '../../src/store/alerts';
import { Db } from '../../src/store/db';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { enqueueMessage } from '../../src/store/outbox';
import { subscribe } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { FakeSender, settle } from '../helpers/fake-sender';
import { laneOn } from '../helpers/lane-world';
import { tempDir } from '../helpers/temp-dir';

const T0 = 1_800_000_000_000;
const HOUR = 3_600_000;
/** A rate so high it never binds: the window alone holds the lane back. */
const UNBOUND_RATE = 10_000;

/** A writer that falls behind (a busy database): keeps outcomes until the test lets them through. */
class SlowWriter extends OutcomeWriter {
  private readonly held: Recorded[] = [];
  private passing = false;
  override add(r: Recorded): void {
    if (this.passing) super.add(r);
    else this.held.push(r);
  }
  /** Writes the oldest outcome kept. */
  writeOne(): void {
    const r = this.held.shift();
    if (r) super.add(r);
  }
  /** Writes everything kept, and keeps nothing more. */
  catchUp(): void {
    this.passing = true;
    for (const r of this.held.splice(0)) super.add(r);
  }
}

describe('an outbox lane’s pace', () => {
  let db: Db;
  let vault: Vault;
  let clock: { t: number };
  let member: number;
  let lane: Lane | null = null;
  let sender: FakeSender | null = null;
  let writer: OutcomeWriter | null = null;

  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(5));
  });
  beforeEach(() => {
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    clock = { t: T0 };
    member = ensureMember(db, vault, { channel: 'sms', address: '+14155550100', phone: '+14155550100' }, 'en', T0).id;
  });
  afterEach(async () => {
    sender?.release();
    if (writer instanceof SlowWriter) writer.catchUp();
    await lane?.stop();
    writer?.flush();
    lane = sender = writer = null;
    db.close();
  });

  function startLane(s: FakeSender, opts: Partial<DispatcherOptions>, w?: OutcomeWriter): Lane {
    const log = createLogger('silent');
    const now = () => clock.t;
    sender = s;
    writer = w ?? new OutcomeWriter(db, log, now);
    lane = laneOn({ db, vault, log, now, writer }, s, { pollMs: HOUR, ...opts });
    lane.start();
    return lane;
  }
  const queue = (n: number) => Array.from({ length: n }, (_, i) => enqueueMessage(db, vault, member, `m${i}`, T0));
  const unclaimed = () => (db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'pending' AND attempts = 0").get() as { n: number }).n;
  const sent = () => (db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'sent'").get() as { n: number }).n;

  it('never has more sends in flight than its window, and claims again as they are answered', async () => {
    queue(5);
    const s = new FakeSender([], true);
    // maxInFlight caps the window at 2.
    const l = startLane(s, { sendRate: 10, maxInFlight: 2 });
    await settle();
    expect(l.window()).toBe(2);
    expect(s.calls).toHaveLength(2);
    // The rows not sent are not claimed either: a crash now would resend only the two.
    expect(unclaimed()).toBe(3);
    s.answer();
    await settle();
    expect(s.calls).toHaveLength(3);
    expect(unclaimed()).toBe(2);
    s.release();
    await settle();
    expect(s.calls).toHaveLength(5);
    expect(sent()).toBe(5);
  });

  it('claims in groups of a quarter of its window when the window holds it back, not one row per answer', async () => {
    queue(20);
    const s = new FakeSender([], true);
    const l = startLane(s, { sendRate: UNBOUND_RATE, maxInFlight: 8 });
    await settle();
    expect(l.window()).toBe(8);
    expect(s.calls).toHaveLength(8);
    s.answer();
    await settle();
    expect(s.calls).toHaveLength(8);
    s.answer();
    await settle();
    expect(s.calls).toHaveLength(10);
  });

  it('stops claiming once twice its window of outcomes wait to be written, and goes on as they are', async () => {
    queue(20);
    const s = new FakeSender();
    const w = new SlowWriter(db, createLogger('silent'), () => clock.t);
    startLane(s, { sendRate: UNBOUND_RATE, maxInFlight: 8 }, w);
    await settle();
    // All answered, none written: a hard kill now would send these 16 again, and no more.
    expect(s.calls).toHaveLength(16);
    expect(sent()).toBe(0);
    // With nothing in flight, one place freed is enough to claim.
    w.writeOne();
    await settle();
    expect(s.calls).toHaveLength(17);
    w.catchUp();
    await settle();
    expect(s.calls).toHaveLength(20);
    expect(sent()).toBe(20);
  });

  it('sends at most SEND_RATE in any second of its clock, and keeps that rate while the provider accepts everything', async () => {
    queue(12);
    const s = new FakeSender();
    const l = startLane(s, { sendRate: 4 });
    await settle();
    expect(s.calls).toHaveLength(4);
    clock.t += 999;
    l.wake();
    await settle();
    expect(s.calls).toHaveLength(4);
    clock.t += 1;
    l.wake();
    await settle();
    expect(s.calls).toHaveLength(8);
    clock.t += 1_000;
    l.wake();
    await settle();
    expect(s.calls).toHaveLength(12);
    expect(l.pacer.currentRate).toBe(4);
  });

  it('sends a moderator notice before the alerts of a fan-out queued ahead of it', async () => {
    const members = ['+14155550101', '+14155550102', '+14155550103'].map((n) => ensureMember(db, vault, { channel: 'sms', address: n, phone: n }, 'en', T0).id);
    for (const m of members) subscribe(db, m, ['415'], T0);
    const alert = createAlert(db, vault, { npas: ['415'], reach: ['415'], text: 'grey van, took a phone' }, T0);
    while (!planNextRange(db, alert, T0).done);
    clock.t = T0 + 5;
    enqueueMessage(db, vault, member, 'Report #K7Q2 waits for review', clock.t);
    const s = new FakeSender([], true);
    startLane(s, { maxInFlight: 1 });
    await settle();
    for (let i = 0; i < 3; i++) {
      s.answer();
      await settle();
    }
    expect(s.calls.map((c) => c.to)).toEqual(['+14155550100', '+14155550101', '+14155550102', '+14155550103']);
    expect(s.calls[0]!.body).toBe('Report #K7Q2 waits for review');
    expect(s.calls.slice(1).every((c) => c.body.includes('grey van'))).toBe(true);
  });
});
