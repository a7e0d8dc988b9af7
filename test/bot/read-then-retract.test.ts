/**
 * RETRACT of an alert a discreet member's READ answer quotes while that
 * message still waits in the outbox (the second message, due two seconds
 * after the first; over Signal the first too): it must not go out with the
 * withdrawn text, and her other alerts in it still reach her.
 */
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { planNextRange } from '../../src/store/alerts';
import { claimLane, recordOutcomes, releaseLeases, settleReported } from '../../src/store/outbox';
import { followUpRetractions } from '../../src/store/retractions';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
const ROSA = '+14155550101';
const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const t = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const signal: Sender = { channel: 'signal', address: UUID, phone: ROSA };
const LONG = 'tall man, beard, red cap, calls himself Rick, says he is a cop, grabbed my arm and would not pay. '.repeat(4).trim();

/** A line where new members are discreet, Rosa a member of 415 on `via`. */
async function world(via: Sender) {
  const alerts: number[] = [];
  const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)], discreet: { byDefault: true, timerSeconds: 0 }, onAlert: (id) => alerts.push(id) });
  let n = 0;
  /** A message from Rosa (`media`: with a photo; `sid`: a provider id, to retry one). */
  const from = (text: string, opts: { media?: boolean; sid?: string } = {}) =>
    w.bot.handle(
      { sender: via, text, providerId: opts.sid ?? (via.channel === 'sms' ? `SMrosa${++n}` : `sig:${++n}`), ...(opts.media ? { media: true } : {}) },
      via.channel === 'sms' ? 'response' : 'outbox',
    ).reply;
  from('JOIN 415');
  /** A moderator's alert to 415, its fan-out planned; its reference. */
  const alert = (text: string): string => {
    const ref = /RETRACT ([A-Z0-9]{4,6})/.exec(w.sms(MOD, `ALERT 415 ${text}`).reply ?? '')?.[1] as string;
    const id = alerts[alerts.length - 1] as number;
    for (let i = 0; i < 10 && !planNextRange(w.db, id, w.clock.now).done; i++);
    w.clock.now += 60_000;
    return ref;
  };
  /** What waits to be sent to Rosa, opened. */
  const waiting = () => w.queued(via).filter((q) => q.state === 'pending').map((q) => q.text);
  return { ...w, from, alert, waiting };
}

/** Two short alerts, then one that fills a message: READ answers the long one first and queues the short ones. */
function threeAlerts(w: Awaited<ReturnType<typeof world>>): { pickup: string } {
  w.alert('sedan: blue sedan, choked a worker');
  const pickup = w.alert('pickup: red pickup, took my phone');
  w.alert(`van: ${LONG}`);
  return { pickup };
}

describe('RETRACT of an alert quoted by a READ message still waiting', () => {
  it('by SMS: the second message goes without it, the other alert in it still goes, and the moderator is told of it', async () => {
    const w = await world(sms(ROSA));
    const { pickup } = threeAlerts(w);
    const first = w.from('READ') ?? '';
    expect(first).toContain('van: tall man');
    expect(w.waiting().join('\n')).toContain('pickup: red pickup');
    const answer = w.sms(MOD, `RETRACT ${pickup}`).reply;
    const second = w.waiting().filter((m) => !m.startsWith('HU'));
    expect(second.join('\n')).not.toContain('red pickup');
    expect(second).toEqual([expect.stringMatching(/^\(415, [^)]+\) sedan: blue sedan, choked a worker$/)]);
    // Written again, it still goes: no copy was cancelled.
    expect(answer).toBe(t.modRetracted(`#${pickup}`, 0));
    // She had its notice and READ answered with it: she is told it is withdrawn, as plainly as the notice.
    w.db.transaction(() => followUpRetractions(w.db, w.vault, w.clock.now, 500));
    expect(w.waiting().filter((m) => m.startsWith('HU'))).toContainEqual(expect.stringMatching(/^HU 415: the message sent at .+ is withdrawn\. Please disregard it\.$/));
  });

  it('by SMS: a second message that quoted nothing else is cancelled', async () => {
    const w = await world(sms(ROSA));
    const sedan = w.alert('sedan: blue sedan, choked a worker');
    w.alert(`van: ${LONG}`);
    expect(w.from('READ')).toContain('van: tall man');
    expect(w.waiting().join('\n')).toContain('sedan: blue sedan');
    const answer = w.sms(MOD, `RETRACT ${sedan}`).reply;
    expect(w.waiting().filter((m) => !m.startsWith('HU')).join('\n')).toBe('');
    expect(answer).toBe(t.modRetracted(`#${sedan}`, 1));
  });

  it('over Signal: neither waiting message goes with it', async () => {
    const w = await world(signal);
    const { pickup } = threeAlerts(w);
    w.from('READ');
    expect(w.waiting().join('\n')).toContain('red pickup');
    const answer = w.sms(MOD, `RETRACT ${pickup}`).reply;
    const read = w.waiting().filter((m) => m.startsWith('('));
    expect(read.join('\n')).not.toContain('red pickup');
    expect(read.join('\n')).toContain('van: tall man');
    expect(read.join('\n')).toContain('sedan: blue sedan');
    expect(answer).toBe(t.modRetracted(`#${pickup}`, 0));
  });

  it('over Signal: the first message, still waiting, goes without it', async () => {
    const w = await world(signal);
    w.alert('sedan: blue sedan, choked a worker');
    const van = w.alert(`van: ${LONG}`);
    w.from('READ');
    const answer = w.sms(MOD, `RETRACT ${van}`).reply;
    const read = w.waiting().filter((m) => m.startsWith('('));
    expect(read.join('\n')).not.toContain('tall man');
    expect(read).toEqual([expect.stringMatching(/^\(415, [^)]+\) sedan: blue sedan, choked a worker$/)]);
    // The first message quoted it alone: cancelled, a copy cancelled.
    expect(answer).toBe(t.modRetracted(`#${van}`, 1));
  });

  it('by SMS: a second message in flight at RETRACT that comes back to be sent again waits for the follow-up and goes without it', async () => {
    const w = await world(sms(ROSA));
    const { pickup } = threeAlerts(w);
    w.from('READ');
    // The lane takes the second message (due two seconds after the first), then a restart cuts its send short.
    const due = w.clock.now + 2_000;
    const claimed = claimLane(w.db, 'sms', due, 10, due + 60_000).map((r) => r.id);
    expect(claimed.length).toBeGreaterThan(0);
    w.sms(MOD, `RETRACT ${pickup}`);
    releaseLeases(w.db, due + 1_000);
    expect(w.waiting().join('\n')).toContain('red pickup');
    // The lane, started again before the follow-up's round, does not take it while it quotes the withdrawn alert.
    expect(claimLane(w.db, 'sms', due + 1_000, 10, due + 61_000)).toEqual([]);
    w.db.transaction(() => followUpRetractions(w.db, w.vault, due + 2_000, 500));
    const read = w.waiting().filter((m) => m.startsWith('('));
    expect(read.join('\n')).not.toContain('red pickup');
    expect(read).toEqual([expect.stringMatching(/^\(415, [^)]+\) sedan: blue sedan, choked a worker$/)]);
    // Written again, it goes (beside the correction the follow-up queued her).
    expect(claimLane(w.db, 'sms', due + 2_000, 10, due + 62_000).map((r) => r.id)).toEqual(expect.arrayContaining(claimed));
  });

  it('by SMS: a second message sent, then reported undelivered after the follow-up was done, goes again without it', async () => {
    const w = await world(sms(ROSA));
    const { pickup } = threeAlerts(w);
    w.from('READ');
    const due = w.clock.now + 2_000;
    const [readId] = claimLane(w.db, 'sms', due, 10, due + 60_000).map((r) => r.id) as [number];
    // Twilio took it: sent, its text kept for an "undelivered" to send it again.
    w.db.sqlite.prepare("UPDATE outbox SET state = 'sent', provider_id = 'SMread', lease_until = 0, sends = 1 WHERE id = ?").run(readId);
    w.sms(MOD, `RETRACT ${pickup}`);
    w.db.transaction(() => followUpRetractions(w.db, w.vault, due + 1_000, 500));
    expect(w.db.sqlite.prepare('SELECT count(*) AS n FROM alerts WHERE retraction_done_at IS NOT NULL').get()).toEqual({ n: 1 });
    // Then Twilio reports it undelivered: it is to go again, and must not quote the withdrawn alert.
    w.db.transaction(() => settleReported(w.db, readId, 'SMread', { state: 'pending', error: '30003', retryAt: due + 10_000 }, due + 10_000));
    w.db.transaction(() => followUpRetractions(w.db, w.vault, due + 15_000, 500));
    const read = w.waiting().filter((m) => m.startsWith('('));
    expect(read).toEqual([expect.stringMatching(/^\(415, [^)]+\) sedan: blue sedan, choked a worker$/)]);
    expect(claimLane(w.db, 'sms', due + 15_000, 10, due + 75_000).map((r) => r.id)).toContain(readId);
  });

  it('over Signal: a READ sent with a photo is taken out of too', async () => {
    const w = await world(signal);
    w.alert('sedan: blue sedan, choked a worker');
    const van = w.alert(`van: ${LONG}`);
    expect(w.waiting().join('\n')).not.toContain('tall man');
    w.from('READ', { media: true });
    expect(w.waiting().join('\n')).toContain('tall man');
    w.sms(MOD, `RETRACT ${van}`);
    w.db.transaction(() => followUpRetractions(w.db, w.vault, w.clock.now + 5_000, 500));
    expect(w.waiting().join('\n')).not.toContain('tall man');
    expect(w.waiting().join('\n')).toContain('sedan: blue sedan');
  });
});

// RETRACT's follow-up reads the READ messages quoting a withdrawn alert every 5 s: one that can no longer
// be sent again keeps nothing of what it quoted, or the follow-up would read every READ since the alert went.
describe('what a READ message quoted, once it can no longer be sent again', () => {
  const quotesOf = (w: BotWorld, id: number) => (w.db.sqlite.prepare('SELECT count(*) AS n FROM read_quotes WHERE outbox_id = ?').get(id) as { n: number }).n;

  it('by SMS: kept while sent (an "undelivered" sends it again), gone once delivered', async () => {
    const w = await world(sms(ROSA));
    threeAlerts(w);
    w.from('READ');
    const due = w.clock.now + 2_000;
    const [sent] = claimLane(w.db, 'sms', due, 10, due + 60_000).map((r) => r.id) as [number];
    w.db.transaction(() => recordOutcomes(w.db, [{ id: sent, kind: 'sent', providerId: 'SMread' }], due));
    expect(quotesOf(w, sent)).toBe(2);
    w.db.transaction(() => settleReported(w.db, sent, 'SMread', { state: 'delivered' }, due + 1_000));
    expect(quotesOf(w, sent)).toBe(0);
  });

  it('by SMS: gone once its send failed for good', async () => {
    const w = await world(sms(ROSA));
    threeAlerts(w);
    w.from('READ');
    const due = w.clock.now + 2_000;
    const [id] = claimLane(w.db, 'sms', due, 10, due + 60_000).map((r) => r.id) as [number];
    expect(quotesOf(w, id)).toBe(2);
    w.db.transaction(() => recordOutcomes(w.db, [{ id, kind: 'failed', error: 'invalid:21211' }], due));
    expect(quotesOf(w, id)).toBe(0);
  });

  it('over Signal: gone once sent (nothing puts a Signal message back in line)', async () => {
    const w = await world(signal);
    threeAlerts(w);
    w.from('READ');
    const ids = claimLane(w.db, 'signal', w.clock.now + 2_000, 10, w.clock.now + 60_000).map((r) => r.id);
    expect(ids.map((id) => quotesOf(w, id))).toEqual([0, 1, 2]); // her JOIN's answer, then READ's two
    w.db.transaction(() => recordOutcomes(w.db, ids.map((id, i) => ({ id, kind: 'sent' as const, providerId: String(1_700_000_000_000 + i) })), w.clock.now + 2_000));
    expect(ids.map((id) => quotesOf(w, id))).toEqual([0, 0, 0]);
  });
});
