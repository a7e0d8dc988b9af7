/**
 * One outbox lane (test/helpers/lane-world.ts): what each answer of the
 * provider does to the row and to the member (sent, retried with backoff,
 * tried again through an outage, refused for good), a row that falls due
 * later, and the members a queued row is not sent to.
 */
import { SendError } from '../../src/channels/types';
import { createAlert, planNextRange } from '../../src/store/alerts';
import { setMemberStatus } from '../../src/store/members';
import { enqueueMessage } from '../../src/store/outbox';
import { listAreas } from '../../src/store/subscriptions';
import { FakeSender, settle } from '../helpers/fake-sender';
import { clock, db, HOUR, later, logged, logs, member, memberStatus, NUMBER, row, startLane, T0, useLaneWorld, vault } from '../helpers/lane-world';
import { waitFor } from '../helpers/wait-for';

describe('an outbox lane', () => {
  useLaneWorld();

  it('sends a due row to the member, with its text and reference, and records the provider id', async () => {
    const id = enqueueMessage(db, vault, member, 'grey van on 5th', T0);
    const s = new FakeSender([{ providerId: 'SMabc' }]);
    startLane(s);
    await settle();
    expect(s.calls).toEqual([{ to: NUMBER, body: 'grey van on 5th', ref: id }]);
    expect(row(id)).toMatchObject({ state: 'sent', provider_id: 'SMabc', attempts: 1, error: null });
  });

  it('retries a server error later, with backoff, keeps the member, and sends the row again once it is due', async () => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    const backoff = { baseMs: 10_000, maxMs: 60_000, maxAttempts: 3 };
    const s = new FakeSender([new SendError('server', '500')]);
    const l = startLane(s, { backoff });
    await settle();
    const r = row(id);
    expect(r).toMatchObject({ state: 'pending', attempts: 1, error: 'server:500' });
    // Equal jitter: between half and all of the first wait.
    expect(r.due_at).toBeGreaterThanOrEqual(T0 + 5_000);
    expect(r.due_at).toBeLessThanOrEqual(T0 + 10_000);
    expect(memberStatus()).toBe('active');
    // Not before it is due.
    await later(4_999, l);
    expect(s.calls).toHaveLength(1);
    await later(5_001, l);
    expect(s.calls).toHaveLength(2);
    expect(row(id)).toMatchObject({ state: 'sent', attempts: 2, provider_id: 'SM2' });
  });

  it('sends a row that falls due later by itself, when its time comes', async () => {
    const id = enqueueMessage(db, vault, member, 'your check-in is due', T0, { dueAt: T0 + 40 });
    const s = new FakeSender();
    startLane(s);
    await settle();
    expect(s.calls).toEqual([]);
    // Nothing wakes the lane: it slept until the row's due time (40 ms), not until its next poll (an hour).
    clock.t = T0 + 40;
    await waitFor(() => row(id).state === 'sent', 1_000, 'the row sent when due');
    expect(s.calls.map((c) => c.body)).toEqual(['your check-in is due']);
    expect(logged('outbox lane sms')).toEqual([]);
  });

  it('makes maxAttempts attempts, and more while the message is younger than maxAgeMs (an outage), then fails the row for good', async () => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    const s = new FakeSender(Array.from({ length: 10 }, () => new SendError('connection', 'ECONNRESET')));
    const l = startLane(s, { backoff: { baseMs: 1_000, maxMs: 1_000, maxAttempts: 3 }, maxAgeMs: 150_000 });
    await settle();
    expect(row(id)).toMatchObject({ state: 'pending', attempts: 1, error: 'connection:ECONNRESET' });
    await later(60_000, l);
    expect(row(id)).toMatchObject({ state: 'pending', attempts: 2 });
    await later(60_000, l);
    // The third try failed, 2 minutes after the message was queued: younger than maxAgeMs, it is tried again.
    expect(row(id)).toMatchObject({ state: 'pending', attempts: 3 });
    await later(60_000, l);
    expect(row(id)).toMatchObject({ state: 'failed', attempts: 4, error: 'gave_up:connection:ECONNRESET' });
    await later(60_000, l);
    expect(s.calls).toHaveLength(4);
    // Each retry at debug (an outage is one warning per lane: lane-outage-log.test.ts); the give-up a warning of its own.
    expect(logs.filter((x) => x.includes('will retry') && x.includes('"level":40'))).toHaveLength(0);
    expect(logs.filter((x) => x.includes('will retry') && x.includes('"level":20'))).toHaveLength(3);
    expect(logs.filter((x) => x.includes('send failed for good') && x.includes('"level":40'))).toHaveLength(1);
  });

  // An invalid number is counted, not marked at once: lane-invalid-streak.test.ts.
  it.each([['stopped', '21610', 'stopped']] as const)('fails a row the provider refuses as %s at once, and marks and unsubscribes the member', async (kind, code, status) => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    startLane(new FakeSender([new SendError(kind, code)]));
    await settle();
    expect(row(id)).toMatchObject({ state: 'failed', attempts: 1, error: `${kind}:${code}` });
    expect(memberStatus()).toBe(status);
    expect(listAreas(db, member)).toEqual([]);
  });

  it('fails a permanent refusal without retrying, and leaves the member as they were', async () => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    const s = new FakeSender([new SendError('rejected', '21602')]);
    const l = startLane(s);
    await settle();
    expect(row(id)).toMatchObject({ state: 'failed', attempts: 1, error: 'rejected:21602' });
    expect(memberStatus()).toBe('active');
    expect(listAreas(db, member)).toEqual(['415']);
    await later(HOUR, l);
    expect(s.calls).toHaveLength(1);
  });

  it('treats an error that is not a SendError as a retryable internal one, and logs only that one as unexpected', async () => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    const l = startLane(new FakeSender([new Error('a bug in an adapter'), new SendError('server', '503')]));
    await settle();
    expect(row(id)).toMatchObject({ state: 'pending', error: 'server:internal' });
    expect(logged('unexpected send failure').map((l) => JSON.parse(l) as { outboxId?: number })).toMatchObject([{ outboxId: id }]);
    await later(HOUR, l);
    expect(row(id)).toMatchObject({ state: 'pending', attempts: 2, error: 'server:503' });
    expect(logged('unexpected send failure')).toHaveLength(1);
  });

  it('records a failure the provider gave no code for by its kind alone', async () => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    startLane(new FakeSender([new SendError('server')]));
    await settle();
    expect(row(id)).toMatchObject({ state: 'pending', error: 'server' });
  });

  it('does not send an alert queued to a member who then sent STOP', async () => {
    const id = enqueueMessage(db, vault, member, 'an alert already queued', T0);
    setMemberStatus(db, member, 'stopped');
    const s = new FakeSender();
    startLane(s);
    await settle();
    expect(row(id)).toMatchObject({ state: 'failed', error: 'recipient_stopped' });
    expect(s.calls).toEqual([]);
  });

  it('does not send an alert copy to a member waiting for a moderator (pending), and still sends her the reply queued to her', async () => {
    const alert = createAlert(db, vault, { npas: ['415'], reach: ['415'], text: 'grey van' }, T0);
    while (!planNextRange(db, alert, T0).done);
    // Planned while she was admitted; she stopped and asked to come back (SUBSCRIBE_MODE=approval).
    setMemberStatus(db, member, 'pending');
    const reply = enqueueMessage(db, vault, member, 'Your request is waiting for a moderator.', T0);
    const s = new FakeSender();
    startLane(s);
    await settle();
    const copy = db.sqlite.prepare('SELECT state, error FROM outbox WHERE alert_id = ?').get(alert);
    expect(copy).toEqual({ state: 'failed', error: 'recipient_pending' });
    expect(row(reply).state).toBe('sent');
    expect(s.calls.map((c) => c.body)).toEqual(['Your request is waiting for a moderator.']);
  });

  it('does not send to a member whose number the provider called invalid', async () => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    setMemberStatus(db, member, 'invalid');
    const s = new FakeSender();
    startLane(s);
    await settle();
    expect(row(id)).toMatchObject({ state: 'failed', error: 'recipient_invalid' });
    expect(s.calls).toEqual([]);
  });
});
