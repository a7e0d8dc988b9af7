/**
 * A missed check-in's escalation goes before the replies queued ahead of it
 * on the same lane: at a low SEND_RATE, a burst of texts answered over
 * Signal just before her deadline must not hold her buddy's message back
 * past the 3 minutes after which she is told no one could be reached.
 */
import { missedCheckin, sendPass } from '../helpers/checkin-escalation';

const LILY = '+14155550177';
const MIN = 60_000;
const OTHERS = Array.from({ length: 20 }, (_, i) => `0b1c2d3e-4f50-4a6b-8c7d-${String(100000000000 + i)}`);

it('sends her buddy the escalation before the replies to texts that came in just before her deadline', async () => {
  const w = await missedCheckin('signal', [LILY]);
  // Texts answered a minute before the escalation was queued (a burst at her deadline).
  w.clock.now -= MIN;
  for (const [i, uuid] of OTHERS.entries()) w.bot.handle({ sender: { channel: 'signal', address: uuid }, text: 'HELP', providerId: `${uuid}:${i}` }, 'outbox');
  w.clock.now += MIN;
  const sent = await sendPass(w, 'signal');
  const escalation = sent.calls.findIndex((c) => c.body.includes('blue Honda'));
  // The lane takes only so many at once (SEND_RATE): the escalation is among the first it takes.
  expect(escalation).toBe(0);
  expect(sent.calls.filter((c) => c.body.startsWith('Heads Up bad date line')).length).toBeGreaterThan(0);
});
