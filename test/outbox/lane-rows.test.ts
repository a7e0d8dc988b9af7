/**
 * What one lane makes of the rows it claims before any send: a stale alert
 * is not sent, a discreet member gets a neutral notice, an alert retracted
 * meanwhile is not sent, a row that cannot be decrypted fails rather than
 * coming back forever, and a busy database while opening a row only delays
 * it. A real SQLite file and real crypto, a fake sender, and a clock the test
 * moves; the lane polls once an hour, so it moves only when something wakes it.
 */
import path from 'node:path';
import { AlertRenderer } from '../../src/alerts/render-alert';
import { catalog } from '../../src/bot/catalog';
import { createLogger } from '../../src/log/logger';
import type { DispatcherOptions } from '../../src/outbox/dispatcher';
import type { Lane } from '../../src/outbox/lane';
import { OutcomeWriter } from '../../src/outbox/outcome-writer';
import { runCheckinTimers } from '../../src/jobs/checkin-timers';
import { createAlert, planNextRange } from '../../src/store/alerts';
import { buddiesOf, buddyIndex, inviteBuddy, setBuddyStatus } from '../../src/store/buddies';
import { buddyStopped, recordBuddyStop } from '../../src/store/buddy-stops';
import { linkBuddyMessage } from '../../src/store/buddy-erasure';
import { startCheckin } from '../../src/store/checkins';
import { Db } from '../../src/store/db';
import { ensureMember, setMemberDiscreet } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { claimLane, enqueueMessage, enqueueReply, releaseLeases } from '../../src/store/outbox';
import { retractAlert } from '../../src/store/retractions';
import { subscribe } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { SendError } from '../../src/channels/types';
import { FakeSender, settle } from '../helpers/fake-sender';
import { laneOn } from '../helpers/lane-world';
import { tempDir } from '../helpers/temp-dir';

const T0 = 1_800_000_000_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A renderer whose database is busy for its first `busy` calls (SQLite's own error code). */
class BusyRenderer extends AlertRenderer {
  constructor(
    db: Db,
    vault: Vault,
    private busy: number,
  ) {
    super(db, vault);
  }
  override render(...args: Parameters<AlertRenderer['render']>): string | null {
    if (this.busy-- > 0) throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    return super.render(...args);
  }
}

interface Row {
  state: string;
  attempts: number;
  due_at: number;
  error: string | null;
}

describe('an outbox lane, before it sends', () => {
  let db: Db;
  let vault: Vault;
  let clock: { t: number };
  let logs: string[];
  let lane: Lane | null = null;
  let writer: OutcomeWriter | null = null;

  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(5));
  });
  beforeEach(() => {
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    clock = { t: T0 };
    logs = [];
  });
  afterEach(async () => {
    await lane?.stop();
    writer?.flush();
    lane = writer = null;
    db.close();
  });

  function startLane(sender: FakeSender, opts: Partial<DispatcherOptions> = {}, renderer = new AlertRenderer(db, vault)): Lane {
    const log = createLogger('debug', { write: (l: string) => void logs.push(l) });
    const now = () => clock.t;
    writer = new OutcomeWriter(db, log, now);
    lane = laneOn({ db, vault, log, now, writer }, sender, { pollMs: HOUR, ...opts }, { renderer });
    lane.start();
    return lane;
  }
  const member = (n: string) => {
    const id = ensureMember(db, vault, { channel: 'sms', address: n, phone: n }, 'en', T0).id;
    subscribe(db, id, ['415'], T0);
    return id;
  };
  /** An alert to area 415, its fan-out planned (rows queued) at `at`. */
  const alert = (text: string, at: number) => {
    const id = createAlert(db, vault, { npas: ['415'], reach: ['415'], text }, at);
    while (!planNextRange(db, id, at).done);
    return id;
  };
  const rowsOf = (alertId: number) => db.sqlite.prepare('SELECT state, attempts, due_at, error FROM outbox WHERE alert_id = ? ORDER BY id').all(alertId) as Row[];
  const row = (id: number) => db.sqlite.prepare('SELECT state, attempts, due_at, error FROM outbox WHERE id = ?').get(id) as Row;

  it('does not send an alert older than a day, and still sends one just a day old and any older one-off message', async () => {
    const m = member('+14155550100');
    const stale = alert('grey van, a day and a moment ago', T0);
    const fresh = alert('blue sedan, a day ago', T0 + 1);
    const notice = enqueueMessage(db, vault, m, 'your report #K7Q2 is in', T0);
    clock.t = T0 + 1 + DAY;
    const s = new FakeSender();
    startLane(s);
    await settle();
    expect(rowsOf(stale)).toMatchObject([{ state: 'failed', error: 'expired' }]);
    expect(rowsOf(fresh)).toMatchObject([{ state: 'sent' }]);
    expect(row(notice).state).toBe('sent');
    expect(s.calls.map((c) => c.body).some((b) => b.includes('grey van'))).toBe(false);
    expect(s.calls).toHaveLength(2);
  });

  it('sends a discreet member a neutral notice naming nothing of the alert, and the others the alert', async () => {
    member('+14155550101');
    const discreet = member('+14155550102');
    setMemberDiscreet(db, discreet, true);
    alert('grey van, plate 7ABC123', T0);
    const s = new FakeSender();
    startLane(s);
    await settle();
    const to = (n: string) => s.calls.filter((c) => c.to === n).map((c) => c.body);
    expect(to('+14155550102')).toEqual([catalog('en').discreetNotice(['415'])]);
    expect(to('+14155550101')).toHaveLength(1);
    expect(to('+14155550101')[0]).toContain('grey van, plate 7ABC123');
  });

  it('does not send an alert retracted while its copy was claimed by a process that then died', async () => {
    member('+14155550100');
    const id = alert('grey van', T0);
    // Claimed by the last run, which crashed before sending: RETRACT cannot cancel a copy in flight.
    claimLane(db, 'sms', T0, 10, T0 + 120_000);
    retractAlert(db, id, T0 + 1);
    expect(rowsOf(id)).toMatchObject([{ state: 'pending' }]);
    // The next start.
    releaseLeases(db, T0);
    clock.t = T0 + 2;
    const s = new FakeSender();
    startLane(s);
    await settle();
    // Failed at the start as maybe sent (the dead run's send may have gone: she is corrected), its try kept:
    // a report of that send still finds it (retracted-in-flight-restart.test.ts).
    expect(rowsOf(id)).toMatchObject([{ state: 'failed', error: 'retracted_maybe_sent' }]);
    expect(s.calls).toEqual([]);
  });

  it('does not send a message whose text was erased while a process that then died had it claimed (a notice of a report decided meanwhile)', async () => {
    const m = member('+14155550100');
    const notice = enqueueMessage(db, vault, m, 'Report #K7Q2: grey van', T0);
    claimLane(db, 'sms', T0, 10, T0 + 120_000);
    // The report is decided while the notice is in flight: its text is erased.
    db.sqlite.prepare('UPDATE outbox SET body_ct = NULL WHERE id = ?').run(notice);
    releaseLeases(db, T0);
    clock.t = T0 + 2;
    const s = new FakeSender();
    startLane(s);
    await settle();
    expect(row(notice)).toMatchObject({ state: 'failed', error: 'superseded' });
    expect(s.calls).toEqual([]);
    expect(logs.filter((line) => line.includes('could not be opened'))).toEqual([]);
  });

  /** A buddy of `memberId` who accepted; returns the link's id. */
  const acceptedBuddy = (memberId: number, n: string) =>
    db.transaction(() => {
      const id = inviteBuddy(db, vault, memberId, { channel: 'sms', address: n }, 'Rose', 'en', T0);
      setBuddyStatus(db, id, 'accepted');
      return id;
    });
  /** A buddy's STOP, as the bot records it. */
  const buddyStops = (n: string, link: number, at: number) =>
    db.transaction(() => {
      recordBuddyStop(db, vault, n, 'sms', at);
      setBuddyStatus(db, link, 'stopped');
    });

  it('does not send a check-in escalation queued to a buddy who then texted STOP, records why, and still tells the other buddy', async () => {
    const rose = member('+14155550100');
    const stopper = acceptedBuddy(rose, '+14155550177');
    const other = acceptedBuddy(rose, '+14155550188');
    const due = T0 + 30 * 60_000;
    db.transaction(() => startCheckin(db, vault, rose, due, null, 'blue Honda', T0));
    expect(runCheckinTimers({ db, vault, fallback: 'none', moderatorContacts: [] }, due).escalated).toBe(1);
    // The STOP arrives before the lane gets to the escalation (a busy lane, a hold, a restart).
    buddyStops('+14155550177', stopper, due + 1);
    clock.t = due + 2;
    const s = new FakeSender();
    startLane(s);
    await settle();
    expect(s.calls.map((c) => c.to).sort()).toEqual(['+14155550100', '+14155550188']);
    const escalations = db.sqlite
      .prepare("SELECT c.buddy_id, o.state, o.error FROM checkin_messages c JOIN outbox o ON o.id = c.outbox_id WHERE c.kind = 'escalation' ORDER BY c.buddy_id")
      .all();
    expect(escalations).toEqual([
      { buddy_id: stopper, state: 'failed', error: 'recipient_stopped' },
      { buddy_id: other, state: 'sent', error: null },
    ]);
  });

  it("does not send a buddy's other messages (a late OK) once they texted STOP, and still sends a plain reply to that number", async () => {
    const rose = member('+14155550100');
    const link = acceptedBuddy(rose, '+14155550177');
    const lateOk = db.transaction(() => {
      const id = enqueueReply(db, vault, { channel: 'sms', address: '+14155550177' }, 'Rose checked in: all is well.', T0);
      linkBuddyMessage(db, id, rose);
      return id;
    });
    buddyStops('+14155550177', link, T0);
    // What the line answers their STOP itself (where the carrier does not) is no buddy message.
    const confirmation = enqueueReply(db, vault, { channel: 'sms', address: '+14155550177' }, 'You will get no more messages.', T0);
    const s = new FakeSender();
    startLane(s);
    await settle();
    expect(row(lateOk)).toMatchObject({ state: 'failed', error: 'recipient_stopped' });
    expect(row(confirmation).state).toBe('sent');
    expect(s.calls.map((c) => c.body)).toEqual(['You will get no more messages.']);
  });

  it('records a buddy whose number opted out at the provider (21610) as stopped: their links stop, and nothing more goes to them', async () => {
    const rose = member('+14155550100');
    const link = acceptedBuddy(rose, '+14155550177');
    const buddyMessage = (text: string) =>
      db.transaction(() => {
        const id = enqueueReply(db, vault, { channel: 'sms', address: '+14155550177' }, text, clock.t);
        linkBuddyMessage(db, id, rose);
        return id;
      });
    const first = buddyMessage('Rose checked in: all is well.');
    // A member's own opt-out at the provider is the member's (marked stopped), not a buddy's.
    const dan = member('+14155550199');
    const toDan = enqueueMessage(db, vault, dan, 'hello', T0);
    // An invalid number is not a stop: the next buddy is asked as before.
    const invalidBuddy = db.transaction(() => {
      const id = enqueueReply(db, vault, { channel: 'sms', address: '+14155550166' }, 'You were asked to be a buddy.', T0);
      linkBuddyMessage(db, id, rose);
      return id;
    });
    const s = new FakeSender([new SendError('stopped', '21610'), new SendError('stopped', '21610'), new SendError('invalid', '21614')]);
    startLane(s);
    await settle();
    expect(row(invalidBuddy)).toMatchObject({ state: 'failed', error: 'invalid:21614' });
    expect(buddyStopped(db, vault, '+14155550166', 'sms')).toBe(false);
    expect(row(first)).toMatchObject({ state: 'failed', error: 'stopped:21610' });
    expect(row(toDan)).toMatchObject({ state: 'failed', error: 'stopped:21610' });
    expect(buddyStopped(db, vault, '+14155550177', 'sms')).toBe(true);
    expect(buddyStopped(db, vault, '+14155550199', 'sms')).toBe(false);
    expect(buddiesOf(db, vault, rose).map((b) => [b.id, b.status])).toEqual([[link, 'stopped']]);
    // The next buddy message is not tried.
    const second = buddyMessage('Rose checked in again.');
    lane?.wake();
    await settle();
    expect(row(second)).toMatchObject({ state: 'failed', error: 'recipient_stopped' });
    expect(s.calls.map((c) => c.to).sort()).toEqual(['+14155550166', '+14155550177', '+14155550199']);
  });

  it('fails a row it cannot decrypt, once, logs which row, and goes on with the next', async () => {
    const m = member('+14155550100');
    // Sealed under another master key (a restore from the wrong backup, say): it will never open.
    const foreign = new Vault(new Uint8Array(32).fill(9));
    const lost = enqueueMessage(db, foreign, m, 'sealed elsewhere', T0);
    const next = enqueueMessage(db, vault, m, 'readable', T0 + 1);
    clock.t = T0 + 1;
    const s = new FakeSender();
    const l = startLane(s);
    await settle();
    expect(row(lost)).toMatchObject({ state: 'failed', attempts: 1, error: 'unreadable' });
    expect(row(next).state).toBe('sent');
    expect(s.calls.map((c) => c.body)).toEqual(['readable']);
    const lines = logs.filter((line) => line.includes('an outbox row could not be opened')).map((line) => JSON.parse(line) as { outboxId?: number });
    expect(lines).toMatchObject([{ outboxId: lost }]);
    clock.t += DAY;
    l.wake();
    await settle();
    expect(row(lost).attempts).toBe(1);
  });

  it('retries a row later, with backoff, when the database is busy while it is opened, then sends it', async () => {
    member('+14155550100');
    const id = alert('grey van', T0);
    const s = new FakeSender();
    const l = startLane(s, { backoff: { baseMs: 10_000, maxMs: 10_000, maxAttempts: 3 } }, new BusyRenderer(db, vault, 1));
    await settle();
    const [r] = rowsOf(id);
    expect(r).toMatchObject({ state: 'pending', attempts: 1, error: 'database' });
    expect(r!.due_at).toBeGreaterThanOrEqual(T0 + 5_000);
    expect(r!.due_at).toBeLessThanOrEqual(T0 + 10_000);
    expect(s.calls).toEqual([]);
    clock.t = r!.due_at;
    l.wake();
    await settle();
    expect(rowsOf(id)).toMatchObject([{ state: 'sent', attempts: 2 }]);
    expect(s.calls).toHaveLength(1);
  });
});
