/**
 * Rosa on SMS and on Signal showing the same number, and a moderator's alert
 * for 415 whose fan-out is planned, her copy waiting to be sent: the set-up of
 * the tests of what STOP, LEAVE and a carrier's opt-out do to such a copy.
 */
import type { BotDeps } from '../../src/bot/context';
import { planNextRange, unplannedAlerts } from '../../src/store/alerts';
import { botWorld, type BotWorld } from './bot-world';

export const MOD = '+14155550199';
export const ROSA = '+14155550101';
export const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';

/** A bot whose moderator is MOD, with `signal(text)` for Rosa's messages over Signal (her number shown). */
export async function world(deps: Partial<BotDeps> = {}): Promise<BotWorld & { signal: (text: string) => string | null }> {
  const w = await botWorld({ moderators: new Set([MOD]), ...deps });
  let n = 0;
  const signal = (text: string) => w.bot.handle({ sender: { channel: 'signal', address: UUID, phone: ROSA }, text, providerId: `sig:${++n}` }).reply;
  return { ...w, signal };
}

/** A moderator's alert for 415, its fan-out planned: the copies wait to be sent. */
export function alert415(w: BotWorld): void {
  expect(w.sms(MOD, 'ALERT 415 grey van, knife').reply).toMatch(/Alert #[A-Z0-9]{4,6} going to/);
  for (const id of unplannedAlerts(w.db)) while (!planNextRange(w.db, id, w.clock.now).done);
}
