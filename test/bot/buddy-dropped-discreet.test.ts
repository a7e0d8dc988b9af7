/**
 * A buddy who accepted is told, unasked, when the member removes them
 * (BUDDY OFF): when that buddy is herself a member who chose DISCREET (by
 * SMS, or over Signal showing that number), it names neither the line, nor
 * a buddy, nor a check-in on her lock screen.
 */
import { LANGS, catalog } from '../../src/bot/catalog';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const ROSE = '+14155550101';
const LENA = '+14155550177';
const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const RULES = { fallback: 'none' as const, minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms' as const, 'signal' as const] };
const t = catalog('en');
/** What would out her on a lock screen, in every language: the line, a buddy, a check-in, safety. */
const NAMED = /heads up|buddy|amig|binome|parceir|check|segur|sécur|secur|acompanha|suivi|reporte|date|cita|rendez|encontro/i;

/** Lena has accepted Rose's invitation; what she is sent once Rose texts BUDDY OFF. */
function droppedAfterAccept(w: BotWorld): string[] {
  w.sms(ROSE, `BUDDY ${LENA} Rose`);
  expect(w.sms(LENA, 'ACCEPT').reply).toBe(t.buddyAccepted());
  // BUDDY OFF withdraws what was still queued to her (the invitation, here unsent): only what is new counts.
  const before = w.direct(LENA);
  expect(w.sms(ROSE, 'BUDDY OFF').reply).toBe(t.buddiesRemoved(1));
  return w.direct(LENA).filter((text) => !before.includes(text));
}

describe('BUDDY OFF, told to an accepted buddy', () => {
  it('names nothing of the line to a buddy who is a discreet member', async () => {
    const w = await botWorld({ checkins: RULES });
    w.sms(LENA, 'JOIN 415');
    w.sms(LENA, 'DISCREET');
    expect(droppedAfterAccept(w)).toEqual(["HU: Rose removed you as their contact. You'll get no more messages about them."]);
  });

  it('is as plain when she asked for DISCREET over Signal, showing that number', async () => {
    const w = await botWorld({ checkins: RULES });
    const signal = { channel: 'signal' as const, address: UUID, phone: LENA };
    w.bot.handle({ sender: signal, text: 'JOIN 415', providerId: 'sig:1' });
    w.bot.handle({ sender: signal, text: 'DISCREET', providerId: 'sig:2' });
    expect(droppedAfterAccept(w)).toEqual([t.discreetBuddyDropped('Rose')]);
  });

  it('names nothing of the line in any language', () => {
    for (const lang of LANGS) {
      const text = catalog(lang).discreetBuddyDropped('Rose');
      expect(text).toMatch(/^HU: Rose /);
      expect(text).not.toMatch(NAMED);
    }
  });

  it('is the full notice to a buddy who never asked for DISCREET', async () => {
    const w = await botWorld({ checkins: RULES });
    expect(droppedAfterAccept(w)).toEqual([t.buddyDropped('Rose')]);
  });
});
