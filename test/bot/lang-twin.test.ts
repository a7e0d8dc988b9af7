/**
 * Someone on SMS and Signal with the same number is one person on
 * one phone (README, DISCREET). She chooses Spanish with LANG ES by SMS; the
 * planner sends her alerts over Signal: in English.
 */
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { planNextRange, unplannedAlerts } from '../../src/store/alerts';
import { claimLane } from '../../src/store/outbox';
import { AlertRenderer } from '../../src/alerts/render-alert';
import { botWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
const ROSA = '+14155550101';
const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

describe('LANG of a person on both channels', () => {
  it('an alert she gets over Signal comes in the language she chose by SMS', async () => {
    const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
    let n = 0;
    const signal = (text: string) => w.bot.handle({ sender: { channel: 'signal', address: UUID, phone: ROSA }, text, providerId: `sig:${++n}` }).reply;
    signal('JOIN 415');
    w.sms(ROSA, 'JOIN 415');
    // She wants Spanish, and says so (to the line, on her one phone).
    expect(w.sms(ROSA, 'LANG ES').reply).toBe(catalog('es').langSet());
    w.sms(MOD, 'ALERT 415 grey van, knife, plate 7ABC123');
    for (const id of unplannedAlerts(w.db)) while (!planNextRange(w.db, id, w.clock.now).done);
    const rows = [
      ...claimLane(w.db, 'signal', w.clock.now, 10, w.clock.now + 60_000),
      ...claimLane(w.db, 'sms', w.clock.now, 10, w.clock.now + 60_000),
    ].filter((r) => r.alert_id !== null);
    expect(rows).toHaveLength(1);
    const text = new AlertRenderer(w.db, w.vault).render(rows[0]!.alert_id!, rows[0]!.lang, rows[0]!.discreet === 1);
    expect({ channel: rows[0]!.channel, text }).toEqual({ channel: 'signal', text: expect.stringMatching(/^Alerta Heads Up/) });
  });
});
