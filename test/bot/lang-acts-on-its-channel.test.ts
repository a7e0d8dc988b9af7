/**
 * LANG, or a keyword written in another language, from someone on SMS and
 * Signal with the same number sets the language of the channel it comes from
 * only, as STOP acts: an SMS from her number may be spoofed, or come from the
 * new holder of a recycled number her Signal account still shows. What she
 * gets over Signal stays in the language she chose there.
 */
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { planNextRange, unplannedAlerts } from '../../src/store/alerts';
import { claimLane } from '../../src/store/outbox';
import { AlertRenderer } from '../../src/alerts/render-alert';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
const ROSA = '+14155550101';
const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

async function twins(): Promise<{ w: BotWorld; signal: (text: string) => string | null }> {
  const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
  let n = 0;
  const signal = (text: string) => w.bot.handle({ sender: { channel: 'signal', address: UUID, phone: ROSA }, text, providerId: `sig:${++n}` }).reply;
  expect(signal('JOIN 415')).toBe(catalog('en').joined(['415']));
  // Hers, or the new holder of the number her Signal account still shows.
  expect(w.sms(ROSA, 'JOIN 415').reply).toBe(catalog('en').joined(['415']));
  return { w, signal };
}

/** The alert a moderator sends to 415, as the copy the planner queues renders: its channel and text. */
function alertCopy(w: BotWorld): { channel: string; text: string | null } {
  w.sms(MOD, 'ALERT 415 grey van, knife, plate 7ABC123');
  for (const id of unplannedAlerts(w.db)) while (!planNextRange(w.db, id, w.clock.now).done);
  const rows = [
    ...claimLane(w.db, 'signal', w.clock.now, 10, w.clock.now + 60_000),
    ...claimLane(w.db, 'sms', w.clock.now, 10, w.clock.now + 60_000),
  ].filter((r) => r.alert_id !== null);
  expect(rows).toHaveLength(1);
  return { channel: rows[0]!.channel, text: new AlertRenderer(w.db, w.vault).render(rows[0]!.alert_id!, rows[0]!.lang, rows[0]!.discreet === 1) };
}

describe('LANG from one channel of someone on both with the same number', () => {
  it('LANG FR by SMS answers in French there, and leaves her Signal replies and alerts in English', async () => {
    const { w, signal } = await twins();
    expect(w.sms(ROSA, 'LANG FR').reply).toBe(catalog('fr').langSet());
    // Words of no language are answered in the membership's own.
    expect(signal('hmm')).toBe(catalog('en').hint());
    expect(alertCopy(w)).toEqual({ channel: 'signal', text: expect.stringMatching(/^Heads Up alert/) });
  });

  it('a keyword in Spanish by SMS leaves her Signal replies in English', async () => {
    const { w, signal } = await twins();
    expect(w.sms(ROSA, 'ZONAS').reply).toBe(catalog('es').areas(['415']));
    expect(signal('hmm')).toBe(catalog('en').hint());
  });

  it('LANG ES over Signal: her alerts over Signal come in Spanish', async () => {
    const { w, signal } = await twins();
    expect(signal('LANG ES')).toBe(catalog('es').langSet());
    expect(alertCopy(w)).toEqual({ channel: 'signal', text: expect.stringMatching(/^Alerta Heads Up/) });
  });
});
