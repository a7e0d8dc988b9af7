/**
 * A missed check-in's escalation whose message is at the provider at the
 * 3-minute mark (claimed, its answer not back yet) may be going through:
 * she is not told that her buddy could not be reached (nor the moderators
 * paged) while it is; the next run looks again.
 */
import { AlertRenderer } from '../../src/alerts/render-alert';
import { catalog } from '../../src/bot/catalog';
import { SendError } from '../../src/channels/types';
import { createLogger } from '../../src/log/logger';
import { DEFAULT_DISPATCHER } from '../../src/outbox/dispatcher';
import { Lane } from '../../src/outbox/lane';
import { OutcomeWriter } from '../../src/outbox/outcome-writer';
import type { Sender } from '../../src/phone/identity';
import { FakeSender, settle } from '../helpers/fake-sender';
import { missedCheckin, ROSE, sendPass, timers } from '../helpers/checkin-escalation';

const LILY = '+14155550177';
const MIN = 60_000;
const t = catalog('en');
// Retries within 20 s: the escalation is due again well before the 3-minute mark, whatever the jitter.
const SHORT_BACKOFF = { ...DEFAULT_DISPATCHER.backoff, maxMs: 20_000 };
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

it('does not tell her that her buddy could not be reached while the escalation is at the provider (its answer not back yet)', async () => {
  const w = await missedCheckin('sms', [LILY]);
  // Twilio 5xx for the first two and a half minutes.
  for (let i = 0; i < 5; i++) {
    await sendPass(w, 'sms', { [LILY]: new SendError('server', '500') }, { opts: { backoff: SHORT_BACKOFF } });
    timers(w);
    w.clock.now += 30_000;
  }
  const due0 = w.clock.now - 5 * 30_000;
  const row = w.db.sqlite.prepare("SELECT o.due_at FROM outbox o JOIN checkin_messages c ON c.outbox_id = o.id AND c.kind = 'escalation'").get() as { due_at: number };
  w.clock.now = Math.max(w.clock.now, row.due_at); // Twilio is back but slow
  expect(w.clock.now - due0).toBeLessThan(3 * MIN);
  const log = createLogger('silent');
  const sender = new FakeSender([], true);
  const writer = new OutcomeWriter(w.db, log, () => w.clock.now);
  const lane = new Lane(sender, { db: w.db, vault: w.vault, log, now: () => w.clock.now, opts: { ...DEFAULT_DISPATCHER, pollMs: 3_600_000 }, writer, renderer: new AlertRenderer(w.db, w.vault), smsSends: true });
  lane.start();
  try {
    await settle();
    expect(sender.calls.some((c) => c.to === LILY)).toBe(true); // Lily's escalation is in flight
    w.clock.now = due0 + 3 * MIN + 5_000; // 3 min 5 s: the timers run while Twilio still holds it
    timers(w);
  } finally {
    sender.release(); // Twilio accepts it
    await settle();
    writer.flush();
    await lane.stop();
    writer.flush();
  }
  const state = w.db.sqlite.prepare("SELECT o.state FROM outbox o JOIN checkin_messages c ON c.outbox_id = o.id AND c.kind = 'escalation'").all() as Array<{ state: string }>;
  expect(state.map((r) => r.state)).toEqual(['sent']);
  expect(w.queued(sms(ROSE)).map((m) => m.text)).not.toContain(t.checkinBuddiesUnreached(1, true));
});
